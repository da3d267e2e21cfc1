"""Meetings with a check-in open, for tests and the permission walk."""

import datetime as dt
from typing import Any

from django.utils import timezone

from core.testing import World
from meetings.models import Meeting, MeetingStatus
from meetings.roll import draw_roll
from meetings.testing import make_meeting
from printpack.checkin_actions import do_open_check_in, do_self_check_in
from printpack.models import CheckInCode, SelfCheckIn


def meeting_today(world: World, *, starts_in: dt.timedelta = dt.timedelta(minutes=10), **extra: Any) -> Meeting:
    """Cell A1's meeting, notified, starting shortly, alice its minute-taker, its roll drawn."""
    at = timezone.now() + starts_in
    fields: dict[str, Any] = {
        "status": MeetingStatus.NOTIFIED,
        "notice_sent_at": timezone.now() - dt.timedelta(days=3),
        "minute_taker_id": world.alice.member_id,
        "scheduled_at": at,
    }
    fields.update(extra)
    meeting = make_meeting(world.cell_a1, day=timezone.localtime(at).date(), **fields)
    draw_roll(meeting)
    return meeting


def open_check_in(world: World, meeting: Meeting) -> CheckInCode:
    return do_open_check_in(world.sam, meeting)


def self_check_in(user: Any, meeting: Meeting) -> SelfCheckIn:
    code = CheckInCode.objects.get(meeting=meeting)
    row, _created = do_self_check_in(user, meeting, member=user.member, token=code.token)
    return row


def walk_kwargs(world: World, what: str = "") -> dict[str, Any]:
    """URL arguments for the permission walk: the meeting, its check-in token, or one member's check-in."""
    meeting = meeting_today(world)
    code = open_check_in(world, meeting)
    if what == "token":
        return {"token": code.token}
    kwargs: dict[str, Any] = {"meeting_id": meeting.pk}
    if what == "check_in":
        kwargs["check_in_id"] = self_check_in(world.alice, meeting).pk
    return kwargs
