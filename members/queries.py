"""Reads of member records."""

from django.db.models import Count, Q, QuerySet

from members.models import Category, Member, MemberState
from orgs.models import Organization


def member_counts(orgs: "QuerySet[Organization]") -> dict[int, tuple[int, int]]:
    """(active members, active full members) per organization, in one query."""
    rows = (
        Member.objects.filter(organization__in=orgs, state=MemberState.ACTIVE)
        .values("organization_id")
        .annotate(total=Count("id"), full=Count("id", filter=Q(category=Category.FULL)))
    )
    return {row["organization_id"]: (row["total"], row["full"]) for row in rows}
