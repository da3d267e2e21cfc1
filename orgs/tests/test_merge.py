"""Merging organizations: the plan, the one-transaction merge, and the history it leaves."""

import datetime as dt

import pytest
from django.core.exceptions import ValidationError

from accounts.models import Grant, GrantRole
from audit.models import AuditEntry
from committees.actions import do_assign_position, do_create_term
from committees.models import CommitteeTerm, Position, Role
from core.testing import World, make_member
from members.models import Category, Member, Transfer
from orgs.actions import NewTarget, StalePlan, do_merge_organizations, do_rename_organization, plan_merge
from orgs.models import Organization, OrgKind, OrgVersion
from orgs.queries import tree_as_of
from orgs.tests.conftest import MERGE_DAY

D = MERGE_DAY
DAY_BEFORE = D - dt.timedelta(days=1)


def tam_nong(world: World) -> NewTarget:
    return NewTarget(kind=OrgKind.COMMUNE, code="X-TN", name="Đảng bộ xã Tam Nông", parent=world.province)


def commune_a_committee(world: World) -> tuple[Position, Position]:
    """Commune A's secretary (Hùng, of cell A1) who also follows cell A2."""
    hung = Member.objects.get(full_name="Đỗ Đức Hùng")
    term = do_create_term(None, world.commune_a, name="2020-2025", starts_on=dt.date(2020, 8, 1), ends_on=None)
    secretary = do_assign_position(
        None, organization=world.commune_a, member=hung, role=Role.SECRETARY, valid_from=dt.date(2020, 8, 1), term=term
    )
    follow_up = do_assign_position(
        None, organization=world.cell_a2, member=hung, role=Role.FOLLOW_UP, valid_from=dt.date(2021, 1, 1)
    )
    return secretary, follow_up


def test_it_plans_a_merge_of_communes_into_a_new_one_without_writing(world: World) -> None:
    commune_a_committee(world)
    audit_rows = AuditEntry.objects.count()
    plan = plan_merge([world.commune_a, world.commune_b], None, D, new_target=tam_nong(world))
    assert plan.ok, plan.problems
    assert {c.name for c in plan.moving_children} == {"Chi bộ Khu 1", "Chi bộ Khu 2", "Chi bộ Khu Đồng"}
    assert plan.count(world.commune_a) == (7, 6)
    assert plan.count(world.cell_b1) == (1, 1)
    assert {(p.role, p.organization.name) for p in plan.ending_positions} == {
        (Role.SECRETARY, "Đảng bộ xã Hương Nộn"),
        (Role.FOLLOW_UP, "Chi bộ Khu 2"),
    }
    assert [t.name for t in plan.ending_terms] == ["2020-2025"]
    assert {(g.user.username, g.role) for g in plan.grants} == {("olga", GrantRole.OFFICE), ("oscar", GrantRole.OFFICE)}
    assert plan.moving_members == []
    assert AuditEntry.objects.count() == audit_rows
    assert not Organization.objects.filter(code="X-TN").exists()


def test_it_merges_communes_keeping_each_cell_and_its_history(world: World, pat) -> None:  # type: ignore[no-untyped-def]
    secretary, follow_up = commune_a_committee(world)
    sam_position = Position.objects.get(organization=world.cell_a1, role=Role.SECRETARY)
    plan = plan_merge([world.commune_a, world.commune_b], None, D, new_target=tam_nong(world), carry_grants=True)
    target = do_merge_organizations(pat, plan)

    assert target.name == "Đảng bộ xã Tam Nông" and target.founded_on == D
    for cell in (world.cell_a1, world.cell_a2, world.cell_b1):
        cell.refresh_from_db()
        assert cell.parent_id == target.pk and cell.path == f"{target.path}{cell.pk}/"
        assert cell.is_active
        assert OrgVersion.objects.as_of(DAY_BEFORE).get(organization=cell).parent_id in (
            world.commune_a.pk,
            world.commune_b.pk,
        )
        assert OrgVersion.objects.as_of(D).get(organization=cell).parent_id == target.pk
    for commune in (world.commune_a, world.commune_b):
        commune.refresh_from_db()
        assert commune.dissolved_on == D and commune.merged_into_id == target.pk
    # Members stay in their cells; their cells now sit under the new commune.
    assert Member.objects.under(target).count() == 8
    # The old commune's committee and the follow-up it sent end the day before; cell secretaries stay.
    secretary.refresh_from_db()
    follow_up.refresh_from_db()
    sam_position.refresh_from_db()
    assert secretary.valid_to == DAY_BEFORE and follow_up.valid_to == DAY_BEFORE
    assert sam_position.valid_to is None
    assert CommitteeTerm.objects.get(name="2020-2025").ends_on == DAY_BEFORE
    # The offices of the old communes manage the new one because the office chose so.
    assert Grant.objects.filter(organization=target, role=GrantRole.OFFICE).count() == 2
    entry = AuditEntry.objects.get(action="org.merge")
    assert entry.actor == pat and entry.organization == target
    assert sorted(entry.after["moved"]) == sorted([world.cell_a1.pk, world.cell_a2.pk, world.cell_b1.pk])


