"""Helpers shared by the tree actions: version periods, effective dates, ending positions.

Conventions (kept everywhere, tested in orgs/tests/test_as_of.py):

- `OrgVersion` periods are half-open: `valid_from` inclusive, `valid_to`
  exclusive, so one period ends on the day the next begins. An organization
  dissolved or merged "on D" no longer exists on D.
- Positions and committee terms end on their *last* day (inclusive), as people
  write them. When an organization changes on D, its positions end on D - 1.
"""

import datetime as dt

from django.core.exceptions import ValidationError
from django.db.models import F, Q, Value
from django.db.models.functions import Concat, Substr
from django.utils.translation import gettext as _

from committees.models import CommitteeTerm, Position
from core.dates import today, vn_short_date
from orgs.models import Organization, OrgVersion

ONE_DAY = dt.timedelta(days=1)


def path_for(org: Organization, parent: Organization | None) -> str:
    return f"{parent.path if parent else '/'}{org.pk}/"


def current_version(org: Organization, *, lock: bool = False) -> OrgVersion | None:
    qs = OrgVersion.objects.filter(organization=org, valid_to__isnull=True)
    if lock:
        qs = qs.select_for_update()
    return qs.first()


def effective_date_problem(org: Organization, day: dt.date, version: OrgVersion | None = None) -> str | None:
    """Why `day` cannot be the date of a change to `org`, or None.

    A change may not be dated in the future (the tree's current fields would
    disagree with its history) nor before the current period began (that would
    rewrite history that later changes were built on).
    """
    if day > today():
        return _("The effective date cannot be in the future.")
    if not org.is_active:
        return _("%(name)s was dissolved on %(date)s.") % {"name": org.name, "date": vn_short_date(org.dissolved_on)}
    version = version if version is not None else current_version(org)
    if version is not None and day < version.valid_from:
        return _(
            "The effective date cannot be before %(date)s, when the current name and place of %(name)s took effect."
        ) % {"date": vn_short_date(version.valid_from), "name": org.name}
    return None


def check_effective_date(org: Organization, day: dt.date) -> None:
    problem = effective_date_problem(org, day)
    if problem:
        raise ValidationError(problem)


def open_version(org: Organization, day: dt.date, reason: str) -> None:
    """Record the organization's current name and parent as in force from `day`.

    A second change on the same day corrects that day's period in place
    instead of leaving an empty one; a change that restores the previous
    period exactly reopens it.
    """
    current = current_version(org, lock=True)
    if current is not None and current.valid_from == day:
        previous = OrgVersion.objects.filter(organization=org, valid_to=day).first()
        if previous is not None and _same_placement(previous, org):
            current.delete()
            previous.valid_to = None
            previous.save(update_fields=["valid_to"])
            return
        current.parent = org.parent
        current.name = org.name
        current.official_name = org.official_name
        if current.reason != "founded":
            current.reason = reason
        current.save(update_fields=["parent", "name", "official_name", "reason"])
        return
    if current is not None:
        if day < current.valid_from:
            raise ValidationError(effective_date_problem(org, day, current) or "")
        current.valid_to = day
        current.save(update_fields=["valid_to"])
    OrgVersion.objects.create(
        organization=org,
        parent=org.parent,
        name=org.name,
        official_name=org.official_name,
        valid_from=day,
        reason=reason,
    )


def _same_placement(version: OrgVersion, org: Organization) -> bool:
    return (
        version.parent_id == org.parent_id and version.name == org.name and version.official_name == org.official_name
    )


def close_version(org: Organization, day: dt.date) -> None:
    current = current_version(org, lock=True)
    if current is not None:
        current.valid_to = day
        current.save(update_fields=["valid_to"])


def reparent(org: Organization, new_parent: Organization) -> None:
    """Point `org` at `new_parent` and rewrite the paths of its whole subtree in one UPDATE."""
    old_path = org.path
    new_path = path_for(org, new_parent)
    Organization.objects.filter(path__startswith=old_path).update(
        path=Concat(Value(new_path), Substr(F("path"), len(old_path) + 1))
    )
    org.parent = new_parent
    org.path = new_path
    org.save(update_fields=["parent"])


def open_positions(positions: "object", day: dt.date) -> "object":
    """Positions (a queryset) still held on `day`, or starting later."""
    return positions.filter(Q(valid_to__isnull=True) | Q(valid_to__gte=day))  # type: ignore[attr-defined]


def positions_ending(org_ids: list[int], day: dt.date, *, roles: tuple[str, ...] | None = None) -> list[Position]:
    """Positions in these organizations that a change on `day` ends (they end on `day` - 1)."""
    qs = Position.objects.filter(organization_id__in=org_ids, valid_from__lt=day)
    if roles is not None:
        qs = qs.filter(role__in=roles)
    return list(open_positions(qs, day).select_related("member", "organization").order_by("organization__path", "role"))  # type: ignore[attr-defined]


def positions_starting_after(org_ids: list[int], day: dt.date) -> list[Position]:
    """Positions in these organizations that start on or after `day`: a dissolution on `day` cannot keep them."""
    return list(
        Position.objects.filter(organization_id__in=org_ids, valid_from__gte=day).select_related(
            "member", "organization"
        )
    )


def terms_ending(org_ids: list[int], day: dt.date) -> list[CommitteeTerm]:
    return list(
        CommitteeTerm.objects.filter(organization_id__in=org_ids, starts_on__lt=day)
        .filter(Q(ends_on__isnull=True) | Q(ends_on__gte=day))
        .select_related("organization")
    )


def end_positions(positions: list[Position], day: dt.date) -> None:
    """End these positions on the day before `day`."""
    if positions:
        Position.objects.filter(pk__in=[p.pk for p in positions]).update(valid_to=day - ONE_DAY)


def end_terms(terms: list[CommitteeTerm], day: dt.date) -> None:
    if terms:
        CommitteeTerm.objects.filter(pk__in=[t.pk for t in terms]).update(ends_on=day - ONE_DAY)
