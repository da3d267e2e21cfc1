"""The notice to members and the follow-up cadre, and what members answer before the meeting."""

from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from audit.log import record, snapshot
from meetings.models import (
    Attendance,
    AttendanceStatus,
    Meeting,
    MeetingKind,
    MeetingStatus,
    NoticeRecipient,
    Opinion,
)
from meetings.roll import draw_roll
from members.models import Member
from preparation.actions.base import bump_version, lock_meeting, refuse_if_closed
from preparation.models import NoticeRound
from preparation.queries import (
    BEFORE_START,
    active_members,
    follow_up_cadres,
    lead_days,
    meeting_day,
    notice_lead_days_required,
    officers_of,
)


def _changes(last: NoticeRound | None, meeting: Meeting, documents: dict[int, str]) -> dict[str, Any]:
    if last is None:
        return {}
    changes: dict[str, Any] = {}
    if last.scheduled_at != meeting.scheduled_at:
        changes["scheduled_at"] = [last.scheduled_at.isoformat(), meeting.scheduled_at.isoformat()]
    if last.place != meeting.place:
        changes["place"] = [last.place, meeting.place]
    before = set(last.document_ids)
    added = [title for pk, title in documents.items() if pk not in before]
    if added:
        changes["documents_added"] = added
    if before - set(documents):
        changes["documents_removed"] = len(before - set(documents))
    return changes


@transaction.atomic
def do_send_notice(actor: Any, meeting: Meeting, *, message: str = "") -> NoticeRound:
    """Send the notice (time, place, content, documents) to every active member and the follow-up cadre.

    A regular cell meeting goes to every active member; the committee's own
    meeting to its officers. Sets the meeting's status, draws the attendance
    roll, and records the lead time against the rule that applies. Sending
    again is allowed only after a change of time, place or documents: members
    are told what changed and their receipts start again.
    """
    meeting = lock_meeting(meeting)
    refuse_if_closed(meeting)
    if meeting.status not in BEFORE_START:
        raise ValidationError(_("The meeting has started: the notice can no longer be sent."))
    now = timezone.now()
    if meeting.scheduled_at <= now:
        raise ValidationError(_("The meeting time has passed: correct the time before sending the notice."))
    if not meeting.agenda_items.exists():
        raise ValidationError(_("Build the agenda first: the notice tells members what the meeting is about."))
    documents = dict(meeting.documents.order_by("uploaded_at", "pk").values_list("pk", "title"))
    last = meeting.notice_rounds.order_by("-number").first()
    changes = _changes(last, meeting, documents)
    if last is not None and not changes and message.strip() == last.message:
        raise ValidationError(
            _("The notice was already sent and nothing has changed since (time, place, documents, message).")
        )
    cell = meeting.organization
    day = meeting_day(meeting)
    people = officers_of(cell, day) if meeting.kind == MeetingKind.COMMITTEE else active_members(cell)
    cadres = set(follow_up_cadres(cell, day).values_list("pk", flat=True))
    member_ids = set(people.values_list("pk", flat=True)) | cadres
    existing = set(meeting.recipients.values_list("member_id", flat=True))
    # Everyone is told again: receipts of the earlier round no longer count.
    meeting.recipients.update(sent_at=now, read_at=None)
    NoticeRecipient.objects.bulk_create(
        NoticeRecipient(meeting=meeting, member_id=pk, is_follow_up_cadre=pk in cadres, sent_at=now)
        for pk in sorted(member_ids - existing)
    )
    required = notice_lead_days_required(cell, day)
    notice = NoticeRound.objects.create(
        meeting=meeting,
        number=(last.number + 1) if last else 1,
        sent_at=now,
        sent_by=actor if getattr(actor, "is_authenticated", False) else None,
        scheduled_at=meeting.scheduled_at,
        place=meeting.place,
        message=message.strip(),
        document_ids=list(documents),
        changes=changes,
        lead_days=lead_days(meeting.scheduled_at, now),
        required_lead_days=required,
        recipients=len(member_ids | existing),
    )
    before = snapshot(meeting, ["status", "notice_sent_at"])
    meeting.status = MeetingStatus.NOTIFIED
    meeting.notice_sent_at = now
    meeting.notice_sent_by = notice.sent_by
    bump_version(meeting, "status", "notice_sent_at", "notice_sent_by")
    # The committee's own meeting has no roll of the whole cell.
    if meeting.kind != MeetingKind.COMMITTEE:
        draw_roll(meeting)
    record(
        actor,
        "meeting.notice_send" if last is None else "meeting.notice_resend",
        meeting,
        organization=cell,
        before=before,
        after=snapshot(meeting, ["status", "notice_sent_at"])
        | snapshot(notice, ["number", "lead_days", "required_lead_days", "recipients", "changes", "message"]),
    )
    return notice


