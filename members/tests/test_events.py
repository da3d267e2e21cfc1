"""Membership events: full membership, exemption, temporary activity, death, removal, transfer out."""

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from audit.models import AuditEntry
from core.dates import today
from core.testing import World, make_member
from members.actions import (
    do_add_exemption,
    do_add_temporary_activity,
    do_end_exemption,
    do_make_full_member,
    do_record_death,
)
from members.models import Category, Exemption, Member, MemberState, TemporaryActivity, Transfer
from members.tests.helpers import client_for, form_data

pytestmark = pytest.mark.django_db

EVENT_URLS = [
    "members:make_full",
    "members:add_exemption",
    "members:end_exemption",
    "members:add_temporary_activity",
    "members:end_temporary_activity",
    "members:transfer",
    "members:transfer_out",
    "members:record_death",
    "members:remove",
]


def _probationary(world: World) -> Member:
    return Member.objects.get(full_name="Phạm Văn Dự")


def _alice(world: World) -> Member:
    return Member.objects.get(pk=world.alice.member_id)


@pytest.mark.parametrize("name", EVENT_URLS)
@pytest.mark.parametrize("who", ["alice", "sue", "rita", "oscar"])
def test_it_refuses_every_event_to_those_who_do_not_manage_the_member(world: World, name: str, who: str) -> None:
    alice = _alice(world)
    response = client_for(getattr(world, who)).post(reverse(name, args=[alice.pk]), {"on": "2026-01-05"})
    assert response.status_code == 403
    alice.refresh_from_db()
    assert alice.state == MemberState.ACTIVE and alice.version == 1
    assert (
        not AuditEntry.objects.filter(object_type="members.member", object_id=str(alice.pk))
        .exclude(action="member.create")
        .exists()
    )


def test_it_makes_a_probationary_member_full(world: World) -> None:
    member = _probationary(world)
    on = member.admitted_on + dt.timedelta(days=366)
    if on > today():
        on = today()
    response = client_for(world.sam).post(reverse("members:make_full", args=[member.pk]), {"on": on.isoformat()})
    assert response.status_code == 302
    member.refresh_from_db()
    assert member.category == Category.FULL and member.full_member_on == on and member.version == 2
    entry = AuditEntry.objects.get(action="member.make_full")
    assert entry.before == {"category": "probationary", "full_member_on": None}


def test_it_warns_but_accepts_a_short_probation(world: World) -> None:
    member = _probationary(world)
    on = member.admitted_on + dt.timedelta(days=30)
    response = client_for(world.olga).post(
        reverse("members:make_full", args=[member.pk]), {"on": on.isoformat()}, follow=True
    )
    member.refresh_from_db()
    assert member.category == Category.FULL
    assert "warning" in [m.level_tag for m in response.context["messages"]]


def test_it_refuses_to_make_a_full_member_full_again(world: World) -> None:
    alice = _alice(world)
    response = client_for(world.sam).get(reverse("members:make_full", args=[alice.pk]))
    assert response.context["blocked"]
    response = client_for(world.sam).post(reverse("members:make_full", args=[alice.pk]), {"on": "2020-01-01"})
    assert response.status_code == 200
    alice.refresh_from_db()
    assert alice.full_member_on == dt.date(2001, 1, 9)
    with pytest.raises(ValidationError):
        do_make_full_member(world.sam, alice, on=dt.date(2020, 1, 1))


def test_it_refuses_a_full_member_date_before_admission_or_in_the_future(world: World) -> None:
    member = _probationary(world)
    client = client_for(world.sam)
    before = (member.admitted_on - dt.timedelta(days=1)).isoformat()
    response = client.post(reverse("members:make_full", args=[member.pk]), {"on": before})
    assert "on" in response.context["form"].errors
    future = (today() + dt.timedelta(days=1)).isoformat()
    response = client.post(reverse("members:make_full", args=[member.pk]), {"on": future})
    assert "on" in response.context["form"].errors
    member.refresh_from_db()
    assert member.category == Category.PROBATIONARY


def test_it_records_and_ends_an_exemption_without_rewriting_history(world: World) -> None:
    alice = _alice(world)
    client = client_for(world.sam)
    start = today() - dt.timedelta(days=60)
    response = client.post(
        reverse("members:add_exemption", args=[alice.pk]),
        {"valid_from": start.isoformat(), "valid_to": "", "reason": "Tuổi cao", "decision": "NQ 05-NQ/CB"},
    )
    assert response.status_code == 302
    exemption = Exemption.objects.get(member=alice)
    assert exemption.valid_to is None
    html = client.get(reverse("members:detail", args=[alice.pk])).content.decode()
    assert "Tuổi cao" in html and reverse("members:end_exemption", args=[alice.pk]) in html

    last_day = today() - dt.timedelta(days=1)
    response = client.post(reverse("members:end_exemption", args=[alice.pk]), {"on": last_day.isoformat()})
    assert response.status_code == 302
    exemption.refresh_from_db()
    assert exemption.valid_to == last_day
    entries = AuditEntry.objects.filter(object_type="members.member", object_id=str(alice.pk)).order_by("id")
    assert [e.action for e in entries][-2:] == [
        "member.exemption.add",
        "member.exemption.end",
    ]
    # A later exemption is a new row: the ended one stays as it was.
    do_add_exemption(world.sam, alice, valid_from=today(), valid_to=None, reason="Ốm dài ngày", decision="NQ 09")
    assert Exemption.objects.filter(member=alice).count() == 2


