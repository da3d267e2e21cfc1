"""A small, fast, read-only reader for the cell values of an .xlsx sheet.

openpyxl's read-only mode builds a dictionary and often an object per cell
and, for files without a size record (openpyxl's own write-only files, so
our exports), parses the whole sheet once more just to size it: reading
50,000 members took it about half a minute. This reader streams the sheet
with lxml and keeps only what an import needs: text, numbers, booleans and
dates (numbers in a date style). It resolves no external entity and fetches
nothing from the network.
"""

import datetime as dt
import re
import zipfile
from collections.abc import Iterator
from posixpath import dirname, join, normpath
from typing import IO, Any

from lxml import etree
from openpyxl.styles.numbers import BUILTIN_FORMATS, is_date_format
from openpyxl.utils.datetime import MAC_EPOCH, WINDOWS_EPOCH, from_excel

MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
# Strict Open XML (an option of "Save as" in Excel) uses other namespaces for the same parts.
STRICT = "http://purl.oclc.org/ooxml/spreadsheetml/main"
OFFICE_REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
STRICT_REL = "http://purl.oclc.org/ooxml/officeDocument/relationships"
PACKAGE_REL = "http://schemas.openxmlformats.org/package/2006/relationships"

_DIGITS = "0123456789"


class XlsxError(Exception):
    """The package is not a readable workbook."""


def _parser_options() -> dict[str, Any]:
    return {"resolve_entities": False, "no_network": True, "load_dtd": False, "huge_tree": False}


def column_index(letters: str) -> int:
    """0-based index of a column: A -> 0, Z -> 25, AA -> 26."""
    index = 0
    for char in letters:
        index = index * 26 + ord(char) - 64
    return index - 1


