"""Who may import where, and who may see a batch."""

from collections.abc import Callable
from typing import Any

from django.urls import reverse

from audit.models import AuditEntry
from core.testing import World
from member_excel.models import ImportBatch
from member_excel.queries import importable_orgs
from member_excel.rows import iter_rows
from member_excel.testing import client_for, last_batch, member_values, members_file, sample_batch
from members.models import Member


def test_it_offers_each_user_the_organizations_they_manage(world: World) -> None:
    assert list(importable_orgs(world.sam)) == [world.cell_a1]
    assert list(importable_orgs(world.sue)) == [world.cell_a2]
    assert list(importable_orgs(world.olga)) == [world.commune_a, world.cell_a1, world.cell_a2]
    assert list(importable_orgs(world.rita)) == []
    assert list(importable_orgs(world.alice)) == []


def test_the_secretary_of_a2_cannot_import_into_a1(world: World, post_file: Callable[..., Any]) -> None:
    members, audit, batches = Member.objects.count(), AuditEntry.objects.count(), ImportBatch.objects.count()
    response = post_file(members_file(member_values()), who="sue", org=world.cell_a1)
    assert response.status_code == 200
    assert "organization" in response.context["form"].errors
    assert (Member.objects.count(), AuditEntry.objects.count(), ImportBatch.objects.count()) == (
        members,
        audit,
        batches,
    )


def test_rows_naming_a_cell_outside_the_target_are_errors(world: World, post_file: Callable[..., Any]) -> None:
    post_file(members_file(member_values(organization="X-HN-K1")), who="sue", org=world.cell_a2)
    (stored,) = iter_rows(last_batch())
    assert stored.kind == "error" and stored.messages[0][:2] == ["organization", "unknown_cell"]


def test_only_those_who_manage_the_target_see_a_batch(world: World) -> None:
    batch = sample_batch(world)
    url = reverse("member_excel:batch", args=[batch.pk])
    assert client_for(world, "sam").get(url).status_code == 200
    assert client_for(world, "olga").get(url).status_code == 200
    for outsider in ("oscar", "sue", "rita", "alice"):
        assert client_for(world, outsider).get(url).status_code == 403
    # Nor can they commit it.
    client_for(world, "oscar").post(reverse("member_excel:commit", args=[batch.pk]))
    batch.refresh_from_db()
    assert batch.status == "ready"


def test_the_list_of_recent_imports_shows_only_visible_batches(world: World) -> None:
    sample_batch(world)
    assert "dang-vien.xlsx" in client_for(world, "olga").get(reverse("member_excel:upload")).content.decode()
    assert "dang-vien.xlsx" not in client_for(world, "sue").get(reverse("member_excel:upload")).content.decode()
