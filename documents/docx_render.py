"""Word rendering: an `OfficialDocument` poured into a docxtpl template.

The header, title and signatures are template tags; the body and the annex
are written here as Word markup, in the template's own paragraph styles
("Chibo Text", "Chibo Heading"…) so an office restyles them in Word. A
template that lacks those styles gets the same look by direct formatting.

Templates are uploaded by offices, so they render in Jinja's sandbox: a
template can print and loop over the values below, never reach Python
objects. Every value is plain text, a list or a dict.
"""

import io
from typing import Any

from django.utils.translation import gettext as _
from docx import Document
from docx.enum.style import WD_STYLE_TYPE
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml.ns import qn
from docx.shared import Cm, Emu, Pt
from docxtpl import DocxTemplate
from jinja2 import StrictUndefined
from jinja2.sandbox import SandboxedEnvironment
from lxml import etree
from markupsafe import Markup

from documents.docx_default import STYLES
from documents.official import Annex, Block, OfficialDocument, Paragraph, Signature, Table
from documents.ooxml import repeat_header_row, table_borders

# Autoescape: every value is text that goes into XML; only the body and annex markup built here is safe.
ENV = SandboxedEnvironment(autoescape=True, undefined=StrictUndefined)

# How each paragraph style looks when the template does not define it.
_FALLBACK: dict[str, dict[str, Any]] = {
    "text": {"align": WD_ALIGN_PARAGRAPH.JUSTIFY, "indent": Cm(1)},
    "heading": {"align": WD_ALIGN_PARAGRAPH.JUSTIFY, "indent": Cm(1), "bold": True},
    "caption": {"align": WD_ALIGN_PARAGRAPH.CENTER, "indent": Cm(0), "bold": True},
    "item": {"align": WD_ALIGN_PARAGRAPH.JUSTIFY, "indent": Cm(1)},
    "center": {"align": WD_ALIGN_PARAGRAPH.CENTER, "indent": Cm(0)},
    "note": {"align": WD_ALIGN_PARAGRAPH.JUSTIFY, "indent": Cm(1), "italic": True},
    "table": {"align": WD_ALIGN_PARAGRAPH.LEFT, "indent": Cm(0), "size": 12},
}


