"""Each row is classified (new, update, unchanged, warning, error) with its reasons per field."""

import datetime as dt
from typing import Any

import pytest

from core.dates import today
from core.testing import World
from member_excel.actions import do_create_batch
from member_excel.messages import render
from member_excel.models import BatchStatus, ImportBatch, RowKind
from member_excel.rows import StoredRow, iter_rows
from member_excel.testing import header, member_values, members_file, row, upload, values_of, workbook_bytes
from member_excel.validation import run_validation
from members.models import Member
from orgs.models import Organization


def check(world: World, content: bytes, org: Organization | None = None) -> tuple[ImportBatch, dict[int, StoredRow]]:
    batch = do_create_batch(world.olga, organization=org or world.cell_a1, upload=upload(content))
    run_validation(batch.pk)
    batch.refresh_from_db()
    assert batch.status == BatchStatus.READY, batch.failure
    return batch, {r.line: r for r in iter_rows(batch)}


def codes(stored: StoredRow) -> set[tuple[str, str]]:
    return {(field, code) for field, code, _params in stored.messages}


def member(name: str) -> Member:
    return Member.objects.select_related("organization").get(full_name=name)


def test_it_classifies_new_updated_unchanged_and_warned_rows(world: World) -> None:
    lan, hung = member("Nguyễn Thị Lan"), member("Đỗ Đức Hùng")
    content = members_file(
        member_values(),
        values_of(lan, phone="0987654321", residence="Khu 3, xã Tam Nông"),
        values_of(hung),
        member_values(phone=None),
    )
    batch, rows = check(world, content)
    assert [rows[line].kind for line in (2, 3, 4, 5)] == [RowKind.NEW, RowKind.UPDATE, RowKind.UNCHANGED, "warning"]
    assert rows[3].member_id == lan.pk and rows[3].member_version == lan.version
    assert ("", "changes") in codes(rows[3])
    assert render("changes", rows[3].messages[0][2]) == "Sẽ thay đổi: Nơi ở hiện nay, Số điện thoại."
    assert codes(rows[5]) == {("phone", "no_phone")}
    assert (batch.new_count, batch.update_count, batch.unchanged_count, batch.warning_count) == (1, 1, 1, 1)


def test_it_matches_a_member_by_cccd_when_the_card_number_is_empty(world: World) -> None:
    lan = member("Nguyễn Thị Lan")
    _batch, rows = check(world, members_file(values_of(lan, party_card_number=None, occupation="Giáo viên")))
    assert rows[2].kind == RowKind.UPDATE and rows[2].member_id == lan.pk


def test_it_says_what_is_wrong_with_each_field(world: World) -> None:
    future = (today() + dt.timedelta(days=3)).strftime("%d/%m/%Y")
    content = members_file(
        member_values(citizen_id="02507000123", phone="12345"),
        member_values(organization="X-HN-K9", gender="Không rõ"),
        member_values(date_of_birth=future, full_member_on=None),
        member_values(category="Dự bị"),
        member_values(admitted_on="09/01/1925", date_of_birth="1970"),
        member_values(full_name=None, date_of_birth="ngày 5 tháng 6"),
    )
    _batch, rows = check(world, content)
    assert all(r.kind == RowKind.ERROR for r in rows.values())
    assert codes(rows[2]) >= {("citizen_id", "bad_citizen_id"), ("phone", "bad_phone")}
    assert codes(rows[3]) >= {("organization", "unknown_cell"), ("gender", "bad_choice")}
    assert codes(rows[4]) >= {("date_of_birth", "future_date"), ("full_member_on", "full_without_date")}
    assert ("full_member_on", "probationary_with_date") in codes(rows[5])
    assert codes(rows[6]) >= {("admitted_on", "before_party"), ("date_of_birth", "year_only")}
    assert codes(rows[7]) >= {("full_name", "required"), ("date_of_birth", "bad_date")}
    messages = {code: render(code, params) for r in rows.values() for _f, code, params in r.messages}
    assert messages["bad_citizen_id"] == "“02507000123” không phải là số CCCD: số CCCD có đúng 12 chữ số."
    assert messages["unknown_cell"] == "Không có chi bộ nào mã “X-HN-K9” trực thuộc Chi bộ Khu 1."
    assert (
        messages["bad_choice"] == "“Không rõ” không phải là giá trị được phép. Hãy ghi một trong các giá trị: Nam, Nữ."
    )


def test_it_finds_impossible_dates(world: World) -> None:
    _batch, rows = check(world, members_file(member_values(admitted_on="29/02/2001")))
    assert ("admitted_on", "impossible_date") in codes(rows[2])
    assert render("impossible_date", rows[2].messages[0][2]) == "Không có ngày 29/02/2001 trên lịch."


