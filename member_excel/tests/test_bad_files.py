"""Every kind of bad file gets its own clear message and writes nothing."""

import io
import os
import zipfile
from collections.abc import Callable
from typing import Any

import pytest
from django.urls import reverse
from openpyxl import Workbook

from audit.models import AuditEntry
from core.testing import World
from member_excel.models import BatchStatus, ImportBatch
from member_excel.testing import client_for, header, last_batch, member_values, members_file, row, workbook_bytes
from members.models import Member


def _counts() -> tuple[int, int, int]:
    return Member.objects.count(), AuditEntry.objects.count(), ImportBatch.objects.count()


def _empty_workbook() -> bytes:
    buffer = io.BytesIO()
    Workbook().save(buffer)
    return buffer.getvalue()


def _zip_without_workbook() -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("[Content_Types].xml", '<Types xmlns="x"><Default Extension="xml"/></Types>')
        archive.writestr("word/document.xml", "<document/>")
    return buffer.getvalue()


FILE_PROBLEMS: dict[str, tuple[Callable[[], bytes], str]] = {
    "random bytes, 10 MB": (lambda: os.urandom(10 * 1024 * 1024), "không phải là tệp Excel"),
    "a .txt renamed .xlsx": (lambda: "Họ và tên;Ngày sinh\nNguyễn Văn An;1970\n".encode(), "không phải là tệp Excel"),
    "a zip that is not a workbook": (_zip_without_workbook, "không phải là tệp Excel"),
    "an old .xls": (lambda: b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 4000, "định dạng cũ (.xls)"),
    "an empty workbook": (_empty_workbook, "không có trang tính tên “Đảng viên”"),
    "a wrong sheet": (
        lambda: workbook_bytes([row(member_values())], sheet="Danh sách"),
        "các trang tính trong tệp: “Danh sách”",
    ),
    "missing columns": (
        lambda: workbook_bytes([["X-HN-K1", "Nguyễn Văn An"]], titles=["Mã chi bộ", "Họ và tên"]),
        "Thiếu các cột bắt buộc: “Giới tính”, “Ngày sinh”",
    ),
    "no header row": (lambda: workbook_bytes([["a", "b"]], titles=["Cột 1", "Cột 2"]), "không có dòng tiêu đề"),
    "titles but no rows": (lambda: workbook_bytes([]), "không có dòng đảng viên nào"),
    "a column twice": (
        lambda: workbook_bytes([], titles=[*header(), "Số CCCD"]),
        "Cột “Số CCCD” xuất hiện hai lần",
    ),
    "a damaged zip": (lambda: members_file(member_values())[:3000], "không phải là tệp Excel"),
}


@pytest.mark.parametrize("case", sorted(FILE_PROBLEMS))
def test_it_refuses_a_bad_file_and_writes_nothing(world: World, post_file: Callable[..., Any], case: str) -> None:
    make, message = FILE_PROBLEMS[case]
    before = _counts()
    response = post_file(make())
    assert response.status_code == 200
    assert message in response.content.decode()
    assert _counts() == before


def test_it_refuses_a_file_over_the_size_limit(world: World, post_file: Callable[..., Any], settings: Any) -> None:
    settings.MEMBER_IMPORT_MAX_BYTES = 1024 * 1024
    before = _counts()
    response = post_file(b"PK" + os.urandom(2 * 1024 * 1024))
    assert "vượt giới hạn 1 MB" in response.content.decode()
    assert _counts() == before


def test_it_refuses_a_zip_bomb(world: World, post_file: Callable[..., Any]) -> None:
    """A small file that would unpack to gigabytes is refused before anything is unpacked."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        with zipfile.ZipFile(io.BytesIO(members_file(member_values()))) as real:
            for name in real.namelist():
                archive.writestr(name, real.read(name))
        archive.writestr("xl/media/padding.bin", b"\0" * (64 * 1024 * 1024))
    before = _counts()
    response = post_file(buffer.getvalue())
    assert "Tệp Excel bị hỏng" in response.content.decode()
    assert _counts() == before


ROW_PROBLEMS: dict[str, tuple[Callable[[], list[dict[str, Any]]], str, str]] = {
    "an impossible date": (
        lambda: [member_values(date_of_birth="31/02/1970")],
        "date_of_birth",
        "impossible_date",
    ),
    "duplicate card numbers": (
        lambda: [member_values(party_card_number="70900001"), member_values(party_card_number="70900001")],
        "party_card_number",
        "duplicate_in_file",
    ),
    "duplicate CCCDs": (
        lambda: [member_values(citizen_id="025070912345"), member_values(citizen_id="025070912345")],
        "citizen_id",
        "duplicate_in_file",
    ),
}


@pytest.mark.parametrize("case", sorted(ROW_PROBLEMS))
def test_it_previews_row_errors_and_commits_nothing(world: World, post_file: Callable[..., Any], case: str) -> None:
    make, field, code = ROW_PROBLEMS[case]
    members, audit = Member.objects.count(), AuditEntry.objects.count()
    response = post_file(members_file(*make()))
    batch = last_batch()
    assert response.status_code == 302
    assert batch.status == BatchStatus.READY and batch.error_count >= 1
    from member_excel.rows import iter_rows

    assert any(m[:2] == [field, code] for r in iter_rows(batch) for m in r.messages)
    page = client_for(world, "olga").get(reverse("member_excel:batch", args=[batch.pk]))
    assert "Chưa thể nhập khi còn lỗi" in page.content.decode()
    commit = client_for(world, "olga").post(reverse("member_excel:commit", args=[batch.pk]), follow=True)
    assert "hãy sửa các dòng có lỗi" in commit.content.decode()
    assert (Member.objects.count(), AuditEntry.objects.count()) == (members, audit)
