"""Writes to the thematic report: start, write, share the draft, comments, discussed, final.

draft → (shared with the cell's members, who comment) → discussed at the held
meeting, with what the cell asked to revise → final: numbered "NN-BC/CB" in
the same transaction, sent to every active member of the cell, and locked.
A final report is never changed: a correction would be a new report.
"""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from audit.log import record, snapshot
from core.dates import today
from meetings.models import DocumentType, Meeting, MeetingStatus, PrepAssignment, PrepTask
from members.models import Member, MemberState
from records.numbering import issue_number
from thematic.compliance import THEMATIC_KINDS
from thematic.models import PlannedTopic, ReportComment, ReportRecipient, ReportStatus, ThematicReport

MAX_COMMENT = 4000
TEXT_FIELDS = ["title", "body", "version"]


class StaleEdit(ValidationError):
    def __init__(self) -> None:
        super().__init__(
            _(
                "Someone else saved this report after you opened it. "
                "Reload the page to see their changes; yours were not saved."
            )
        )


class ReportLocked(ValidationError):
    def __init__(self) -> None:
        super().__init__(_("This report is final and was sent to members: it can no longer change."))


def expected_author(meeting: Meeting) -> Member | None:
    """Who drafts the report: the drafter the plan names, else the member given the thematic report to prepare."""
    topic = PlannedTopic.objects.filter(meeting=meeting).select_related("drafter").first()
    if topic is not None and topic.drafter is not None:
        return topic.drafter
    assignment = (
        PrepAssignment.objects.filter(meeting=meeting, task=PrepTask.THEMATIC_REPORT)
        .select_related("member")
        .order_by("pk")
        .first()
    )
    return assignment.member if assignment else None


def _lock(report: ThematicReport) -> ThematicReport:
    return ThematicReport.objects.select_for_update().select_related("meeting__organization").get(pk=report.pk)


def _check_fresh(report: ThematicReport, version: int) -> None:
    if report.is_final:
        raise ReportLocked
    if version != report.version:
        raise StaleEdit


def _audit(actor: Any, action: str, report: ThematicReport, **kwargs: Any) -> None:
    record(actor, action, report, organization=report.meeting.organization, object_repr=report.title, **kwargs)


@transaction.atomic
def do_start_report(actor: Any, meeting: Meeting) -> ThematicReport:
    """Open the report of a thematic meeting, titled with its topic; a second request returns the same report."""
    meeting = Meeting.objects.select_for_update().select_related("organization").get(pk=meeting.pk)
    existing = ThematicReport.objects.filter(meeting=meeting).first()
    if existing is not None:
        return existing
    if meeting.kind not in THEMATIC_KINDS:
        raise ValidationError(_("Only a thematic meeting has a thematic report."))
    if meeting.status == MeetingStatus.CANCELLED:
        raise ValidationError(_("This meeting was cancelled."))
    report = ThematicReport.objects.create(
        meeting=meeting, title=(meeting.topic or meeting.title)[:255], author=expected_author(meeting)
    )
    _audit(actor, "thematic.report_start", report, after=snapshot(report, ["meeting", "title", "author", "status"]))
    return report


@transaction.atomic
def do_save_report(actor: Any, report: ThematicReport, *, title: str, body: str, version: int) -> ThematicReport:
    report = _lock(report)
    _check_fresh(report, version)
    title, body = title.strip(), body.strip()
    if not title:
        raise ValidationError(_("The report needs a title."))
    if (title, body) == (report.title, report.body):
        return report
    before = snapshot(report, TEXT_FIELDS)
    report.title, report.body = title, body
    report.version += 1
    report.save(update_fields=TEXT_FIELDS)
    _audit(actor, "thematic.report_edit", report, before=before, after=snapshot(report, TEXT_FIELDS))
    return report


@transaction.atomic
def do_share_report(actor: Any, report: ThematicReport, *, version: int) -> ThematicReport:
    """Let the cell's members read the draft and comment on it before the meeting."""
    report = _lock(report)
    if report.shared_at is not None and not report.is_final:
        return report
    _check_fresh(report, version)
    if not report.is_draft:
        raise ValidationError(_("The cell has already discussed this report."))
    if not report.body:
        raise ValidationError(_("Write the report before sending it to members."))
    report.shared_at = timezone.now()
    report.version += 1
    report.save(update_fields=["shared_at", "version"])
    _audit(actor, "thematic.report_share", report, after=snapshot(report, ["shared_at", "version"]))
    return report


