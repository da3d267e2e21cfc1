"""The sheet reader on a workbook written the way Excel writes one (shared strings, styles, formulas)."""

import datetime as dt
import io
import zipfile

import pytest

from member_excel.xlsx import XlsxError, XlsxReader, column_index

MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
PACKAGE = "http://schemas.openxmlformats.org/package/2006/relationships"

SHEET = f"""<?xml version="1.0" encoding="UTF-8"?>
<worksheet xmlns="{MAIN}"><dimension ref="A1:F4"/><sheetData>
<row r="1"><c r="A1" t="s"><v>0</v></c><c r="C1" t="s"><v>1</v></c></row>
<row r="3"><c r="A3" t="s"><v>2</v></c><c r="B3" s="1"><v>25705</v></c><c r="C3"><v>12.5</v></c>
<c r="D3" t="b"><v>1</v></c><c r="E3" t="str"><f>A3&amp;"!"</f><v>Nguyễn Văn An!</v></c>
<c r="F3" t="e"><v>#N/A</v></c></row>
<row><c t="inlineStr"><is><t>không số dòng</t></is></c><c><v>025070001234</v></c></row>
</sheetData></worksheet>"""

SHARED = f"""<?xml version="1.0" encoding="UTF-8"?>
<sst xmlns="{MAIN}" count="3" uniqueCount="3">
<si><t>Họ và tên</t></si>
<si><r><t>Ngày </t></r><r><rPr><b/></rPr><t>sinh</t></r><rPh sb="0" eb="1"><t>phonetic</t></rPh></si>
<si><t>Nguyễn Văn An</t></si>
</sst>"""

STYLES = f"""<?xml version="1.0" encoding="UTF-8"?>
<styleSheet xmlns="{MAIN}"><numFmts count="1"><numFmt numFmtId="164" formatCode="dd/mm/yyyy"/></numFmts>
<cellXfs count="2"><xf numFmtId="0"/><xf numFmtId="164" applyNumberFormat="1"/></cellXfs></styleSheet>"""

WORKBOOK = f"""<?xml version="1.0" encoding="UTF-8"?>
<workbook xmlns="{MAIN}" xmlns:r="{REL}">
<sheets><sheet name="Đảng viên" sheetId="1" r:id="rId1"/></sheets></workbook>"""

WORKBOOK_RELS = f"""<?xml version="1.0" encoding="UTF-8"?>
<Relationships xmlns="{PACKAGE}">
<Relationship Id="rId1" Type="{REL}/worksheet" Target="worksheets/sheet1.xml"/>
<Relationship Id="rId2" Type="{REL}/sharedStrings" Target="sharedStrings.xml"/>
<Relationship Id="rId3" Type="{REL}/styles" Target="styles.xml"/>
</Relationships>"""

ROOT_RELS = f"""<?xml version="1.0" encoding="UTF-8"?>
<Relationships xmlns="{PACKAGE}">
<Relationship Id="rId1" Type="{REL}/officeDocument" Target="xl/workbook.xml"/></Relationships>"""


def _excel_file(sheet: str = SHEET) -> io.BytesIO:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("_rels/.rels", ROOT_RELS)
        archive.writestr("xl/workbook.xml", WORKBOOK)
        archive.writestr("xl/_rels/workbook.xml.rels", WORKBOOK_RELS)
        archive.writestr("xl/worksheets/sheet1.xml", sheet)
        archive.writestr("xl/sharedStrings.xml", SHARED)
        archive.writestr("xl/styles.xml", STYLES)
    buffer.seek(0)
    return buffer


def test_it_reads_shared_strings_dates_numbers_and_formulas() -> None:
    with XlsxReader(_excel_file()) as reader:
        assert reader.sheetnames == ["Đảng viên"]
        assert reader.dimension_rows("Đảng viên") == 4
        rows = list(reader.rows("Đảng viên"))
    assert rows[0] == (1, ["Họ và tên", None, "Ngày sinh"])
    assert rows[1] == (
        3,
        ["Nguyễn Văn An", dt.datetime(1970, 5, 17), 12.5, True, "Nguyễn Văn An!", "#N/A"],
    )
    # A row and cells without references follow the previous ones; a number cell loses its leading 0.
    assert rows[2] == (4, ["không số dòng", 25070001234])


def test_it_counts_columns_like_excel() -> None:
    assert [column_index(c) for c in ("A", "Z", "AA", "AZ", "XFD")] == [0, 25, 26, 51, 16383]


def test_it_refuses_external_entities() -> None:
    evil = SHEET.replace(
        '<?xml version="1.0" encoding="UTF-8"?>',
        '<?xml version="1.0"?><!DOCTYPE w [<!ENTITY x SYSTEM "file:///etc/passwd">]>',
    ).replace("<v>12.5</v>", "<v>&x;</v>")
    with XlsxReader(_excel_file(evil)) as reader:
        values = [v for _n, row in reader.rows("Đảng viên") for v in row]
    assert not any("root:" in str(v) for v in values)


def test_it_raises_on_a_package_without_workbook() -> None:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
    with pytest.raises(XlsxError):
        XlsxReader(buffer)
