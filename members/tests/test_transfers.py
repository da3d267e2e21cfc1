"""Transfers between cells, and in from outside: who may record them and who sees the history."""

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from audit.models import AuditEntry
from core.dates import today
from core.testing import World, make_member
from members.actions import do_transfer_between_cells
from members.models import Member, MemberState, Transfer, TransferKind
from members.tests.helpers import client_for, new_member_data

pytestmark = pytest.mark.django_db


def _member(world: World) -> Member:
    return Member.objects.get(full_name="Đỗ Đức Hùng")


def test_it_lets_the_office_over_both_cells_transfer_a_member_officially(world: World) -> None:
    member = _member(world)
    response = client_for(world.olga).post(
        reverse("members:transfer", args=[member.pk]),
        {"to_org": world.cell_a2.pk, "kind": "official", "on": today().isoformat(), "note": "GT số 3"},
    )
    assert response.status_code == 302
    member.refresh_from_db()
    assert member.organization == world.cell_a2 and member.version == 2
    transfer = Transfer.objects.get(member=member)
    assert (transfer.from_org, transfer.to_org, transfer.kind) == (world.cell_a1, world.cell_a2, "official")
    entry = AuditEntry.objects.get(action="member.transfer")
    assert entry.organization == world.commune_a  # the level over both cells


def test_it_keeps_the_cell_on_a_temporary_transfer(world: World) -> None:
    member = _member(world)
    response = client_for(world.olga).post(
        reverse("members:transfer", args=[member.pk]),
        {"to_org": world.cell_a2.pk, "kind": "temporary", "on": today().isoformat(), "note": ""},
    )
    assert response.status_code == 302
    member.refresh_from_db()
    assert member.organization == world.cell_a1
    assert Transfer.objects.get(member=member).kind == TransferKind.TEMPORARY


def test_it_shows_the_transfer_history_to_both_cells_and_the_record_to_the_new_one(world: World) -> None:
    member = _member(world)
    do_transfer_between_cells(world.olga, member, to_org=world.cell_a2, kind="official", on=today())
    url = reverse("members:detail", args=[member.pk])
    # Sue's cell received the member: she sees everything and may act.
    sue = client_for(world.sue).get(url)
    assert sue.context["whole_record"] and sue.context["can_manage"]
    # Sam's cell sent the member: he sees the transfer, not the record.
    sam = client_for(world.sam).get(url)
    assert sam.status_code == 200 and not sam.context["whole_record"]
    html = sam.content.decode()
    assert "Chi bộ Khu 1 → Chi bộ Khu 2" in html and member.citizen_id not in html
    assert client_for(world.sam).get(reverse("members:edit", args=[member.pk])).status_code == 403
    # Olga, over both, sees the record; oscar and alice see nothing.
    assert client_for(world.olga).get(url).context["whole_record"]
    assert client_for(world.oscar).get(url).status_code == 403
    assert client_for(world.alice).get(url).status_code == 403


def test_it_does_not_let_a_secretary_move_a_member_into_a_cell_they_do_not_run(world: World) -> None:
    member = _member(world)
    client = client_for(world.sam)
    page = client.get(reverse("members:transfer", args=[member.pk]))
    assert page.context["blocked"]
    response = client.post(
        reverse("members:transfer", args=[member.pk]),
        {"to_org": world.cell_a2.pk, "kind": "official", "on": today().isoformat()},
    )
    assert response.status_code == 200
    member.refresh_from_db()
    assert member.organization == world.cell_a1 and not Transfer.objects.exists()


def test_it_offers_only_cells_the_user_manages_as_destination(world: World) -> None:
    member = _member(world)
    response = client_for(world.olga).post(
        reverse("members:transfer", args=[member.pk]),
        {"to_org": world.cell_b1.pk, "kind": "official", "on": today().isoformat()},
    )
    assert "to_org" in response.context["form"].errors
    member.refresh_from_db()
    assert member.organization == world.cell_a1