@transaction.atomic
def do_comment(actor: Any, report: ThematicReport, *, member: Member, body: str) -> ReportComment:
    report = _lock(report)
    if not report.is_draft or report.shared_at is None:
        raise ValidationError(_("Comments are taken on the draft once it is shared, until the cell discusses it."))
    if member.organization_id != report.meeting.organization_id or member.state != MemberState.ACTIVE:
        raise ValidationError(_("Only members of the cell comment on its report."))
    body = body.strip()
    if not body:
        raise ValidationError(_("Write your comment first."))
    if len(body) > MAX_COMMENT:
        raise ValidationError(_("A comment is at most %(n)s characters.") % {"n": MAX_COMMENT})
    same = ReportComment.objects.filter(report=report, member=member, body=body).first()
    if same is not None:
        return same  # the same comment sent twice
    comment = ReportComment.objects.create(report=report, member=member, body=body)
    record(
        actor,
        "thematic.report_comment",
        comment,
        organization=report.meeting.organization,
        object_repr=f"{report.title}: {member.full_name}",
        after=snapshot(comment, ["report", "member", "body"]),
    )
    return comment


@transaction.atomic
def do_mark_discussed(actor: Any, report: ThematicReport, *, revision_notes: str, version: int) -> ThematicReport:
    """The cell discussed the report at the held meeting; note what it asked to revise (may be corrected later)."""
    report = _lock(report)
    _check_fresh(report, version)
    if report.meeting.status != MeetingStatus.HELD:
        raise ValidationError(_("The cell discusses the report at the meeting: record it once the meeting is held."))
    if not report.body:
        raise ValidationError(_("The report has no text yet."))
    revision_notes = revision_notes.strip()
    if report.status == ReportStatus.DISCUSSED and revision_notes == report.revision_notes:
        return report
    fields = ["status", "discussed_at", "revision_notes", "version"]
    before = snapshot(report, fields)
    report.status = ReportStatus.DISCUSSED
    report.discussed_at = report.discussed_at or timezone.now()
    report.revision_notes = revision_notes
    report.version += 1
    report.save(update_fields=fields)
    _audit(actor, "thematic.report_discussed", report, before=before, after=snapshot(report, fields))
    return report


@transaction.atomic
def do_finalize_report(actor: Any, report: ThematicReport, *, version: int) -> ThematicReport:
    """Make the revised report final: number it, lock it and send it to every active member of the cell."""
    report = _lock(report)
    if report.is_final:
        return report  # a second click
    _check_fresh(report, version)
    if report.status != ReportStatus.DISCUSSED:
        raise ValidationError(_("The cell discusses the report before it becomes final."))
    if not report.body:
        raise ValidationError(_("The report has no text yet."))
    cell = report.meeting.organization
    fields = ["status", "number", "symbol", "finalized_at", "finalized_by", "version"]
    before = snapshot(report, fields)
    report.number, report.symbol = issue_number(cell, DocumentType.REPORT, today())
    report.status = ReportStatus.FINAL
    report.finalized_at = timezone.now()
    report.finalized_by = actor if getattr(actor, "is_authenticated", False) else None
    report.version += 1
    report.save(update_fields=fields)
    members = list(
        Member.objects.filter(organization=cell, state=MemberState.ACTIVE).order_by("pk").values_list("pk", flat=True)
    )
    ReportRecipient.objects.bulk_create(
        ReportRecipient(report=report, member_id=pk, sent_at=report.finalized_at) for pk in members
    )
    _audit(
        actor,
        "thematic.report_finalize",
        report,
        before=before,
        after=snapshot(report, fields) | {"body": report.body, "sent_to": members},
    )
    return report


@transaction.atomic
def do_mark_report_read(actor: Any, recipient: ReportRecipient) -> None:
    """The member opened the final report sent to them; only the first reading is recorded."""
    updated = ReportRecipient.objects.filter(pk=recipient.pk, read_at__isnull=True).update(read_at=timezone.now())
    if not updated:
        return
    recipient.refresh_from_db(fields=["read_at"])
    record(
        actor,
        "thematic.report_read",
        recipient.report,
        organization=recipient.report.meeting.organization,
        object_repr=recipient.report.title,
        after={"member": recipient.member_id, "read_at": recipient.read_at.isoformat() if recipient.read_at else None},
    )
