"""What each kind of user should do next, for the home page."""

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from dateutil.relativedelta import relativedelta
from django.db.models import Count, Q

from accounts.permissions import Scope
from members.models import Category, Member, MemberState
from orgs.models import Organization, OrgKind

PROBATION_MONTHS = 12


@dataclass
class CellSummary:
    org: Organization
    members: int
    full_members: int
    probationary_due: list[Member] = field(default_factory=list)
    without_account: int = 0


def probation_due(members: Any, day: dt.date) -> Any:
    """Probationary members whose 12 months end within 30 days (or already ended)."""
    limit = day - relativedelta(months=PROBATION_MONTHS) + dt.timedelta(days=30)
    return members.filter(category=Category.PROBATIONARY, state=MemberState.ACTIVE, admitted_on__lte=limit)


def cell_summaries(cells: Any, day: dt.date) -> list[CellSummary]:
    """One summary per cell in three queries whatever the number of cells."""
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
