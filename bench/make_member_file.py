"""Write a realistic member workbook for the import benchmark.

    .venv/bin/python bench/make_member_file.py --rows 50000 --cells 1000 --out bench/out/members-50000.xlsx
    .venv/bin/python bench/make_member_file.py --excel-style --out bench/out/members-50000-excel.xlsx

The file is what an office would upload: the template's sheet and titles,
Vietnamese names, valid and unique 12-digit CCCDs and party card numbers,
real Excel dates, members spread over `--cells` cells of 40 communes (codes
BENCH-X01-C001…, created by bench/import_members.py). About 3% are
probationary, 4% have no phone. The same seed gives the same file.
"""

import argparse
import datetime as dt
import os
import random
import re
import sys
import zipfile
from collections.abc import Iterator
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

COMMUNES = 40
TODAY = dt.date(2026, 11, 1)

FAMILY = [
    ("Nguyễn", 38),
    ("Trần", 11),
    ("Lê", 9),
    ("Phạm", 7),
    ("Hoàng", 5),
    ("Phan", 4),
    ("Vũ", 4),
    ("Đặng", 2),
    ("Bùi", 2),
    ("Đỗ", 2),
    ("Hồ", 1),
    ("Ngô", 1),
    ("Dương", 1),
    ("Đào", 1),
    ("Đinh", 1),
    ("Hà", 1),
]
MIDDLE_MALE = ["Văn", "Văn", "Văn", "Đức", "Minh", "Quang", "Hữu", "Đình", "Xuân", "Công", "Mạnh", "Thanh"]
MIDDLE_FEMALE = ["Thị", "Thị", "Thị", "Thị", "Ngọc", "Thu", "Thanh", "Minh", "Hồng", "Phương"]
GIVEN_MALE = ["An", "Bình", "Cường", "Dũng", "Đức", "Hải", "Hùng", "Hưng", "Khánh", "Long", "Minh", "Nam", "Phong"]
GIVEN_MALE += ["Quân", "Sơn", "Tâm", "Thắng", "Thành", "Tiến", "Toàn", "Trung", "Tuấn", "Việt", "Vinh"]
GIVEN_FEMALE = ["Anh", "Châu", "Dung", "Giang", "Hà", "Hạnh", "Hằng", "Hoa", "Hồng", "Huệ", "Hương", "Lan"]
GIVEN_FEMALE += [
    "Liên",
    "Linh",
    "Loan",
    "Mai",
    "Nga",
    "Ngọc",
    "Nhung",
    "Oanh",
    "Phương",
    "Thảo",
    "Thủy",
    "Trang",
    "Yến",
]
HAMLETS = ["Khu 1", "Khu 2", "Khu 3", "Khu 4", "Khu 5", "Khu 6", "Xóm Đồng", "Xóm Bãi", "Thôn Trung", "Thôn Hạ"]
COMMUNE_NAMES = ["Tam Nông", "Hương Nộn", "Dân Quyền", "Hưng Hóa", "Thọ Văn", "Dị Nậu", "Lam Sơn", "Vạn Xuân"]
OCCUPATIONS = [
    ("Làm ruộng", 30),
    ("Hưu trí", 25),
    ("Giáo viên", 8),
    ("Công chức", 8),
    ("Kinh doanh", 6),
    ("Công nhân", 6),
    ("Công an", 3),
    ("Bác sĩ", 2),
    ("Sinh viên", 2),
    ("Tự do", 10),
]
THEORY = [("", 30), ("Sơ cấp", 45), ("Trung cấp", 18), ("Cao cấp", 5), ("Cử nhân", 2)]
PROFESSIONAL = [
    "",
    "",
    "",
    "Trung cấp nông nghiệp",
    "Cao đẳng sư phạm",
    "Đại học luật",
    "Kỹ sư xây dựng",
    "Cử nhân kế toán",
]


