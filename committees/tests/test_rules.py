"""DOMAIN.md §3 rules on committees, terms and positions, enforced by the actions."""

import datetime as dt

import pytest
from django.core.exceptions import ValidationError

from audit.models import AuditEntry
from committees.actions import do_assign_position, do_close_term, do_create_term, do_end_position
from committees.models import CommitteeTerm, Position, Role
from committees.queries import committee_of
from core.testing import World, make_member
from members.models import Member, MemberState

SINCE = dt.date(2026, 1, 1)


def member(name: str) -> Member:
    return Member.objects.get(full_name=name)


def refused(message: str, **kwargs) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(ValidationError) as error:
        do_assign_position(None, **kwargs)
    assert any(message in m for m in error.value.messages), error.value.messages


def grow_to_nine_full(world: World) -> None:
    for i in range(6):
        make_member(world.cell_a1, f"Đảng Viên Thêm {i}")


def test_it_gives_a_small_cell_no_committee_members(world: World) -> None:
    refused(
        "dưới 9 đảng viên chính thức không lập chi ủy",
        organization=world.cell_a1,
        member=member("Đỗ Đức Hùng"),
        role=Role.COMMITTEE,
        valid_from=SINCE,
    )
    grow_to_nine_full(world)
    do_assign_position(
        None, organization=world.cell_a1, member=member("Đỗ Đức Hùng"), role=Role.COMMITTEE, valid_from=SINCE
    )
    assert committee_of(world.cell_a1).full_members == 9


def test_it_allows_one_deputy_in_a_small_cell(world: World) -> None:
    do_assign_position(
        None, organization=world.cell_a1, member=member("Đỗ Đức Hùng"), role=Role.DEPUTY, valid_from=SINCE
    )
    refused(
        "chỉ có tối đa một phó bí thư",
        organization=world.cell_a1,
        member=member("Nguyễn Thị Lan"),
        role=Role.DEPUTY,
        valid_from=SINCE,
    )


def test_it_keeps_one_secretary_at_a_time(world: World) -> None:
    lan = member("Nguyễn Thị Lan")
    refused("đang là bí thư", organization=world.cell_a1, member=lan, role=Role.SECRETARY, valid_from=SINCE)
    # Even a successor starting before the incumbent's recorded end overlaps.
    sam_position = Position.objects.get(organization=world.cell_a1, role=Role.SECRETARY)
    do_end_position(None, sam_position, on=dt.date(2026, 3, 31))
    refused(
        "đang là bí thư", organization=world.cell_a1, member=lan, role=Role.SECRETARY, valid_from=dt.date(2026, 3, 1)
    )
    do_assign_position(
        None, organization=world.cell_a1, member=lan, role=Role.SECRETARY, valid_from=dt.date(2026, 4, 1)
    )


def test_it_gives_positions_to_full_active_members_of_the_organization_only(world: World) -> None:
    refused(
        "Chỉ đảng viên chính thức",
        organization=world.cell_a1,
        member=member("Phạm Văn Dự"),
        role=Role.DEPUTY,
        valid_from=SINCE,
    )
    late = make_member(world.cell_a1, "Mai Văn Muộn", full_member_on=dt.date(2026, 6, 1))
    refused("Chỉ đảng viên chính thức", organization=world.cell_a1, member=late, role=Role.DEPUTY, valid_from=SINCE)
    refused(
        "Chỉ đảng viên của tổ chức này",
        organization=world.cell_a1,
        member=member("Hoàng Văn Nam"),
        role=Role.DEPUTY,
        valid_from=SINCE,
    )
    Member.objects.filter(full_name="Đỗ Đức Hùng").update(state=MemberState.DECEASED)
    refused(
        "không còn sinh hoạt đảng",
        organization=world.cell_a1,
        member=member("Đỗ Đức Hùng"),
        role=Role.DEPUTY,
        valid_from=SINCE,
    )


def test_it_keeps_the_standing_committee_for_communes(world: World) -> None:
    grow_to_nine_full(world)
    refused(
        "Chỉ đảng bộ xã hoặc đảng bộ tỉnh mới có Ban Thường vụ",
        organization=world.cell_a1,
        member=member("Đỗ Đức Hùng"),
        role=Role.STANDING,
        valid_from=SINCE,
    )
    hung, hoa, nam = member("Đỗ Đức Hùng"), member("Lê Thị Hoa"), member("Hoàng Văn Nam")
    commune = world.commune_a
    do_assign_position(None, organization=commune, member=hung, role=Role.SECRETARY, valid_from=SINCE)
    do_assign_position(None, organization=commune, member=hoa, role=Role.STANDING, valid_from=SINCE)
    do_assign_position(None, organization=commune, member=nam, role=Role.COMMITTEE, valid_from=SINCE)
    committee = committee_of(commune)
    assert [p.member.full_name for p in committee.standing_committee] == ["Đỗ Đức Hùng", "Lê Thị Hoa"]
    assert len(committee.officers) == 3


