"""An office copies a pack into a draft for an organization it manages; codes and versions say where it came from."""

import datetime as dt

import pytest
from django.urls import reverse

from audit.models import AuditEntry
from core.testing import World
from rules.models import PackStatus, RulePack
from rules.testing import national_pack, scoped_pack
from rules.tests.conftest import client_for

pytestmark = pytest.mark.django_db


def _copy(client, source: RulePack, scope, name: str = "Quy định xã Hương Nộn", day: str = "2027-01-01"):  # type: ignore[no-untyped-def]
    return client.post(
        reverse("rules:copy", args=[source.pk]), {"scope": scope.pk, "name": name, "effective_from": day}
    )


def test_it_copies_the_national_pack_into_a_commune_draft(world: World, olga) -> None:  # type: ignore[no-untyped-def]
    source = national_pack()
    page = olga.get(reverse("rules:copy", args=[source.pk])).content.decode()
    # Olga may apply it to her commune or to one of its cells, never to commune B.
    assert f'value="{world.commune_a.pk}"' in page and f'value="{world.cell_a1.pk}"' in page
    assert f'value="{world.commune_b.pk}"' not in page
    response = _copy(olga, source, world.commune_a)
    pack = RulePack.objects.exclude(pk=source.pk).get(scope=world.commune_a)
    assert response.status_code == 302 and response["Location"] == reverse("rules:detail", args=[pack.pk])
    assert (pack.code, pack.version, pack.status) == ("x-hn-hd12-binh-thuan", 1, PackStatus.DRAFT)
    assert pack.based_on == source and pack.data == source.data and pack.created_by == world.olga
    assert pack.effective_from == dt.date(2027, 1, 1) and pack.effective_to is None
    entry = AuditEntry.objects.get(action="rules.copy", object_id=str(pack.pk))
    assert entry.actor == world.olga and entry.organization == world.commune_a


def test_a_double_submit_makes_one_draft(world: World, olga) -> None:  # type: ignore[no-untyped-def]
    _copy(olga, national_pack(), world.commune_a)
    _copy(olga, national_pack(), world.commune_a)
    assert RulePack.objects.filter(scope=world.commune_a).count() == 1


def test_a_copy_of_the_organizations_own_pack_is_its_next_version(world: World, olga) -> None:  # type: ignore[no-untyped-def]
    first = scoped_pack(world.commune_a)
    assert (first.code, first.version) == ("x-hn-hd12-binh-thuan", 1)
    _copy(olga, first, world.commune_a, name="Sửa đổi 2027")
    second = RulePack.objects.get(based_on=first)
    assert (second.code, second.version) == ("x-hn-hd12-binh-thuan", 2)
    # Copied down to a cell, it starts a code of the cell's own.
    _copy(olga, second, world.cell_a1, name="Chi bộ nhỏ")
    cell_pack = RulePack.objects.get(based_on=second)
    assert (cell_pack.code, cell_pack.version) == ("x-hn-k1-hd12-binh-thuan", 1)
    # Oscar copies commune A's pack (a regulation he may read) into commune B.
    _copy(client_for(world, "oscar"), first, world.commune_b, name="Học tập xã bạn")
    assert RulePack.objects.get(scope=world.commune_b).code == "x-dq-hd12-binh-thuan"


def test_it_refuses_a_scope_the_user_does_not_manage(world: World) -> None:
    oscar = client_for(world, "oscar")
    response = _copy(oscar, national_pack(), world.commune_a)
    assert response.status_code == 200 and "Hãy chọn một lựa chọn hợp lệ" in response.content.decode()
    assert not RulePack.objects.filter(scope=world.commune_a).exists()


def test_only_offices_copy(world: World) -> None:
    for who in ("alice", "sam", "sue", "rita"):
        client = client_for(world, who)
        assert client.get(reverse("rules:copy", args=[national_pack().pk])).status_code == 403
        assert _copy(client, national_pack(), world.cell_a1).status_code == 403
    assert RulePack.objects.count() == 2


def test_it_refuses_an_impossible_date(world: World, olga) -> None:  # type: ignore[no-untyped-def]
    response = _copy(olga, national_pack(), world.commune_a, day="31/02/2027")
    assert "Hãy nhập ngày, ví dụ 29/11/2026." in response.content.decode()
    assert not RulePack.objects.filter(scope=world.commune_a).exists()