def cell_code(index: int, cells: int) -> str:
    commune = index % COMMUNES + 1
    return f"BENCH-X{commune:02d}-C{index + 1:04d}"


def _pick(rng: random.Random, weighted: list[tuple[str, int]]) -> str:
    return rng.choices([w[0] for w in weighted], weights=[w[1] for w in weighted])[0]


def _day(rng: random.Random, start: dt.date, end: dt.date) -> dt.date:
    return start + dt.timedelta(days=rng.randrange(max(1, (end - start).days)))


def _add_years(day: dt.date, years: int) -> dt.date:
    try:
        return day.replace(year=day.year + years)
    except ValueError:
        return day.replace(year=day.year + years, day=28)


def members(rows: int, cells: int, seed: int = 2026, changed: bool = False) -> Iterator[dict]:
    """One dict per member, with the values a clerk would type (dates as dates).

    `changed` gives the same members with a new phone number and residence, as after a round of corrections.
    """
    rng = random.Random(seed)
    for n in range(rows):
        female = rng.random() < 0.38
        born = _day(rng, dt.date(1935, 1, 1), dt.date(2004, 12, 31))
        probationary = rng.random() < 0.03 and born.year <= 2006
        if probationary:
            admitted = _day(rng, TODAY - dt.timedelta(days=330), TODAY - dt.timedelta(days=10))
        else:
            admitted = _day(rng, _add_years(born, 18), min(_add_years(born, 50), TODAY - dt.timedelta(days=400)))
        full_on = None if probationary else admitted + dt.timedelta(days=365 + rng.randrange(40))
        if full_on and full_on > TODAY:
            full_on = None
            probationary = True
        # CCCD: province (025 Phú Thọ), century and sex digit, two-digit year, six-digit serial.
        century = 0 if born.year < 2000 else 2
        citizen_id = f"025{century + int(female)}{born.year % 100:02d}{n:06d}"
        commune = rng.choice(COMMUNE_NAMES)
        given = rng.choice(GIVEN_FEMALE if female else GIVEN_MALE)
        middle = rng.choice(MIDDLE_FEMALE if female else MIDDLE_MALE)
        retired = born.year < 1966
        phone = "" if rng.random() < 0.04 else f"09{rng.randrange(10**8):08d}"
        residence = f"{rng.choice(HAMLETS)}, xã {commune}, tỉnh Phú Thọ"
        if changed:
            phone, residence = f"08{n:08d}", f"Tổ {n % 30 + 1}, {residence}"
        yield {
            "organization": cell_code(n % cells, cells),
            "full_name": f"{_pick(rng, FAMILY)} {middle} {given}",
            "gender": "female" if female else "male",
            "date_of_birth": born,
            "ethnicity": "Kinh" if rng.random() < 0.96 else rng.choice(["Mường", "Dao", "Tày"]),
            "religion": "Không" if rng.random() < 0.97 else rng.choice(["Phật giáo", "Công giáo"]),
            "hometown": f"Xã {rng.choice(COMMUNE_NAMES)}, tỉnh Phú Thọ",
            "residence": residence,
            "phone": phone,
            "citizen_id": citizen_id,
            "party_card_number": f"{50000000 + n}",
            "admitted_on": admitted,
            "full_member_on": full_on,
            "category": "probationary" if probationary else "full",
            "occupation": "Hưu trí" if retired else _pick(rng, OCCUPATIONS),
            "education": rng.choice(["12/12", "12/12", "10/10", "9/12", "7/10"]),
            "theory_level": {"": "", "Sơ cấp": "elementary", "Trung cấp": "intermediate", "Cao cấp": "advanced"}.get(
                _pick(rng, THEORY), "bachelor"
            ),
            "professional_level": rng.choice(PROFESSIONAL),
            "dues_category": "pensioner" if retired else rng.choice(["insured", "other", "other"]),
        }