def test_it_takes_the_follow_up_cadre_from_the_upper_committee(world: World) -> None:
    hung = member("Đỗ Đức Hùng")
    refused(
        "phải là cấp ủy viên của Đảng bộ xã Hương Nộn",
        organization=world.cell_a2,
        member=hung,
        role=Role.FOLLOW_UP,
        valid_from=SINCE,
    )
    do_assign_position(None, organization=world.commune_a, member=hung, role=Role.COMMITTEE, valid_from=SINCE)
    do_assign_position(None, organization=world.cell_a2, member=hung, role=Role.FOLLOW_UP, valid_from=SINCE)
    refused(
        "đã được phân công phụ trách", organization=world.cell_a2, member=hung, role=Role.FOLLOW_UP, valid_from=SINCE
    )
    assert [p.member.full_name for p in committee_of(world.cell_a2).follow_ups] == ["Đỗ Đức Hùng"]
    refused(
        "không có cấp ủy viên phụ trách",
        organization=world.province,
        member=hung,
        role=Role.FOLLOW_UP,
        valid_from=SINCE,
    )


def test_it_refuses_the_same_position_twice(world: World) -> None:
    hung = member("Đỗ Đức Hùng")
    do_assign_position(None, organization=world.cell_a1, member=hung, role=Role.DEPUTY, valid_from=SINCE)
    before = Position.objects.count()
    refused("đang giữ chức vụ Phó Bí thư", organization=world.cell_a1, member=hung, role=Role.DEPUTY, valid_from=SINCE)
    assert Position.objects.count() == before


def test_it_creates_and_closes_terms_ending_their_positions(world: World) -> None:
    term = do_create_term(world.olga, world.cell_a1, name="2025-2030", starts_on=dt.date(2025, 8, 1), ends_on=None)
    with pytest.raises(ValidationError):
        do_create_term(world.olga, world.cell_a1, name="2025-2030", starts_on=dt.date(2030, 8, 1), ends_on=None)
    with pytest.raises(ValidationError):
        do_create_term(world.olga, world.cell_a1, name="2027-2032", starts_on=dt.date(2027, 8, 1), ends_on=None)
    with pytest.raises(ValidationError):
        do_create_term(
            world.olga, world.cell_a1, name="Sai", starts_on=dt.date(2027, 8, 1), ends_on=dt.date(2027, 1, 1)
        )
    deputy = do_assign_position(
        None, organization=world.cell_a1, member=member("Đỗ Đức Hùng"), role=Role.DEPUTY, valid_from=SINCE, term=term
    )
    with pytest.raises(ValidationError):
        do_close_term(world.olga, term, on=dt.date(2025, 1, 1))
    do_close_term(world.olga, term, on=dt.date(2026, 6, 30))
    deputy.refresh_from_db()
    assert deputy.valid_to == dt.date(2026, 6, 30)
    assert CommitteeTerm.objects.get(pk=term.pk).ends_on == dt.date(2026, 6, 30)
    with pytest.raises(ValidationError):
        do_close_term(world.olga, term, on=dt.date(2026, 7, 30))
    # The next term may start once the previous one is closed.
    do_create_term(world.olga, world.cell_a1, name="2026-2031", starts_on=dt.date(2026, 7, 1), ends_on=None)
    assert list(AuditEntry.objects.filter(action__startswith="term.").values_list("action", flat=True)) == [
        "term.create",
        "term.close",
        "term.create",
    ]


def test_it_refuses_a_position_outside_its_term(world: World) -> None:
    term = do_create_term(
        None, world.cell_a1, name="2020-2025", starts_on=dt.date(2020, 8, 1), ends_on=dt.date(2025, 7, 31)
    )
    refused(
        "nằm ngoài nhiệm kỳ 2020-2025",
        organization=world.cell_a1,
        member=member("Đỗ Đức Hùng"),
        role=Role.DEPUTY,
        valid_from=SINCE,
        term=term,
    )


def test_it_ends_a_position_once_and_not_before_it_starts(world: World) -> None:
    position = Position.objects.get(organization=world.cell_a1, role=Role.SECRETARY)
    with pytest.raises(ValidationError):
        do_end_position(world.olga, position, on=dt.date(2025, 1, 1))
    do_end_position(world.olga, position, on=dt.date(2026, 1, 31))
    with pytest.raises(ValidationError):
        do_end_position(world.olga, position, on=dt.date(2026, 2, 28))
    entry = AuditEntry.objects.get(action="position.end")
    assert entry.before["valid_to"] is None and entry.after["valid_to"] == "2026-01-31"


def test_it_counts_only_active_full_members_towards_nine(world: World) -> None:
    grow_to_nine_full(world)
    Member.objects.filter(full_name="Đảng Viên Thêm 0").update(state=MemberState.TRANSFERRED_OUT)
    assert committee_of(world.cell_a1).small_cell
