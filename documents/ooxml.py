"""Borders added to Word markup in the order the schema sets: Word refuses a file whose elements are out of order."""

from typing import Any

from docx.oxml import OxmlElement
from docx.oxml.ns import qn

# What may follow <w:tblBorders> in <w:tblPr>, and <w:pBdr> in <w:pPr> (ECMA-376 part 1, 17.4.60 and 17.3.1.26).
_AFTER_TABLE_BORDERS = (
    "w:shd",
    "w:tblLayout",
    "w:tblCellMar",
    "w:tblLook",
    "w:tblCaption",
    "w:tblDescription",
    "w:tblPrChange",
)
_AFTER_PARAGRAPH_BORDERS = (
    "w:shd",
    "w:tabs",
    "w:suppressAutoHyphens",
    "w:kinsoku",
    "w:wordWrap",
    "w:overflowPunct",
    "w:topLinePunct",
    "w:autoSpaceDE",
    "w:autoSpaceDN",
    "w:bidi",
    "w:adjustRightInd",
    "w:snapToGrid",
    "w:spacing",
    "w:ind",
    "w:contextualSpacing",
    "w:mirrorIndents",
    "w:suppressOverlap",
    "w:jc",
    "w:textDirection",
    "w:textAlignment",
    "w:textboxTightWrap",
    "w:outlineLvl",
    "w:divId",
    "w:cnfStyle",
    "w:rPr",
    "w:sectPr",
    "w:pPrChange",
)


def _edge(name: str, value: str) -> Any:
    element = OxmlElement(f"w:{name}")
    element.set(qn("w:val"), value)
    if value != "nil":
        for key, setting in (("w:sz", "4"), ("w:space", "0"), ("w:color", "000000")):
            element.set(qn(key), setting)
    return element


def table_borders(table: Any, *, ruled: bool) -> None:
    """Single black rules on every cell (`ruled`), or none at all, whatever the template's table styles say."""
    borders = OxmlElement("w:tblBorders")
    for edge in ("top", "left", "bottom", "right", "insideH", "insideV"):
        borders.append(_edge(edge, "single" if ruled else "nil"))
    table._tbl.tblPr.insert_element_before(borders, *_AFTER_TABLE_BORDERS)


def rule_below(paragraph: Any) -> None:
    """A thin rule under the paragraph (the line under "ĐẢNG CỘNG SẢN VIỆT NAM")."""
    borders = OxmlElement("w:pBdr")
    bottom = OxmlElement("w:bottom")
    for key, value in (("w:val", "single"), ("w:sz", "6"), ("w:space", "1"), ("w:color", "000000")):
        bottom.set(qn(key), value)
    borders.append(bottom)
    paragraph._p.get_or_add_pPr().insert_element_before(borders, *_AFTER_PARAGRAPH_BORDERS)


def repeat_header_row(table: Any) -> None:
    """The first row repeats at the top of every page the table runs over."""
    repeat = OxmlElement("w:tblHeader")
    repeat.set(qn("w:val"), "true")
    table.rows[0]._tr.get_or_add_trPr().append(repeat)
