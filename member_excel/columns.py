"""The columns of the member workbook: titles, allowed values, and how headers are recognised.

One table serves the blank template, the export and the import, so an
exported file can be edited and imported back. Titles and values are written
in the user's language; reading accepts the Vietnamese and the English
wording, with or without accents, in any case and column order.
"""

import re
from dataclasses import dataclass, field
from functools import lru_cache

from django.utils import translation
from django.utils.functional import Promise
from django.utils.translation import pgettext_lazy

from core.text import fold
from members.models import Category, DuesCategory, Gender, TheoryLevel

# Sheet names are folded before comparison; the first one is written.
SHEET_TITLE = pgettext_lazy("excel sheet", "Party members")
HELP_SHEET_TITLE = pgettext_lazy("excel sheet", "Instructions")
SHEET_ALIASES = ("dang vien", "danh sach dang vien", "party members")


@dataclass(frozen=True)
class Column:
    field: str
    title: Promise
    help: Promise
    kind: str = "text"  # text, name, date, choice, cell, citizen_id, phone, card
    # A new member needs a value; the column itself must be in the file.
    required: bool = False
    required_column: bool = False
    choices: tuple[tuple[str, Promise, tuple[str, ...]], ...] = ()
    aliases: tuple[str, ...] = ()
    width: int = 16
    example: str = ""
    # Used for a new member when the cell is empty.
    default: str | None = None


