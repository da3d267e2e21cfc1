"""The tree and detail pages use a fixed number of SQL queries, however large the tree."""

import datetime as dt

import pytest
from django.urls import reverse

from committees.actions import do_assign_position
from committees.models import Role
from core.testing import World, make_member
from members.models import Category, Member
from orgs.actions import do_create_organization, do_merge_organizations, plan_merge
from orgs.models import Organization, OrgKind
from orgs.tests.conftest import client_for


def grow(world: World, cells: int, members_per_cell: int) -> None:
    """Add `cells` cells to commune A, each with members and a secretary, and one to cell A1."""
    for i in range(cells):
        cell = do_create_organization(
            None,
            kind=OrgKind.CELL,
            code=f"X-HN-G{i}",
            name=f"Chi bộ Thôn {i}",
            parent=world.commune_a,
            cell_type="residential",
            founded_on=dt.date(2000, 1, 1),
        )
        first = None
        for j in range(members_per_cell):
            member = make_member(
                cell, f"Nguyễn Văn Số {i} {j}", category=Category.FULL if j % 4 else Category.PROBATIONARY
            )
            first = first or (member if member.is_full else None)
        if first is not None:
            do_assign_position(
                None, organization=cell, member=first, role=Role.SECRETARY, valid_from=dt.date(2025, 8, 1)
            )
    for j in range(members_per_cell):
        make_member(world.cell_a1, f"Lê Văn Thêm {j}")
    # A merged cell in the history, so that merged-from lists are not empty.
    extra = do_create_organization(
        None, kind=OrgKind.CELL, code=f"X-HN-M{cells}", name="Chi bộ cũ", parent=world.commune_a, cell_type="other"
    )
    do_merge_organizations(None, plan_merge([extra], world.cell_a1, dt.date(2026, 1, 1)))


def count_queries(django_assert_max_num_queries, client, url: str) -> int:  # type: ignore[no-untyped-def]
    with django_assert_max_num_queries(1000) as captured:
        assert client.get(url).status_code == 200
    return len(captured.captured_queries)


PAGES = {
    "tree, office": ("olga", lambda w: reverse("orgs:tree")),
    "past tree, reader": ("rita", lambda w: reverse("orgs:tree") + "?on=2025-12-31"),
    "commune, office": ("olga", lambda w: reverse("orgs:detail", args=[w.commune_a.pk])),
    "cell, member": ("alice", lambda w: reverse("orgs:detail", args=[w.cell_a1.pk])),
    "cell committee, reader": ("rita", lambda w: reverse("committees:org", args=[w.cell_a1.pk])),
}
EXPECTED = {
    "tree, office": 5,
    "past tree, reader": 4,
    "commune, office": 12,
    "cell, member": 16,
    "cell committee, reader": 8,
}


@pytest.mark.parametrize("page", sorted(PAGES))
@pytest.mark.parametrize("size", [(2, 3), (12, 10)], ids=["small", "large"])
def test_it_uses_a_fixed_number_of_queries(world: World, django_assert_num_queries, page: str, size) -> None:  # type: ignore[no-untyped-def]
    grow(world, *size)
    who, url = PAGES[page]
    client = client_for(world.users()[who])
    client.get(url(world))  # warm the session
    assert Member.objects.count() > size[0] * size[1]
    assert Organization.objects.filter(parent=world.commune_a).count() == size[0] + 3
    with django_assert_num_queries(EXPECTED[page]):
        assert client.get(url(world)).status_code == 200