@transaction.atomic
def do_mark_notice_read(actor: Any, recipient: NoticeRecipient) -> None:
    """The member opened the notice: the first opening of each round is recorded."""
    now = timezone.now()
    updated = NoticeRecipient.objects.filter(pk=recipient.pk, read_at__isnull=True).update(read_at=now)
    if updated:
        recipient.read_at = now
        record(
            actor,
            "meeting.notice_read",
            recipient.meeting,
            organization=recipient.meeting.organization,
            after={"member": recipient.member_id, "read_at": now.isoformat()},
        )


def _refuse_after_start(meeting: Meeting) -> None:
    if meeting.status not in BEFORE_START or meeting.scheduled_at <= timezone.now():
        raise ValidationError(_("The meeting has started: say it at the meeting itself."))


@transaction.atomic
def do_send_opinion(actor: Any, meeting: Meeting, *, member: Member, topic: str, body: str) -> Opinion:
    meeting = lock_meeting(meeting)
    _refuse_after_start(meeting)
    same = Opinion.objects.filter(meeting=meeting, member=member, topic=topic, body=body).first()
    if same is not None:
        return same  # sent twice: keep one
    opinion = Opinion.objects.create(meeting=meeting, member=member, topic=topic, body=body)
    record(
        actor,
        "meeting.opinion_send",
        opinion,
        organization=meeting.organization,
        after=snapshot(opinion, ["meeting", "member", "topic", "body"]),
        object_repr=f"{meeting.title}: {member.full_name}",
    )
    return opinion


def _attendance(meeting: Meeting, member: Member) -> Attendance:
    row = Attendance.objects.select_for_update().filter(meeting=meeting, member=member).first()
    if row is None and meeting.kind != MeetingKind.COMMITTEE:
        # A member who joined after the notice went out.
        draw_roll(meeting)
        row = Attendance.objects.select_for_update().filter(meeting=meeting, member=member).first()
    if row is None:
        raise ValidationError(_("You are not on the roll of this meeting."))
    return row


@transaction.atomic
def do_announce_absence(actor: Any, meeting: Meeting, *, member: Member, reason: str) -> Attendance:
    meeting = lock_meeting(meeting)
    _refuse_after_start(meeting)
    row = _attendance(meeting, member)
    before = snapshot(row, ["status", "reason", "announced_at"])
    row.status = AttendanceStatus.ABSENT_EXCUSED
    row.reason = reason
    row.announced_at = row.announced_at or timezone.now()
    row.save(update_fields=["status", "reason", "announced_at"])
    record(
        actor,
        "meeting.absence_announce",
        row,
        organization=meeting.organization,
        before=before,
        after=snapshot(row, ["status", "reason", "announced_at"]),
        object_repr=f"{meeting.title}: {member.full_name}",
    )
    return row


@transaction.atomic
def do_withdraw_absence(actor: Any, meeting: Meeting, *, member: Member) -> None:
    """The member will come after all."""
    meeting = lock_meeting(meeting)
    _refuse_after_start(meeting)
    row = Attendance.objects.select_for_update().filter(meeting=meeting, member=member).first()
    if row is None or row.announced_at is None:
        return
    before = snapshot(row, ["status", "reason", "announced_at"])
    row.status, row.reason, row.announced_at = AttendanceStatus.EXPECTED, "", None
    row.save(update_fields=["status", "reason", "announced_at"])
    record(
        actor,
        "meeting.absence_withdraw",
        row,
        organization=meeting.organization,
        before=before,
        after=snapshot(row, ["status", "reason", "announced_at"]),
        object_repr=f"{meeting.title}: {member.full_name}",
    )
