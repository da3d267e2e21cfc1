"""Write member workbooks: the blank template and the export share one layout.

Both are written with openpyxl's write-only mode, which streams rows to a
temporary file instead of keeping every cell in memory.
"""

import datetime as dt
from collections.abc import Iterable
from typing import IO, Any

from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.datavalidation import DataValidation

from member_excel.columns import COLUMNS, HELP_SHEET_TITLE, SHEET_TITLE, choice_labels
from members.models import Member
from orgs.models import Organization

DATE_FORMAT = "DD/MM/YYYY"
TEXT_FORMAT = "@"
# Drop-down lists reach as far as an import reads.
LAST_ROW = 100_001
_HEADER_FILL = PatternFill("solid", fgColor="F2DCDB")
_REQUIRED_FONT = Font(bold=True, color="9B1010")
_HEADER_FONT = Font(bold=True)
_WRAP = Alignment(wrap_text=True, vertical="top")
_TEXT_KINDS = {"citizen_id", "phone", "card", "cell"}


def _header(sheet: Any) -> list[WriteOnlyCell]:
    cells = []
    for column in COLUMNS:
        cell = WriteOnlyCell(sheet, value=str(column.title))
        cell.font = _REQUIRED_FONT if column.required else _HEADER_FONT
        cell.fill = _HEADER_FILL
        cell.alignment = _WRAP
        cells.append(cell)
    return cells


def _prepare_data_sheet(workbook: Workbook) -> Any:
    sheet = workbook.create_sheet(str(SHEET_TITLE))
    sheet.freeze_panes = "C2"
    for index, column in enumerate(COLUMNS, start=1):
        letter = get_column_letter(index)
        dimension = sheet.column_dimensions[letter]
        dimension.width = column.width
        if column.kind in _TEXT_KINDS:
            # Typed numbers stay text: Excel would drop the leading 0 of a CCCD or phone.
            dimension.number_format = TEXT_FORMAT
        elif column.kind == "date":
            dimension.number_format = DATE_FORMAT
        if column.choices:
            allowed = ",".join(choice_labels(column))
            validation = DataValidation(
                type="list",
                formula1=f'"{allowed}"',
                allow_blank=True,
                showErrorMessage=True,
                errorTitle=str(column.title),
                error=_("Choose a value from the list."),
            )
            validation.add(f"{letter}2:{letter}{LAST_ROW}")
            sheet.data_validations.append(validation)
    return sheet


def _help_sheet(workbook: Workbook, cells: Iterable[Organization]) -> None:
    sheet = workbook.create_sheet(str(HELP_SHEET_TITLE))
    for letter, width in zip("ABCDE", (26, 12, 60, 40, 22), strict=True):
        sheet.column_dimensions[letter].width = width
    bold = Font(bold=True)
    title = WriteOnlyCell(sheet, value=_("How to fill in the member list"))
    title.font = Font(bold=True, size=14)
    sheet.append([title])
    notes = [
        _("Write one member per row in the sheet “%(sheet)s”, under the column titles. Keep the titles.")
        % {"sheet": SHEET_TITLE},
        _("Titles in red are required for a new member. Columns may be in any order; other columns are ignored."),
        _("Dates: dd/mm/yyyy (17/05/1970) or an Excel date."),
        _("A row whose party card number or CCCD is already in chibo updates that member; other rows add new members."),
        _("When updating, an empty cell keeps what is stored. Moving a member to another cell is done by a transfer."),
        _("Nothing is written until you have checked the preview and confirmed the import."),
    ]
    for note in notes:
        sheet.append([note])
    sheet.append([])
    heads = [_("Column"), _("Required"), _("What to write"), _("Allowed values"), _("Example")]
    row = []
    for head in heads:
        cell = WriteOnlyCell(sheet, value=head)
        cell.font = bold
        cell.fill = _HEADER_FILL
        row.append(cell)
    sheet.append(row)
    for column in COLUMNS:
        values = [
            str(column.title),
            _("Yes") if column.required else "",
            str(column.help),
            "; ".join(choice_labels(column)),
            column.example,
        ]
        cells_row = []
        for value in values:
            cell = WriteOnlyCell(sheet, value=value)
            cell.alignment = _WRAP
            cells_row.append(cell)
        sheet.append(cells_row)
    sheet.append([])
    heading = WriteOnlyCell(sheet, value=_("Cell codes"))
    heading.font = bold
    sheet.append([heading])
    for cell in cells:
        sheet.append([cell.code, None, cell.official_name or cell.name])


def _member_row(sheet: Any, member: Member, labels: dict[str, dict[str, str]]) -> list[Any]:
    row: list[Any] = []
    for column in COLUMNS:
        if column.field == "organization":
            value: Any = member.organization.code
        else:
            value = getattr(member, column.field)
        if column.choices:
            row.append(labels[column.field].get(value, value) if value else None)
        elif isinstance(value, dt.date):
            cell = WriteOnlyCell(sheet, value=value)
            cell.number_format = DATE_FORMAT
            row.append(cell)
        else:
            row.append(value if value not in (None, "") else None)
    return row


def write_members(dest: IO[bytes], members: Iterable[Member], cells: Iterable[Organization]) -> None:
    """Write `members` (with their organization) as a workbook the import reads back.

    With no members it is the blank template. `cells` are listed on the instructions sheet.
    """
    workbook = Workbook(write_only=True)
    sheet = _prepare_data_sheet(workbook)
    sheet.append(_header(sheet))
    # Choice labels looked up once, not once per cell.
    labels = {c.field: {value: str(label) for value, label, _a in c.choices} for c in COLUMNS if c.choices}
    for member in members:
        sheet.append(_member_row(sheet, member, labels))
    _help_sheet(workbook, cells)
    workbook.save(dest)
