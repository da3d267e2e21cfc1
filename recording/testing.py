"""A meeting being recorded, for tests and the permission walk."""

import datetime as dt
from typing import Any

from core.testing import World
from meetings.models import AgendaItem, Guest, Meeting, MeetingStatus, Part, Speech, StepKind, Vote
from meetings.roll import draw_roll
from meetings.testing import make_meeting

# A month ago: recent enough to be recorded now, past enough for any start or end time that day.
DAY = dt.date.today() - dt.timedelta(days=30)


def recorded_meeting(world: World, **extra: Any) -> Meeting:
    """Cell A1's meeting, notified, with alice as minute-taker, its roll drawn and two agenda items."""
    fields: dict[str, Any] = {"status": MeetingStatus.NOTIFIED, "minute_taker_id": world.alice.member_id}
    fields.update(extra)
    meeting = make_meeting(world.cell_a1, day=DAY, **fields)
    draw_roll(meeting)
    AgendaItem.objects.create(
        meeting=meeting, order=1, part=Part.OPENING, kind=StepKind.ROLL_CALL, title="Điểm danh đảng viên"
    )
    AgendaItem.objects.create(
        meeting=meeting, order=2, part=Part.PROCEEDINGS, kind=StepKind.DISCUSSION, title="Thảo luận"
    )
    return meeting


def walk_kwargs(world: World, what: str = "") -> dict[str, int]:
    """URL arguments for the permission walk: the meeting and, if asked, one of its records."""
    meeting = recorded_meeting(world)
    kwargs = {"meeting_id": meeting.pk}
    item = meeting.agenda_items.order_by("order").last()
    assert item is not None
    if what == "guest":
        kwargs["guest_id"] = Guest.objects.create(meeting=meeting, name="Đồng chí Khách").pk
    elif what == "attendance":
        kwargs["attendance_id"] = meeting.attendances.first().pk  # type: ignore[union-attr]
    elif what == "item":
        kwargs["item_id"] = item.pk
    elif what == "speech":
        speech = Speech.objects.create(meeting=meeting, agenda_item=item, speaker_name="Khách", gist="Ý kiến")
        kwargs["speech_id"] = speech.pk
    elif what == "vote":
        vote = Vote.objects.create(
            meeting=meeting, subject="Nghị quyết", votes_for=1, denominator=3, passed=False, explanation="…"
        )
        kwargs["vote_id"] = vote.pk
    return kwargs
