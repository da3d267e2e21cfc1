"""Every write of self check-in. Atomic, audited, safe to send twice.

The roll itself only changes through recording.actions.do_mark, the same
action as the minute-taker's roll call, so its versions and audit rows are
the recording page's own.
"""

from typing import Any

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from audit.log import record
from meetings.models import Attendance, AttendanceStatus, Meeting
from members.models import Member
from printpack.checkin import check_in_window, new_token
from printpack.models import CheckInCode, CheckInState, SelfCheckIn
from recording.actions import do_mark
from recording.queries import versions
from recording.versions import lock_open


class StaleForm(Exception):
    """The page was drawn before the code last changed: nothing is done."""


class CheckInClosed(ValidationError):
    """Outside the hours of the meeting, or the meeting is over: the message says which."""


def _lock(meeting: Meeting) -> Meeting:
    locked = Meeting.objects.select_for_update().get(pk=meeting.pk)
    locked.organization = meeting.organization
    return locked


def _refuse_when_over(meeting: Meeting) -> None:
    window = check_in_window(meeting, timezone.now())
    if window.is_over:
        raise CheckInClosed(window.reason)


@transaction.atomic
def do_open_check_in(actor: Any, meeting: Meeting) -> CheckInCode:
    """The meeting's check-in code; a second click finds the code the first one made."""
    locked = _lock(meeting)
    code = CheckInCode.objects.filter(meeting=locked).first()
    if code is not None:
        return code
    _refuse_when_over(locked)
    code = CheckInCode.objects.create(meeting=locked, token=new_token(), created_by=actor)
    record(actor, "checkin.open", locked, organization=locked.organization, after={"code_version": code.version})
    return code


@transaction.atomic
def do_rotate_check_in(actor: Any, meeting: Meeting, *, base_version: int) -> CheckInCode:
    """A new token: the QR shown or printed so far stops working (a photo of it was passed round)."""
    locked = _lock(meeting)
    code = CheckInCode.objects.select_for_update().get(meeting=locked)
    if code.version != base_version:
        raise StaleForm
    _refuse_when_over(locked)
    before = {"code_version": code.version}
    code.token = new_token()
    code.version += 1
    code.rotated_at = timezone.now()
    code.save(update_fields=["token", "version", "rotated_at"])
    record(
        actor,
        "checkin.rotate",
        locked,
        organization=locked.organization,
        before=before,
        after={"code_version": code.version},
    )
    return code


@transaction.atomic
def do_self_check_in(user: Any, meeting: Meeting, *, member: Member, token: str) -> tuple[SelfCheckIn, bool]:
    """The member says they are at the meeting. Scanning again changes nothing and says when they checked in.

    The caller has checked that the user may respond to the meeting (a member of its cell).
    """
    locked = _lock(meeting)
    if not CheckInCode.objects.filter(meeting=locked, token=token).exists():
        raise CheckInClosed(_("This QR code is no longer valid: scan the one shown at the meeting now."))
    existing = SelfCheckIn.objects.filter(meeting=locked, member=member).first()
    if existing is not None:
        return existing, False
    window = check_in_window(locked, timezone.now())
    if not window.is_open:
        raise CheckInClosed(window.reason)
    try:
        with transaction.atomic():
            row = SelfCheckIn.objects.create(meeting=locked, member=member, user=user, checked_in_at=timezone.now())
    except IntegrityError:
        # Two scans at the same instant where the database does not lock rows: the other one won.
        return SelfCheckIn.objects.get(meeting=locked, member=member), False
    record(
        user,
        "checkin.self",
        row,
        organization=locked.organization,
        object_repr=member.full_name,
        after={"meeting": locked.pk, "member": member.pk, "checked_in_at": row.checked_in_at.isoformat()},
    )
    return row, True


def _decide(actor: Any, row: SelfCheckIn, meeting: Meeting, state: str) -> None:
    before = {"state": row.state}
    row.state, row.decided_at, row.decided_by = state, timezone.now(), actor
    row.save(update_fields=["state", "decided_at", "decided_by"])
    action = "checkin.confirm" if state == CheckInState.CONFIRMED else "checkin.reject"
    record(
        actor,
        action,
        row,
        organization=meeting.organization,
        object_repr=row.member.full_name,
        before=before,
        after={"state": state},
    )


def _attendance_of(meeting: Meeting, row: SelfCheckIn) -> Attendance:
    attendance = Attendance.objects.filter(meeting=meeting, member_id=row.member_id).first()
    if attendance is None:
        raise ValidationError(
            _("%(name)s is not on the roll yet. Start the meeting on the recording page: the roll is drawn then.")
            % {"name": row.member.full_name}
        )
    return attendance


@transaction.atomic
def do_confirm_check_in(
    actor: Any, meeting: Meeting, check_in_id: int, *, base_version: int, editor: str = ""
) -> SelfCheckIn:
    """The minute-taker saw the member in the room: the roll marks them present.

    `base_version` is the version of the member's attendance the page showed:
    if someone changed it since (say, marked them absent with a reason), the
    recording action refuses with a Conflict and nothing changes.
    """
    locked = lock_open(meeting)
    row = SelfCheckIn.objects.select_for_update().select_related("member").get(meeting=locked, pk=check_in_id)
    attendance = _attendance_of(locked, row)
    do_mark(actor, locked, attendance.pk, status=AttendanceStatus.PRESENT, base_version=base_version, editor=editor)
    if row.state != CheckInState.CONFIRMED:
        _decide(actor, row, locked, CheckInState.CONFIRMED)
    return row


@transaction.atomic
def do_reject_check_in(actor: Any, meeting: Meeting, check_in_id: int) -> SelfCheckIn:
    """Not seen in the room (a QR photo sent to someone at home): the roll stays as it is."""
    locked = lock_open(meeting)
    row = SelfCheckIn.objects.select_for_update().select_related("member").get(meeting=locked, pk=check_in_id)
    if row.state == CheckInState.CONFIRMED:
        raise ValidationError(
            _("This check-in is already confirmed: change %(name)s's attendance on the recording page.")
            % {"name": row.member.full_name}
        )
    if row.state != CheckInState.REJECTED:
        _decide(actor, row, locked, CheckInState.REJECTED)
    return row


@transaction.atomic
def do_confirm_all(actor: Any, meeting: Meeting, *, editor: str = "") -> list[SelfCheckIn]:
    """Confirm every waiting check-in whose member is not recorded yet (or already present).

    Members the roll already marks absent are left for a decision one by one:
    confirming them in bulk would overwrite what someone recorded.
    """
    locked = lock_open(meeting)
    rows = list(
        SelfCheckIn.objects.select_for_update()
        .select_related("member")
        .filter(meeting=locked, state=CheckInState.PENDING)
        .order_by("checked_in_at", "pk")
    )
    attendances = {a.member_id: a for a in Attendance.objects.filter(meeting=locked)}
    known = versions(locked)
    confirmed = []
    for row in rows:
        attendance = attendances.get(row.member_id)
        if attendance is None or attendance.status not in (AttendanceStatus.EXPECTED, AttendanceStatus.PRESENT):
            continue
        version = known.get(f"attendance:{attendance.pk}", 0)
        do_mark(actor, locked, attendance.pk, status=AttendanceStatus.PRESENT, base_version=version, editor=editor)
        _decide(actor, row, locked, CheckInState.CONFIRMED)
        confirmed.append(row)
    return confirmed