def test_it_answers_as_of_queries_across_a_merge(world: World, pat) -> None:  # type: ignore[no-untyped-def]
    plan = plan_merge([world.commune_a, world.commune_b], None, D, new_target=tam_nong(world))
    do_merge_organizations(pat, plan)

    def tree_names(day: dt.date | None) -> dict[str, list[str]]:
        roots = tree_as_of(Organization.objects.all(), day)
        province = roots[0]
        return {c.name: sorted(g.name for g in c.children) for c in province.children}

    assert tree_names(DAY_BEFORE) == {
        "Đảng bộ xã Hương Nộn": ["Chi bộ Khu 1", "Chi bộ Khu 2"],
        "Đảng bộ xã Dân Quyền": ["Chi bộ Khu Đồng"],
    }
    expected_after = {"Đảng bộ xã Tam Nông": ["Chi bộ Khu 1", "Chi bộ Khu 2", "Chi bộ Khu Đồng"]}
    assert tree_names(D) == expected_after
    assert tree_names(None) == expected_after
    assert tree_as_of(Organization.objects.all(), dt.date(1929, 1, 1)) == []


def test_it_merges_a_cell_into_another_moving_its_members(world: World) -> None:
    sue_position = Position.objects.get(organization=world.cell_a2, role=Role.SECRETARY)
    plan = plan_merge([world.cell_a2], world.cell_a1, D)
    assert [m.full_name for m in plan.moving_members] == ["Hoàng Văn Nam", "Lê Thị Hoa", "Vũ Thị Mai"]
    do_merge_organizations(world.olga, plan)

    assert Member.objects.filter(organization=world.cell_a1).count() == 7
    assert Member.objects.filter(organization=world.cell_a2).count() == 0
    transfers = Transfer.objects.filter(to_org=world.cell_a1, from_org=world.cell_a2, on=D)
    assert transfers.count() == 3
    sue_position.refresh_from_db()
    assert sue_position.valid_to == DAY_BEFORE
    world.cell_a2.refresh_from_db()
    assert world.cell_a2.merged_into_id == world.cell_a1.pk


def test_it_keeps_each_members_transfers_in_order(world: World) -> None:
    late = make_member(world.cell_a2, "Đinh Văn Sau", category=Category.PROBATIONARY, admitted_on=dt.date(2026, 3, 2))
    do_merge_organizations(world.olga, plan_merge([world.cell_a2], world.cell_a1, D))
    assert Transfer.objects.get(member=late).on == dt.date(2026, 3, 2)
    assert Transfer.objects.get(member__full_name="Vũ Thị Mai").on == D


def test_it_merges_cells_into_a_new_cell(world: World) -> None:
    new = NewTarget(
        kind=OrgKind.CELL,
        code="X-HN-K12",
        name="Chi bộ Khu 1-2",
        official_name="Chi bộ Khu dân cư số 1-2",
        parent=world.commune_a,
        cell_type="residential",
    )
    target = do_merge_organizations(world.olga, plan_merge([world.cell_a1, world.cell_a2], None, D, new_target=new))
    assert target.official_name == "Chi bộ Khu dân cư số 1-2" and target.cell_type == "residential"
    assert Member.objects.filter(organization=target).count() == 7
    assert target.path == f"{world.commune_a.path}{target.pk}/"


@pytest.mark.parametrize(
    "case",
    ["into_itself", "into_own_child", "mixed_kinds", "dissolved_source", "future", "taken_code", "parent_is_cell"],
)
def test_it_refuses_an_impossible_merge(world: World, case: str) -> None:
    sources, target, new, on = [world.cell_a2], world.cell_a1, None, D
    if case == "into_itself":
        sources = [world.cell_a1]
    elif case == "into_own_child":
        sources, target = [world.commune_a], world.cell_a1
    elif case == "mixed_kinds":
        sources = [world.cell_a2, world.commune_b]
    elif case == "dissolved_source":
        do_merge_organizations(world.olga, plan_merge([world.cell_a2], world.cell_a1, D))
        world.cell_a2.refresh_from_db()
    elif case == "future":
        on = dt.date(2099, 1, 1)
    elif case == "taken_code":
        target, new = None, NewTarget(kind=OrgKind.CELL, code="x-hn-k1", name="Chi bộ mới", parent=world.commune_a)
    elif case == "parent_is_cell":
        target, new = None, NewTarget(kind=OrgKind.CELL, code="NEW", name="Chi bộ mới", parent=world.cell_b1)
    plan = plan_merge(sources, target, on, new_target=new)
    assert not plan.ok
    before = AuditEntry.objects.count()
    with pytest.raises(ValidationError):
        do_merge_organizations(world.olga, plan)
    assert AuditEntry.objects.count() == before


def test_it_refuses_a_merge_before_a_cell_position_starts(world: World) -> None:
    plan = plan_merge([world.cell_a2], world.cell_a1, dt.date(2025, 7, 1))
    assert any("Lê Thị Hoa" in problem for problem in plan.problems)


def test_it_refuses_a_stale_plan_and_hands_back_the_fresh_one(world: World) -> None:
    plan = plan_merge([world.cell_a2], world.cell_a1, D)
    seen = plan.fingerprint
    make_member(world.cell_a2, "Ngô Văn Mới")
    with pytest.raises(StalePlan) as stale:
        do_merge_organizations(world.olga, plan, expected_fingerprint=seen)
    assert "Ngô Văn Mới" in [m.full_name for m in stale.value.fresh.moving_members]
    world.cell_a2.refresh_from_db()
    assert world.cell_a2.is_active
    do_merge_organizations(world.olga, plan, expected_fingerprint=stale.value.fresh.fingerprint)
    assert Member.objects.filter(organization=world.cell_a1).count() == 8


def test_it_sees_a_rename_as_a_change_of_the_tree(world: World) -> None:
    seen = plan_merge([world.cell_a2], world.cell_a1, D).fingerprint
    do_rename_organization(world.olga, world.cell_a2, name="Chi bộ Khu Hai", official_name="", on=D)
    cell_a2 = Organization.objects.get(pk=world.cell_a2.pk)
    assert plan_merge([cell_a2], world.cell_a1, D).fingerprint != seen
