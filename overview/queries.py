"""The commune's month × cell grid, read in a fixed number of queries.

For each cell under a commune and each month of the range, the cell's monthly
meeting (regular, or regular and thematic together) is summed up in the
columns of issue 3 §7: preparation, notice, held, attendance, duration,
resolution, tasks. Six queries whatever the number of cells and months: the
cells, the meetings (with their preparatory meeting and resolution joined),
three grouped counts (assignments, attendance, tasks) and the published rule
packs (each meeting judged by its cell's pack on the meeting's date).
"""

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from dateutil.relativedelta import relativedelta
from django.db.models import Count, Exists, OuterRef, Q
from django.utils import timezone

from meetings.models import (
    Attendance,
    AttendanceStatus,
    Meeting,
    MeetingStatus,
    PrepAssignment,
    PrepMeeting,
    RecordStatus,
    ResolutionTask,
    TaskStatus,
)
from meetings.models.meeting import MONTHLY_KINDS
from orgs.models import Organization, OrgKind
from orgs.queries import natural_key
from rules.lookup import PackIndex, meeting_day
from rules.schema import Rules

# The longest range the grid shows at once.
MAX_MONTHS = 12
DEFAULT_MONTHS = 6
# DOMAIN.md §5 (HD 12, criterion 1): more than 85% of members present.
GOOD_ATTENDANCE = 85


def months_between(first: dt.date, last: dt.date) -> list[dt.date]:
    """First days of the months from `first` to `last`, both included."""
    out = []
    month = first.replace(day=1)
    while month <= last:
        out.append(month)
        month += relativedelta(months=1)
    return out


def default_range(today: dt.date) -> tuple[dt.date, dt.date]:
    """The last six months, the current one included."""
    last = today.replace(day=1)
    return last - relativedelta(months=DEFAULT_MONTHS - 1), last


@dataclass
class Slot:
    """One cell's monthly meeting, summed up for the grid. `meeting` is None when none was recorded."""

    month: dt.date
    meeting: Meeting | None = None
    # "done", "partial" (something prepared, not all) or "none".
    preparation: str = "none"
    # "on_time", "late" or "none" (not sent).
    notice: str = "none"
    held: bool = False
    present: int = 0
    expected: int = 0
    duration: int | None = None
    min_duration: int = 0
    # "adopted", "draft" or "none".
    resolution: str = "none"
    tasks_total: int = 0
    tasks_done: int = 0
    tasks_overdue: int = 0
    # The month is over and nothing was held.
    missed: bool = False
    # False for months before the cell was founded or after it was dissolved.
    exists: bool = True

    @property
    def attendance(self) -> int | None:
        """Present out of expected, in whole percent; exempt members are left out of both."""
        if not self.held or not self.expected:
            return None
        return round(100 * self.present / self.expected)

    @property
    def attendance_ok(self) -> bool:
        return self.attendance is not None and self.attendance > GOOD_ATTENDANCE

    @property
    def duration_ok(self) -> bool:
        return self.duration is not None and self.duration >= self.min_duration


@dataclass
class Row:
    cell: Organization
    slots: list[Slot] = field(default_factory=list)


@dataclass
class Column:
    month: dt.date
    cells: int = 0
    held: int = 0


@dataclass
class Grid:
    commune: Organization
    months: list[dt.date]
    rows: list[Row]
    columns: list[Column]


def _cells(visible: Any, commune: Organization, first: dt.date, last: dt.date) -> list[Organization]:
    """Cells under the commune that existed at some point in the range, "Khu 2" before "Khu 10"."""
    end = last + relativedelta(months=1)
    cells = visible.filter(path__startswith=commune.path, kind=OrgKind.CELL, founded_on__lt=end).filter(
        Q(dissolved_on__isnull=True) | Q(dissolved_on__gte=first)
    )
    return sorted(cells, key=lambda cell: natural_key(cell.name))


def _meetings(cell_ids: list[int], first: dt.date, last: dt.date) -> list[Meeting]:
    return list(
        Meeting.objects.filter(organization_id__in=cell_ids, month__gte=first, month__lte=last, kind__in=MONTHLY_KINDS)
        .exclude(status=MeetingStatus.CANCELLED)
        .annotate(has_prep_meeting=Exists(PrepMeeting.objects.filter(meeting=OuterRef("pk"))))
        .select_related("resolution")
        .order_by("scheduled_at", "pk")
    )


def _assignment_counts(meeting_ids: list[int]) -> dict[int, tuple[int, int]]:
    rows = (
        PrepAssignment.objects.filter(meeting_id__in=meeting_ids)
        .values("meeting_id")
        .annotate(total=Count("pk"), done=Count("pk", filter=Q(done_at__isnull=False)))
    )
    return {r["meeting_id"]: (r["total"], r["done"]) for r in rows}


