"""As-of semantics: versions are half-open [from, to), positions end on their last day."""

import datetime as dt

import pytest
from django.core.exceptions import ValidationError

from committees.actions import do_assign_position, do_end_position
from committees.models import Position, Role
from core.dates import today
from core.testing import World
from orgs.actions import do_move_organization, do_rename_organization
from orgs.models import Organization, OrgVersion
from orgs.queries import org_history, tree_as_of

D = dt.date(2025, 7, 1)
LAST = dt.date(2026, 1, 31)


def names_on(day: dt.date | None) -> set[str]:
    roots = tree_as_of(Organization.objects.all(), day)
    out = set()
    stack = list(roots)
    while stack:
        node = stack.pop()
        out.add(node.name)
        stack.extend(node.children)
    return out


def test_it_shows_the_old_name_until_the_day_before_a_rename(world: World) -> None:
    do_rename_organization(world.olga, world.cell_a1, name="Chi bộ Khu Đông", official_name="", on=D)
    assert "Chi bộ Khu 1" in names_on(D - dt.timedelta(days=1))
    assert "Chi bộ Khu Đông" in names_on(D)
    assert "Chi bộ Khu 1" not in names_on(D)
    assert OrgVersion.objects.as_of(D).get(organization=world.cell_a1).name == "Chi bộ Khu Đông"
    world.cell_a1.refresh_from_db()
    assert world.cell_a1.official_name == "Chi bộ Khu Đông"


def test_it_corrects_a_second_rename_on_the_same_day_in_place(world: World) -> None:
    do_rename_organization(world.olga, world.cell_a1, name="Chi bộ Khu Đông", official_name="", on=D)
    do_rename_organization(world.olga, world.cell_a1, name="Chi bộ Khu Đoài", official_name="", on=D)
    versions = list(OrgVersion.objects.filter(organization=world.cell_a1).order_by("valid_from"))
    assert [(v.name, v.valid_from, v.valid_to) for v in versions] == [
        ("Chi bộ Khu 1", dt.date(1930, 2, 3), D),
        ("Chi bộ Khu Đoài", D, None),
    ]


def test_it_reopens_the_previous_period_when_a_same_day_rename_is_undone(world: World) -> None:
    do_rename_organization(world.olga, world.cell_a1, name="Chi bộ Khu Đông", official_name="", on=D)
    do_rename_organization(world.olga, world.cell_a1, name="Chi bộ Khu 1", official_name="", on=D)
    versions = list(OrgVersion.objects.filter(organization=world.cell_a1))
    assert [(v.name, v.valid_to) for v in versions] == [("Chi bộ Khu 1", None)]


def test_it_refuses_a_change_dated_before_the_current_period(world: World) -> None:
    do_rename_organization(world.olga, world.cell_a1, name="Chi bộ Khu Đông", official_name="", on=D)
    with pytest.raises(ValidationError):
        do_rename_organization(
            world.olga,
            world.cell_a1,
            name="Chi bộ Khu Tây",
            official_name="",
            on=D.replace(day=2) - dt.timedelta(days=30),
        )
    with pytest.raises(ValidationError):
        do_move_organization(world.olga, world.cell_a1, new_parent=world.commune_b, on=dt.date(2020, 1, 1))
    assert OrgVersion.objects.filter(organization=world.cell_a1).count() == 2


def test_it_refuses_a_change_dated_in_the_future(world: World) -> None:
    with pytest.raises(ValidationError):
        do_rename_organization(
            world.olga, world.cell_a1, name="Chi bộ Khu Tây", official_name="", on=today() + dt.timedelta(days=1)
        )
    assert OrgVersion.objects.filter(organization=world.cell_a1).count() == 1


def test_it_keeps_the_parent_of_each_period_with_its_name_at_the_time(world: World) -> None:
    do_rename_organization(world.olga, world.commune_b, name="Đảng bộ xã Tam Nông", official_name="", on=D)
    do_move_organization(world.olga, world.cell_a1, new_parent=world.commune_b, on=dt.date(2025, 3, 1))
    lines = org_history(world.cell_a1)
    assert [(line.version.valid_from, line.parent_name, line.reason) for line in lines] == [
        (dt.date(2025, 3, 1), "Đảng bộ xã Dân Quyền", "di chuyển"),
        (dt.date(1930, 2, 3), "Đảng bộ xã Hương Nộn", "thành lập"),
    ]
    assert lines[1].last_day == dt.date(2025, 2, 28)


def test_it_counts_a_position_on_its_last_day_but_not_after(world: World) -> None:
    position = Position.objects.get(organization=world.cell_a1, role=Role.SECRETARY)
    do_end_position(world.olga, position, on=LAST)
    assert Position.objects.as_of(LAST).filter(pk=position.pk).exists()
    assert not Position.objects.as_of(LAST + dt.timedelta(days=1)).filter(pk=position.pk).exists()
    # The next secretary may start the day after, not on the last day.
    successor = world.alice.member
    with pytest.raises(ValidationError):
        do_assign_position(
            world.olga, organization=world.cell_a1, member=successor, role=Role.SECRETARY, valid_from=LAST
        )
    do_assign_position(
        world.olga,
        organization=world.cell_a1,
        member=successor,
        role=Role.SECRETARY,
        valid_from=LAST + dt.timedelta(days=1),
    )
