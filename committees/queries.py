"""Reads of committees and positions."""

import datetime as dt
from dataclasses import dataclass, field

from django.db.models import QuerySet

from committees.models import OFFICER_ROLES, CommitteeTerm, Position, Role
from core.dates import today
from members.models import Category, Member, MemberState
from orgs.models import Organization
from orgs.structure import KINDS_WITH_STANDING_COMMITTEE

# A cell with fewer full members than this elects only a secretary (and, if
# needed, a deputy), no committee (DOMAIN.md §3).
MIN_FULL_MEMBERS_FOR_COMMITTEE = 9


def full_member_count(org: Organization) -> int:
    return Member.objects.filter(organization=org, state=MemberState.ACTIVE, category=Category.FULL).count()


def positions_of(org: Organization, day: dt.date | None = None) -> QuerySet[Position]:
    """Positions held in `org` on `day` (today by default), secretary first."""
    return (
        Position.objects.as_of(day or today())
        .filter(organization=org)
        .select_related("member", "term")
        .order_by("role", "member__full_name")
    )


ROLE_ORDER: dict[str, int] = {
    role: i for i, role in enumerate([Role.SECRETARY, Role.DEPUTY, Role.STANDING, Role.COMMITTEE, Role.FOLLOW_UP])
}


@dataclass
class Committee:
    """An organization's terms and positions as seen on `day`."""

    org: Organization
    day: dt.date
    terms: list[CommitteeTerm]
    full_members: int
    current: list[Position] = field(default_factory=list)
    upcoming: list[Position] = field(default_factory=list)
    past: list[Position] = field(default_factory=list)

    def _with_role(self, *roles: str) -> list[Position]:
        return [p for p in self.current if p.role in roles]

    @property
    def current_term(self) -> CommitteeTerm | None:
        return next((t for t in self.terms if t.covers(self.day)), None)

    @property
    def secretaries(self) -> list[Position]:
        return self._with_role(Role.SECRETARY)

    @property
    def deputies(self) -> list[Position]:
        return self._with_role(Role.DEPUTY)

    @property
    def officers(self) -> list[Position]:
        """The committee (or, in a small cell, the secretary and deputy)."""
        return self._with_role(*OFFICER_ROLES)

    @property
    def has_standing_committee(self) -> bool:
        return self.org.kind in KINDS_WITH_STANDING_COMMITTEE

    @property
    def standing_committee(self) -> list[Position]:
        """Secretary, deputies and the members elected to the standing committee."""
        return self._with_role(Role.SECRETARY, Role.DEPUTY, Role.STANDING)

    @property
    def follow_ups(self) -> list[Position]:
        return self._with_role(Role.FOLLOW_UP)

    @property
    def small_cell(self) -> bool:
        """A cell with fewer than 9 full members: no committee, a secretary and perhaps a deputy."""
        return self.org.is_cell and self.full_members < MIN_FULL_MEMBERS_FOR_COMMITTEE

    @property
    def committee_members_in_small_cell(self) -> list[Position]:
        return self._with_role(Role.COMMITTEE) if self.small_cell else []


def committee_of(org: Organization, day: dt.date | None = None) -> Committee:
    """Terms and positions of `org`, in three queries whatever their number."""
    day = day or today()
    committee = Committee(
        org=org,
        day=day,
        terms=list(CommitteeTerm.objects.filter(organization=org).order_by("-starts_on")),
        full_members=full_member_count(org) if org.is_cell else 0,
    )
    positions = Position.objects.filter(organization=org).select_related("member__organization", "term")
    for position in sorted(positions, key=lambda p: (ROLE_ORDER.get(p.role, 9), p.member.full_name, p.valid_from)):
        if position.valid_from > day:
            committee.upcoming.append(position)
        elif position.valid_to is not None and position.valid_to < day:
            committee.past.append(position)
        else:
            committee.current.append(position)
    committee.past.sort(key=lambda p: p.valid_to or day, reverse=True)
    return committee
