"""One neutral description of an official Party document (HD 36-HD/VPTW), whatever it is rendered into.

Builders (documents/builders/) fill an `OfficialDocument` from the records;
the PDF and Word renderers lay the same structure out. Nothing here knows
about the database or about a file format.
"""

import datetime as dt
from dataclasses import dataclass, field
from typing import Literal

from django.utils.translation import gettext as _

from core.dates import vn_long_date

# How a paragraph of the body is set: the text (justified, first line indented),
# a section heading ("I. THÀNH PHẦN", bold), a centred heading ("QUYẾT NGHỊ:", bold),
# a point of a list, a centred line, a note (italic).
Style = Literal["text", "heading", "caption", "item", "center", "note"]


@dataclass(frozen=True)
class Paragraph:
    text: str
    style: Style = "text"


@dataclass(frozen=True)
class Table:
    """A ruled table; `widths` are shares of the text width, one per column."""

    header: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]
    widths: tuple[float, ...]
    footer: tuple[str, ...] = ()
    # Rows (indexes into `rows`) that head a group of the rows below them, set in bold.
    groups: tuple[int, ...] = ()


Block = Paragraph | Table


@dataclass(frozen=True)
class Signature:
    """A signature block: "T/M CHI BỘ" over "BÍ THƯ", room to sign, then the name."""

    role: str
    name: str
    on_behalf: str = ""


@dataclass(frozen=True)
class Annex:
    """A sheet attached after the signatures, e.g. the meeting quality sheet."""

    title: str
    subtitle: str
    table: Table
    lines: tuple[str, ...] = ()


@dataclass
class OfficialDocument:
    kind: str
    superior_body: str  # "ĐẢNG BỘ XÃ TAM NÔNG"
    issuing_body: str  # "CHI BỘ KHU 6"
    place: str  # "Tam Nông"
    title: str  # "NGHỊ QUYẾT"
    summary: str  # the line under the title
    # The document type in the symbol ("NQ"), or "" for a document without a number (the agenda).
    doc_type: str = ""
    issuer_code: str = "CB"
    symbol: str = ""  # "05-NQ/CB" once issued
    date: dt.date | None = None  # None while a draft
    draft: bool = False
    blocks: list[Block] = field(default_factory=list)
    signature: Signature | None = None  # on the right
    left_signature: Signature | None = None  # on the left, for the minute-taker
    recipients: list[str] = field(default_factory=list)
    annex: Annex | None = None
    filename: str = "van-ban"

    @property
    def number_line(self) -> str:
        """ "Số 05-NQ/CB", or with the number left blank while the document is not issued."""
        if not self.doc_type:
            return ""
        if self.symbol:
            return _("No. %(symbol)s") % {"symbol": self.symbol}
        return _("No. %(symbol)s") % {"symbol": f"\u00a0\u00a0\u00a0\u00a0\u00a0-{self.doc_type}/{self.issuer_code}"}

    @property
    def place_date(self) -> str:
        """ "Tam Nông, ngày 20 tháng 11 năm 2026"; a draft leaves the day and month blank to be written in."""
        if self.date is None:
            blank = "\u00a0" * 4
            return _("%(place)s, day %(day)s month %(month)s year %(year)s") % {
                "place": self.place,
                "day": blank,
                "month": blank,
                "year": "20\u00a0\u00a0\u00a0",
            }
        return f"{self.place}, {vn_long_date(self.date)}"


def paragraphs_from_text(text: str) -> list[Paragraph]:
    """Plain text as the records keep it: one paragraph per line; blank lines dropped.

    A line in capitals that starts with a Roman numeral ("II. DIỄN BIẾN") is a
    heading, and a line starting with "- " or "+ " is a point of a list.
    """
    out = []
    for raw in text.splitlines():
        line = raw.strip()
        if not line:
            continue
        out.append(Paragraph(line, _style_of(line)))
    return out


_ROMAN = ("I.", "II.", "III.", "IV.", "V.", "VI.", "VII.", "VIII.", "IX.", "X.")


def _style_of(line: str) -> Style:
    head = line.split(" ", 1)[0]
    if head in _ROMAN and line == line.upper():
        return "heading"
    if line.endswith(":") and line == line.upper() and len(line) < 60:
        return "heading"
    if line.startswith(("- ", "+ ", "– ")):
        return "item"
    return "text"
