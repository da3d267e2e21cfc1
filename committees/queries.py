"""Reads of committees and positions."""

import datetime as dt

from django.db.models import QuerySet

from committees.models import Position
from core.dates import today
from orgs.models import Organization


def positions_of(org: Organization, day: dt.date | None = None) -> QuerySet[Position]:
    """Positions held in `org` on `day` (today by default), secretary first."""
    return (
        Position.objects.as_of(day or today())
        .filter(organization=org)
        .select_related("member", "term")
        .order_by("role", "member__full_name")
    )
