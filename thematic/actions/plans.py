"""Writes to a cell's yearly thematic plan: create (or copy last year's), edit its topics, approve, reopen,
and link a planned topic to the meeting that takes it up.

An approved plan is read-only until reopened; every write re-reads the plan
under a lock and refuses a form opened before someone else's change.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from audit.log import record, snapshot
from core.dates import today
from meetings.models import Meeting, MeetingStatus
from members.models import Member, MemberState
from orgs.models import Organization
from rules.lookup import PackIndex
from thematic.compliance import QUARTERS, THEMATIC_KINDS, quarter_bounds, quarter_of, required_per_quarter
from thematic.models import PlannedTopic, PlanStatus, ThematicPlan

# Plans are made for last year (to catch up), this year or the next.
YEARS_BACK, YEARS_AHEAD = 1, 1


class StaleEdit(ValidationError):
    def __init__(self) -> None:
        super().__init__(
            _(
                "Someone else changed this plan after you opened it. "
                "Reload the page to see their changes; yours were not saved."
            )
        )


class PlanLocked(ValidationError):
    def __init__(self) -> None:
        super().__init__(_("This plan is approved. Reopen it for changes first."))


@dataclass
class TopicRow:
    """One row of the plan form, as the action takes it; `id` is None for a new topic."""

    id: int | None
    quarter: int
    month: dt.date | None
    topic: str
    drafter: Member | None = None
    notes: str = ""
    remove: bool = False


def allowed_years(day: dt.date | None = None) -> range:
    year = (day or today()).year
    return range(year - YEARS_BACK, year + YEARS_AHEAD + 1)


def _lock_plan(plan: ThematicPlan) -> ThematicPlan:
    return ThematicPlan.objects.select_for_update().select_related("organization").get(pk=plan.pk)


def _topics_snapshot(plan: ThematicPlan) -> list[dict[str, Any]]:
    return [
        snapshot(t, ["quarter", "month", "topic", "drafter", "notes", "meeting"]) | {"id": t.pk}
        for t in plan.topics.order_by("quarter", "month", "pk")
    ]


def check_topic(cell: Organization, year: int, row: TopicRow) -> None:
    """The rules every planned topic follows, with a message naming the topic."""
    name = row.topic.strip()
    if not name:
        raise ValidationError(_("Each planned topic needs its subject."))
    if row.quarter not in QUARTERS:
        raise ValidationError(_("“%(topic)s”: the quarter must be 1, 2, 3 or 4.") % {"topic": name})
    if row.month is not None:
        first, last = quarter_bounds(year, row.quarter)
        if not first <= row.month <= last:
            raise ValidationError(
                _("“%(topic)s”: month %(month)s is not in quarter %(quarter)s of %(year)s.")
                % {"topic": name, "month": row.month.strftime("%m/%Y"), "quarter": row.quarter, "year": year}
            )
    drafter = row.drafter
    if drafter is not None and (drafter.organization_id != cell.pk or drafter.state != MemberState.ACTIVE):
        raise ValidationError(
            _("“%(topic)s”: %(name)s is not an active member of %(cell)s and cannot draft the report.")
            % {"topic": name, "name": drafter.full_name, "cell": cell.name}
        )


def plan_warnings(plan: ThematicPlan, index: PackIndex | None = None) -> list[str]:
    """What falls short of the rules without blocking the plan: too few topics in a quarter, no drafter named."""
    cell = plan.organization
    topics = list(plan.topics.all())
    required = required_per_quarter(cell, plan.year, index or PackIndex.load())
    warnings = []
    for quarter in QUARTERS:
        planned = sum(1 for t in topics if t.quarter == quarter)
        if planned < required[quarter]:
            warnings.append(
                ngettext(
                    "Quarter %(quarter)s has %(planned)s topic; the rules ask for at least %(required)s thematic "
                    "meeting a quarter.",
                    "Quarter %(quarter)s has %(planned)s topics; the rules ask for at least %(required)s thematic "
                    "meetings a quarter.",
                    required[quarter],
                )
                % {"quarter": quarter, "planned": planned, "required": required[quarter]}
            )
    for t in topics:
        if t.drafter_id is None:
            warnings.append(_("“%(topic)s”: no member is assigned to draft the report yet.") % {"topic": t.topic})
    return warnings


@transaction.atomic
def do_create_plan(actor: Any, cell: Organization, *, year: int, copy_previous: bool = False) -> ThematicPlan:
    """Start the cell's plan for `year`, empty or as a copy of last year's; a second request returns the same plan."""
    cell = Organization.objects.select_for_update().get(pk=cell.pk)
    if not cell.is_cell or not cell.is_active:
        raise ValidationError(_("Thematic plans are made for an active party cell."))
    years = allowed_years()
    if year not in years:
        raise ValidationError(
            _("A plan can be made for the years %(first)s to %(last)s.") % {"first": years[0], "last": years[-1]}
        )
    existing = ThematicPlan.objects.filter(organization=cell, year=year).first()
    if existing is not None:
        return existing
    previous = None
    if copy_previous:
        previous = ThematicPlan.objects.filter(organization=cell, year=year - 1).first()
        if previous is None:
            raise ValidationError(
                _("%(cell)s has no plan for %(year)s to copy.") % {"cell": cell.name, "year": year - 1}
            )
    plan = ThematicPlan.objects.create(organization=cell, year=year)
    if previous is not None:
        PlannedTopic.objects.bulk_create(
            PlannedTopic(
                plan=plan,
                quarter=t.quarter,
                month=t.month.replace(year=year) if t.month else None,
                topic=t.topic,
                # Whoever has left the cell since cannot draft this year's report.
                drafter=t.drafter
                if t.drafter and t.drafter.organization_id == cell.pk and t.drafter.state == MemberState.ACTIVE
                else None,
                notes=t.notes,
            )
            for t in previous.topics.select_related("drafter").order_by("quarter", "month", "pk")
        )
    record(
        actor,
        "thematic.plan_create",
        plan,
        organization=cell,
        object_repr=_("Thematic plan %(year)s, %(cell)s") % {"year": year, "cell": cell.name},
        after=snapshot(plan, ["organization", "year", "status"])
        | {"copied_from": previous.year if previous else None, "topics": _topics_snapshot(plan)},
    )
    return plan


def _apply_row(plan: ThematicPlan, existing: dict[int, PlannedTopic], row: TopicRow) -> bool:
    """Write one row; True when something changed."""
    if row.id is None:
        if row.remove:
            return False
        PlannedTopic.objects.create(
            plan=plan,
            quarter=row.quarter,
            month=row.month,
            topic=row.topic.strip(),
            drafter=row.drafter,
            notes=row.notes.strip(),
        )
        return True
    topic = existing[row.id]
    if row.remove:
        topic.delete()
        return True
    new = (row.quarter, row.month, row.topic.strip(), row.drafter.pk if row.drafter else None, row.notes.strip())
    if new == (topic.quarter, topic.month, topic.topic, topic.drafter_id, topic.notes):
        return False
    topic.quarter, topic.month, topic.topic, topic.drafter, topic.notes = (
        row.quarter,
        row.month,
        new[2],
        row.drafter,
        new[4],
    )
    topic.save()
    return True


@transaction.atomic
def do_save_plan(actor: Any, plan: ThematicPlan, *, rows: list[TopicRow], version: int) -> ThematicPlan:
    """Add, change and remove the plan's topics in one go; nothing is written if any row is refused."""
    plan = _lock_plan(plan)
    if plan.is_approved:
        raise PlanLocked
    if version != plan.version:
        raise StaleEdit
    cell = plan.organization
    existing = {t.pk: t for t in plan.topics.select_related("meeting")}
    for row in rows:
        if row.id is not None and row.id not in existing:
            raise StaleEdit
        if row.remove:
            taken = existing[row.id].meeting if row.id is not None else None
            if taken is not None and taken.status != MeetingStatus.CANCELLED:
                raise ValidationError(
                    _("“%(topic)s” was taken up by “%(meeting)s” and cannot be removed.")
                    % {"topic": existing[row.id].topic, "meeting": taken.title}  # type: ignore[index]
                )
            continue
        check_topic(cell, plan.year, row)
        meeting = existing[row.id].meeting if row.id is not None else None
        if meeting is not None and quarter_of(meeting.month) != row.quarter:
            raise ValidationError(
                _("“%(topic)s” was taken up by “%(meeting)s”, held in quarter %(quarter)s: keep it in that quarter.")
                % {"topic": row.topic.strip(), "meeting": meeting.title, "quarter": quarter_of(meeting.month)}
            )
    before = _topics_snapshot(plan)
    changed = [_apply_row(plan, existing, row) for row in rows]
    if not any(changed):
        return plan
    plan.version += 1
    plan.save(update_fields=["version"])
    record(
        actor,
        "thematic.plan_edit",
        plan,
        organization=cell,
        object_repr=_("Thematic plan %(year)s, %(cell)s") % {"year": plan.year, "cell": cell.name},
        before={"topics": before},
        after={"topics": _topics_snapshot(plan), "version": plan.version},
    )
    return plan


