"""Writes to committee terms and positions, checked against DOMAIN.md §3.

Positions and terms end on their last day (inclusive). At most one secretary
holds office at any time; a member holds at most one officer role in an
organization at a time.
"""

import datetime as dt
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q
from django.utils.translation import gettext as _

from audit.log import record, snapshot
from committees.models import OFFICER_ROLES, CommitteeTerm, Position, Role
from committees.queries import MIN_FULL_MEMBERS_FOR_COMMITTEE, full_member_count
from core.dates import vn_short_date
from members.models import Member, MemberState
from orgs.models import Organization
from orgs.structure import KINDS_WITH_STANDING_COMMITTEE


def _overlapping(qs: Any, start: dt.date, end: dt.date | None) -> Any:
    """Periods in `qs` (valid_from/valid_to, inclusive) that share a day with [start, end]."""
    qs = qs.filter(Q(valid_to__isnull=True) | Q(valid_to__gte=start))
    return qs if end is None else qs.filter(valid_from__lte=end)


def _lock(org: Organization) -> Organization:
    return Organization.objects.select_for_update().get(pk=org.pk)


@transaction.atomic
def do_create_term(
    actor: Any,
    org: Organization,
    *,
    name: str,
    starts_on: dt.date,
    ends_on: dt.date | None,
) -> CommitteeTerm:
    org = _lock(org)
    name = name.strip()
    if not name:
        raise ValidationError(_("A term needs a name, e.g. 2025-2030."))
    if not org.is_active:
        raise ValidationError(_("%(name)s no longer exists.") % {"name": org.name})
    if ends_on and ends_on <= starts_on:
        raise ValidationError(_("A term must end after it starts."))
    if CommitteeTerm.objects.filter(organization=org, name__iexact=name).exists():
        raise ValidationError(_("%(org)s already has a term named %(name)s.") % {"org": org.name, "name": name})
    overlapping = CommitteeTerm.objects.filter(organization=org).filter(
        Q(ends_on__isnull=True) | Q(ends_on__gte=starts_on)
    )
    if ends_on is not None:
        overlapping = overlapping.filter(starts_on__lte=ends_on)
    other = overlapping.first()
    if other is not None:
        raise ValidationError(
            _("The term %(name)s is still running on those dates: close it first.") % {"name": other.name}
        )
    term = CommitteeTerm.objects.create(organization=org, name=name, starts_on=starts_on, ends_on=ends_on)
    record(actor, "term.create", term, organization=org, after=snapshot(term))
    return term


def term_positions_ending(term: CommitteeTerm, on: dt.date) -> list[Position]:
    """Positions of `term` still held after `on`: closing the term on `on` ends them that day."""
    return list(
        Position.objects.filter(term=term)
        .filter(Q(valid_to__isnull=True) | Q(valid_to__gt=on))
        .select_related("member")
        .order_by("role", "member__full_name")
    )


@transaction.atomic
def do_close_term(actor: Any, term: CommitteeTerm, *, on: dt.date) -> None:
    """Close `term` on its last day `on`; its positions still held end that day too."""
    term = CommitteeTerm.objects.select_for_update().select_related("organization").get(pk=term.pk)
    if term.ends_on is not None:
        raise ValidationError(_("This term already ended on %(date)s.") % {"date": vn_short_date(term.ends_on)})
    if on < term.starts_on:
        raise ValidationError(_("A term cannot end before it starts."))
    positions = term_positions_ending(term, on)
    late = [p for p in positions if p.valid_from > on]
    if late:
        raise ValidationError(
            _("%(member)s's position starts on %(date)s, after that day: end or correct it first.")
            % {"member": late[0].member.full_name, "date": vn_short_date(late[0].valid_from)}
        )
    before = snapshot(term)
    term.ends_on = on
    term.save(update_fields=["ends_on"])
    Position.objects.filter(pk__in=[p.pk for p in positions]).update(valid_to=on)
    record(
        actor,
        "term.close",
        term,
        organization=term.organization,
        before=before,
        after=snapshot(term) | {"positions_ended": [p.pk for p in positions]},
    )


def position_problems(
    *,
    organization: Organization,
    member: Member,
    role: str,
    valid_from: dt.date,
    term: CommitteeTerm | None = None,
) -> list[str]:
    """Every DOMAIN.md §3 rule that assigning this position would break, as messages."""
    problems = []
    if not organization.is_active or (organization.dissolved_on and valid_from >= organization.dissolved_on):
        problems.append(_("%(name)s no longer exists.") % {"name": organization.name})
    if member.state != MemberState.ACTIVE:
        problems.append(_("%(name)s is no longer an active member.") % {"name": member.full_name})
    if term is not None:
        if term.organization_id != organization.pk:
            problems.append(_("That term belongs to another organization."))
        elif not term.covers(valid_from):
            problems.append(
                _("The start date is outside the term %(name)s.") % {"name": term.name},
            )
    if role == Role.FOLLOW_UP:
        problems.extend(_follow_up_problems(organization, member, valid_from))
    else:
        problems.extend(_officer_problems(organization, member, role, valid_from))
    return problems


