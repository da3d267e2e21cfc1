"""Reads for the quality pages: one meeting's sheet, and a year of levels for the cells of a commune.

The commune's year is read in a fixed number of queries whatever the number
of cells and meetings: the cells, their meetings of this year and last year
with each one's adopted evaluation (one joined query), the published rule
packs, and the thematic compliance when the thematic app provides it.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any

from django.core.exceptions import PermissionDenied
from django.db.models import Q
from django.http import Http404

from accounts.permissions import has_perm
from core.dates import today
from meetings.models import Meeting, MeetingKind, MeetingStatus
from meetings.models.meeting import MONTHLY_KINDS
from orgs.models import Organization, OrgKind
from orgs.queries import natural_key
from quality.models import EvaluationStatus
from rules.lookup import NoPackInForce, PackIndex

# Kinds of meeting a sheet may score (the committee's own and extraordinary meetings are not scored).
SCORED_KINDS = (MeetingKind.REGULAR, MeetingKind.REGULAR_THEMATIC, MeetingKind.THEMATIC)
# Levels from this rank down (0 is the best: Tốt, Khá, Trung bình, Kém) count as "below Khá".
LOW_RANK = 2


def access_meeting(user: Any, meeting_id: int, perm: str = "meeting.view") -> Meeting:
    try:
        meeting = Meeting.objects.select_related("organization").get(pk=meeting_id)
    except Meeting.DoesNotExist:
        raise Http404 from None
    if not has_perm(user, "meeting.view", meeting):
        raise Http404
    if not has_perm(user, perm, meeting):
        raise PermissionDenied
    return meeting


def months_of(year: int) -> list[dt.date]:
    return [dt.date(year, m, 1) for m in range(1, 13)]


def _previous(month: dt.date) -> dt.date:
    return dt.date(month.year - 1, 12, 1) if month.month == 1 else dt.date(month.year, month.month - 1, 1)


def letter_for(title: str, taken: set[str]) -> str:
    """ "Tốt" → "T", "Trung bình" → "TB"; a letter already used by a better level gives the whole title ("Kém")."""
    words = title.split()
    letter = "".join(w[0] for w in words).upper() if len(words) > 1 else title[:1].upper()
    return title if letter in taken else letter


@dataclass(frozen=True)
class LevelColumn:
    rank: int
    title: str
    letter: str


@dataclass
class Mark:
    """One adopted evaluation."""

    meeting_id: int
    month: dt.date
    kind: str
    rank: int
    title: str
    total: int
    max_total: int

    @property
    def points(self) -> float:
        """Points on a 100-point scale, so that sheets of different sizes compare."""
        return 100 * self.total / self.max_total if self.max_total else 0.0

    @property
    def monthly(self) -> bool:
        return self.kind in MONTHLY_KINDS


@dataclass
class Slot:
    month: dt.date
    marks: list[Mark] = field(default_factory=list)
    # Held meetings of the month whose evaluation is not adopted yet.
    pending: int = 0
    # "" | "lower" (lower than the month before) | "low" (a second month in a row below Khá)
    slip: str = ""
    previous: Mark | None = None

    @property
    def main(self) -> Mark | None:
        """The month's regular meeting; else the first meeting evaluated that month."""
        return next((m for m in self.marks if m.monthly), self.marks[0] if self.marks else None)


@dataclass
class CellYear:
    cell: Organization
    slots: list[Slot]
    counts: list[int]
    evaluated: int
    average: float | None
    average_last_year: float | None
    levels: list[LevelColumn] = field(default_factory=list)
    thematic: list[Any] | None = None

    @property
    def by_level(self) -> list[tuple[LevelColumn, int]]:
        return list(zip(self.levels, self.counts, strict=True))

    @property
    def share_top(self) -> float | None:
        return 100 * self.counts[0] / self.evaluated if self.evaluated else None

    @property
    def trend(self) -> float | None:
        if self.average is None or self.average_last_year is None:
            return None
        return self.average - self.average_last_year

    @property
    def latest_slip(self) -> Slot | None:
        """The cell's last evaluated month, when it slipped."""
        last = next((slot for slot in reversed(self.slots) if slot.main is not None), None)
        return last if last is not None and last.slip else None


@dataclass
class MonthTrend:
    month: dt.date
    counts: list[int]
    evaluated: int


@dataclass
class QualityYear:
    org: Organization
    year: int
    months: list[dt.date]
    levels: list[LevelColumn]
    rows: list[CellYear]
    trend: list[MonthTrend]
    thematic_available: bool
    average: float | None
    average_last_year: float | None

    @property
    def trend_by_level(self) -> list[tuple[LevelColumn, list[int]]]:
        return [(level, [t.counts[level.rank] for t in self.trend]) for level in self.levels]

    @property
    def slipped(self) -> list[CellYear]:
        return [row for row in self.rows if row.latest_slip is not None]


def _cells(visible: Any, org: Organization, year: int) -> list[Organization]:
    """The cells under (or being) `org` that existed at some time in the year, "Khu 2" before "Khu 10"."""
    cells = visible.filter(path__startswith=org.path, kind=OrgKind.CELL, founded_on__lte=dt.date(year, 12, 31)).filter(
        Q(dissolved_on__isnull=True) | Q(dissolved_on__gte=dt.date(year - 1, 1, 1))
    )
    return sorted(cells, key=lambda cell: natural_key(cell.name))


