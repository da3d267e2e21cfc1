"""Writes to committee terms and positions, checked against DOMAIN.md §3."""

import datetime as dt
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from audit.log import record, snapshot
from committees.models import CommitteeTerm, Position, Role
from members.models import Category, Member, MemberState
from orgs.models import Organization

# A cell with fewer full members than this elects only a secretary (and a
# deputy), no committee.
MIN_FULL_MEMBERS_FOR_COMMITTEE = 9


def full_member_count(org: Organization) -> int:
    return Member.objects.filter(organization=org, state=MemberState.ACTIVE, category=Category.FULL).count()


@transaction.atomic
def do_create_term(
    actor: Any,
    org: Organization,
    *,
    name: str,
    starts_on: dt.date,
    ends_on: dt.date | None,
) -> CommitteeTerm:
    if ends_on and ends_on <= starts_on:
        raise ValidationError(_("A term must end after it starts."))
    term = CommitteeTerm.objects.create(organization=org, name=name, starts_on=starts_on, ends_on=ends_on)
    record(actor, "term.create", term, organization=org, after=snapshot(term))
    return term


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
    if role == Role.FOLLOW_UP:
        if organization.parent_id is None or not member.organization.path.startswith(organization.parent.path):  # type: ignore[union-attr]
            raise ValidationError(_("The follow-up cadre must belong to the upper-level organization."))
    else:
        if not member.organization.path.startswith(organization.path):
            raise ValidationError(_("Only a member of this organization can hold a position in it."))
        if not member.is_full:
            raise ValidationError(_("Only a full member can hold a committee position."))
        if organization.is_cell and role in (Role.COMMITTEE, Role.STANDING):
            if full_member_count(organization) < MIN_FULL_MEMBERS_FOR_COMMITTEE:
                raise ValidationError(
                    _(
                        "A cell with fewer than 9 full members has no committee: "
                        "it elects a secretary and, if needed, a deputy."
                    )
                )
        if role == Role.SECRETARY:
            holder = Position.objects.as_of(valid_from).filter(
                organization=organization, role=role, valid_to__isnull=True
            )
            if holder.exists():
                raise ValidationError(_("This organization already has a secretary; end that position first."))
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
    if on < position.valid_from:
        raise ValidationError(_("A position cannot end before it starts."))
    before = snapshot(position)
    position.valid_to = on
    position.save(update_fields=["valid_to"])
    record(
        actor,
        "position.end",
        position,
        organization=position.organization,
        before=before,
        after=snapshot(position),
    )