class _Writer:
    """Writes paragraphs and tables as WordprocessingML, to stand in a template where `{{p body }}` was.

    They are built in a scratch python-docx document and handed to docxtpl as
    markup; their paragraph styles are referred to by the template's own style
    ids, so they take the template's look.
    """

    def __init__(self, tpl: DocxTemplate) -> None:
        main = tpl.get_docx()
        self.style_ids = {s.name: s.style_id for s in main.styles if s.type == WD_STYLE_TYPE.PARAGRAPH}
        section = main.sections[-1]
        self.width = Emu(section.page_width - section.left_margin - section.right_margin)
        self.scratch = Document()
        self.body = self.scratch.element.body

    def markup(self) -> Markup:
        """What was written so far, as markup for the template; the scratch body is emptied."""
        parts = []
        for element in list(self.body):
            if element.tag == qn("w:sectPr"):
                continue
            parts.append(etree.tostring(element, encoding="unicode"))
            self.body.remove(element)
        return Markup("".join(parts))

    def _styled(self, paragraph: Any, style: str) -> Any:
        """Apply the template's style for `style`, or the same look directly when the template lacks it."""
        style_id = self.style_ids.get(STYLES[style])
        if style_id:
            paragraph._p.get_or_add_pPr().style = style_id
            return paragraph
        look = _FALLBACK[style]
        paragraph.alignment = look["align"]
        paragraph.paragraph_format.first_line_indent = look["indent"]
        paragraph.paragraph_format.space_after = Pt(0 if style == "table" else 6)
        return paragraph

    def _run(self, paragraph: Any, text: str, style: str, *, bold: bool = False) -> None:
        run = paragraph.add_run(text)
        if STYLES[style] not in self.style_ids:
            look = _FALLBACK[style]
            run.font.bold = look.get("bold")
            run.font.italic = look.get("italic")
            if look.get("size"):
                run.font.size = Pt(look["size"])
        if bold:
            run.font.bold = True

    def paragraph(self, text: str, style: str, *, bold: bool = False) -> Any:
        paragraph = self._styled(self.scratch.add_paragraph(), style)
        self._run(paragraph, text, style, bold=bold)
        return paragraph

    def _cell(self, cell: Any, text: str, *, bold: bool, center: bool) -> None:
        paragraph = self._styled(cell.paragraphs[0], "table")
        paragraph.paragraph_format.first_line_indent = Cm(0)
        if center:
            paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
        self._run(paragraph, text, "table", bold=bold)

    def table(self, table: Table) -> None:
        rows = [table.header, *table.rows] + ([table.footer] if table.footer else [])
        grid = self.scratch.add_table(rows=len(rows), cols=len(table.header))
        grid.alignment = WD_TABLE_ALIGNMENT.CENTER
        grid.autofit = False
        table_borders(grid, ruled=True)
        widths = [Emu(int(self.width * share)) for share in table.widths]
        for column, width in zip(grid.columns, widths, strict=True):
            # LibreOffice lays columns out by the grid, Word by the cells: set both.
            column.width = width
        # Row by row: `grid.cell(r, c)` walks the whole table on every call.
        for r, (row, values) in enumerate(zip(grid.rows, rows, strict=True)):
            heading = r == 0 or bool(table.footer) and r == len(rows) - 1
            group = r - 1 in table.groups
            for c, (cell, value) in enumerate(zip(row.cells, values, strict=True)):
                cell.width = widths[c]
                self._cell(cell, value, bold=heading or group, center=heading or c == 0)
        repeat_header_row(grid)
        # A paragraph after a table keeps Word from joining it to what follows.
        self.paragraph("", "table")

    def blocks(self, blocks: list[Block]) -> None:
        for block in blocks:
            if isinstance(block, Paragraph):
                self.paragraph(block.text, block.style)
            else:
                self.table(block)


def _annex(writer: _Writer, annex: Annex | None) -> Markup | str:
    if annex is None:
        return ""
    title = writer.paragraph(annex.title, "center", bold=True)
    title.paragraph_format.page_break_before = True
    writer.paragraph(annex.subtitle, "center")
    writer.table(annex.table)
    for line in annex.lines:
        writer.paragraph(line, "text")
    return writer.markup()


def _signature(sig: Signature | None) -> dict[str, str]:
    if sig is None:
        return {"on_behalf": "", "role": "", "name": ""}
    return {"on_behalf": sig.on_behalf, "role": sig.role, "name": sig.name}


def context(tpl: DocxTemplate, doc: OfficialDocument) -> dict[str, Any]:
    """The values a template sees; the same keys for every kind of document."""
    writer = _Writer(tpl)
    writer.blocks(doc.blocks)
    body = writer.markup()
    return {
        "superior_body": doc.superior_body,
        "issuing_body": doc.issuing_body,
        "number_line": doc.number_line,
        "place_date": doc.place_date,
        "title": doc.title,
        "summary": doc.summary,
        "is_draft": doc.draft,
        "draft_label": _("DRAFT"),
        "body": body,
        "signature": _signature(doc.signature),
        "left_signature": _signature(doc.left_signature),
        "recipients": list(doc.recipients),
        "annex": _annex(writer, doc.annex),
    }


def render_docx(doc: OfficialDocument, template: bytes) -> bytes:
    """Render `doc` into the template's bytes; raises what docxtpl and Jinja raise on a broken template."""
    tpl = DocxTemplate(io.BytesIO(template))
    tpl.render(context(tpl, doc), jinja_env=ENV)
    # Not get_docx(): after rendering it would load the template again.
    tpl.docx.core_properties.title = f"{doc.title} {doc.summary}"[:255]
    out = io.BytesIO()
    tpl.save(out)
    return out.getvalue()