@transaction.atomic
def do_approve_plan(actor: Any, plan: ThematicPlan, *, version: int) -> ThematicPlan:
    plan = _lock_plan(plan)
    if plan.is_approved:
        return plan  # a second click
    if version != plan.version:
        raise StaleEdit
    topics = list(plan.topics.all())
    if not topics:
        raise ValidationError(_("Add at least one topic before approving the plan."))
    without = [t.topic for t in topics if t.drafter_id is None]
    if without:
        raise ValidationError(
            _("Assign a member to draft each report before approving the plan: %(topics)s.")
            % {"topics": "; ".join(without)}
        )
    before = snapshot(plan, ["status", "approved_at", "approved_by", "version"])
    plan.status = PlanStatus.APPROVED
    plan.approved_at = timezone.now()
    plan.approved_by = actor if getattr(actor, "is_authenticated", False) else None
    plan.version += 1
    plan.save(update_fields=["status", "approved_at", "approved_by", "version"])
    record(
        actor,
        "thematic.plan_approve",
        plan,
        organization=plan.organization,
        object_repr=_("Thematic plan %(year)s, %(cell)s") % {"year": plan.year, "cell": plan.organization.name},
        before=before,
        after=snapshot(plan, ["status", "approved_at", "approved_by", "version"]) | {"topics": _topics_snapshot(plan)},
    )
    return plan