def _attendance_counts(meeting_ids: list[int]) -> dict[int, tuple[int, int]]:
    rows = (
        Attendance.objects.filter(meeting_id__in=meeting_ids, exempt=False)
        .values("meeting_id")
        .annotate(expected=Count("pk"), present=Count("pk", filter=Q(status=AttendanceStatus.PRESENT)))
    )
    return {r["meeting_id"]: (r["present"], r["expected"]) for r in rows}


def _task_counts(meeting_ids: list[int], today: dt.date) -> dict[int, tuple[int, int, int]]:
    """(counted, done, overdue) per meeting; dropped tasks are not counted."""
    open_ = ~Q(status__in=(TaskStatus.DONE, TaskStatus.DROPPED))
    rows = (
        ResolutionTask.objects.filter(resolution__meeting_id__in=meeting_ids)
        .exclude(status=TaskStatus.DROPPED)
        .values("resolution__meeting_id")
        .annotate(
            total=Count("pk"),
            done=Count("pk", filter=Q(status=TaskStatus.DONE)),
            overdue=Count("pk", filter=open_ & Q(due_on__lt=today)),
        )
    )
    return {r["resolution__meeting_id"]: (r["total"], r["done"], r["overdue"]) for r in rows}


def notice_on_time(meeting: Meeting, lead_days: int) -> bool | None:
    """None when no notice was sent; otherwise whether it went out at least `lead_days` calendar days before."""
    if meeting.notice_sent_at is None:
        return None
    sent = timezone.localtime(meeting.notice_sent_at).date()
    held = timezone.localtime(meeting.scheduled_at).date()
    return (held - sent).days >= lead_days


def _slot(month: dt.date, meeting: Meeting | None, rules: Rules | None, counts: dict[str, Any], today: dt.date) -> Slot:
    if meeting is None or rules is None:
        return Slot(month=month, missed=month + relativedelta(months=1) <= today)
    slot = Slot(month=month, meeting=meeting)
    total, done = counts["assignments"].get(meeting.pk, (0, 0))
    prepared = total > 0 and done == total and meeting.has_prep_meeting  # type: ignore[attr-defined]
    slot.preparation = "done" if prepared else "partial" if done or meeting.has_prep_meeting else "none"  # type: ignore[attr-defined]
    on_time = notice_on_time(meeting, rules.notice_lead_days)
    slot.notice = "none" if on_time is None else "on_time" if on_time else "late"
    slot.held = meeting.status == MeetingStatus.HELD
    slot.present, slot.expected = counts["attendance"].get(meeting.pk, (0, 0))
    slot.duration = meeting.duration_minutes if slot.held else None
    slot.min_duration = rules.min_minutes_for(meeting.kind)
    resolution = getattr(meeting, "resolution", None)
    if resolution is not None:
        slot.resolution = "adopted" if resolution.status == RecordStatus.ADOPTED else "draft"
    slot.tasks_total, slot.tasks_done, slot.tasks_overdue = counts["tasks"].get(meeting.pk, (0, 0, 0))
    return slot


def _existed(cell: Organization, month: dt.date) -> bool:
    end = month + relativedelta(months=1)
    return cell.founded_on < end and (cell.dissolved_on is None or cell.dissolved_on >= month)


def month_grid(visible: Any, commune: Organization, first: dt.date, last: dt.date, today: dt.date) -> Grid:
    """The grid of `commune` for the months from `first` to `last`, over the cells in `visible`."""
    months = months_between(first, last)
    cells = _cells(visible, commune, months[0], months[-1])
    ids = [c.pk for c in cells]
    meetings = _meetings(ids, months[0], months[-1]) if ids else []
    meeting_ids = [m.pk for m in meetings]
    counts = {
        "assignments": _assignment_counts(meeting_ids) if meeting_ids else {},
        "attendance": _attendance_counts(meeting_ids) if meeting_ids else {},
        "tasks": _task_counts(meeting_ids, today) if meeting_ids else {},
    }
    # Each meeting is judged by the pack in force for its cell on its date (one query for all packs).
    packs = PackIndex.load()
    # One monthly meeting per cell and month; should there be two, a held one wins, then the earlier.
    chosen: dict[tuple[int, dt.date], Meeting] = {}
    for m in meetings:
        key = (m.organization_id, m.month)
        current = chosen.get(key)
        if current is None or (m.status == MeetingStatus.HELD and current.status != MeetingStatus.HELD):
            chosen[key] = m
    columns = [Column(month=month) for month in months]
    rows = []
    for cell in cells:
        row = Row(cell=cell)
        for column in columns:
            meeting = chosen.get((cell.pk, column.month))
            rules = packs.rules_for(cell, meeting_day(meeting)) if meeting else None
            slot = _slot(column.month, meeting, rules, counts, today)
            if slot.meeting is None and not _existed(cell, column.month):
                slot = Slot(month=column.month, exists=False)
            row.slots.append(slot)
            column.cells += slot.exists
            column.held += slot.held
        rows.append(row)
    return Grid(commune=commune, months=months, rows=rows, columns=columns)
