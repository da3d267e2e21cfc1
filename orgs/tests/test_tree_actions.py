"""Create, rename, move and dissolve: the tree's invariants and the audit trail."""

import datetime as dt

import pytest
from django.core.exceptions import ValidationError

from audit.models import AuditEntry
from committees.actions import do_assign_position
from committees.models import Position, Role
from core.testing import World, make_member
from members.models import Member
from orgs.actions import (
    do_create_organization,
    do_dissolve_organization,
    do_move_organization,
    do_rename_organization,
)
from orgs.models import Organization, OrgKind, OrgVersion
from orgs.queries import tree_as_of

D = dt.date(2026, 1, 1)


def new_cell(world: World, code: str, parent: Organization | None = None, **extra) -> Organization:  # type: ignore[no-untyped-def]
    return do_create_organization(
        world.olga,
        kind=OrgKind.CELL,
        code=code,
        name=f"Chi bộ {code}",
        parent=parent or world.commune_a,
        cell_type="school",
        founded_on=extra.pop("founded_on", dt.date(2020, 1, 1)),
        **extra,
    )


def test_it_creates_a_cell_with_its_first_version_and_an_audit_row(world: World) -> None:
    cell = new_cell(world, "X-HN-TH", official_name="Chi bộ Trường Tiểu học Hương Nộn")
    assert cell.path == f"{world.commune_a.path}{cell.pk}/"
    version = OrgVersion.objects.get(organization=cell)
    assert (version.valid_from, version.valid_to, version.parent_id) == (dt.date(2020, 1, 1), None, world.commune_a.pk)
    assert AuditEntry.objects.filter(action="org.create", object_id=str(cell.pk), actor=world.olga).exists()


@pytest.mark.parametrize("case", ["taken_code", "cell_under_cell", "commune_under_commune", "future", "no_name"])
def test_it_refuses_an_organization_that_does_not_fit(world: World, case: str) -> None:
    kwargs = {"kind": OrgKind.CELL, "code": "NEW", "name": "Chi bộ mới", "parent": world.commune_a}
    if case == "taken_code":
        kwargs["code"] = "x-hn-k1"
    elif case == "cell_under_cell":
        kwargs["parent"] = world.cell_a1
    elif case == "commune_under_commune":
        kwargs["kind"] = OrgKind.COMMUNE
    elif case == "no_name":
        kwargs["name"] = "  "
    founded = dt.date(2099, 1, 1) if case == "future" else dt.date(2020, 1, 1)
    count = Organization.objects.count()
    with pytest.raises(ValidationError):
        do_create_organization(world.olga, founded_on=founded, **kwargs)  # type: ignore[arg-type]
    assert Organization.objects.count() == count


def test_it_moves_a_subtree_rewriting_every_descendant_path(world: World) -> None:
    sub = do_create_organization(
        world.olga,
        kind=OrgKind.SUBCOMMITTEE,
        code="X-HN-B1",
        name="Đảng bộ bộ phận Trường học",
        parent=world.commune_a,
        founded_on=dt.date(2020, 1, 1),
    )
    s1, s2 = new_cell(world, "X-HN-B1-1", sub), new_cell(world, "X-HN-B1-2", sub)
    teacher = make_member(s1, "Trịnh Thị Hương")
    do_move_organization(world.oscar, sub, new_parent=world.commune_b, on=D)

    for org in (sub, s1, s2):
        org.refresh_from_db()
    assert sub.path == f"{world.commune_b.path}{sub.pk}/"
    assert s1.path == f"{sub.path}{s1.pk}/" and s2.path == f"{sub.path}{s2.pk}/"
    assert Member.objects.under(world.commune_b).filter(pk=teacher.pk).exists()
    assert not Member.objects.under(world.commune_a).filter(pk=teacher.pk).exists()
    # Only the moved organization gets a new period; its cells still sit under it.
    assert OrgVersion.objects.as_of(D - dt.timedelta(days=1)).get(organization=sub).parent_id == world.commune_a.pk
    assert OrgVersion.objects.as_of(D).get(organization=sub).parent_id == world.commune_b.pk
    assert OrgVersion.objects.filter(organization=s1).count() == 1
    entry = AuditEntry.objects.get(action="org.move")
    assert entry.before["parent"] == world.commune_a.pk and entry.after["parent"] == world.commune_b.pk


