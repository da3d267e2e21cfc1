"""One entry point to render a document as PDF or Word, with the organization's template for Word."""

import logging
from dataclasses import dataclass

from documents.docx_default import default_template
from documents.docx_render import render_docx
from documents.official import OfficialDocument
from documents.pdf import render_pdf
from documents.word_templates import template_bytes
from orgs.models import Organization

log = logging.getLogger(__name__)

DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
PDF = "application/pdf"
FORMATS = {"pdf": PDF, "docx": DOCX}


@dataclass(frozen=True)
class Rendered:
    content: bytes
    content_type: str
    filename: str


def render(doc: OfficialDocument, org: Organization, fmt: str) -> Rendered:
    if fmt == "pdf":
        return Rendered(render_pdf(doc), PDF, f"{doc.filename}.pdf")
    template, version = template_bytes(org, doc.kind)
    try:
        content = render_docx(doc, template)
    except Exception:
        if version is None:
            raise
        # An uploaded template passed its checks on the samples; should a real document still trip it,
        # the office gets its document in the built-in layout rather than an error.
        log.exception("Word template %s of organization %s failed; using the built-in one", version.pk, org.pk)
        content = render_docx(doc, default_template(doc.kind))
    return Rendered(content, DOCX, f"{doc.filename}.docx")
