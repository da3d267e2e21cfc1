"""The built-in Word template of each kind of document, generated here with python-docx.

A template is an ordinary .docx holding docxtpl tags ({{ title }}, {{p body }},
{%p for r in recipients %}…); see `VARIABLES` for what a template may use.
The office downloads this file, changes it in Word (fonts, spacing, fixed
wording, a logo) and uploads it back (documents/validation.py checks it).

Layout per HD 36-HD/VPTW: A4, margins 20/15/20/30 mm, Times New Roman; top
left the superior body (caps 14) over the issuing body (caps 14 bold) and a
star, then the number; top right "ĐẢNG CỘNG SẢN VIỆT NAM" (caps 15 bold, rule
below), then the place and date in italics; the title (bold caps 16) and its
summary line (bold 14); the body (14); the signature block and "Nơi nhận";
page numbers from the second page, top centre.
"""

import datetime as dt
import io
from functools import lru_cache

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, override
from docx import Document
from docx.document import Document as WordDocument
from docx.enum.section import WD_ORIENT
from docx.enum.style import WD_STYLE_TYPE
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Pt
from docx.table import _Cell
from docx.text.paragraph import Paragraph as DocxParagraph

from documents.models import DocumentKind
from documents.ooxml import rule_below, table_borders

FONT = "Times New Roman"
# A fixed date in the file's properties, so the same code always builds the same template.
BUILT = dt.datetime(2026, 1, 1, tzinfo=dt.UTC)
PAGE_WIDTH, PAGE_HEIGHT = Cm(21), Cm(29.7)
MARGINS = {"top": Cm(2), "bottom": Cm(2), "left": Cm(3), "right": Cm(1.5)}
# Paragraph styles the body is set in; a template may restyle them in Word.
STYLES = {
    "text": "Chibo Text",
    "heading": "Chibo Heading",
    "caption": "Chibo Caption",
    "item": "Chibo Item",
    "center": "Chibo Center",
    "note": "Chibo Note",
    "table": "Chibo Table",
}

# What a template may use, shown on the templates page: the tag as written in Word, and what it holds.
VARIABLES = [
    ("{{ superior_body }}", gettext_lazy("the superior body, e.g. ĐẢNG BỘ XÃ TAM NÔNG")),
    ("{{ issuing_body }}", gettext_lazy("the issuing body, e.g. CHI BỘ KHU 6")),
    ("{{ number_line }}", gettext_lazy("the number and symbol, e.g. Số 05-NQ/CB (empty for the agenda)")),
    ("{{ place_date }}", gettext_lazy("the place and date, e.g. Tam Nông, ngày 20 tháng 11 năm 2026")),
    ("{{ title }}", gettext_lazy("the kind of document, e.g. NGHỊ QUYẾT")),
    ("{{ summary }}", gettext_lazy("the summary line under the title")),
    ("{%p if is_draft %} … {%p endif %}", gettext_lazy("what only a draft shows")),
    ("{{p body }}", gettext_lazy("the text of the document, alone in its paragraph (required)")),
    (
        "{{ signature.on_behalf }} {{ signature.role }} {{ signature.name }}",
        gettext_lazy("the signature, e.g. T/M CHI BỘ, BÍ THƯ and the name"),
    ),
    ("{{ left_signature.role }} {{ left_signature.name }}", gettext_lazy("the minute-taker's signature (minutes)")),
    ("{%p for r in recipients %} {{ r }} {%p endfor %}", gettext_lazy("the lines of “Nơi nhận”")),
    ("{{p annex }}", gettext_lazy("the attached sheet, alone in its paragraph (minutes)")),
]
# The names a template may use, for messages about an unknown one.
NAMES = [
    "superior_body",
    "issuing_body",
    "number_line",
    "place_date",
    "title",
    "summary",
    "is_draft",
    "draft_label",
    "body",
    "signature",
    "left_signature",
    "recipients",
    "annex",
]