@pytest.mark.parametrize("case", ["under_itself", "under_own_child", "same_parent", "cell_under_province"])
def test_it_refuses_an_impossible_move(world: World, case: str) -> None:
    org, parent = world.commune_a, world.commune_a
    if case == "under_own_child":
        parent = world.cell_a1
    elif case == "same_parent":
        org, parent = world.cell_a1, world.commune_a
    elif case == "cell_under_province":
        org, parent = world.cell_a1, world.province
    paths = dict(Organization.objects.values_list("pk", "path"))
    with pytest.raises(ValidationError):
        do_move_organization(world.olga, org, new_parent=parent, on=D)
    assert dict(Organization.objects.values_list("pk", "path")) == paths


def test_it_ends_the_follow_up_cadre_of_a_moved_cell(world: World) -> None:
    hung = Member.objects.get(full_name="Đỗ Đức Hùng")
    do_assign_position(
        None, organization=world.commune_a, member=hung, role=Role.COMMITTEE, valid_from=dt.date(2021, 1, 1)
    )
    follow_up = do_assign_position(
        None, organization=world.cell_a2, member=hung, role=Role.FOLLOW_UP, valid_from=dt.date(2021, 1, 1)
    )
    do_move_organization(world.olga, world.cell_a2, new_parent=world.commune_b, on=D)
    follow_up.refresh_from_db()
    assert follow_up.valid_to == D - dt.timedelta(days=1)
    assert Position.objects.get(organization=world.cell_a2, role=Role.SECRETARY).valid_to is None


def test_it_records_a_rename_with_before_and_after(world: World) -> None:
    do_rename_organization(world.olga, world.cell_a1, name="Chi bộ Khu 6", official_name="Chi bộ Khu dân cư số 6", on=D)
    entry = AuditEntry.objects.get(action="org.rename")
    assert entry.before == {"name": "Chi bộ Khu 1", "official_name": "Chi bộ Khu 1"}
    assert entry.after["official_name"] == "Chi bộ Khu dân cư số 6"
    with pytest.raises(ValidationError):
        do_rename_organization(
            world.olga, world.cell_a1, name="Chi bộ Khu 6", official_name="Chi bộ Khu dân cư số 6", on=D
        )
    assert AuditEntry.objects.filter(action="org.rename").count() == 1


def test_it_dissolves_an_empty_cell_which_stays_in_the_past(world: World) -> None:
    cell = new_cell(world, "X-HN-K9")
    do_dissolve_organization(world.olga, cell, on=D, reason="Sáp nhập thôn")
    cell.refresh_from_db()
    assert cell.dissolved_on == D
    everyone = Organization.objects.all()

    def codes(day: dt.date | None) -> set[str]:
        return {n.org.code for root in tree_as_of(everyone, day) for n in root.walk()}

    assert "X-HN-K9" in codes(D - dt.timedelta(days=1))
    assert "X-HN-K9" not in codes(D)
    assert "X-HN-K9" not in codes(None)
    with pytest.raises(ValidationError):
        do_dissolve_organization(world.olga, cell, on=D)


def test_it_refuses_to_dissolve_an_organization_that_still_has_members_or_cells(world: World) -> None:
    with pytest.raises(ValidationError):
        do_dissolve_organization(world.olga, world.cell_a1, on=D)
    with pytest.raises(ValidationError):
        do_dissolve_organization(world.olga, world.commune_a, on=D)
    assert Organization.objects.filter(dissolved_on__isnull=False).count() == 0
