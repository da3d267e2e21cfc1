"""Thematic plans, meetings and reports for tests and the permission walk, built through the app's own actions."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.utils import timezone

from core.dates import today
from core.testing import World
from meetings.models import Meeting, MeetingKind, MeetingStatus
from meetings.testing import make_meeting
from members.models import Member
from orgs.models import Organization
from thematic.actions import (
    TopicRow,
    do_approve_plan,
    do_create_plan,
    do_finalize_report,
    do_mark_discussed,
    do_save_plan,
    do_save_report,
    do_share_report,
    do_start_report,
    do_take_up_topic,
)
from thematic.compliance import quarter_of
from thematic.models import ThematicPlan, ThematicReport

TOPIC = "Học tập và làm theo tư tưởng, đạo đức, phong cách Hồ Chí Minh"
BODY = "I. Nội dung chuyên đề\n\nTrách nhiệm nêu gương của đảng viên.\n\nII. Liên hệ thực tế chi bộ\n\nKhu dân cư."


def thematic_meeting(
    cell: Organization,
    *,
    day: dt.date | None = None,
    status: str = MeetingStatus.PREPARING,
    kind: str = MeetingKind.REGULAR_THEMATIC,
    topic: str = TOPIC,
    **extra: Any,
) -> Meeting:
    """A thematic meeting of `cell` (regular and thematic together unless told), today unless a day is given."""
    day = day or today()
    meeting = make_meeting(cell, day=day, kind=kind, topic=topic, status=status, **extra)
    if status == MeetingStatus.HELD:
        meeting.started_at = meeting.scheduled_at
        meeting.ended_at = meeting.scheduled_at + dt.timedelta(minutes=125)
        meeting.save(update_fields=["started_at", "ended_at"])
    return meeting


def row(quarter: int, topic: str, *, year: int, drafter: Member | None = None, month: int | None = None) -> TopicRow:
    return TopicRow(
        id=None, quarter=quarter, month=dt.date(year, month, 1) if month else None, topic=topic, drafter=drafter
    )


def plan_for(
    world: World, *, year: int | None = None, drafter: Member | None = None, approved: bool = False
) -> ThematicPlan:
    """Cell A1's plan: one topic a quarter, each drafted by `drafter` (alice unless told)."""
    year = year or today().year
    drafter = drafter or world.alice.member
    plan = do_create_plan(world.sam, world.cell_a1, year=year)
    rows = [row(q, f"{TOPIC} ({q})", year=year, drafter=drafter, month=3 * q - 1) for q in (1, 2, 3, 4)]
    plan = do_save_plan(world.sam, plan, rows=rows, version=plan.version)
    if approved:
        plan = do_approve_plan(world.sam, plan, version=plan.version)
    return plan


def planned_meeting(world: World, *, status: str = MeetingStatus.PREPARING, **extra: Any) -> Meeting:
    """A thematic meeting of cell A1 this month that takes up the plan's topic for this quarter (drafter alice)."""
    day = today()
    plan = ThematicPlan.objects.filter(organization=world.cell_a1, year=day.year).first() or plan_for(world)
    topic = plan.topics.get(quarter=quarter_of(day))
    meeting = thematic_meeting(world.cell_a1, day=day, status=status, topic=topic.topic, **extra)
    do_take_up_topic(world.sam, meeting, topic)
    return meeting


def report_at(world: World, stage: str, **meeting_extra: Any) -> ThematicReport:
    """Cell A1's report drafted by alice, at `stage`: "draft", "shared", "discussed" or "final".

    Past the draft the meeting is held, as it must be for the cell to have discussed the report.
    """
    status = MeetingStatus.PREPARING if stage in ("draft", "shared") else MeetingStatus.HELD
    meeting = planned_meeting(world, status=status, **meeting_extra)
    report = do_start_report(world.alice, meeting)
    report = do_save_report(world.alice, report, title=report.title, body=BODY, version=report.version)
    if stage == "draft":
        return report
    report = do_share_report(world.alice, report, version=report.version)
    if stage == "shared":
        return report
    report = do_mark_discussed(world.sam, report, revision_notes="Bổ sung ví dụ ở khu dân cư.", version=report.version)
    if stage == "discussed":
        return report
    return do_finalize_report(world.sam, report, version=report.version)


def at(day: dt.date, hour: int = 19, minute: int = 30) -> dt.datetime:
    return timezone.make_aware(dt.datetime.combine(day, dt.time(hour, minute)))


# Keyword builders for thematic/walk.py.


def walk_plan(world: World) -> dict[str, int]:
    return {"plan_id": plan_for(world).pk}


def walk_approved_plan(world: World) -> dict[str, int]:
    return {"plan_id": plan_for(world, approved=True).pk}


def walk_topic(world: World) -> dict[str, int]:
    return {"topic_id": plan_for(world).topics.order_by("quarter").first().pk}  # type: ignore[union-attr]


def walk_meeting(world: World) -> dict[str, int]:
    return {"meeting_id": planned_meeting(world).pk}


def walk_report(stage: str) -> Any:
    return lambda world: {"report_id": report_at(world, stage).pk}
