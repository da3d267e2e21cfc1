"""Every write of the recording page. Each is atomic, audited, and safe to send twice.

Parts edited in place (start, end, notes, a speech, an attendance row) go
through recording.versions; new entries (guests, speeches, votes) carry a
token made when the page was drawn, so a retried POST finds its entry.
"""

import datetime as dt
import uuid
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from audit.log import record, snapshot
from meetings.models import (
    AgendaItem,
    Attendance,
    AttendanceStatus,
    Guest,
    Meeting,
    MeetingStatus,
    Speech,
    Vote,
    VoteKind,
)
from meetings.roll import draw_roll
from meetings.voting import InvalidCount, Threshold, judge
from members.models import Member
from recording.models import Submission
from recording.summary import rules_for
from recording.versions import Saved, bump, check, lock_open, touch, unchanged, version_row

# A clock a few minutes fast on the phone is fine; an hour ahead is a typing mistake.
CLOCK_SLACK = dt.timedelta(minutes=15)


def _not_in_future(moment: dt.datetime, field: str) -> None:
    if moment > timezone.now() + CLOCK_SLACK:
        raise ValidationError({field: _("This time has not come yet.")})


def _log(actor: Any, action: str, obj: Any, meeting: Meeting, before: Any = None, after: Any = None) -> None:
    record(actor, action, obj, organization=meeting.organization, before=before, after=after)


START_FIELDS = ["chair", "minute_taker", "started_at"]


@transaction.atomic
def do_start(
    actor: Any,
    meeting: Meeting,
    *,
    chair: Member,
    minute_taker: Member,
    started_at: dt.datetime,
    base_version: int,
    editor: str = "",
) -> Saved:
    """Chair, minute-taker and start time; the meeting is then in progress and its roll drawn."""
    locked = lock_open(meeting)
    row = version_row(locked, "start")
    current = (locked.chair_id, locked.minute_taker_id, locked.started_at)
    if current == (chair.pk, minute_taker.pk, started_at):
        draw_roll(locked)
        return unchanged(row)
    check(row, base_version, editor, current)
    _not_in_future(started_at, "started_at")
    if locked.ended_at and started_at >= locked.ended_at:
        raise ValidationError({"started_at": _("The start must come before the end.")})
    before = snapshot(locked, [*START_FIELDS, "status"])
    locked.chair, locked.minute_taker, locked.started_at = chair, minute_taker, started_at
    if locked.status in (MeetingStatus.PREPARING, MeetingStatus.NOTIFIED):
        locked.status = MeetingStatus.IN_PROGRESS
    locked.save(update_fields=[*START_FIELDS, "status"])
    # Members who joined the cell since the notice are added; rows already there stay as they are.
    draw_roll(locked)
    saved = bump(row, locked, actor, editor)
    _log(actor, "recording.start", locked, locked, before, snapshot(locked, [*START_FIELDS, "status"]))
    return saved


@transaction.atomic
def do_end(actor: Any, meeting: Meeting, *, ended_at: dt.datetime, base_version: int, editor: str = "") -> Saved:
    """The end time; the meeting is then held."""
    locked = lock_open(meeting)
    row = version_row(locked, "end")
    if locked.ended_at == ended_at and locked.status == MeetingStatus.HELD:
        return unchanged(row)
    check(row, base_version, editor, locked.ended_at)
    if locked.started_at is None:
        raise ValidationError(_("Record the start of the meeting first."))
    if ended_at <= locked.started_at:
        raise ValidationError({"ended_at": _("The end must come after the start.")})
    _not_in_future(ended_at, "ended_at")
    before = snapshot(locked, ["ended_at", "status"])
    locked.ended_at = ended_at
    locked.status = MeetingStatus.HELD
    locked.save(update_fields=["ended_at", "status"])
    saved = bump(row, locked, actor, editor)
    _log(actor, "recording.end", locked, locked, before, snapshot(locked, ["ended_at", "status"]))
    return saved


def _submitted(meeting: Meeting, token: uuid.UUID, kind: str) -> Any:
    """The entry a token already made, if any; a token of another meeting is refused."""
    submission = Submission.objects.filter(token=token).first()
    if submission is None:
        return None
    entry = getattr(submission, kind)
    if submission.meeting_id != meeting.pk or entry is None:
        raise ValidationError(_("This form was already used for something else. Reload the page."))
    return entry


