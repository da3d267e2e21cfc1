"""Did each cell hold its thematic meetings, quarter by quarter?

The number required per quarter comes from the rule pack in force for the
cell on the quarter's first day (DOMAIN.md §9: a quarter is judged by the
rules in force when it began, so a cell knows its target in advance). A
meeting counts when it is thematic, alone or together with the regular one,
and was held; it belongs to the quarter of its month.

Three queries whatever the number of cells: the published rule packs (none
when the caller passes an index), held thematic meetings grouped by cell and
month, planned topics grouped by cell and quarter.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass

from django.db.models import Count

from core.dates import today as local_today
from meetings.models import Meeting, MeetingKind, MeetingStatus
from orgs.models import Organization
from rules.lookup import NoPackInForce, PackIndex
from thematic.models import PlannedTopic

THEMATIC_KINDS = (MeetingKind.THEMATIC, MeetingKind.REGULAR_THEMATIC)
QUARTERS = (1, 2, 3, 4)


def quarter_of(day: dt.date) -> int:
    return (day.month - 1) // 3 + 1


def quarter_bounds(year: int, quarter: int) -> tuple[dt.date, dt.date]:
    """First and last day of a quarter."""
    first = dt.date(year, 3 * quarter - 2, 1)
    last = dt.date(year + 1, 1, 1) if quarter == 4 else dt.date(year, 3 * quarter + 1, 1)
    return first, last - dt.timedelta(days=1)


@dataclass(frozen=True)
class QuarterCompliance:
    quarter: int
    start: dt.date
    end: dt.date
    required: int
    held: int
    planned: int
    # The quarter has not begun yet: nothing can have been held.
    future: bool
    # The quarter is running: what is missing can still be held.
    current: bool

    @property
    def ok(self) -> bool:
        return self.held >= self.required

    @property
    def late(self) -> bool:
        """The quarter is over and fewer thematic meetings were held than required."""
        return not self.ok and not self.future and not self.current

    @property
    def state(self) -> str:
        """For display: "future", "none" (nothing required), "ok", "open" (running, not met yet) or "late"."""
        if self.future:
            return "future"
        if not self.required:
            return "ok" if self.held else "none"
        if self.ok:
            return "ok"
        return "open" if self.current else "late"

    @property
    def short_of_plan(self) -> bool:
        """Fewer topics planned than the rules require."""
        return self.planned < self.required


def _existed(cell: Organization, first: dt.date, last: dt.date) -> bool:
    return cell.founded_on <= last and (cell.dissolved_on is None or cell.dissolved_on >= first)


def required_per_quarter(cell: Organization, year: int, index: PackIndex) -> dict[int, int]:
    """The pack's number of thematic meetings for each quarter; none while the cell did not exist or no pack applies."""
    out = {}
    for quarter in QUARTERS:
        first, last = quarter_bounds(year, quarter)
        if not _existed(cell, first, last):
            out[quarter] = 0
            continue
        try:
            out[quarter] = index.rules_for(cell, max(first, cell.founded_on)).thematic_per_quarter
        except NoPackInForce:
            out[quarter] = 0
    return out


def held_counts(cell_ids: list[int], year: int) -> dict[tuple[int, int], int]:
    """(cell id, quarter) → thematic meetings held, in one query."""
    rows = (
        Meeting.objects.filter(
            organization_id__in=cell_ids,
            kind__in=THEMATIC_KINDS,
            status=MeetingStatus.HELD,
            month__gte=dt.date(year, 1, 1),
            month__lte=dt.date(year, 12, 1),
        )
        .values("organization_id", "month")
        .annotate(n=Count("pk"))
    )
    out: dict[tuple[int, int], int] = defaultdict(int)
    for row in rows:
        out[(row["organization_id"], quarter_of(row["month"]))] += row["n"]
    return out


def planned_counts(cell_ids: list[int], year: int) -> dict[tuple[int, int], int]:
    """(cell id, quarter) → topics in the cell's plan for the year, in one query."""
    rows = (
        PlannedTopic.objects.filter(plan__organization_id__in=cell_ids, plan__year=year)
        .values("plan__organization_id", "quarter")
        .annotate(n=Count("pk"))
    )
    return {(row["plan__organization_id"], row["quarter"]): row["n"] for row in rows}


def compliance_for(
    cells: Iterable[Organization], year: int, index: PackIndex | None = None, *, today: dt.date | None = None
) -> dict[int, list[QuarterCompliance]]:
    """Each cell's four quarters of `year`: required, held and planned thematic meetings."""
    cells = list(cells)
    if not cells:
        return {}
    index = index or PackIndex.load()
    day = today or local_today()
    ids = [cell.pk for cell in cells]
    held = held_counts(ids, year)
    planned = planned_counts(ids, year)
    out = {}
    for cell in cells:
        required = required_per_quarter(cell, year, index)
        quarters = []
        for quarter in QUARTERS:
            first, last = quarter_bounds(year, quarter)
            quarters.append(
                QuarterCompliance(
                    quarter=quarter,
                    start=first,
                    end=last,
                    required=required[quarter],
                    held=held.get((cell.pk, quarter), 0),
                    planned=planned.get((cell.pk, quarter), 0),
                    future=day < first,
                    current=first <= day <= last,
                )
            )
        out[cell.pk] = quarters
    return out
