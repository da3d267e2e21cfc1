"""The member list exports as filtered on its page, in the template's layout, in a fixed number of queries."""

import datetime as dt
import io
from collections.abc import Callable
from typing import Any

from django.urls import reverse
from openpyxl import load_workbook

from core.testing import World, make_member
from member_excel.models import RowKind
from member_excel.rows import iter_rows
from member_excel.testing import client_for, header, last_batch


def _export(world: World, who: str = "olga", query: str = "") -> Any:
    response = client_for(world, who).get(reverse("member_excel:export") + query)
    assert response.status_code == 200
    assert response["Content-Type"] == "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    return b"".join(response.streaming_content)


def _rows(content: bytes) -> list[tuple[Any, ...]]:
    sheet = load_workbook(io.BytesIO(content))["Đảng viên"]
    return list(sheet.iter_rows(values_only=True))


def test_it_exports_the_filtered_list_with_the_template_columns(world: World) -> None:
    rows = _rows(_export(world, query="?category=probationary"))
    assert list(rows[0]) == header()
    assert [r[1] for r in rows[1:]] == ["Phạm Văn Dự"]
    line = dict(zip(header(), rows[1], strict=True))
    assert line["Mã chi bộ"] == "X-HN-K1" and line["Loại đảng viên"] == "Dự bị" and line["Giới tính"] == "Nam"
    assert line["Ngày sinh"] == dt.datetime(1970, 5, 17) and line["Ngày chính thức"] is None
    assert isinstance(line["Số CCCD"], str) and len(line["Số CCCD"]) == 12


def test_it_exports_only_what_the_user_may_see(world: World) -> None:
    names = {r[1] for r in _rows(_export(world, who="sam"))[1:]}
    assert names == {"Nguyễn Thị Lan", "Trần Văn Sâm", "Đỗ Đức Hùng", "Phạm Văn Dự"}
    assert {r[1] for r in _rows(_export(world, who="oscar"))[1:]} == {"Bùi Văn Bình"}
    assert client_for(world, "alice").get(reverse("member_excel:export")).status_code == 403


def test_it_reads_an_export_back_as_unchanged_rows_then_as_updates(world: World, post_file: Callable[..., Any]) -> None:
    content = _export(world)
    post_file(content, org=world.commune_a)
    batch = last_batch()
    assert (batch.total_rows, batch.unchanged_count, batch.error_count) == (7, 7, 0)

    workbook = load_workbook(io.BytesIO(content))
    sheet = workbook["Đảng viên"]
    phone_column = header().index("Số điện thoại") + 1
    sheet.cell(row=2, column=phone_column, value="0977000111")
    edited = io.BytesIO()
    workbook.save(edited)
    post_file(edited.getvalue(), org=world.commune_a)
    rows = list(iter_rows(last_batch()))
    assert [r.kind for r in rows].count(RowKind.UPDATE) == 1
    assert [r.kind for r in rows].count(RowKind.UNCHANGED) == 6


def test_it_exports_in_a_fixed_number_of_queries(world: World, django_assert_num_queries: Any) -> None:
    client = client_for(world, "olga")
    url = reverse("member_excel:export") + "?org=" + str(world.commune_a.pk)
    with django_assert_num_queries(EXPORT_QUERIES):
        b"".join(client.get(url).streaming_content)
    for n in range(40):
        make_member(world.cell_a2 if n % 2 else world.cell_a1, f"Lê Văn Thêm {n}")
    with django_assert_num_queries(EXPORT_QUERIES) as captured:
        content = b"".join(client.get(url).streaming_content)
    assert len(_rows(content)) == 1 + 7 + 40, captured


# Session, user, the user's grants, whether they may see members at all, the
# chosen organization, the members (one query, organization joined), and the
# cells listed on the instructions sheet.
EXPORT_QUERIES = 7
