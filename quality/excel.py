"""The year's quality summary as an Excel workbook, for the annual review of the cells."""

from __future__ import annotations

import io

from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter

from quality.queries import QualityYear

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
HEADER_FILL = PatternFill("solid", fgColor="F0F0F0")
LEVEL_FILLS = ["E6F4EA", "E8F0FE", "FFF4DF", "FDE8E8"]


def _header(sheet, titles: list[str]) -> None:  # type: ignore[no-untyped-def]
    sheet.append(titles)
    for cell in sheet[sheet.max_row]:
        cell.font = Font(bold=True)
        cell.fill = HEADER_FILL
        cell.alignment = Alignment(wrap_text=True, vertical="top")
    sheet.freeze_panes = f"B{sheet.max_row + 1}"


def _widths(sheet, first: int, others: int) -> None:  # type: ignore[no-untyped-def]
    sheet.column_dimensions["A"].width = first
    for n in range(2, sheet.max_column + 1):
        sheet.column_dimensions[get_column_letter(n)].width = others


def _rounded(value: float | None) -> float | None:
    return round(value, 1) if value is not None else None


def workbook(report: QualityYear) -> bytes:
    """Two sheets: the yearly summary per cell, and each cell's level month by month."""
    book = Workbook()
    summary = book.active
    summary.title = _("Summary %(year)s") % {"year": report.year}
    heading = _("Meeting quality of the cells of %(org)s, %(year)s") % {"org": report.org.name, "year": report.year}
    summary.append([heading])
    summary["A1"].font = Font(bold=True, size=13)
    titles = [_("Cell"), _("Meetings evaluated"), *[level.title for level in report.levels]]
    titles += [
        _("Average points"),
        _("Average points last year"),
        _("Share rated %(level)s (%%)") % {"level": report.levels[0].title if report.levels else ""},
    ]
    if report.thematic_available:
        titles += [_("Thematic meetings, quarter %(n)d") % {"n": n} for n in range(1, 5)]
    _header(summary, titles)
    for row in report.rows:
        line = [row.cell.name, row.evaluated, *row.counts]
        line += [_rounded(row.average), _rounded(row.average_last_year), _rounded(row.share_top)]
        if report.thematic_available:
            line += [_quarter(q) for q in (row.thematic or [])]
        summary.append(line)
    _widths(summary, 34, 13)

    months = book.create_sheet(_("By month"))
    _header(months, [_("Cell"), *[m.strftime("%m/%Y") for m in report.months]])
    for row in report.rows:
        months.append([row.cell.name] + [_month_text(slot) for slot in row.slots])
        for slot, cell in zip(row.slots, months[months.max_row][1:], strict=True):
            if slot.main is not None:
                cell.fill = PatternFill("solid", fgColor=LEVEL_FILLS[min(slot.main.rank, len(LEVEL_FILLS) - 1)])
    _widths(months, 34, 14)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def _month_text(slot) -> str:  # type: ignore[no-untyped-def]
    mark = slot.main
    if mark is None:
        return _("not yet evaluated") if slot.pending else ""
    return f"{mark.title} ({mark.total}/{mark.max_total})"


def _quarter(entry) -> str:  # type: ignore[no-untyped-def]
    """ "held/required"; a quarter that has not begun yet is left blank."""
    if getattr(entry, "future", False):
        return ""
    held = entry["held"] if isinstance(entry, dict) else entry.held
    required = entry["required"] if isinstance(entry, dict) else entry.required
    return f"{held}/{required}"
