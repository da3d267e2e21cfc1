"""Text out of attached files (PDF and Word), for the index.

Extraction is best effort: a damaged, scanned or password-protected file
gives whatever text could be read, or none, and never an error, so that an
upload is never refused because the index could not read it.
"""

import logging
import zipfile
from pathlib import PurePath
from typing import IO

from search.sources import MAX_BODY

logger = logging.getLogger(__name__)

# A scanned 300-page PDF has no text to find anyway; reading it all would only hold the worker.
MAX_PDF_PAGES = 300


def extract_text(name: str, handle: IO[bytes]) -> str:
    """The text of the file called `name`, read from `handle`; "" for other kinds of file."""
    suffix = PurePath(name).suffix.lower()
    try:
        if suffix == ".pdf":
            return _pdf_text(handle)
        if suffix == ".docx":
            return _docx_text(handle)
    except Exception as error:  # a broken file must not break the upload that indexes it
        logger.warning("Could not read the text of %s: %s", name, error)
    return ""


def _pdf_text(handle: IO[bytes]) -> str:
    from pypdf import PdfReader

    reader = PdfReader(handle)
    if reader.is_encrypted:
        return ""
    parts: list[str] = []
    size = 0
    for number, page in enumerate(reader.pages):
        if number >= MAX_PDF_PAGES or size >= MAX_BODY:
            break
        text = page.extract_text() or ""
        parts.append(text)
        size += len(text)
    return "\n".join(parts)


def _docx_text(handle: IO[bytes]) -> str:
    import docx

    if not zipfile.is_zipfile(handle):
        return ""
    handle.seek(0)
    document = docx.Document(handle)
    parts = [paragraph.text for paragraph in document.paragraphs]
    for table in document.tables:
        for row in table.rows:
            # Merged cells repeat the same cell object along the row.
            seen: list[object] = []
            for cell in row.cells:
                if cell._tc not in seen:
                    seen.append(cell._tc)
                    parts.append(cell.text)
    return "\n".join(part for part in parts if part.strip())