def test_it_refuses_an_official_transfer_of_a_sitting_secretary(world: World) -> None:
    sam = Member.objects.get(pk=world.sam.member_id)
    response = client_for(world.olga).post(
        reverse("members:transfer", args=[sam.pk]),
        {"to_org": world.cell_a2.pk, "kind": "official", "on": today().isoformat()},
    )
    assert response.status_code == 200 and response.context["form"].non_field_errors()
    sam.refresh_from_db()
    assert sam.organization == world.cell_a1


def test_it_refuses_transfers_dated_before_the_last_one_or_to_the_same_cell(world: World) -> None:
    member = _member(world)
    do_transfer_between_cells(world.olga, member, to_org=world.cell_a2, kind="temporary", on=today())
    with pytest.raises(ValidationError):
        do_transfer_between_cells(
            world.olga, member, to_org=world.cell_a2, kind="official", on=today() - dt.timedelta(days=5)
        )
    with pytest.raises(ValidationError):
        do_transfer_between_cells(world.olga, member, to_org=world.cell_a1, kind="official", on=today())


def test_it_records_a_member_transferred_in_from_outside(world: World) -> None:
    data = new_member_data(
        world.cell_a2.pk, on=today().isoformat(), origin="Đảng bộ xã Cổ Tiết", note="Giấy giới thiệu số 7"
    )
    response = client_for(world.sue).post(reverse("members:transfer_in"), data)
    assert response.status_code == 302
    member = Member.objects.get(full_name="Ngô Thị Hạnh")
    assert member.organization == world.cell_a2 and member.state == MemberState.ACTIVE
    transfer = Transfer.objects.get(member=member)
    assert transfer.from_org is None and transfer.to_org == world.cell_a2
    assert transfer.outside_place == "Đảng bộ xã Cổ Tiết"
    assert AuditEntry.objects.filter(action="member.transfer_in", object_id=str(member.pk)).count() == 1
    # Sent twice, it still makes one member.
    again = client_for(world.sue).post(reverse("members:transfer_in"), data)
    assert again.status_code == 302 and Member.objects.filter(full_name="Ngô Thị Hạnh").count() == 1


def test_it_refuses_a_transfer_in_dated_before_admission(world: World) -> None:
    data = new_member_data(world.cell_a2.pk, on="2010-01-01", origin="Đảng bộ xã Cổ Tiết", note="")
    response = client_for(world.sue).post(reverse("members:transfer_in"), data)
    assert "on" in response.context["form"].errors
    assert not Member.objects.filter(full_name="Ngô Thị Hạnh").exists()


def test_it_refuses_transfer_in_to_those_who_manage_no_cell(world: World) -> None:
    data = new_member_data(world.cell_a2.pk, on=today().isoformat(), origin="Đảng bộ xã Cổ Tiết", note="")
    assert client_for(world.rita).post(reverse("members:transfer_in"), data).status_code == 403
    assert not Member.objects.filter(full_name="Ngô Thị Hạnh").exists()


def test_it_keeps_the_history_when_an_old_member_is_transferred_again(world: World) -> None:
    member = make_member(world.cell_a1, "Lý Văn Tùng")
    do_transfer_between_cells(world.olga, member, to_org=world.cell_a2, kind="official", on=today())
    member.refresh_from_db()
    do_transfer_between_cells(world.olga, member, to_org=world.cell_a1, kind="official", on=today())
    assert Transfer.objects.filter(member=member).count() == 2
    html = client_for(world.sam).get(reverse("members:detail", args=[member.pk])).content.decode()
    assert html.count("Chi bộ Khu 1 → Chi bộ Khu 2") == 1 and html.count("Chi bộ Khu 2 → Chi bộ Khu 1") == 1


def test_it_records_a_temporary_transfer_sent_twice_once(world: World) -> None:
    member = _member(world)
    data = {"to_org": world.cell_a2.pk, "kind": "temporary", "on": today().isoformat(), "note": ""}
    client = client_for(world.olga)
    assert client.post(reverse("members:transfer", args=[member.pk]), data).status_code == 302
    assert client.post(reverse("members:transfer", args=[member.pk]), data).status_code == 200
    assert Transfer.objects.filter(member=member).count() == 1
