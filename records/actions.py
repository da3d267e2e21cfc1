"""Writes to minutes, resolutions and amendments: drafted, edited, adopted (numbered and sealed), amended.

Once adopted a record is locked: every write here re-reads the row under a
lock and refuses to change an adopted text, whatever the form sent.
"""

import datetime as dt
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from audit.log import record, snapshot
from meetings.models import (
    Amendment,
    DocumentType,
    Meeting,
    MeetingStatus,
    Minutes,
    RecordStatus,
    Resolution,
    ResolutionTask,
    VoteKind,
)
from quality.actions import adopt_with_minutes
from records import drafting
from records.numbering import issue_number
from records.sealing import seal, sealed_text, sha256

# Minutes and a resolution are drafted once the meeting has begun.
STARTED = (MeetingStatus.IN_PROGRESS, MeetingStatus.HELD)


class RecordLocked(ValidationError):
    def __init__(self) -> None:
        super().__init__(_("This text was adopted and is locked. Record a correction as an amendment."))


class StaleEdit(ValidationError):
    def __init__(self) -> None:
        super().__init__(
            _(
                "Someone else saved this text after you opened it. "
                "Reload the page to see their changes; yours were not saved."
            )
        )


def _meeting_day(meeting: Meeting) -> dt.date:
    return timezone.localdate(meeting.started_at or meeting.scheduled_at)


def _lock_meeting(meeting: Meeting) -> Meeting:
    return Meeting.objects.select_for_update().select_related("organization").get(pk=meeting.pk)


def _check_started(meeting: Meeting) -> None:
    if meeting.status not in STARTED:
        raise ValidationError(_("The meeting has not been held yet: there is nothing to write up."))


# Minutes


@transaction.atomic
def do_draft_minutes(actor: Any, meeting: Meeting) -> Minutes:
    """Draft the minutes from the record; a second request returns the draft already made."""
    meeting = _lock_meeting(meeting)
    _check_started(meeting)
    existing = Minutes.objects.filter(meeting=meeting).first()
    if existing is not None:
        return existing
    minutes = Minutes.objects.create(meeting=meeting, body=drafting.draft_minutes(meeting))
    record(actor, "minutes.draft", minutes, organization=meeting.organization, after=snapshot(minutes))
    return minutes


def _lock_minutes(minutes: Minutes) -> Minutes:
    return Minutes.objects.select_for_update().select_related("meeting__organization").get(pk=minutes.pk)


@transaction.atomic
def do_save_minutes(actor: Any, minutes: Minutes, *, body: str, version: int) -> Minutes:
    minutes = _lock_minutes(minutes)
    if minutes.is_adopted:
        raise RecordLocked
    if version != minutes.version:
        raise StaleEdit
    body = body.strip()
    if not body:
        raise ValidationError(_("The minutes cannot be empty."))
    if body == minutes.body:
        return minutes
    before = snapshot(minutes, ["body", "version"])
    minutes.body = body
    minutes.version += 1
    minutes.save(update_fields=["body", "version"])
    record(
        actor,
        "minutes.edit",
        minutes,
        organization=minutes.meeting.organization,
        before=before,
        after=snapshot(minutes, ["body", "version"]),
    )
    return minutes


def _adopt(actor: Any, obj: Minutes | Resolution, doc_type: str) -> None:
    meeting = obj.meeting
    number, symbol = issue_number(meeting.organization, doc_type, _meeting_day(meeting))
    obj.number, obj.symbol = number, symbol
    obj.status = RecordStatus.ADOPTED
    obj.adopted_at = timezone.now()
    obj.adopted_by = actor if getattr(actor, "is_authenticated", False) else None
    obj.content_hash = sha256(sealed_text(obj))
    obj.version += 1
    obj.save(update_fields=["number", "symbol", "status", "adopted_at", "adopted_by", "content_hash", "version"])
    seal(obj, meeting.organization)


@transaction.atomic
def do_adopt_minutes(actor: Any, minutes: Minutes, *, version: int) -> Minutes:
    """Adopt the minutes as read back, with the meeting's quality evaluation: number them, hash and seal the text,
    lock them. Refused while the cell has not scored its own criteria of the sheet that applies."""
    minutes = _lock_minutes(minutes)
    if minutes.is_adopted:
        raise RecordLocked
    if version != minutes.version:
        raise StaleEdit
    _check_started(minutes.meeting)
    before = snapshot(minutes)
    # The cell adopts its evaluation of the meeting with the minutes, which then state the adopted rating.
    evaluation = adopt_with_minutes(actor, minutes.meeting)
    if evaluation is not None:
        minutes.body = drafting.with_rating(minutes.body, evaluation)
        minutes.save(update_fields=["body"])
    _adopt(actor, minutes, DocumentType.MINUTES)
    record(
        actor,
        "minutes.adopt",
        minutes,
        organization=minutes.meeting.organization,
        before=before,
        after=snapshot(minutes),
    )
    return minutes


# Resolutions