class XlsxReader:
    def __init__(self, fh: IO[bytes]) -> None:
        try:
            self.archive = zipfile.ZipFile(fh)
            self._read_workbook()
            self.shared = self._read_shared_strings()
            self.date_styles = self._read_date_styles()
        except (zipfile.BadZipFile, KeyError, etree.XMLSyntaxError, ValueError) as exc:
            raise XlsxError(str(exc)) from exc

    def close(self) -> None:
        self.archive.close()

    def __enter__(self) -> "XlsxReader":
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # Package parts

    def _xml(self, name: str) -> Any:
        with self.archive.open(name) as part:
            return etree.parse(part, etree.XMLParser(**_parser_options())).getroot()

    def _has(self, name: str) -> bool:
        try:
            self.archive.getinfo(name)
        except KeyError:
            return False
        return True

    def _relations(self, part: str) -> dict[str, tuple[str, str]]:
        """Relationship id -> (type, part name) for `part`."""
        rels_name = join(dirname(part), "_rels", part.rsplit("/", 1)[-1] + ".rels")
        if not self._has(rels_name):
            return {}
        found = {}
        for rel in self._xml(rels_name).iter(f"{{{PACKAGE_REL}}}Relationship"):
            target = rel.get("Target", "")
            if rel.get("TargetMode") == "External":
                continue
            path = target.lstrip("/") if target.startswith("/") else normpath(join(dirname(part), target))
            found[rel.get("Id", "")] = (rel.get("Type", ""), path)
        return found

    def _read_workbook(self) -> None:
        root_rels = self._relations("")
        workbook = next(
            (path for kind, path in root_rels.values() if kind.endswith("/officeDocument")), "xl/workbook.xml"
        )
        self.workbook_part = workbook
        root = self._xml(workbook)
        self.ns = STRICT if root.tag == f"{{{STRICT}}}workbook" else MAIN
        rel_ns = STRICT_REL if self.ns == STRICT else OFFICE_REL
        self.rels = self._relations(workbook)
        pr = root.find(f"{{{self.ns}}}workbookPr")
        self.epoch = MAC_EPOCH if pr is not None and pr.get("date1904") in ("1", "true") else WINDOWS_EPOCH
        self.sheets: dict[str, str] = {}
        for sheet in root.iter(f"{{{self.ns}}}sheet"):
            rel = self.rels.get(sheet.get(f"{{{rel_ns}}}id", ""))
            if rel is not None and rel[0].endswith("/worksheet"):
                self.sheets[sheet.get("name", "")] = rel[1]

    @property
    def sheetnames(self) -> list[str]:
        return list(self.sheets)

    def _part_of_type(self, suffix: str) -> str | None:
        return next((path for kind, path in self.rels.values() if kind.endswith(suffix)), None)

    def _read_shared_strings(self) -> list[str]:
        part = self._part_of_type("/sharedStrings")
        if part is None or not self._has(part):
            return []
        strings = []
        t_tag, si_tag, phonetic = f"{{{self.ns}}}t", f"{{{self.ns}}}si", f"{{{self.ns}}}rPh"
        with self.archive.open(part) as source:
            for _event, si in etree.iterparse(source, events=("end",), tag=si_tag, **_parser_options()):
                # Skip phonetic guides (<rPh>): they are not part of the cell's text.
                strings.append("".join(t.text or "" for t in si.iter(t_tag) if t.getparent().tag != phonetic))
                si.clear()
        return strings

    def _read_date_styles(self) -> set[int]:
        part = self._part_of_type("/styles")
        if part is None or not self._has(part):
            return set()
        root = self._xml(part)
        formats = dict(BUILTIN_FORMATS)
        for fmt in root.iter(f"{{{self.ns}}}numFmt"):
            formats[int(fmt.get("numFmtId", "0"))] = fmt.get("formatCode", "")
        cell_xfs = root.find(f"{{{self.ns}}}cellXfs")
        if cell_xfs is None:
            return set()
        dates = set()
        for index, xf in enumerate(cell_xfs.iter(f"{{{self.ns}}}xf")):
            code = formats.get(int(xf.get("numFmtId", "0")), "")
            if code and is_date_format(code):
                dates.add(index)
        return dates

    # Sheet content

    def dimension_rows(self, name: str) -> int | None:
        """The last row the sheet declares, without reading its rows (None if it does not say)."""
        with self.archive.open(self.sheets[name]) as source:
            for _event, element in etree.iterparse(source, events=("start",), **_parser_options()):
                tag = element.tag.rsplit("}", 1)[-1]
                if tag == "dimension":
                    match = re.search(r"(\d+)$", element.get("ref", ""))
                    return int(match.group(1)) if match else None
                if tag == "sheetData":
                    return None
        return None

    def rows(self, name: str) -> Iterator[tuple[int, list[Any]]]:
        """(row number, values) for each row present; a value is None, str, int, float, bool or datetime."""
        ns = self.ns
        inline_text, value_tag = f"{{{ns}}}t", f"{{{ns}}}v"
        columns: dict[str, int] = {}
        number = 0
        with self.archive.open(self.sheets[name]) as source:
            for _event, row in etree.iterparse(source, events=("end",), tag=f"{{{ns}}}row", **_parser_options()):
                number = int(row.get("r") or number + 1)
                values: list[Any] = []
                for cell in row:
                    ref = cell.get("r")
                    if ref:
                        letters = ref.rstrip(_DIGITS)
                        position = columns.get(letters)
                        if position is None:
                            position = columns[letters] = column_index(letters)
                    else:
                        position = len(values)
                    if len(cell):
                        # <c> holds <v> (the value), or <is> for an inline string, possibly after <f> (a formula).
                        kind = cell.get("t", "n")
                        part = cell[-1] if kind != "inlineStr" else cell[0]
                        if kind == "inlineStr":
                            value: Any = (
                                part[0].text or ""
                                if len(part) == 1 and part[0].tag == inline_text
                                else "".join(part.itertext())
                            )
                        else:
                            raw = part.text if part.tag == value_tag else cell.findtext(value_tag)
                            value = self._value(kind, raw, cell.get("s"))
                    else:
                        value = None
                    if position >= len(values):
                        values.extend([None] * (position - len(values) + 1))
                    values[position] = value
                row.clear()
                # Drop rows already read, so memory stays flat however long the sheet.
                parent = row.getparent()
                if parent is not None:
                    while row.getprevious() is not None:
                        del parent[0]
                yield number, values

    def _value(self, kind: str, raw: str | None, style: str | None) -> Any:
        if raw is None:
            return None
        if kind == "s":
            return self.shared[int(raw)]
        if kind == "n":
            return _number(raw, style, self.date_styles, self.epoch)
        if kind == "b":
            return raw == "1"
        if kind == "d":
            return _iso_date(raw)
        return raw  # "str" (a formula's text) and "e" (an error such as #N/A)


def _number(raw: str, style: str | None, date_styles: set[int], epoch: dt.datetime) -> Any:
    if style is None and raw.isdigit():
        return int(raw)
    value = float(raw)
    if style is not None and int(style) in date_styles:
        try:
            return from_excel(value, epoch)
        except (OverflowError, ValueError):
            return value
    return int(value) if value.is_integer() and "E" not in raw and "." not in raw else value


def _iso_date(raw: str) -> Any:
    try:
        return dt.datetime.fromisoformat(raw)
    except ValueError:
        return raw
