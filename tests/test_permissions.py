"""The permission module: rights follow the tree, positions in force and grants."""

import datetime as dt

import pytest

from accounts.permissions import has_perm, members_visible, orgs_visible, scope_for
from committees.actions import do_end_position
from committees.models import Position
from core.testing import World
from members.actions import do_update_member
from members.models import MemberState

pytestmark = pytest.mark.django_db


def _fresh(user):  # type: ignore[no-untyped-def]
    """The scope is cached per user object; tests that change rights reload the user."""
    return type(user).objects.get(pk=user.pk)


def test_it_lets_the_office_manage_every_cell_of_its_commune(world: World) -> None:
    for cell in (world.cell_a1, world.cell_a2):
        assert has_perm(world.olga, "org.manage", cell)
    assert not has_perm(world.olga, "org.view", world.cell_b1)
    assert set(orgs_visible(world.olga)) == {world.commune_a, world.cell_a1, world.cell_a2}


def test_it_lets_a_reader_read_but_not_change(world: World) -> None:
    assert has_perm(world.rita, "org.view_members", world.cell_b1)
    assert not has_perm(world.rita, "org.manage_members", world.cell_b1)
    alice_member = world.alice.member
    assert has_perm(world.rita, "member.view", alice_member)
    assert not has_perm(world.rita, "member.manage", alice_member)


def test_it_limits_a_secretary_to_their_own_cell(world: World) -> None:
    assert has_perm(world.sam, "org.manage_members", world.cell_a1)
    assert not has_perm(world.sam, "org.manage", world.cell_a1)  # the structure is the office's
    assert not has_perm(world.sam, "org.view", world.cell_a2)
    assert has_perm(world.sam, "member.manage", world.alice.member)
    assert not has_perm(world.sue, "member.view", world.alice.member)


def test_it_shows_a_member_only_their_record_and_cell(world: World) -> None:
    assert has_perm(world.alice, "org.view", world.cell_a1)
    assert not has_perm(world.alice, "org.view_members", world.cell_a1)
    assert list(members_visible(world.alice)) == [world.alice.member]
    assert not has_perm(world.alice, "member.view", world.sam.member)


def test_it_takes_rights_away_when_the_position_ends(world: World) -> None:
    position = Position.objects.get(member=world.sam.member, organization=world.cell_a1)
    do_end_position(None, position, on=dt.date(2026, 1, 31))
    sam = _fresh(world.sam)
    assert scope_for(sam).officer_cell_ids == set()
    assert not has_perm(sam, "member.manage", world.alice.member)


def test_it_takes_the_cell_away_from_a_member_who_left(world: World) -> None:
    do_update_member(None, world.alice.member, state=MemberState.TRANSFERRED_OUT, left_on=dt.date(2026, 10, 1))
    alice = _fresh(world.alice)
    assert not has_perm(alice, "org.view", world.cell_a1)
    assert has_perm(alice, "member.view", alice.member)  # their own record stays readable


def test_it_gives_anonymous_visitors_nothing(world: World) -> None:
    from django.contrib.auth.models import AnonymousUser

    nobody = AnonymousUser()
    assert not has_perm(nobody, "org.view", world.cell_a1)
    assert not orgs_visible(nobody).exists()
    assert not members_visible(nobody).exists()


def test_it_computes_the_scope_in_a_fixed_number_of_queries(world: World, django_assert_num_queries) -> None:  # type: ignore[no-untyped-def]
    sam = _fresh(world.sam)
    with django_assert_num_queries(3):  # grants, the member, positions in force
        scope_for(sam)
    with django_assert_num_queries(0):  # cached on the user for the request
        scope_for(sam)


def test_it_lets_the_follow_up_cadre_read_their_cell(world: World) -> None:
    from committees.actions import do_assign_position
    from committees.models import Role

    since = dt.date(2025, 9, 1)
    sam_member = world.sam.member
    do_assign_position(None, organization=world.commune_a, member=sam_member, role=Role.COMMITTEE, valid_from=since)
    do_assign_position(None, organization=world.cell_a2, member=sam_member, role=Role.FOLLOW_UP, valid_from=since)
    sam = _fresh(world.sam)
    assert has_perm(sam, "org.view_members", world.cell_a2)
    assert not has_perm(sam, "org.manage_members", world.cell_a2)
    assert has_perm(sam, "member.view", world.sue.member)
    assert not has_perm(sam, "member.manage", world.sue.member)
    assert world.cell_a2 in orgs_visible(sam, "org.view_members")
    assert world.sue.member in members_visible(sam)
