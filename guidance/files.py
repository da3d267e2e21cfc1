"""Checks on the documents the commune passes on to its cells.

The extension alone proves nothing: the first bytes must match it too, so a
renamed executable or a junk file is refused with a clear message.
"""

import zipfile
from pathlib import PurePath

from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.utils.translation import gettext as _

MAX_FILE_MB = 20
MAX_FILE_BYTES = MAX_FILE_MB * 1024 * 1024

# Extension → the bytes such a file starts with.
SIGNATURES: dict[str, tuple[bytes, ...]] = {
    ".pdf": (b"%PDF-",),
    ".docx": (b"PK\x03\x04",),
    ".jpg": (b"\xff\xd8\xff",),
    ".jpeg": (b"\xff\xd8\xff",),
    ".png": (b"\x89PNG\r\n\x1a\n",),
}
CONTENT_TYPES = {
    ".pdf": "application/pdf",
    ".docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    ".jpg": "image/jpeg",
    ".jpeg": "image/jpeg",
    ".png": "image/png",
}
ACCEPT = ",".join(SIGNATURES)


def extension(name: str) -> str:
    return PurePath(name).suffix.lower()


def check_upload(upload: UploadedFile) -> UploadedFile:
    """Return `upload` if it is a PDF, Word (.docx), JPEG or PNG file within the size limit."""
    ext = extension(upload.name or "")
    if ext not in SIGNATURES:
        raise ValidationError(
            _("“%(name)s” cannot be attached: only PDF, Word (.docx), JPG and PNG files are accepted.")
            % {"name": upload.name},
            code="type",
        )
    if upload.size is not None and upload.size > MAX_FILE_BYTES:
        raise ValidationError(
            _("“%(name)s” is %(size)s MB; a file may be at most %(max)s MB.")
            % {"name": upload.name, "size": f"{upload.size / 1024 / 1024:.1f}".replace(".", ","), "max": MAX_FILE_MB},
            code="size",
        )
    if not upload.size:
        raise ValidationError(_("“%(name)s” is empty.") % {"name": upload.name}, code="empty")
    upload.seek(0)
    head = upload.read(16)
    upload.seek(0)
    if not head.startswith(SIGNATURES[ext]) or (ext == ".docx" and not _is_word_document(upload)):
        raise ValidationError(
            _("“%(name)s” is not a real %(kind)s file (it may be damaged or renamed). Save it again and re-upload it.")
            % {"name": upload.name, "kind": ext.lstrip(".").upper()},
            code="content",
        )
    return upload


def _is_word_document(upload: UploadedFile) -> bool:
    try:
        with zipfile.ZipFile(upload) as archive:
            return "word/document.xml" in archive.namelist()
    except (zipfile.BadZipFile, OSError):
        return False
    finally:
        upload.seek(0)