def _fonts(run_or_style: object, size: float | None = None, bold: bool | None = None) -> None:
    font = run_or_style.font  # type: ignore[attr-defined]
    font.name = FONT
    if size is not None:
        font.size = Pt(size)
    if bold is not None:
        font.bold = bold
    # python-docx sets the Latin slots only; set the others too, so that no character falls back to another font.
    fonts = run_or_style.element.get_or_add_rPr().get_or_add_rFonts()  # type: ignore[attr-defined]
    for attr in ("w:ascii", "w:hAnsi", "w:eastAsia", "w:cs"):
        fonts.set(qn(attr), FONT)


def _styles(document: WordDocument) -> None:
    normal = document.styles["Normal"]
    _fonts(normal, 14)
    normal.paragraph_format.space_after = Pt(0)
    normal.paragraph_format.space_before = Pt(0)
    normal.paragraph_format.line_spacing = 1.0

    def add(key: str, **fmt: object) -> None:
        style = document.styles.add_style(STYLES[key], WD_STYLE_TYPE.PARAGRAPH)
        style.base_style = normal
        style.quick_style = True
        pf = style.paragraph_format
        pf.alignment = fmt.get("align", WD_ALIGN_PARAGRAPH.JUSTIFY)
        pf.first_line_indent = fmt.get("indent", Cm(1))
        pf.space_before = Pt(fmt.get("before", 0))  # type: ignore[arg-type]
        pf.space_after = Pt(fmt.get("after", 6))  # type: ignore[arg-type]
        pf.line_spacing = 1.15
        pf.widow_control = True
        if fmt.get("keep"):
            pf.keep_with_next = True
        style.font.bold = bool(fmt.get("bold"))
        style.font.italic = bool(fmt.get("italic"))
        if fmt.get("size"):
            style.font.size = Pt(fmt["size"])  # type: ignore[arg-type]

    add("text")
    add("heading", bold=True, before=6, keep=True)
    add("caption", align=WD_ALIGN_PARAGRAPH.CENTER, indent=Cm(0), bold=True, before=6, keep=True)
    add("item")
    add("center", align=WD_ALIGN_PARAGRAPH.CENTER, indent=Cm(0))
    add("note", italic=True)
    add("table", align=WD_ALIGN_PARAGRAPH.LEFT, indent=Cm(0), after=0, size=12)


def _page(document: WordDocument) -> None:
    section = document.sections[0]
    section.orientation = WD_ORIENT.PORTRAIT
    section.page_width, section.page_height = PAGE_WIDTH, PAGE_HEIGHT
    section.top_margin, section.bottom_margin = MARGINS["top"], MARGINS["bottom"]
    section.left_margin, section.right_margin = MARGINS["left"], MARGINS["right"]
    section.header_distance = Cm(1)
    # Page numbers from the second page on, at the top centre.
    section.different_first_page_header_footer = True
    paragraph = section.header.paragraphs[0]
    paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
    field = OxmlElement("w:fldSimple")
    field.set(qn("w:instr"), "PAGE")
    run = OxmlElement("w:r")
    text = OxmlElement("w:t")
    text.text = "2"
    run.append(text)
    field.append(run)
    paragraph._p.append(field)


def _line(
    container: WordDocument | _Cell,
    text: str,
    *,
    size: float = 14,
    bold: bool = False,
    italic: bool = False,
    align: int = WD_ALIGN_PARAGRAPH.CENTER,
    underline: bool = False,
    first: bool = False,
) -> DocxParagraph:
    paragraph = container.paragraphs[0] if first else container.add_paragraph()
    paragraph.alignment = align
    paragraph.paragraph_format.first_line_indent = Cm(0)
    run = paragraph.add_run(text)
    _fonts(run, size, bold)
    run.font.italic = italic
    run.font.underline = underline
    return paragraph


def _widths(table: object, widths: list[Cm]) -> None:
    table.autofit = False  # type: ignore[attr-defined]
    # LibreOffice lays columns out by the grid, Word by the cells: set both.
    for column, width in zip(table.columns, widths, strict=True):  # type: ignore[attr-defined]
        column.width = width
    for row in table.rows:  # type: ignore[attr-defined]
        for cell, width in zip(row.cells, widths, strict=True):
            cell.width = width