@transaction.atomic
def do_add_guest(actor: Any, meeting: Meeting, *, token: uuid.UUID, name: str, role: str) -> tuple[Guest, bool]:
    locked = lock_open(meeting)
    existing = _submitted(locked, token, "guest")
    if existing is not None:
        return existing, False
    guest = Guest.objects.create(meeting=locked, name=name, role=role)
    Submission.objects.create(token=token, meeting=locked, guest=guest)
    touch(locked)
    _log(actor, "recording.guest_add", guest, locked, after=snapshot(guest))
    return guest, True


@transaction.atomic
def do_remove_guest(actor: Any, meeting: Meeting, guest_id: int) -> bool:
    """Removing a guest already removed is not an error: the first request did it."""
    locked = lock_open(meeting)
    guest = Guest.objects.filter(meeting=locked, pk=guest_id).first()
    if guest is None:
        return False
    _log(actor, "recording.guest_remove", guest, locked, before=snapshot(guest))
    guest.delete()
    touch(locked)
    return True


ATTENDANCE_FIELDS = ["status", "reason", "reason_accepted"]


@transaction.atomic
def do_mark(
    actor: Any,
    meeting: Meeting,
    attendance_id: int,
    *,
    status: str,
    reason: str = "",
    reason_accepted: bool = False,
    base_version: int,
    editor: str = "",
) -> tuple[Attendance, Saved]:
    """One member's attendance. A member marked present keeps no absence reason."""
    locked = lock_open(meeting)
    attendance = Attendance.objects.select_related("member").get(meeting=locked, pk=attendance_id)
    if status != AttendanceStatus.ABSENT_EXCUSED:
        reason_accepted = False
    if status in (AttendanceStatus.PRESENT, AttendanceStatus.EXPECTED):
        reason = ""
    if status == AttendanceStatus.ABSENT_EXCUSED and not reason:
        raise ValidationError({"reason": _("Write the reason for the absence.")})
    row = version_row(locked, f"attendance:{attendance.pk}")
    current = (attendance.status, attendance.reason, attendance.reason_accepted)
    if current == (status, reason, reason_accepted):
        return attendance, unchanged(row)
    check(row, base_version, editor, attendance)
    before = snapshot(attendance, [*ATTENDANCE_FIELDS, "checked_in_at"])
    attendance.status, attendance.reason, attendance.reason_accepted = status, reason, reason_accepted
    if status == AttendanceStatus.PRESENT and attendance.checked_in_at is None:
        attendance.checked_in_at = timezone.now()
    attendance.save(update_fields=[*ATTENDANCE_FIELDS, "checked_in_at"])
    saved = bump(row, locked, actor, editor)
    after = snapshot(attendance, [*ATTENDANCE_FIELDS, "checked_in_at"])
    record(
        actor,
        "recording.attendance",
        attendance,
        organization=locked.organization,
        object_repr=attendance.member.full_name,
        before=before,
        after=after,
    )
    return attendance, saved


@transaction.atomic
def do_save_notes(
    actor: Any, meeting: Meeting, item_id: int, *, notes: str, base_version: int, editor: str = ""
) -> Saved:
    locked = lock_open(meeting)
    item = AgendaItem.objects.get(meeting=locked, pk=item_id)
    row = version_row(locked, f"notes:{item.pk}")
    if item.notes == notes:
        return unchanged(row)
    check(row, base_version, editor, item.notes)
    before = {"notes": item.notes}
    item.notes = notes
    item.save(update_fields=["notes"])
    saved = bump(row, locked, actor, editor)
    _log(actor, "recording.notes", item, locked, before, {"notes": notes})
    return saved


SPEECH_FIELDS = ["agenda_item", "member", "speaker_name", "kind", "gist"]


def _speech_content(speech: Speech) -> tuple[Any, ...]:
    return (speech.agenda_item_id, speech.member_id, speech.speaker_name, speech.kind, speech.gist)