def test_it_says_nothing_about_members_outside_the_target(world: World) -> None:
    binh = member("Bùi Văn Bình")
    _batch, rows = check(world, members_file(member_values(party_card_number=binh.party_card_number)), world.commune_a)
    assert codes(rows[2]) == {("party_card_number", "used_elsewhere")}
    text = render("used_elsewhere", rows[2].messages[0][2])
    assert "Bình" not in text and "Hương Nộn" in text


def test_it_sends_cell_changes_to_the_transfer_procedure(world: World) -> None:
    lan = member("Nguyễn Thị Lan")
    _batch, rows = check(world, members_file(values_of(lan, organization="X-HN-K2")), world.commune_a)
    assert codes(rows[2]) == {("organization", "moves_cell")}


def test_it_refuses_two_rows_for_one_member_and_mixed_identities(world: World) -> None:
    lan, hung = member("Nguyễn Thị Lan"), member("Đỗ Đức Hùng")
    content = members_file(
        values_of(lan, citizen_id=None, phone="0911111111"),
        values_of(lan, party_card_number=None, phone="0922222222"),
        values_of(hung, citizen_id=lan.citizen_id),
    )
    _batch, rows = check(world, content)
    assert ("full_name", "same_member") in codes(rows[2]) and ("full_name", "same_member") in codes(rows[3])
    assert ("citizen_id", "identity_conflict") in codes(rows[4])


def test_it_warns_about_unusual_membership_dates(world: World) -> None:
    two_years_ago = today() - dt.timedelta(days=730)
    content = members_file(
        member_values(date_of_birth="01/06/1990", admitted_on="01/01/2006", full_member_on="01/01/2007"),
        member_values(admitted_on="01/03/2010", full_member_on="01/09/2010"),
        member_values(category="Dự bị", admitted_on=two_years_ago.strftime("%d/%m/%Y"), full_member_on=None),
    )
    _batch, rows = check(world, content)
    assert codes(rows[2]) == {("admitted_on", "under_18")}
    assert codes(rows[3]) == {("full_member_on", "short_probation")}
    assert codes(rows[4]) == {("category", "long_probation")}
    assert render("under_18", rows[2].messages[0][2]) == "Vào Đảng lúc 15 tuổi, chưa đủ 18 tuổi."
    assert all(r.kind == RowKind.WARNING for r in rows.values())


def test_it_finds_a_person_already_recorded_without_card_or_cccd(world: World) -> None:
    hung = member("Đỗ Đức Hùng")
    twin = {"full_name": "do duc hung", "date_of_birth": hung.date_of_birth.strftime("%d/%m/%Y")}
    same_twice = {"full_name": "Lê Văn Mới", "date_of_birth": "02/02/1982", "party_card_number": None}
    content = members_file(
        member_values(**twin, party_card_number=None, citizen_id=None),
        member_values(**same_twice, citizen_id=None),
        member_values(**same_twice),
    )
    _batch, rows = check(world, content)
    assert ("full_name", "already_recorded") in codes(rows[2])
    assert ("full_name", "same_person_in_file") in codes(rows[3])
    assert ("full_name", "same_person_in_file") in codes(rows[4])


def test_it_reads_headers_in_any_order_with_or_without_accents(world: World) -> None:
    titles = [t.upper() for t in header()]
    titles = ["STT", *("MA CHI BO" if t == "MÃ CHI BỘ" else t for t in reversed(titles))]
    values = member_values()
    line = [1, *reversed(row(values))]
    content = workbook_bytes([line], titles=titles, above=[["DANH SÁCH ĐẢNG VIÊN"], []])
    _batch, rows = check(world, content)
    assert rows[4].kind == RowKind.NEW and rows[4].name == values["full_name"]


def test_it_understands_excel_dates_and_numbers(world: World) -> None:
    content = members_file(
        member_values(date_of_birth=dt.datetime(1975, 5, 17), citizen_id=125075000123, phone=912345678),
        member_values(citizen_id=25075000124),
    )
    _batch, rows = check(world, content)
    assert rows[2].kind == RowKind.NEW, rows[2].messages
    columns = _batch.columns
    assert rows[2].values[columns.index("phone")] == "0912345678"
    assert rows[2].values[columns.index("date_of_birth")] == "1975-05-17"
    assert codes(rows[3]) == {("citizen_id", "citizen_id_lost_zero")}


@pytest.mark.parametrize(
    ("target", "expected"),
    [("cell_a1", (RowKind.NEW, "X-HN-K1")), ("commune_a", (RowKind.ERROR, None))],
)
def test_it_takes_the_target_cell_when_the_cell_code_is_empty(world: World, target: str, expected: Any) -> None:
    batch, rows = check(world, members_file(member_values(organization=None)), getattr(world, target))
    cell = rows[2].values[batch.columns.index("organization")]
    assert (rows[2].kind, cell) == expected
