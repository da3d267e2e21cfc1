"""Meetings with minutes, resolutions and tasks for tests, built through the same actions the pages use."""

import datetime as dt
from typing import Any

from django.utils import timezone

from core.testing import World
from meetings.models import (
    AttendanceStatus,
    Meeting,
    MeetingStatus,
    Minutes,
    Resolution,
    ResolutionTask,
    Vote,
    VoteKind,
)
from meetings.roll import draw_roll
from meetings.testing import make_meeting
from meetings.voting import judge
from members.models import Member
from orgs.models import Organization
from quality.testing import score_cell_criteria
from records.actions import (
    do_adopt_minutes,
    do_adopt_resolution,
    do_draft_minutes,
    do_draft_resolution,
    do_save_resolution,
)


def held_meeting(
    cell: Organization, *, day: dt.date = dt.date(2026, 11, 10), scored: bool = True, **extra: Any
) -> Meeting:
    """A meeting that took place: everyone present, 19:30 to 21:15, and a passed vote on the resolution.

    `scored`: the cell scored its own criteria of the quality sheet at the close (full marks), so that the
    minutes can be adopted.
    """
    meeting = make_meeting(cell, day=day, status=MeetingStatus.HELD, **extra)
    meeting.started_at = meeting.scheduled_at
    meeting.ended_at = meeting.scheduled_at + dt.timedelta(minutes=105)
    meeting.save(update_fields=["started_at", "ended_at"])
    roll = draw_roll(meeting)
    meeting.attendances.update(status=AttendanceStatus.PRESENT, checked_in_at=timezone.now())
    roll = list(meeting.attendances.all())
    voters = sum(1 for a in roll if a.category == "full")
    verdict = judge(roll, voters)
    Vote.objects.create(
        meeting=meeting,
        subject="Nghị quyết tháng",
        kind=VoteKind.RESOLUTION,
        votes_for=voters,
        denominator=verdict.denominator,
        passed=verdict.passed,
        explanation=verdict.explanation,
    )
    if scored:
        score_cell_criteria(None, meeting)
    return meeting


def adopted_minutes(actor: Any, meeting: Meeting) -> Minutes:
    minutes = do_draft_minutes(actor, meeting)
    return do_adopt_minutes(actor, minutes, version=minutes.version)


def resolution_with_tasks(actor: Any, meeting: Meeting, tasks: list[dict[str, Any]]) -> Resolution:
    resolution = do_draft_resolution(actor, meeting)
    return do_save_resolution(
        actor, resolution, title=resolution.title, body=resolution.body, tasks=tasks, version=resolution.version
    )


def adopted_resolution(actor: Any, meeting: Meeting, tasks: list[dict[str, Any]]) -> Resolution:
    resolution = resolution_with_tasks(actor, meeting, tasks)
    return do_adopt_resolution(actor, resolution, version=resolution.version)


def task(what: str, *, assignee: Member | None = None, text: str = "", due_on: dt.date | None = None) -> dict[str, Any]:
    return {"what": what, "assignee": assignee, "assignee_text": text, "due_on": due_on}


def alice_task(world: World) -> ResolutionTask:
    """An adopted resolution of cell A1 with one task for alice, due 30/11/2026."""
    meeting = held_meeting(world.cell_a1)
    resolution = adopted_resolution(
        world.sam,
        meeting,
        [task("Vận động hộ gia đình nộp quỹ", assignee=world.alice.member, due_on=dt.date(2026, 11, 30))],
    )
    return resolution.tasks.get()
