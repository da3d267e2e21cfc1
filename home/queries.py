"""What each kind of user should do next, for the home page."""

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from dateutil.relativedelta import relativedelta
from django.db.models import Count, Q

from accounts.permissions import Scope
from meetings.models import Meeting, MeetingStatus, RecordStatus, ResolutionTask
from meetings.models.meeting import MONTHLY_KINDS
from members.models import Category, Member, MemberState
from orgs.models import Organization, OrgKind
from records.queries import overdue_filter

PROBATION_MONTHS = 12


@dataclass
class CellSummary:
    org: Organization
    members: int
    full_members: int
    probationary_due: list[Member] = field(default_factory=list)
    without_account: int = 0
    next_meeting: Meeting | None = None
    overdue_tasks: int = 0


def probation_due(members: Any, day: dt.date) -> Any:
    """Probationary members whose 12 months end within 30 days (or already ended)."""
    limit = day - relativedelta(months=PROBATION_MONTHS) + dt.timedelta(days=30)
    return members.filter(category=Category.PROBATIONARY, state=MemberState.ACTIVE, admitted_on__lte=limit)


def next_meetings(cells: list[Organization]) -> dict[int, Meeting]:
    """Each cell's earliest regular meeting not yet held or cancelled, in one query."""
    upcoming: dict[int, Meeting] = {}
    pending = Meeting.objects.filter(
        organization__in=cells,
        kind__in=MONTHLY_KINDS,
        status__in=(MeetingStatus.PREPARING, MeetingStatus.NOTIFIED, MeetingStatus.IN_PROGRESS),
    ).order_by("scheduled_at")
    for meeting in pending:
        upcoming.setdefault(meeting.organization_id, meeting)
    return upcoming


def overdue_counts(cells: list[Organization], day: dt.date) -> dict[int, int]:
    rows = (
        ResolutionTask.objects.filter(
            resolution__meeting__organization__in=cells, resolution__status=RecordStatus.ADOPTED
        )
        .filter(overdue_filter(day))
        .values("resolution__meeting__organization_id")
        .annotate(n=Count("id"))
    )
    return {row["resolution__meeting__organization_id"]: row["n"] for row in rows}


def cell_summaries(cells: Any, day: dt.date) -> list[CellSummary]:
    """One summary per cell in five queries whatever the number of cells."""
    cells = list(cells)
    counts = {
        row["organization_id"]: row
        for row in Member.objects.filter(organization__in=cells, state=MemberState.ACTIVE)
        .values("organization_id")
        .annotate(
            total=Count("id"),
            full=Count("id", filter=Q(category=Category.FULL)),
            no_account=Count("id", filter=Q(user__isnull=True) | Q(user__password__startswith="!")),
        )
    }
    due: dict[int, list[Member]] = {}
    for member in probation_due(Member.objects.filter(organization__in=cells), day).order_by("admitted_on"):
        due.setdefault(member.organization_id, []).append(member)
    upcoming = next_meetings(cells)
    overdue = overdue_counts(cells, day)
    out = []
    for cell in cells:
        row = counts.get(cell.pk, {"total": 0, "full": 0, "no_account": 0})
        out.append(
            CellSummary(
                org=cell,
                members=row["total"],
                full_members=row["full"],
                probationary_due=due.get(cell.pk, []),
                without_account=row["no_account"],
                next_meeting=upcoming.get(cell.pk),
                overdue_tasks=overdue.get(cell.pk, 0),
            )
        )
    return out


def cells_below_minimum(scope: Scope) -> Any:
    """Active cells under the user's office grants with fewer than 3 full members."""
    q = Q(pk__in=[])
    for path in scope.manage_paths or scope.read_paths:
        q |= Q(path__startswith=path)
    if scope.is_superuser:
        q = Q()
    return (
        Organization.objects.filter(q, kind=OrgKind.CELL, dissolved_on__isnull=True)
        .annotate(
            full=Count(
                "members",
                filter=Q(members__state=MemberState.ACTIVE, members__category=Category.FULL),
            )
        )
        .filter(full__lt=3)
        .order_by("path")
    )
