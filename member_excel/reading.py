"""Open an uploaded member file safely and find its sheet, header row and columns.

The container is checked before any part of it is parsed: size, a real zip,
an Excel content type, and a bound on the unpacked size (a small zip can
unpack to gigabytes). Each problem raises `FileProblem` with a message code.
"""

import zipfile
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import IO, Any

from django.conf import settings
from lxml import etree

from member_excel.columns import BY_FIELD, COLUMNS, SHEET_TITLE, squash, vocabulary
from member_excel.parsing import is_blank
from member_excel.xlsx import XlsxError, XlsxReader

# The header may sit below a title block; look this far down for it.
HEADER_SEARCH_ROWS = 10
# Blank rows skipped while looking for the first member row.
BLANK_ROWS_BEFORE_DATA = 1000
# Uncompressed parts of a workbook rarely exceed 15 times the file size.
UNPACK_RATIO = 40
_OLE2_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_XLSX_TYPES = (
    b"application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml",
    b"application/vnd.ms-excel.sheet.macroEnabled.main+xml",
)


class FileProblem(Exception):
    def __init__(self, code: str, **params: Any) -> None:
        super().__init__(code)
        self.code = code
        self.params = params


@dataclass
class Layout:
    """Where the member table is in the workbook."""

    sheet: str
    header_row: int
    # Model field -> 0-based column index in the sheet.
    columns: dict[str, int]
    # Rows the sheet says it has (None when the file does not tell).
    max_row: int | None


def _mb(size: int) -> str:
    return f"{size / 1024 / 1024:.1f}".replace(".", ",").replace(",0", "")


def check_container(fh: IO[bytes], size: int) -> None:
    """Refuse anything that is not a reasonable .xlsx file, without parsing it."""
    limit = settings.MEMBER_IMPORT_MAX_BYTES
    if size > limit:
        raise FileProblem("too_big", size=_mb(size), limit=_mb(limit))
    if size == 0:
        raise FileProblem("empty_file")
    fh.seek(0)
    head = fh.read(8)
    fh.seek(0)
    if head == _OLE2_MAGIC:
        raise FileProblem("old_xls")
    if not head.startswith(b"PK"):
        raise FileProblem("not_xlsx")
    try:
        with zipfile.ZipFile(fh) as archive:
            names = set(archive.namelist())
            if "[Content_Types].xml" not in names:
                raise FileProblem("not_xlsx")
            info = archive.getinfo("[Content_Types].xml")
            if info.file_size > 1024 * 1024:
                raise FileProblem("not_xlsx")
            content_types = archive.read(info)
            if not any(t in content_types for t in _XLSX_TYPES):
                raise FileProblem("not_xlsx")
            if sum(i.file_size for i in archive.infolist()) > max(size, 1024 * 1024) * UNPACK_RATIO:
                raise FileProblem("unreadable")
    except (zipfile.BadZipFile, zipfile.LargeZipFile, NotImplementedError, EOFError, OSError) as exc:
        raise FileProblem("not_xlsx") from exc
    finally:
        fh.seek(0)


@contextmanager
def open_workbook(fh: IO[bytes]) -> Iterator[XlsxReader]:
    try:
        reader = XlsxReader(fh)
    except XlsxError as exc:
        raise FileProblem("unreadable") from exc
    try:
        yield reader
    finally:
        reader.close()


def rows(reader: XlsxReader, sheet: str, first: int = 1) -> Iterator[tuple[int, list[Any]]]:
    """The sheet's rows from row `first` on; a damaged part raises FileProblem."""
    try:
        for number, values in reader.rows(sheet):
            if number >= first:
                yield number, values
    except (etree.XMLSyntaxError, zipfile.BadZipFile, IndexError, ValueError, EOFError, OSError) as exc:
        raise FileProblem("unreadable") from exc


def find_sheet(reader: XlsxReader) -> str:
    wanted = vocabulary().sheets
    for name in reader.sheetnames:
        if squash(name) in wanted:
            return name
    raise FileProblem(
        "wrong_sheet",
        expected=str(SHEET_TITLE),
        found=", ".join(f"“{n}”" for n in reader.sheetnames) or "—",
    )


def find_layout(reader: XlsxReader, sheet: str) -> Layout:
    headers = vocabulary().headers
    best: tuple[int, dict[str, int], list[tuple[str, int, int]]] | None = None
    for number, row in rows(reader, sheet):
        if number > HEADER_SEARCH_ROWS:
            break
        found: dict[str, int] = {}
        twice: list[tuple[str, int, int]] = []
        for index, title in enumerate(row):
            if is_blank(title):
                continue
            field = headers.get(squash(title))
            if field is None:
                continue
            if field in found:
                twice.append((field, found[field], index))
            else:
                found[field] = index
        if best is None or len(found) > len(best[1]):
            best = (number, found, twice)
    if best is None or len(best[1]) < 2:
        raise FileProblem("no_header", sheet=sheet, rows=HEADER_SEARCH_ROWS)
    header_row, columns, twice = best
    if twice:
        field, first, second = twice[0]
        raise FileProblem("duplicate_column", column=str(BY_FIELD[field].title), first=first + 1, second=second + 1)
    missing = [str(c.title) for c in COLUMNS if c.required_column and c.field not in columns]
    if missing:
        raise FileProblem("missing_columns", columns=", ".join(f"“{m}”" for m in missing))
    try:
        max_row = reader.dimension_rows(sheet)
    except etree.XMLSyntaxError:
        max_row = None
    return Layout(sheet=sheet, header_row=header_row, columns=columns, max_row=max_row)


def has_data(reader: XlsxReader, layout: Layout) -> bool:
    indexes = list(layout.columns.values())
    for number, row in rows(reader, layout.sheet, layout.header_row + 1):
        if number > layout.header_row + BLANK_ROWS_BEFORE_DATA:
            return False
        if any(i < len(row) and not is_blank(row[i]) for i in indexes):
            return True
    return False


def inspect(fh: IO[bytes], size: int) -> Layout:
    """Every check a file must pass before its rows are read. Raises FileProblem."""
    check_container(fh, size)
    with open_workbook(fh) as reader:
        sheet = find_sheet(reader)
        layout = find_layout(reader, sheet)
        if not has_data(reader, layout):
            raise FileProblem("no_rows")
    fh.seek(0)
    return layout