def _meetings(cell_ids: list[int], year: int) -> list[Any]:
    """Held meetings of this year and last, each with its evaluation (if any), one joined query."""
    return list(
        Meeting.objects.filter(
            organization_id__in=cell_ids,
            month__gte=dt.date(year - 1, 1, 1),
            month__lte=dt.date(year, 12, 1),
            status=MeetingStatus.HELD,
            kind__in=SCORED_KINDS,
        )
        .order_by("scheduled_at", "pk")
        .values(
            "pk",
            "organization_id",
            "month",
            "kind",
            "evaluation__status",
            "evaluation__level_rank",
            "evaluation__level_title",
            "evaluation__total",
            "evaluation__max_total",
        )
    )


def _levels(index: PackIndex, org: Organization, year: int, seen: dict[int, str]) -> list[LevelColumn]:
    """Columns for the levels: the titles of the sheet in force at the end of the year, then any other seen."""
    titles = dict(seen)
    try:
        rules = index.rules_for(org, min(dt.date(year, 12, 31), today()))
        sheet = rules.sheet_for(MeetingKind.REGULAR)
        if sheet is not None:
            titles.update({rank: level.title for rank, level in enumerate(sheet.levels)})
    except NoPackInForce:
        pass
    columns: list[LevelColumn] = []
    for rank in range(max(titles, default=-1) + 1):
        title = titles.get(rank, str(rank + 1))
        columns.append(LevelColumn(rank, title, letter_for(title, {c.letter for c in columns})))
    return columns


def _average(marks: list[Mark]) -> float | None:
    return sum(m.points for m in marks) / len(marks) if marks else None


def _slip(slot: Slot, previous: Slot | None) -> None:
    current, before = slot.main, previous.main if previous else None
    if current is None or before is None:
        return
    slot.previous = before
    if current.rank > before.rank:
        slot.slip = "lower"
    elif current.rank >= LOW_RANK and before.rank >= LOW_RANK:
        slot.slip = "low"


def _thematic(cells: list[Organization], year: int, index: PackIndex) -> dict[int, list[Any]] | None:
    """Each cell's four quarters of thematic meetings, from the thematic app when it is installed."""
    try:
        from thematic.compliance import compliance_for
    except ImportError:
        return None
    found = compliance_for(cells, year, index)
    return {getattr(key, "pk", key): value for key, value in found.items()}


def quality_year(visible: Any, org: Organization, year: int) -> QualityYear:
    """The year's levels of every cell under `org` that `visible` (an Organization queryset) lets the user see."""
    cells = [org] if org.kind == OrgKind.CELL else _cells(visible, org, year)
    index = PackIndex.load()
    rows_raw = _meetings([c.pk for c in cells], year) if cells else []
    marks: dict[tuple[int, dt.date], list[Mark]] = defaultdict(list)
    pending: dict[tuple[int, dt.date], int] = defaultdict(int)
    seen: dict[int, str] = {}
    for row in rows_raw:
        key = (row["organization_id"], row["month"])
        if row["evaluation__status"] != EvaluationStatus.ADOPTED:
            pending[key] += 1
            continue
        mark = Mark(
            row["pk"],
            row["month"],
            row["kind"],
            row["evaluation__level_rank"],
            row["evaluation__level_title"],
            row["evaluation__total"],
            row["evaluation__max_total"],
        )
        marks[key].append(mark)
        seen.setdefault(mark.rank, mark.title)
    levels = _levels(index, org, year, seen)
    months = months_of(year)
    thematic = _thematic(cells, year, index) if cells else None
    rows = []
    for cell in cells:
        previous = Slot(dt.date(year - 1, 12, 1), marks.get((cell.pk, dt.date(year - 1, 12, 1)), []))
        slots = []
        for month in months:
            slot = Slot(month, marks.get((cell.pk, month), []), pending.get((cell.pk, month), 0))
            _slip(slot, previous)
            slots.append(slot)
            previous = slot
        this_year = [m for month in months for m in marks.get((cell.pk, month), [])]
        last_year = [m for month in months_of(year - 1) for m in marks.get((cell.pk, month), [])]
        counts = [sum(1 for m in this_year if m.rank == level.rank) for level in levels]
        rows.append(
            CellYear(
                cell=cell,
                slots=slots,
                counts=counts,
                evaluated=len(this_year),
                average=_average(this_year),
                average_last_year=_average(last_year),
                levels=levels,
                thematic=thematic.get(cell.pk) if thematic is not None else None,
            )
        )
    trend = []
    for n, month in enumerate(months):
        mains = [m for row in rows if (m := row.slots[n].main) is not None]
        trend.append(MonthTrend(month, [sum(1 for m in mains if m.rank == lv.rank) for lv in levels], len(mains)))
    all_this = [m for month in months for cell in cells for m in marks.get((cell.pk, month), [])]
    all_last = [m for month in months_of(year - 1) for cell in cells for m in marks.get((cell.pk, month), [])]
    return QualityYear(
        org=org,
        year=year,
        months=months,
        levels=levels,
        rows=rows,
        trend=trend,
        thematic_available=thematic is not None,
        average=_average(all_this),
        average_last_year=_average(all_last),
    )