def test_it_refuses_overlapping_exemptions(world: World) -> None:
    alice = _alice(world)
    do_add_exemption(world.sam, alice, valid_from=dt.date(2024, 1, 1), valid_to=None, reason="Tuổi cao", decision="1")
    response = client_for(world.olga).post(
        reverse("members:add_exemption", args=[alice.pk]),
        {"valid_from": "2025-03-01", "valid_to": "2025-06-01", "reason": "Ốm", "decision": "2"},
    )
    assert response.status_code == 200 and response.context["form"].errors
    assert Exemption.objects.filter(member=alice).count() == 1


def test_it_refuses_an_exemption_ending_before_it_starts(world: World) -> None:
    alice = _alice(world)
    response = client_for(world.sam).post(
        reverse("members:add_exemption", args=[alice.pk]),
        {"valid_from": "2025-03-01", "valid_to": "2025-01-01", "reason": "Ốm", "decision": "2"},
    )
    assert "valid_to" in response.context["form"].errors
    assert not Exemption.objects.exists()


def test_it_says_when_there_is_no_exemption_to_end(world: World) -> None:
    alice = _alice(world)
    response = client_for(world.sam).get(reverse("members:end_exemption", args=[alice.pk]))
    assert response.status_code == 200 and response.context["blocked"]
    with pytest.raises(ValidationError):
        do_end_exemption(world.sam, alice, on=today())


def test_it_records_and_ends_a_temporary_activity(world: World) -> None:
    alice = _alice(world)
    client = client_for(world.olga)
    start = today() - dt.timedelta(days=10)
    response = client.post(
        reverse("members:add_temporary_activity", args=[alice.pk]),
        {"valid_from": start.isoformat(), "valid_to": "", "place": "Chi bộ Công ty May Phú Thọ", "note": ""},
    )
    assert response.status_code == 302
    activity = TemporaryActivity.objects.get(member=alice)
    with pytest.raises(ValidationError):
        do_add_temporary_activity(world.sam, alice, place="Hà Nội", valid_from=today(), valid_to=None)
    response = client.post(reverse("members:end_temporary_activity", args=[alice.pk]), {"on": today().isoformat()})
    assert response.status_code == 302
    activity.refresh_from_db()
    assert activity.valid_to == today()


def test_it_records_a_death_and_closes_the_record_to_further_events(world: World) -> None:
    member = Member.objects.get(full_name="Đỗ Đức Hùng")
    day = today() - dt.timedelta(days=2)
    response = client_for(world.sam).post(
        reverse("members:record_death", args=[member.pk]), {"on": day.isoformat(), "reason": ""}
    )
    assert response.status_code == 302
    member.refresh_from_db()
    assert member.state == MemberState.DECEASED and member.left_on == day and member.version == 2
    assert AuditEntry.objects.filter(action="member.death", object_id=str(member.pk)).count() == 1
    # Nothing else can happen to the member now.
    response = client_for(world.sam).get(reverse("members:add_exemption", args=[member.pk]))
    assert response.context["blocked"]
    with pytest.raises(ValidationError):
        do_record_death(world.sam, member, on=day)


def test_it_reminds_the_user_of_positions_the_member_still_holds(world: World) -> None:
    sam = Member.objects.get(pk=world.sam.member_id)
    response = client_for(world.olga).post(
        reverse("members:record_death", args=[sam.pk]), {"on": today().isoformat(), "reason": ""}, follow=True
    )
    sam.refresh_from_db()
    assert sam.state == MemberState.DECEASED
    warnings = [str(m) for m in response.context["messages"] if m.level_tag == "warning"]
    assert any("Chi bộ Khu 1" in w for w in warnings)


def test_it_removes_a_member_with_a_reason(world: World) -> None:
    member = make_member(world.cell_a1, "Lý Văn Tùng")
    client = client_for(world.sam)
    response = client.post(reverse("members:remove", args=[member.pk]), {"on": today().isoformat(), "reason": ""})
    assert "reason" in response.context["form"].errors
    response = client.post(
        reverse("members:remove", args=[member.pk]),
        {"on": today().isoformat(), "reason": "Xóa tên: bỏ sinh hoạt 3 tháng, QĐ 12-QĐ/ĐU"},
    )
    assert response.status_code == 302
    member.refresh_from_db()
    assert member.state == MemberState.REMOVED and member.left_reason.startswith("Xóa tên")


def test_it_transfers_a_member_out_of_the_system(world: World) -> None:
    member = make_member(world.cell_a1, "Lý Văn Tùng")
    response = client_for(world.sam).post(
        reverse("members:transfer_out", args=[member.pk]),
        {"on": today().isoformat(), "destination": "Đảng bộ phường Ba Đình, Hà Nội", "note": "GT số 15"},
    )
    assert response.status_code == 302
    member.refresh_from_db()
    assert member.state == MemberState.TRANSFERRED_OUT and member.left_on == today()
    assert member.organization == world.cell_a1  # the record stays with the old cell
    transfer = Transfer.objects.get(member=member)
    assert transfer.from_org == world.cell_a1 and transfer.to_org is None
    assert transfer.outside_place == "Đảng bộ phường Ba Đình, Hà Nội"
    html = client_for(world.sam).get(reverse("members:detail", args=[member.pk])).content.decode()
    assert "Đảng bộ phường Ba Đình, Hà Nội" in html


def test_it_makes_an_open_edit_form_stale_after_an_event(world: World) -> None:
    member = _probationary(world)
    opened = form_data(member, residence="Khu 4")
    do_make_full_member(world.olga, member, on=today())
    response = client_for(world.sam).post(reverse("members:edit", args=[member.pk]), opened)
    assert response.status_code == 409
    member.refresh_from_db()
    assert member.category == Category.FULL and member.residence == ""
