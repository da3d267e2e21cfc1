"""The meeting itself, who prepares what, the preparatory meeting, and the documents."""

import datetime as dt
from typing import Any

from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from audit.log import record, snapshot
from core.dates import vn_short_date
from meetings.models import (
    Meeting,
    MeetingDocument,
    MeetingKind,
    MeetingStatus,
    PrepAssignment,
    PrepMeeting,
)
from meetings.models.meeting import MONTHLY_KINDS
from members.models import Member
from orgs.models import Organization
from preparation.actions.base import bump_version, lock_meeting, refuse_if_closed

MEETING_FIELDS = ["kind", "month", "title", "topic", "scheduled_at", "place", "status"]


def default_title(kind: str, month: dt.date) -> str:
    return _("%(kind)s, month %(month)s") % {"kind": MeetingKind(kind).label, "month": month.strftime("%m/%Y")}


def _check_one_regular(cell: Organization, kind: str, month: dt.date, exclude: int | None = None) -> None:
    if kind not in MONTHLY_KINDS:
        return
    others = Meeting.objects.filter(organization=cell, month=month, kind__in=MONTHLY_KINDS).exclude(
        status=MeetingStatus.CANCELLED
    )
    if exclude is not None:
        others = others.exclude(pk=exclude)
    other = others.first()
    if other is not None:
        raise ValidationError(
            _("%(cell)s already has its regular meeting for %(month)s (%(title)s, %(day)s). A cell holds one a month.")
            % {
                "cell": cell.name,
                "month": month.strftime("%m/%Y"),
                "title": other.title,
                "day": vn_short_date(other.scheduled_at),
            }
        )


@transaction.atomic
def do_create_meeting(
    actor: Any,
    cell: Organization,
    *,
    kind: str,
    month: dt.date,
    scheduled_at: dt.datetime,
    place: str,
    topic: str = "",
    title: str = "",
) -> Meeting:
    cell = Organization.objects.select_for_update().get(pk=cell.pk)
    if not cell.is_cell or not cell.is_active:
        raise ValidationError(_("Meetings are planned for an active party cell."))
    _check_one_regular(cell, kind, month)
    if Meeting.objects.filter(organization=cell, kind=kind, scheduled_at=scheduled_at).exists():
        raise ValidationError(_("This meeting is already planned at that time."))
    meeting = Meeting.objects.create(
        organization=cell,
        kind=kind,
        month=month,
        title=title.strip() or default_title(kind, month),
        topic=topic,
        scheduled_at=scheduled_at,
        place=place,
    )
    record(actor, "meeting.create", meeting, organization=cell, after=snapshot(meeting, MEETING_FIELDS))
    return meeting


@transaction.atomic
def do_update_meeting(
    actor: Any,
    meeting: Meeting,
    *,
    version: int | None,
    kind: str,
    month: dt.date,
    scheduled_at: dt.datetime,
    place: str,
    topic: str = "",
    title: str = "",
) -> Meeting:
    meeting = lock_meeting(meeting)
    refuse_if_closed(meeting)
    if meeting.status == MeetingStatus.IN_PROGRESS:
        raise ValidationError(_("The meeting has started: its time and place can no longer change."))
    if version is not None and version != meeting.version:
        raise ValidationError(
            _("Someone else changed this meeting after you opened the form. Reload and make your change again.")
        )
    _check_one_regular(meeting.organization, kind, month, exclude=meeting.pk)
    before = snapshot(meeting, MEETING_FIELDS)
    meeting.kind, meeting.month, meeting.scheduled_at, meeting.place, meeting.topic = (
        kind,
        month,
        scheduled_at,
        place,
        topic,
    )
    meeting.title = title.strip() or default_title(kind, month)
    bump_version(meeting, "kind", "month", "scheduled_at", "place", "topic", "title")
    record(
        actor,
        "meeting.update",
        meeting,
        organization=meeting.organization,
        before=before,
        after=snapshot(meeting, MEETING_FIELDS),
    )
    return meeting


@transaction.atomic
def do_add_assignment(
    actor: Any,
    meeting: Meeting,
    *,
    member: Member,
    task: str,
    note: str = "",
    due_on: dt.date | None = None,
) -> PrepAssignment:
    meeting = lock_meeting(meeting)
    refuse_if_closed(meeting)
    if member.organization_id != meeting.organization_id or not member.is_active:
        raise ValidationError(_("Only an active member of the cell can be given preparation work."))
    same = PrepAssignment.objects.filter(meeting=meeting, member=member, task=task).first()
    if same is not None:
        # A second click, or the same work given twice: keep one.
        return same
    assignment = PrepAssignment.objects.create(meeting=meeting, member=member, task=task, note=note, due_on=due_on)
    record(
        actor,
        "meeting.assignment_add",
        assignment,
        organization=meeting.organization,
        after=snapshot(assignment),
        object_repr=f"{meeting.title}: {member.full_name}",
    )
    return assignment


