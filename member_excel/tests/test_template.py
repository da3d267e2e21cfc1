"""The blank template: every column, the allowed values, the user's cells; filled in, it imports."""

import datetime as dt
import io
from collections.abc import Callable
from typing import Any

from django.urls import reverse
from openpyxl import load_workbook

from core.testing import World
from member_excel.models import BatchStatus
from member_excel.testing import client_for, header, last_batch, member_values, row
from members.models import Member


def _template(world: World, who: str) -> bytes:
    response = client_for(world, who).get(reverse("member_excel:template"))
    assert response.status_code == 200
    assert "mau-danh-sach-dang-vien.xlsx" in response["Content-Disposition"]
    return b"".join(response.streaming_content)


def test_it_gives_a_blank_template_with_instructions(world: World) -> None:
    workbook = load_workbook(io.BytesIO(_template(world, "sam")))
    assert workbook.sheetnames == ["Đảng viên", "Hướng dẫn"]
    data = list(workbook["Đảng viên"].iter_rows(values_only=True))
    assert data == [tuple(header())]
    assert header()[:4] == ["Mã chi bộ", "Họ và tên", "Giới tính", "Ngày sinh"]
    instructions = [[c for c in r if c] for r in workbook["Hướng dẫn"].iter_rows(values_only=True)]
    gender = next(r for r in instructions if r and r[0] == "Giới tính")
    assert gender[1:] == ["Có", "Một trong các giá trị được phép.", "Nam; Nữ", "Nam"]
    theory = next(r for r in instructions if r and r[0] == "Lý luận chính trị")
    assert "Chưa qua đào tạo; Sơ cấp; Trung cấp; Cao cấp; Cử nhân" in theory
    # Sam's own cell is listed; other cells are not.
    assert ["X-HN-K1", "Chi bộ Khu 1"] in instructions
    assert not any(r and r[0] == "X-HN-K2" for r in instructions)
    validations = workbook["Đảng viên"].data_validations.dataValidation
    assert any(v.formula1 == '"Chính thức,Dự bị"' for v in validations)


def test_a_filled_in_template_imports(world: World, post_file: Callable[..., Any]) -> None:
    workbook = load_workbook(io.BytesIO(_template(world, "olga")))
    sheet = workbook["Đảng viên"]
    born = dt.datetime(1988, 8, 8)
    dates = {"date_of_birth": born, "admitted_on": "10/10/2010", "full_member_on": "10/10/2011"}
    sheet.append(row(member_values(full_name="Đinh Thị Mẫu", gender="Nữ", **dates)))
    probationary = {"category": "Dự bị", "full_member_on": None, "admitted_on": "01/06/2026"}
    sheet.append(row(member_values(organization="X-HN-K2", **probationary)))
    filled = io.BytesIO()
    workbook.save(filled)

    post_file(filled.getvalue(), org=world.commune_a)
    batch = last_batch()
    assert (batch.status, batch.new_count, batch.error_count) == (BatchStatus.READY, 2, 0)
    client_for(world, "olga").post(reverse("member_excel:commit", args=[batch.pk]))
    created = Member.objects.get(full_name="Đinh Thị Mẫu")
    assert (created.gender, created.date_of_birth, created.organization) == (
        "female",
        dt.date(1988, 8, 8),
        world.cell_a1,
    )
    assert Member.objects.filter(organization=world.cell_a2, category="probationary").count() == 1


def test_only_those_who_may_import_get_the_template(world: World) -> None:
    for who in ("alice", "rita"):
        assert client_for(world, who).get(reverse("member_excel:template")).status_code == 403