def _header(document: WordDocument) -> None:
    table = document.add_table(rows=2, cols=2)
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    table_borders(table, ruled=False)
    _widths(table, [Cm(7), Cm(9.5)])
    left, right = table.cell(0, 0), table.cell(0, 1)
    _line(left, "{{ superior_body }}", first=True)
    _line(left, "{{ issuing_body }}", bold=True)
    _line(left, "*")
    party = _line(right, _("COMMUNIST PARTY OF VIETNAM"), size=15, bold=True, first=True)
    # The rule under the party's name is as wide as the name: a bottom border narrowed by indents.
    party.paragraph_format.left_indent = party.paragraph_format.right_indent = Cm(0.6)
    rule_below(party)
    _line(table.cell(1, 0), "{{ number_line }}", first=True)
    date = _line(table.cell(1, 1), "{{ place_date }}", italic=True, first=True)
    date.paragraph_format.space_before = Pt(6)


def _title(document: WordDocument) -> None:
    _line(document, "{%p if is_draft %}")
    draft = _line(document, _("DRAFT"), size=13, bold=True, align=WD_ALIGN_PARAGRAPH.RIGHT)
    draft.paragraph_format.space_before = Pt(6)
    _line(document, "{%p endif %}")
    title = _line(document, "{{ title }}", size=16, bold=True)
    title.paragraph_format.space_before = Pt(18)
    _line(document, "{{ summary }}", bold=True)
    dash = _line(document, "-----")
    dash.paragraph_format.space_after = Pt(12)


def _signed(cell: _Cell, *, on_behalf: bool, prefix: str = "signature") -> None:
    if on_behalf:
        _line(cell, "{{ " + prefix + ".on_behalf }}", bold=True, first=True)
        _line(cell, "{{ " + prefix + ".role }}", bold=True)
    else:
        _line(cell, "{{ " + prefix + ".role }}", bold=True, first=True)
    for _blank in range(4):
        _line(cell, "")
    _line(cell, "{{ " + prefix + ".name }}", bold=True)


def _recipients(cell: _Cell) -> None:
    label = _line(cell, _("Recipients:"), size=14, bold=True, align=WD_ALIGN_PARAGRAPH.LEFT, first=True)
    label.runs[0].font.underline = True
    _line(cell, "{%p for r in recipients %}", size=12, align=WD_ALIGN_PARAGRAPH.LEFT)
    _line(cell, "{{ r }}", size=12, align=WD_ALIGN_PARAGRAPH.LEFT)
    _line(cell, "{%p endfor %}", size=12, align=WD_ALIGN_PARAGRAPH.LEFT)


def _signatures(document: WordDocument, kind: str) -> None:
    spacer = _line(document, "")
    spacer.paragraph_format.space_after = Pt(6)
    table = document.add_table(rows=1, cols=2)
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    table_borders(table, ruled=False)
    _widths(table, [Cm(7.5), Cm(9)])
    left, right = table.cell(0, 0), table.cell(0, 1)
    if kind == DocumentKind.MINUTES:
        _signed(left, on_behalf=False, prefix="left_signature")
        _signed(right, on_behalf=False)
    else:
        _recipients(left)
        _signed(right, on_behalf=True)


def build_template(kind: str) -> bytes:
    """The built-in template of `kind` as .docx bytes, written in Vietnamese."""
    with override("vi"):
        document = Document()
        _styles(document)
        _page(document)
        _header(document)
        _title(document)
        _line(document, "{{p body }}", align=WD_ALIGN_PARAGRAPH.JUSTIFY)
        _signatures(document, kind)
        if kind == DocumentKind.MINUTES:
            _line(document, "{{p annex }}")
        # Word expects the body to end with a paragraph, not a table.
        _line(document, "", size=2)
        props = document.core_properties
        props.author = props.last_modified_by = "chibo"
        props.created = props.modified = BUILT
        props.title = str(DocumentKind(kind).label)
        props.comments = ""
        out = io.BytesIO()
        document.save(out)
        return out.getvalue()


@lru_cache(maxsize=len(DocumentKind.values))
def default_template(kind: str) -> bytes:
    return build_template(kind)