@transaction.atomic
def do_set_assignment_done(actor: Any, assignment: PrepAssignment, *, done: bool) -> PrepAssignment:
    meeting = lock_meeting(assignment.meeting)
    refuse_if_closed(meeting)
    assignment = PrepAssignment.objects.get(pk=assignment.pk)
    if (assignment.done_at is not None) == done:
        return assignment
    before = snapshot(assignment)
    assignment.done_at = timezone.now() if done else None
    assignment.save(update_fields=["done_at"])
    record(
        actor,
        "meeting.assignment_done" if done else "meeting.assignment_reopen",
        assignment,
        organization=meeting.organization,
        before=before,
        after=snapshot(assignment),
        object_repr=meeting.title,
    )
    return assignment


@transaction.atomic
def do_remove_assignment(actor: Any, assignment: PrepAssignment) -> None:
    meeting = lock_meeting(assignment.meeting)
    refuse_if_closed(meeting)
    before = snapshot(assignment)
    record(
        actor,
        "meeting.assignment_remove",
        assignment,
        organization=meeting.organization,
        before=before,
        object_repr=meeting.title,
    )
    assignment.delete()


@transaction.atomic
def do_save_prep_meeting(
    actor: Any,
    meeting: Meeting,
    *,
    held_on: dt.date,
    attendees: list[Member],
    agreed_content: str,
    key_questions: str,
) -> PrepMeeting:
    """Record the preparatory meeting, or correct the record of it."""
    meeting = lock_meeting(meeting)
    refuse_if_closed(meeting)
    prep = PrepMeeting.objects.filter(meeting=meeting).first()
    before = None
    if prep is None:
        prep = PrepMeeting(meeting=meeting)
    else:
        before = snapshot(prep) | {"attendees": sorted(prep.attendees.values_list("pk", flat=True))}
    prep.held_on, prep.agreed_content, prep.key_questions = held_on, agreed_content, key_questions
    prep.save()
    prep.attendees.set(attendees)
    record(
        actor,
        "meeting.prep_meeting",
        prep,
        organization=meeting.organization,
        before=before,
        after=snapshot(prep) | {"attendees": sorted(m.pk for m in attendees)},
        object_repr=meeting.title,
    )
    return prep


@transaction.atomic
def do_add_document(actor: Any, meeting: Meeting, *, title: str, file: UploadedFile) -> MeetingDocument:
    meeting = lock_meeting(meeting)
    refuse_if_closed(meeting)
    user = actor if getattr(actor, "is_authenticated", False) else None
    document = MeetingDocument.objects.create(meeting=meeting, title=title, file=file, uploaded_by=user)
    record(
        actor,
        "meeting.document_add",
        document,
        organization=meeting.organization,
        after=snapshot(document, ["meeting", "title"]) | {"file": document.file.name},
        object_repr=f"{meeting.title}: {title}",
    )
    return document


@transaction.atomic
def do_remove_document(actor: Any, document: MeetingDocument) -> None:
    meeting = lock_meeting(document.meeting)
    refuse_if_closed(meeting)
    before = snapshot(document, ["meeting", "title"]) | {"file": document.file.name}
    record(
        actor,
        "meeting.document_remove",
        document,
        organization=meeting.organization,
        before=before,
        object_repr=f"{meeting.title}: {document.title}",
    )
    storage, name = document.file.storage, document.file.name
    document.delete()
    # The file goes once the row is surely gone.
    if name:
        transaction.on_commit(lambda: storage.delete(name))


@transaction.atomic
def do_cancel_meeting(actor: Any, meeting: Meeting) -> Meeting:
    """Call off a meeting that has not started; the cell may then plan another for the month.

    Members who were notified see the meeting as cancelled on its notice page.
    """
    locked = lock_meeting(meeting)
    if locked.status == MeetingStatus.CANCELLED:
        return locked  # a repeated click changes nothing
    if locked.status not in (MeetingStatus.PREPARING, MeetingStatus.NOTIFIED):
        raise ValidationError(_("This meeting has already started: it can no longer be cancelled."))
    before = snapshot(locked, ["status"])
    locked.status = MeetingStatus.CANCELLED
    bump_version(locked, "status")
    record(
        actor, "meeting.cancel", locked, organization=locked.organization, before=before, after={"status": "cancelled"}
    )
    return locked
