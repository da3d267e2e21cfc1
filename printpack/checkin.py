"""When a meeting's self check-in is open, and what the check-in pages read."""

import datetime as dt
import secrets
from dataclasses import dataclass

from django.utils import timezone
from django.utils.translation import gettext as _

from meetings.models import Attendance, AttendanceStatus, Meeting, MeetingStatus
from printpack.models import CheckInState, SelfCheckIn
from recording.queries import versions

# Members arrive early and meetings run late; outside these hours a photo of the QR is no use.
OPENS_BEFORE = dt.timedelta(hours=2)
CLOSES_AFTER = dt.timedelta(hours=4)


def new_token() -> str:
    """About 190 bits from the system's random source: not guessable, short enough for a QR code."""
    return secrets.token_urlsafe(24)


def _at(moment: dt.datetime) -> str:
    return timezone.localtime(moment).strftime("%H:%M %d/%m/%Y")


@dataclass(frozen=True)
class Window:
    is_open: bool
    reason: str = ""
    # The meeting is over (or off): nothing more can be checked in, and the code cannot be renewed.
    is_over: bool = False


def check_in_window(meeting: Meeting, now: dt.datetime) -> Window:
    """Open while the meeting is in progress, or from two hours before its time to four hours after."""
    if meeting.status == MeetingStatus.CANCELLED:
        return Window(False, _("This meeting was cancelled: there is nothing to check in to."), is_over=True)
    if meeting.status == MeetingStatus.HELD or meeting.ended_at is not None:
        ended = meeting.ended_at or meeting.scheduled_at
        return Window(
            False,
            _("The meeting ended at %(time)s: check-in is closed. If you attended, tell the minute-taker.")
            % {"time": _at(ended)},
            is_over=True,
        )
    if meeting.status == MeetingStatus.IN_PROGRESS:
        return Window(True)
    opens, closes = meeting.scheduled_at - OPENS_BEFORE, meeting.scheduled_at + CLOSES_AFTER
    if now < opens:
        return Window(False, _("Check-in opens at %(time)s, two hours before the meeting.") % {"time": _at(opens)})
    if now > closes:
        return Window(
            False,
            _("Check-in for this meeting closed at %(time)s. If you attended, tell the minute-taker.")
            % {"time": _at(closes)},
            is_over=True,
        )
    return Window(True)


@dataclass
class CheckInRow:
    check_in: SelfCheckIn
    attendance: Attendance | None
    # The version of the member's attendance the page shows (see recording.versions).
    version: int

    @property
    def already_present(self) -> bool:
        return self.attendance is not None and self.attendance.status == AttendanceStatus.PRESENT


@dataclass
class CheckInList:
    pending: list[CheckInRow]
    decided: list[CheckInRow]
    roll_drawn: bool

    @property
    def total(self) -> int:
        return len(self.pending) + len(self.decided)


def check_in_list(meeting: Meeting) -> CheckInList:
    """Every self check-in of the meeting with the member's attendance as recorded, in four queries."""
    rows = list(SelfCheckIn.objects.filter(meeting=meeting).select_related("member", "decided_by"))
    attendances = {a.member_id: a for a in Attendance.objects.filter(meeting=meeting)}
    known = versions(meeting)
    built = [
        CheckInRow(
            row,
            attendances.get(row.member_id),
            known.get(f"attendance:{attendances[row.member_id].pk}", 0) if row.member_id in attendances else 0,
        )
        for row in rows
    ]
    built.sort(key=lambda r: (r.check_in.checked_in_at, r.check_in.pk))
    return CheckInList(
        pending=[r for r in built if r.check_in.state == CheckInState.PENDING],
        decided=[r for r in built if r.check_in.state != CheckInState.PENDING],
        roll_drawn=bool(attendances),
    )
