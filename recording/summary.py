"""What the page says about the meeting: the roll counts and the duration check."""

from collections.abc import Sequence
from dataclasses import dataclass, field

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from meetings.models import Attendance, AttendanceStatus, Meeting
from members.models import Category
from rules.lookup import rules_for_meeting
from rules.schema import Rules


def rules_for(meeting: Meeting) -> Rules:
    """The rules of the pack in force for the meeting's organization on the meeting's date."""
    return rules_for_meeting(meeting)


def minimum_minutes(meeting: Meeting, rules: Rules) -> int:
    return rules.min_minutes_for(meeting.kind)


@dataclass(frozen=True)
class DurationCheck:
    minutes: int
    minimum: int

    @property
    def met(self) -> bool:
        return self.minutes >= self.minimum

    @property
    def text(self) -> str:
        values = {"minutes": self.minutes, "minimum": self.minimum}
        if self.met:
            return _("Duration %(minutes)d minutes — met (at least %(minimum)d minutes)") % values
        return _("Duration %(minutes)d minutes — too short (at least %(minimum)d minutes)") % values


def duration_check(meeting: Meeting, rules: Rules) -> DurationCheck | None:
    minutes = meeting.duration_minutes
    if minutes is None:
        return None
    return DurationCheck(minutes, minimum_minutes(meeting, rules))


GROUPS = (
    ("full", gettext_lazy("Full members")),
    ("probationary", gettext_lazy("Probationary members")),
    ("exempt", gettext_lazy("Exempt from activity")),
)


def group_of(row: Attendance) -> str:
    if row.exempt:
        return "exempt"
    return "full" if row.category == Category.FULL else "probationary"


@dataclass
class RollSummary:
    """The counts as the minutes state them."""

    total: int = 0
    full: int = 0
    probationary: int = 0
    exempt: int = 0
    present: int = 0
    excused: list[Attendance] = field(default_factory=list)
    unexcused: list[Attendance] = field(default_factory=list)
    unrecorded: int = 0
    # The attendance rate leaves out exempt members and those active elsewhere for a while.
    rate_base: int = 0
    rate_present: int = 0

    @property
    def rate(self) -> int | None:
        return round(100 * self.rate_present / self.rate_base) if self.rate_base else None

    def _absentees(self, rows: list[Attendance]) -> str:
        names = [f"{r.member.full_name} — {r.reason}" if r.reason else r.member.full_name for r in rows]
        return f"{len(rows)} ({'; '.join(names)})" if names else "0"

    @property
    def sentence(self) -> str:
        return _(
            "Total party members: %(total)d; present: %(present)d; absent with reason: %(excused)s; "
            "absent without reason: %(unexcused)s."
        ) % {
            "total": self.total,
            "present": self.present,
            "excused": self._absentees(self.excused),
            "unexcused": self._absentees(self.unexcused),
        }

    @property
    def categories(self) -> str:
        return _("Full members: %(full)d; probationary: %(probationary)d; exempt from activity: %(exempt)d.") % {
            "full": self.full,
            "probationary": self.probationary,
            "exempt": self.exempt,
        }

    @property
    def rate_sentence(self) -> str:
        if self.rate is None:
            return ""
        return _(
            "Attendance: %(present)d/%(base)d (%(rate)d%%), not counting members exempt from activity "
            "or active elsewhere for a while."
        ) % {"present": self.rate_present, "base": self.rate_base, "rate": self.rate}

    @property
    def unrecorded_sentence(self) -> str:
        return ngettext("%(count)d member not marked yet.", "%(count)d members not marked yet.", self.unrecorded) % {
            "count": self.unrecorded
        }


def summarize(rows: Sequence[Attendance]) -> RollSummary:
    summary = RollSummary(total=len(rows))
    for row in rows:
        setattr(summary, group_of(row), getattr(summary, group_of(row)) + 1)
        present = row.status == AttendanceStatus.PRESENT
        summary.present += present
        if row.status == AttendanceStatus.ABSENT_EXCUSED:
            summary.excused.append(row)
        elif row.status == AttendanceStatus.ABSENT_UNEXCUSED:
            summary.unexcused.append(row)
        elif row.status == AttendanceStatus.EXPECTED:
            summary.unrecorded += 1
        if not row.exempt and not row.temporarily_away:
            summary.rate_base += 1
            summary.rate_present += present
    return summary
