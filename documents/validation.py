"""Checks on an uploaded Word template, before it replaces the one in use.

A template is accepted only if it is a real .docx (no macros), places the
document's text (`{{p body }}`), and renders every sample of its kind without
error into a file Word can open. Otherwise the upload is refused with a
message that names the problem, and the template in use stays.
"""

import io
import re
import zipfile

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from docx import Document
from docxtpl import DocxTemplate
from jinja2 import TemplateError, TemplateSyntaxError, UndefinedError
from jinja2.exceptions import SecurityError

from documents.builders.samples import sample
from documents.docx_default import NAMES
from documents.docx_render import ENV, render_docx

MAX_BYTES = 5 * 1024 * 1024
# What the archive may unpack to: a Word file is mostly text, but a zip bomb is not.
MAX_UNPACKED_BYTES = 60 * 1024 * 1024
_UNDEFINED = re.compile(r"'([^']+)' is undefined|has no attribute '([^']+)'")
_UNKNOWN_TAG = re.compile(r"unknown tag '([^']+)'")
_UNSAFE = re.compile(r"attribute '([^']+)'")


def check_template(kind: str, data: bytes) -> None:
    """Raise ValidationError (in Vietnamese) if `data` cannot serve as the template of `kind`."""
    if not data:
        raise ValidationError(_("The file is empty: choose the template's .docx file."))
    if len(data) > MAX_BYTES:
        raise ValidationError(
            _("The file is larger than %(mb)d MB; a template is normally much smaller.")
            % {"mb": MAX_BYTES // (1024 * 1024)}
        )
    _check_package(data)
    try:
        tpl = DocxTemplate(io.BytesIO(data))
        used = tpl.get_undeclared_template_variables(ENV)
    except TemplateError as error:
        raise ValidationError(_tag_message(error)) from None
    except Exception:  # noqa: BLE001 (any parser failure means the same to the user)
        raise ValidationError(
            _("Word cannot read this file. Save it again in Word as “Word Document (.docx)”.")
        ) from None
    if "body" not in used:
        raise ValidationError(
            _("The template does not place the document's text: put %(tag)s alone in a paragraph.")
            % {"tag": "{{p body }}"}
        )
    for draft in (False, True):
        _try_render(kind, data, draft)


def _check_package(data: bytes) -> None:
    not_docx = _(
        "This file is not a Word document (.docx). Download the default template, edit it in Word and "
        "save it as “Word Document (.docx)”."
    )
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            names = set(archive.namelist())
            unpacked = sum(info.file_size for info in archive.infolist())
            types = archive.read("[Content_Types].xml") if "[Content_Types].xml" in names else b""
    except (zipfile.BadZipFile, OSError, ValueError):
        raise ValidationError(not_docx) from None
    if "word/document.xml" not in names or not types:
        raise ValidationError(not_docx)
    if b"macroEnabled" in types or "word/vbaProject.bin" in names:
        raise ValidationError(
            _("This file contains macros (.docm). Save it as “Word Document (.docx)” without macros.")
        )
    if unpacked > MAX_UNPACKED_BYTES:
        raise ValidationError(_("This file unpacks to far more data than a template holds; it was refused."))
    try:
        Document(io.BytesIO(data))
    except Exception:  # noqa: BLE001
        raise ValidationError(not_docx) from None


def _try_render(kind: str, data: bytes, draft: bool) -> None:
    try:
        out = render_docx(sample(kind, draft=draft), data)
    except TemplateError as error:
        raise ValidationError(_tag_message(error)) from None
    except Exception:  # noqa: BLE001 (broken XML from a tag that splits Word's structure)
        raise ValidationError(
            _(
                "The template produces a document Word cannot open. A tag probably cuts across a table or a "
                "paragraph: put each %(tag)s tag alone in its own paragraph."
            )
            % {"tag": "{%p … %}"}
        ) from None
    try:
        Document(io.BytesIO(out))
    except Exception:  # noqa: BLE001
        raise ValidationError(
            _("The template produces a document Word cannot open. Start again from the default template.")
        ) from None


def _near(error: TemplateError) -> str:
    """The text around the faulty tag, as docxtpl keeps it, without the XML."""
    lines = [line.strip() for line in getattr(error, "docx_context", []) or [] if line.strip()]
    text = " ".join(lines)
    return (text[:120] + "…") if len(text) > 120 else text


def _tag_message(error: TemplateError) -> str:
    detail = str(getattr(error, "message", "") or error)
    if isinstance(error, UndefinedError):
        found = _UNDEFINED.search(detail)
        name = next((g for g in (found.groups() if found else ()) if g), detail)
        known = ", ".join(NAMES)
        return _("The template uses “%(name)s”, which the document does not have. Names you may use: %(known)s.") % {
            "name": name,
            "known": known,
        }
    if isinstance(error, SecurityError):
        found = _UNSAFE.search(detail)
        return _("The template may not use “%(name)s”: a template only prints and repeats the document's values.") % {
            "name": found.group(1) if found else detail
        }
    if isinstance(error, TemplateSyntaxError):
        unknown = _UNKNOWN_TAG.search(detail)
        if unknown:
            problem = _("the tag “%(tag)s” does not exist") % {"tag": unknown.group(1)}
        elif "end of template" in detail or "Unexpected end" in detail:
            problem = _("a tag opened with %(tags)s is never closed") % {"tags": "{% if %} / {% for %}"}
        else:
            problem = _("a tag %(tags)s is written wrongly (%(detail)s)") % {
                "tags": "{{ … }} / {% … %}",
                "detail": detail,
            }
        near = _near(error)
        if near:
            return _("The template has a mistake: %(problem)s, near “%(near)s”.") % {"problem": problem, "near": near}
        return _("The template has a mistake: %(problem)s.") % {"problem": problem}
    return _("The template could not be filled in: %(detail)s.") % {"detail": detail}
