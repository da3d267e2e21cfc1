"""Build member workbooks in tests (no binary fixtures), and a checked batch for the permission walk."""

import datetime as dt
import io
import itertools
from typing import Any

from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from openpyxl import Workbook

from core.testing import PASSWORD, World
from member_excel.actions import do_create_batch
from member_excel.columns import COLUMNS, SHEET_TITLE, choice_label
from member_excel.models import ImportBatch
from member_excel.validation import run_validation
from members.models import Member

_numbers = itertools.count(1)


def header() -> list[str]:
    return [str(c.title) for c in COLUMNS]


def member_values(**overrides: Any) -> dict[str, Any]:
    """One valid new full member of cell A1, with unique card number and CCCD."""
    n = next(_numbers)
    values: dict[str, Any] = {
        "organization": "X-HN-K1",
        "full_name": f"Nguyễn Văn Thử {n}",
        "gender": "Nam",
        "date_of_birth": "17/05/1975",
        "ethnicity": "Kinh",
        "religion": "Không",
        "hometown": "Xã Hương Nộn, tỉnh Phú Thọ",
        "residence": "Khu 1, xã Tam Nông",
        "phone": f"09{n:08d}",
        "citizen_id": f"0250750{n:05d}",
        "party_card_number": f"7{n:07d}",
        "admitted_on": "09/01/2000",
        "full_member_on": "09/01/2001",
        "category": "Chính thức",
        "occupation": "Làm ruộng",
        "education": "12/12",
        "theory_level": "Sơ cấp",
        "professional_level": "",
        "dues_category": "Khác",
    }
    values.update(overrides)
    return values


def values_of(member: Member, **overrides: Any) -> dict[str, Any]:
    """A row that says exactly what `member` holds (empty cells where the record is empty)."""
    values: dict[str, Any] = {}
    for column in COLUMNS:
        if column.field == "organization":
            value: Any = member.organization.code
        else:
            value = getattr(member, column.field)
            if column.choices and value:
                value = choice_label(column, value)
        values[column.field] = value if value not in ("", None) else None
    values.update(overrides)
    return values


def row(values: dict[str, Any], columns: list[str] | None = None) -> list[Any]:
    return [values.get(name) for name in (columns or [c.field for c in COLUMNS])]


def workbook_bytes(
    rows: list[list[Any]],
    *,
    titles: list[str] | None = None,
    sheet: str | None = None,
    above: list[list[Any]] | None = None,
) -> bytes:
    """An .xlsx with `rows` under a header row (the template's titles unless `titles`)."""
    workbook = Workbook()
    ws = workbook.active
    ws.title = sheet if sheet is not None else str(SHEET_TITLE)
    for line in above or []:
        ws.append(line)
    ws.append(titles if titles is not None else header())
    for line in rows:
        ws.append(line)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def members_file(*members: dict[str, Any]) -> bytes:
    return workbook_bytes([row(m) for m in members])


def upload(content: bytes, name: str = "dang-vien.xlsx") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, content, content_type="application/octet-stream")


def sample_batch(world: World) -> ImportBatch:
    """Sam's checked import of two new members into cell A1."""
    content = members_file(member_values(), member_values(date_of_birth=dt.date(1980, 3, 4)))
    batch = do_create_batch(world.sam, organization=world.cell_a1, upload=upload(content))
    run_validation(batch.pk)
    batch.refresh_from_db()
    return batch


def sample_batch_kwargs(world: World) -> dict[str, int]:
    return {"batch_id": sample_batch(world).pk}


def client_for(world: World, who: str) -> Client:
    client = Client()
    assert client.login(username=getattr(world, who).username, password=PASSWORD)
    return client


def last_batch() -> ImportBatch:
    batch = ImportBatch.objects.order_by("-pk").first()
    assert batch is not None
    return batch