def write(out: Path, rows: int, cells: int, seed: int = 2026, changed: bool = False) -> Path:
    """Write the workbook through the export's writer, so it has exactly the template's layout."""
    import django

    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "chibo.settings")
    os.environ.setdefault("CHIBO_DEV", "1")
    django.setup()
    from django.utils import translation

    from member_excel.workbook import write_members
    from members.models import Member
    from orgs.models import Organization

    cell_orgs = {cell_code(i, cells): Organization(code=cell_code(i, cells)) for i in range(cells)}

    def unsaved() -> Iterator[Member]:
        for values in members(rows, cells, seed, changed):
            org = cell_orgs[values.pop("organization")]
            yield Member(organization=org, **{k: v for k, v in values.items() if v is not None})

    out.parent.mkdir(parents=True, exist_ok=True)
    with translation.override("vi"), out.open("wb") as dest:
        write_members(dest, unsaved(), [])
    return out


_INLINE = re.compile(rb'<c r="([A-Z]+)(\d+)"( s="\d+")? t="inlineStr"><is><t(?: [^>]*)?>(.*?)</t></is></c>')
SHARED_TYPE = b"application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"
SHARED_REL = b"http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings"


def excel_style(path: Path) -> None:
    """Rewrite the file the way Excel saves one: texts in a shared-string table, the sheet's size declared.

    openpyxl writes every text inline and no size; files saved by Excel or LibreOffice, what offices
    actually upload, do neither, and take another path through the reader.
    """
    with zipfile.ZipFile(path) as source:
        parts = {name: source.read(name) for name in source.namelist()}
    strings: dict[bytes, int] = {}
    last = {"row": 1, "col": b"A"}

    def shared(match: re.Match[bytes]) -> bytes:
        column, row, style, text = match.groups()
        index = strings.setdefault(text, len(strings))
        last["row"] = max(last["row"], int(row))
        last["col"] = max(last["col"], column, key=lambda c: (len(c), c))
        return b'<c r="%s%s"%s t="s"><v>%d</v></c>' % (column, row, style or b"", index)

    sheet = _INLINE.sub(shared, parts["xl/worksheets/sheet1.xml"])
    dimension = b'<dimension ref="A1:%s%d"/>' % (last["col"], last["row"])
    parts["xl/worksheets/sheet1.xml"] = sheet.replace(b"<sheetViews>", dimension + b"<sheetViews>", 1)
    table = b"".join(b"<si><t>%s</t></si>" % text for text in strings)
    parts["xl/sharedStrings.xml"] = (
        b'<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="%d" uniqueCount="%d">%s</sst>'
        % (len(strings), len(strings), table)
    )
    parts["[Content_Types].xml"] = parts["[Content_Types].xml"].replace(
        b"</Types>", b'<Override PartName="/xl/sharedStrings.xml" ContentType="%s"/></Types>' % SHARED_TYPE
    )
    parts["xl/_rels/workbook.xml.rels"] = parts["xl/_rels/workbook.xml.rels"].replace(
        b"</Relationships>",
        b'<Relationship Type="%s" Target="sharedStrings.xml" Id="rIdShared"/></Relationships>' % SHARED_REL,
    )
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as target:
        for name, content in parts.items():
            target.writestr(name, content)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--rows", type=int, default=50_000)
    parser.add_argument("--cells", type=int, default=1000)
    parser.add_argument("--seed", type=int, default=2026)
    parser.add_argument("--out", type=Path, default=ROOT / "bench" / "out" / "members-50000.xlsx")
    parser.add_argument("--changed", action="store_true", help="new phone numbers and residences for every member")
    parser.add_argument("--excel-style", action="store_true", help="shared strings and a declared size, as Excel")
    args = parser.parse_args()
    path = write(args.out, args.rows, args.cells, args.seed, args.changed)
    if args.excel_style:
        excel_style(path)
    print(f"{path}: {args.rows} members in {args.cells} cells, {path.stat().st_size / 1e6:.1f} MB")


if __name__ == "__main__":
    main()