def _follow_up_problems(organization: Organization, member: Member, valid_from: dt.date) -> list[str]:
    problems = []
    parent = organization.parent
    if parent is None:
        return [_("An organization without an upper level has no follow-up cadre.")]
    on_upper_committee = Position.objects.as_of(valid_from).filter(
        organization=parent, member=member, role__in=OFFICER_ROLES
    )
    if not on_upper_committee.exists():
        problems.append(
            _("The follow-up cadre must be a member of the committee of %(upper)s on %(date)s.")
            % {"upper": parent.name, "date": vn_short_date(valid_from)}
        )
    duplicate = _overlapping(
        Position.objects.filter(organization=organization, member=member, role=Role.FOLLOW_UP), valid_from, None
    )
    if duplicate.exists():
        problems.append(_("%(name)s already follows this organization.") % {"name": member.full_name})
    return problems


def _officer_problems(organization: Organization, member: Member, role: str, valid_from: dt.date) -> list[str]:
    problems = []
    if not member.organization.path.startswith(organization.path):
        problems.append(_("Only a member of this organization can hold a position in it."))
    if not member.is_full or (member.full_member_on is not None and member.full_member_on > valid_from):
        problems.append(_("Only a full member can hold a committee position."))
    if role == Role.STANDING and organization.kind not in KINDS_WITH_STANDING_COMMITTEE:
        problems.append(_("Only a commune or provincial Party committee has a standing committee."))
    small_cell = organization.is_cell and full_member_count(organization) < MIN_FULL_MEMBERS_FOR_COMMITTEE
    if small_cell and role == Role.COMMITTEE:
        problems.append(
            _("A cell with fewer than 9 full members has no committee: it elects a secretary and, if needed, a deputy.")
        )
    same_org = Position.objects.filter(organization=organization)
    if role == Role.SECRETARY:
        holder = _overlapping(same_org.filter(role=Role.SECRETARY), valid_from, None).select_related("member").first()
        if holder is not None:
            problems.append(
                _("%(name)s is already secretary on those dates; end that position first.")
                % {"name": holder.member.full_name}
            )
    if (
        role == Role.DEPUTY
        and small_cell
        and _overlapping(same_org.filter(role=Role.DEPUTY), valid_from, None).exists()
    ):
        problems.append(_("A cell with fewer than 9 full members has at most one deputy secretary."))
    held = _overlapping(same_org.filter(member=member, role__in=OFFICER_ROLES), valid_from, None).first()
    if held is not None and not (role == held.role == Role.SECRETARY):
        problems.append(
            _("%(name)s already holds the position of %(role)s here; end it first.")
            % {"name": member.full_name, "role": held.get_role_display()}
        )
    return problems


@transaction.atomic
def do_assign_position(
    actor: Any,
    *,
    organization: Organization,
    member: Member,
    role: str,
    valid_from: dt.date,
    term: CommitteeTerm | None = None,
) -> Position:
    organization = _lock(organization)
    problems = position_problems(organization=organization, member=member, role=role, valid_from=valid_from, term=term)
    if problems:
        raise ValidationError(problems)
    position = Position.objects.create(
        organization=organization,
        member=member,
        role=role,
        valid_from=valid_from,
        term=term,
    )
    record(
        actor,
        "position.assign",
        position,
        organization=organization,
        after=snapshot(position),
    )
    return position


@transaction.atomic
def do_end_position(actor: Any, position: Position, *, on: dt.date) -> None:
    """End `position` with `on` as its last day."""
    locked = Position.objects.select_for_update().select_related("organization", "member").get(pk=position.pk)
    if locked.valid_to is not None:
        raise ValidationError(_("This position already ended on %(date)s.") % {"date": vn_short_date(locked.valid_to)})
    if on < locked.valid_from:
        raise ValidationError(_("A position cannot end before it starts."))
    before = snapshot(locked)
    locked.valid_to = on
    locked.save(update_fields=["valid_to"])
    record(
        actor,
        "position.end",
        locked,
        organization=locked.organization,
        before=before,
        after=snapshot(locked),
    )
    position.valid_to = on