@transaction.atomic
def do_draft_resolution(actor: Any, meeting: Meeting) -> Resolution:
    meeting = _lock_meeting(meeting)
    _check_started(meeting)
    existing = Resolution.objects.filter(meeting=meeting).first()
    if existing is not None:
        return existing
    resolution = Resolution.objects.create(
        meeting=meeting, title=drafting.resolution_title(meeting), body=drafting.draft_resolution(meeting)
    )
    record(actor, "resolution.draft", resolution, organization=meeting.organization, after=snapshot(resolution))
    return resolution


def _lock_resolution(resolution: Resolution) -> Resolution:
    return Resolution.objects.select_for_update().select_related("meeting__organization").get(pk=resolution.pk)


def _task_snapshot(resolution: Resolution) -> list[dict[str, Any]]:
    return [snapshot(t, ["order", "what", "assignee", "assignee_text", "due_on"]) for t in resolution.tasks.all()]


@transaction.atomic
def do_save_resolution(
    actor: Any, resolution: Resolution, *, title: str, body: str, tasks: list[dict[str, Any]], version: int
) -> Resolution:
    """Save the draft's text and replace its tasks (a draft's tasks have no history yet).

    Each task is a dict with what, assignee (a Member or None), assignee_text and due_on.
    """
    resolution = _lock_resolution(resolution)
    if resolution.is_adopted:
        raise RecordLocked
    if version != resolution.version:
        raise StaleEdit
    title, body = title.strip(), body.strip()
    if not title or not body:
        raise ValidationError(_("A resolution needs a title and a text."))
    cell_id = resolution.meeting.organization_id
    for task in tasks:
        if not task["what"].strip():
            raise ValidationError(_("Each task needs a description."))
        if task.get("assignee") is None and not task.get("assignee_text", "").strip():
            raise ValidationError(_("Say who carries out each task: a member, or a text such as “Chi ủy”."))
        if task.get("assignee") is not None and task["assignee"].organization_id != cell_id:
            raise ValidationError(_("A task can only be assigned to a member of this cell."))
    before = snapshot(resolution, ["title", "body", "version"]) | {"tasks": _task_snapshot(resolution)}
    resolution.title, resolution.body = title, body
    resolution.version += 1
    resolution.save(update_fields=["title", "body", "version"])
    resolution.tasks.all().delete()
    ResolutionTask.objects.bulk_create(
        ResolutionTask(
            resolution=resolution,
            order=order,
            what=task["what"].strip(),
            assignee=task.get("assignee"),
            assignee_text=task.get("assignee_text", "").strip(),
            due_on=task.get("due_on"),
        )
        for order, task in enumerate(tasks, start=1)
    )
    after = snapshot(resolution, ["title", "body", "version"]) | {"tasks": _task_snapshot(resolution)}
    record(
        actor, "resolution.edit", resolution, organization=resolution.meeting.organization, before=before, after=after
    )
    return resolution


@transaction.atomic
def do_adopt_resolution(actor: Any, resolution: Resolution, *, version: int) -> Resolution:
    """Adopt the resolution the cell voted for: number it, hash and seal text and tasks, lock it."""
    resolution = _lock_resolution(resolution)
    if resolution.is_adopted:
        raise RecordLocked
    if version != resolution.version:
        raise StaleEdit
    meeting = resolution.meeting
    _check_started(meeting)
    votes = list(meeting.votes.filter(kind=VoteKind.RESOLUTION).order_by("recorded_at", "id"))
    if not votes:
        raise ValidationError(_("Record the cell's vote on the resolution before adopting it."))
    if not votes[-1].passed:
        raise ValidationError(
            _("The vote on the resolution did not pass: %(result)s") % {"result": votes[-1].explanation}
        )
    before = snapshot(resolution)
    _adopt(actor, resolution, DocumentType.RESOLUTION)
    record(
        actor,
        "resolution.adopt",
        resolution,
        organization=meeting.organization,
        before=before,
        after=snapshot(resolution) | {"tasks": _task_snapshot(resolution)},
    )
    return resolution


# Amendments


@transaction.atomic
def do_amend(actor: Any, target: Minutes | Resolution, *, reason: str, text: str) -> Amendment:
    """Record a correction under adopted minutes or an adopted resolution; the adopted text stays as it was."""
    target = _lock_minutes(target) if isinstance(target, Minutes) else _lock_resolution(target)
    if not target.is_adopted:
        raise ValidationError(_("A draft is corrected by editing it; amendments are for adopted texts."))
    reason, text = reason.strip(), text.strip()
    if not reason or not text:
        raise ValidationError(_("An amendment needs a reason and the corrected text."))
    link = {"minutes": target} if isinstance(target, Minutes) else {"resolution": target}
    duplicate = Amendment.objects.filter(**link, reason=reason, text=text).first()
    if duplicate is not None:
        return duplicate  # the same correction submitted twice
    amendment = Amendment.objects.create(
        **link, reason=reason, text=text, created_by=actor if getattr(actor, "is_authenticated", False) else None
    )
    seal(amendment, target.meeting.organization)
    record(
        actor,
        "amendment.create",
        amendment,
        organization=target.meeting.organization,
        object_repr=f"{target.symbol}: {reason}",
        after=snapshot(amendment),
    )
    return amendment
