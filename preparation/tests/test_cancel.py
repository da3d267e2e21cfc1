"""Calling off a meeting before it starts frees the month for another one."""

import datetime as dt

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from audit.models import AuditEntry
from core.testing import PASSWORD, World
from meetings.models import MeetingKind, MeetingStatus
from meetings.testing import make_meeting
from preparation.actions import do_create_meeting

pytestmark = pytest.mark.django_db


def _client(username: str) -> Client:
    client = Client()
    assert client.login(username=username, password=PASSWORD)
    return client


def test_it_cancels_a_meeting_and_lets_the_cell_plan_another(world: World) -> None:
    meeting = make_meeting(world.cell_a1, day=dt.date(2026, 12, 10))
    client = _client("sam")
    assert client.get(reverse("preparation:cancel", args=[meeting.pk])).status_code == 200
    client.post(reverse("preparation:cancel", args=[meeting.pk]))
    client.post(reverse("preparation:cancel", args=[meeting.pk]))  # a double click
    meeting.refresh_from_db()
    assert meeting.status == MeetingStatus.CANCELLED
    assert AuditEntry.objects.filter(action="meeting.cancel", object_id=str(meeting.pk)).count() == 1
    again = do_create_meeting(
        world.sam,
        world.cell_a1,
        kind=MeetingKind.REGULAR,
        month=dt.date(2026, 12, 1),
        scheduled_at=timezone.make_aware(dt.datetime(2026, 12, 12, 19, 30)),
        place="Nhà văn hóa khu",
    )
    assert again.status == MeetingStatus.PREPARING


def test_it_refuses_to_cancel_a_started_meeting(world: World) -> None:
    meeting = make_meeting(world.cell_a1, status=MeetingStatus.IN_PROGRESS)
    response = _client("sam").post(reverse("preparation:cancel", args=[meeting.pk]), follow=True)
    meeting.refresh_from_db()
    assert meeting.status == MeetingStatus.IN_PROGRESS
    assert "không thể hủy" in response.content.decode()


def test_it_refuses_people_who_do_not_manage_the_cell(world: World) -> None:
    meeting = make_meeting(world.cell_a1)
    for who in ("alice", "sue", "rita", "oscar"):
        _client(who).post(reverse("preparation:cancel", args=[meeting.pk]))
    meeting.refresh_from_db()
    assert meeting.status == MeetingStatus.PREPARING


def test_it_tells_notified_members_that_the_meeting_is_off(world: World) -> None:
    from preparation.actions import do_build_agenda, do_cancel_meeting, do_send_notice

    meeting = make_meeting(world.cell_a1, day=dt.date(2026, 12, 10))
    do_build_agenda(world.sam, meeting)
    do_send_notice(world.sam, meeting, message="")
    do_cancel_meeting(world.sam, meeting)
    html = _client("alice").get("/").content.decode()
    assert meeting.title in html and "Đã hủy" in html