@transaction.atomic
def do_reopen_plan(actor: Any, plan: ThematicPlan, *, version: int) -> ThematicPlan:
    """Take an approved plan back to draft so that it can change; it is approved again afterwards."""
    plan = _lock_plan(plan)
    if not plan.is_approved:
        return plan
    if version != plan.version:
        raise StaleEdit
    before = snapshot(plan, ["status", "approved_at", "approved_by", "version"])
    plan.status, plan.approved_at, plan.approved_by = PlanStatus.DRAFT, None, None
    plan.version += 1
    plan.save(update_fields=["status", "approved_at", "approved_by", "version"])
    record(
        actor,
        "thematic.plan_reopen",
        plan,
        organization=plan.organization,
        object_repr=_("Thematic plan %(year)s, %(cell)s") % {"year": plan.year, "cell": plan.organization.name},
        before=before,
        after=snapshot(plan, ["status", "approved_at", "approved_by", "version"]),
    )
    return plan


def _link_repr(topic: PlannedTopic, meeting: Meeting) -> str:
    return f"{meeting.title}: {topic.topic}"


@transaction.atomic
def do_take_up_topic(actor: Any, meeting: Meeting, topic: PlannedTopic | None) -> None:
    """Record that `meeting` takes up the planned `topic`; None releases the topic the meeting had taken up."""
    meeting = Meeting.objects.select_for_update().select_related("organization").get(pk=meeting.pk)
    current = PlannedTopic.objects.select_for_update().filter(meeting=meeting).first()
    if topic is None:
        if current is not None:
            _release(actor, current, meeting)
        return
    topic = PlannedTopic.objects.select_for_update(of=("self",)).select_related("plan", "meeting").get(pk=topic.pk)
    if current is not None and current.pk == topic.pk:
        return
    if topic.plan.organization_id != meeting.organization_id:
        raise ValidationError(_("A meeting can only take up a topic of its own cell's plan."))
    if meeting.kind not in THEMATIC_KINDS:
        raise ValidationError(_("Only a thematic meeting takes up a planned topic: change the kind of meeting."))
    if meeting.status == MeetingStatus.CANCELLED:
        raise ValidationError(_("This meeting was cancelled."))
    if meeting.month.year != topic.plan.year or quarter_of(meeting.month) != topic.quarter:
        raise ValidationError(
            _("“%(topic)s” is planned for quarter %(quarter)s of %(year)s; this meeting belongs to %(month)s.")
            % {
                "topic": topic.topic,
                "quarter": topic.quarter,
                "year": topic.plan.year,
                "month": meeting.month.strftime("%m/%Y"),
            }
        )
    other = topic.meeting
    if other is not None and other.status != MeetingStatus.CANCELLED:
        raise ValidationError(
            _("“%(topic)s” is already taken up by “%(meeting)s”.") % {"topic": topic.topic, "meeting": other.title}
        )
    if current is not None:
        _release(actor, current, meeting)
    topic.meeting = meeting
    topic.save(update_fields=["meeting"])
    record(
        actor,
        "thematic.topic_link",
        topic,
        organization=meeting.organization,
        object_repr=_link_repr(topic, meeting),
        before={"meeting": other.pk if other else None},
        after={"meeting": meeting.pk},
    )


def _release(actor: Any, topic: PlannedTopic, meeting: Meeting) -> None:
    topic.meeting = None
    topic.save(update_fields=["meeting"])
    record(
        actor,
        "thematic.topic_unlink",
        topic,
        organization=meeting.organization,
        object_repr=_link_repr(topic, meeting),
        before={"meeting": meeting.pk},
        after={"meeting": None},
    )


@transaction.atomic
def do_release_topic(actor: Any, topic: PlannedTopic) -> None:
    """The planned topic was not taken up by its meeting after all."""
    locked = PlannedTopic.objects.select_for_update(of=("self",)).select_related("meeting__organization")
    topic = locked.get(pk=topic.pk)
    if topic.meeting is not None:
        _release(actor, topic, topic.meeting)