COLUMNS: tuple[Column, ...] = (
    Column(
        "organization",
        pgettext_lazy("excel column", "Cell code"),
        pgettext_lazy(
            "excel column",
            "The short code of the member's cell, as listed below. May be left empty when importing into one cell.",
        ),
        kind="cell",
        required=True,
        required_column=True,
        aliases=("ma chi bo", "ma to chuc", "ma don vi"),
        width=14,
        example="X-HN-K1",
    ),
    Column(
        "full_name",
        pgettext_lazy("excel column", "Full name"),
        pgettext_lazy("excel column", "Family, middle and given names, with accents."),
        kind="name",
        required=True,
        required_column=True,
        aliases=("ho va ten", "ho ten", "ho ten dang vien", "ten dang vien"),
        width=26,
        example="Nguyễn Văn An",
    ),
    Column(
        "gender",
        pgettext_lazy("excel column", "Gender"),
        pgettext_lazy("excel column", "One of the allowed values."),
        kind="choice",
        required=True,
        required_column=True,
        choices=(
            (Gender.MALE, pgettext_lazy("excel value", "Male"), ("nam",)),
            (Gender.FEMALE, pgettext_lazy("excel value", "Female"), ("nu",)),
        ),
        aliases=("gioi tinh",),
        width=9,
        example="Nam",
    ),
    Column(
        "date_of_birth",
        pgettext_lazy("excel column", "Date of birth"),
        pgettext_lazy("excel column", "dd/mm/yyyy, or an Excel date."),
        kind="date",
        required=True,
        required_column=True,
        aliases=("ngay sinh", "ngay thang nam sinh"),
        width=12,
        example="17/05/1970",
    ),
    Column(
        "ethnicity",
        pgettext_lazy("excel column", "Ethnicity"),
        pgettext_lazy("excel column", "Empty means Kinh for a new member."),
        aliases=("dan toc",),
        width=10,
        example="Kinh",
        default="Kinh",
    ),
    Column(
        "religion",
        pgettext_lazy("excel column", "Religion"),
        pgettext_lazy("excel column", "Empty means none for a new member."),
        aliases=("ton giao",),
        width=10,
        example="Không",
        default="Không",
    ),
    Column(
        "hometown",
        pgettext_lazy("excel column", "Hometown"),
        pgettext_lazy("excel column", "Commune, province."),
        aliases=("que quan", "nguyen quan"),
        width=24,
        example="Xã Tam Nông, tỉnh Phú Thọ",
    ),
    Column(
        "residence",
        pgettext_lazy("excel column", "Residence"),
        pgettext_lazy("excel column", "Where the member lives now."),
        aliases=("noi o hien nay", "noi o", "cho o hien nay", "noi cu tru", "dia chi", "thuong tru"),
        width=24,
        example="Khu 1, xã Tam Nông",
    ),
    Column(
        "phone",
        pgettext_lazy("excel column", "Phone"),
        pgettext_lazy(
            "excel column", "10 or 11 digits starting with 0. Format the column as Text so Excel keeps the 0."
        ),
        kind="phone",
        aliases=("so dien thoai", "dien thoai", "sdt", "so dt"),
        width=13,
        example="0912345678",
    ),
    Column(
        "citizen_id",
        pgettext_lazy("excel column", "Citizen ID (CCCD)"),
        pgettext_lazy("excel column", "12 digits. Format the column as Text so Excel keeps the leading 0."),
        kind="citizen_id",
        required_column=True,
        aliases=(
            "cccd",
            "so cccd",
            "can cuoc cong dan",
            "so can cuoc cong dan",
            "so can cuoc",
            "can cuoc",
            "so dinh danh",
            "so dinh danh ca nhan",
        ),
        width=15,
        example="025070001234",
    ),
    Column(
        "party_card_number",
        pgettext_lazy("excel column", "Party card number"),
        pgettext_lazy(
            "excel column", "As printed on the party card. Used with the CCCD to recognise existing members."
        ),
        kind="card",
        required_column=True,
        aliases=("so the dang vien", "so the dang", "so the"),
        width=13,
        example="93012345",
    ),
    Column(
        "admitted_on",
        pgettext_lazy("excel column", "Date admitted"),
        pgettext_lazy("excel column", "dd/mm/yyyy: the date of admission to the Party."),
        kind="date",
        required=True,
        required_column=True,
        aliases=("ngay vao dang", "ngay ket nap", "ngay ket nap dang"),
        width=12,
        example="09/01/2000",
    ),
    Column(
        "full_member_on",
        pgettext_lazy("excel column", "Date made full member"),
        pgettext_lazy("excel column", "dd/mm/yyyy. Required for a full member, empty for a probationary member."),
        kind="date",
        required_column=True,
        aliases=("ngay chinh thuc", "ngay vao dang chinh thuc", "ngay cong nhan chinh thuc", "ngay chuyen chinh thuc"),
        width=12,
        example="09/01/2001",
    ),
    Column(
        "category",
        pgettext_lazy("excel column", "Category"),
        pgettext_lazy("excel column", "One of the allowed values."),
        kind="choice",
        required=True,
        required_column=True,
        choices=(
            (Category.FULL, pgettext_lazy("excel value", "Full member"), ("chinh thuc", "dang vien chinh thuc", "ct")),
            (
                Category.PROBATIONARY,
                pgettext_lazy("excel value", "Probationary member"),
                ("du bi", "dang vien du bi", "db"),
            ),
        ),
        aliases=("loai dang vien", "dang vien chinh thuc du bi", "chinh thuc du bi"),
        width=12,
        example="Chính thức",
    ),
    Column(
        "occupation",
        pgettext_lazy("excel column", "Occupation"),
        pgettext_lazy("excel column", "Free text."),
        aliases=("nghe nghiep", "nghe nghiep hien nay"),
        width=18,
        example="Làm ruộng",
    ),
    Column(
        "education",
        pgettext_lazy("excel column", "General education"),
        pgettext_lazy("excel column", "For example 12/12 or 9/12."),
        aliases=("trinh do hoc van", "hoc van", "giao duc pho thong", "trinh do giao duc pho thong"),
        width=10,
        example="12/12",
    ),
    Column(
        "theory_level",
        pgettext_lazy("excel column", "Political theory level"),
        pgettext_lazy("excel column", "One of the allowed values; empty if not trained."),
        kind="choice",
        choices=(
            (TheoryLevel.NONE, pgettext_lazy("excel value", "Not trained"), ("khong", "chua", "chua qua dao tao")),
            (TheoryLevel.ELEMENTARY, pgettext_lazy("excel value", "Elementary"), ("so cap",)),
            (TheoryLevel.INTERMEDIATE, pgettext_lazy("excel value", "Intermediate"), ("trung cap",)),
            (TheoryLevel.ADVANCED, pgettext_lazy("excel value", "Advanced"), ("cao cap",)),
            (TheoryLevel.BACHELOR, pgettext_lazy("excel value", "Bachelor"), ("cu nhan",)),
        ),
        aliases=("ly luan chinh tri", "trinh do ly luan chinh tri", "trinh do llct", "llct"),
        width=12,
        example="Sơ cấp",
    ),
    Column(
        "professional_level",
        pgettext_lazy("excel column", "Professional level"),
        pgettext_lazy("excel column", "For example: Kỹ sư nông nghiệp, Cử nhân sư phạm."),
        aliases=("trinh do chuyen mon", "chuyen mon", "trinh do chuyen mon nghiep vu"),
        width=20,
        example="Trung cấp nông nghiệp",
    ),
    Column(
        "dues_category",
        pgettext_lazy("excel column", "Dues category"),
        pgettext_lazy("excel column", "Decides the monthly dues; empty means “Other” for a new member."),
        kind="choice",
        choices=(
            (
                DuesCategory.INSURED,
                pgettext_lazy("excel value", "Social insurance"),
                ("bhxh", "bhxh bat buoc", "tham gia bhxh bat buoc", "huong luong"),
            ),
            (DuesCategory.PENSIONER, pgettext_lazy("excel value", "Pensioner"), ("huu", "huu tri", "nghi huu")),
            (
                DuesCategory.STUDENT,
                pgettext_lazy("excel value", "Student"),
                ("hoc sinh", "sinh vien", "hoc sinh sinh vien"),
            ),
            (DuesCategory.OTHER, pgettext_lazy("excel value", "Other"), ("khac",)),
        ),
        aliases=("doi tuong dong dang phi", "dang phi", "doi tuong dang phi", "nhom dang phi"),
        width=16,
        example="Khác",
        default=DuesCategory.OTHER,
    ),
)