@transaction.atomic
def do_save_speech(
    actor: Any,
    meeting: Meeting,
    *,
    item: AgendaItem,
    member: Member | None,
    speaker_name: str,
    kind: str,
    gist: str,
    token: uuid.UUID | None = None,
    speech_id: int | None = None,
    base_version: int = 0,
    editor: str = "",
) -> tuple[Speech, Saved]:
    """A new speech (by its token: made once, then updated) or a change to one (by its id)."""
    locked = lock_open(meeting)
    if speech_id is not None:
        speech = Speech.objects.get(meeting=locked, pk=speech_id)
    else:
        assert token is not None
        speech = _submitted(locked, token, "speech")
    if member is not None:
        speaker_name = member.full_name
    values = {"agenda_item": item, "member": member, "speaker_name": speaker_name, "kind": kind, "gist": gist}
    if speech is None:
        speech = Speech.objects.create(meeting=locked, **values)
        Submission.objects.create(token=token, meeting=locked, speech=speech)
        saved = bump(version_row(locked, f"speech:{speech.pk}"), locked, actor, editor)
        _log(actor, "recording.speech_add", speech, locked, after=snapshot(speech, SPEECH_FIELDS))
        return speech, saved
    row = version_row(locked, f"speech:{speech.pk}")
    wanted = (item.pk, member.pk if member else None, speaker_name, kind, gist)
    if _speech_content(speech) == wanted:
        return speech, unchanged(row)
    check(row, base_version, editor, speech)
    before = snapshot(speech, SPEECH_FIELDS)
    for name, value in values.items():
        setattr(speech, name, value)
    speech.save(update_fields=SPEECH_FIELDS)
    saved = bump(row, locked, actor, editor)
    _log(actor, "recording.speech_edit", speech, locked, before, snapshot(speech, SPEECH_FIELDS))
    return speech, saved


@transaction.atomic
def do_remove_speech(actor: Any, meeting: Meeting, speech_id: int) -> bool:
    locked = lock_open(meeting)
    speech = Speech.objects.filter(meeting=locked, pk=speech_id).first()
    if speech is None:
        return False
    _log(actor, "recording.speech_remove", speech, locked, before=snapshot(speech, SPEECH_FIELDS))
    speech.delete()
    touch(locked)
    return True


def threshold_for(meeting: Meeting, kind: str) -> Threshold:
    """The pack's qualified threshold for admission and confirmation, its majority for everything else."""
    return rules_for(meeting).threshold_for_vote(kind in (VoteKind.ADMISSION, VoteKind.CONFIRMATION))


VOTE_FIELDS = ["subject", "kind", "method", "votes_for", "votes_against", "abstentions", "denominator", "passed"]


@transaction.atomic
def do_record_vote(
    actor: Any,
    meeting: Meeting,
    *,
    token: uuid.UUID,
    subject: str,
    kind: str,
    method: str,
    votes_for: int,
    votes_against: int,
    abstentions: int,
    agenda_item: AgendaItem | None = None,
) -> tuple[Vote, bool]:
    """Judge the counts against the roll as it stands and keep the verdict with the vote."""
    locked = lock_open(meeting)
    existing = _submitted(locked, token, "vote")
    if existing is not None:
        return existing, False
    roll = list(Attendance.objects.filter(meeting=locked))
    try:
        verdict = judge(roll, votes_for, votes_against, abstentions, threshold_for(locked, kind))
    except InvalidCount as error:
        raise ValidationError(str(error)) from None
    vote = Vote.objects.create(
        meeting=locked,
        agenda_item=agenda_item,
        subject=subject,
        kind=kind,
        method=method,
        votes_for=votes_for,
        votes_against=votes_against,
        abstentions=abstentions,
        denominator=verdict.denominator,
        passed=verdict.passed,
        explanation=verdict.explanation,
    )
    Submission.objects.create(token=token, meeting=locked, vote=vote)
    touch(locked)
    _log(actor, "recording.vote", vote, locked, after=snapshot(vote, [*VOTE_FIELDS, "explanation"]))
    return vote, True


@transaction.atomic
def do_remove_vote(actor: Any, meeting: Meeting, vote_id: int) -> bool:
    locked = lock_open(meeting)
    vote = Vote.objects.filter(meeting=locked, pk=vote_id).first()
    if vote is None:
        return False
    _log(actor, "recording.vote_remove", vote, locked, before=snapshot(vote, [*VOTE_FIELDS, "explanation"]))
    vote.delete()
    touch(locked)
    return True