BY_FIELD: dict[str, Column] = {c.field: c for c in COLUMNS}


@lru_cache(maxsize=4096)
def squash(text: object) -> str:
    """Fold accents and case and drop everything but letters and digits: “Số CCCD (*)” -> “socccd”."""
    return re.sub(r"[^0-9a-z]", "", fold(str(text)))


def _variants(label: Promise) -> set[str]:
    """A label in the active language, in Vietnamese and in English, squashed."""
    found = {squash(label)}
    for lang in ("vi", "en"):
        with translation.override(lang):
            found.add(squash(label))
    return found


@dataclass
class Vocabulary:
    """Squashed header titles and choice values, for reading a file."""

    headers: dict[str, str] = field(default_factory=dict)
    choices: dict[str, dict[str, str]] = field(default_factory=dict)
    sheets: set[str] = field(default_factory=set)


def vocabulary() -> Vocabulary:
    vocab = Vocabulary()
    vocab.sheets = {squash(s) for s in SHEET_ALIASES} | _variants(SHEET_TITLE)
    for column in COLUMNS:
        for key in _variants(column.title) | {squash(a) for a in column.aliases} | {squash(column.field)}:
            vocab.headers[key] = column.field
        if column.choices:
            table: dict[str, str] = {}
            for value, label, aliases in column.choices:
                for key in _variants(label) | {squash(a) for a in aliases} | {squash(value)}:
                    if key:
                        table[key] = value
            vocab.choices[column.field] = table
    return vocab


def choice_labels(column: Column) -> list[str]:
    return [str(label) for _value, label, _aliases in column.choices]


def choice_label(column: Column, value: str) -> str:
    for choice, label, _aliases in column.choices:
        if choice == value:
            return str(label)
    return value
