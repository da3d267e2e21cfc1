"""What every member action shares: locking, state and date checks, the version bump."""

import datetime as dt
from typing import Any

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from core.dates import today
from members.models import Member
from members.queries import same_person_in_cell
from orgs.models import Organization


class StaleEdit(Exception):
    """The record changed since the form was opened."""


class DuplicateMember(ValidationError):
    """The same person (name and date of birth) is already an active member of the cell."""

    def __init__(self, existing: Member) -> None:
        super().__init__(
            _("%(name)s, born %(born)s, is already recorded in %(cell)s.")
            % {
                "name": existing.full_name,
                "born": existing.date_of_birth.strftime("%d/%m/%Y"),
                "cell": existing.organization.name,
            }
        )
        self.existing = existing


def dmy(day: dt.date) -> str:
    return day.strftime("%d/%m/%Y")


def lock_member(member: Member) -> Member:
    return Member.objects.select_for_update().select_related("organization").get(pk=member.pk)


def require_active(member: Member) -> None:
    if not member.is_active:
        raise ValidationError(
            _("%(name)s is no longer an active member (%(state)s).")
            % {"name": member.full_name, "state": member.get_state_display()}
        )


def check_event_date(admitted_on: dt.date, on: dt.date, field: str = "on") -> None:
    if on > today():
        raise ValidationError({field: _("This date is in the future.")})
    if on < admitted_on:
        raise ValidationError(
            {field: _("This date is before the member was admitted (%(day)s).") % {"day": dmy(admitted_on)}}
        )


def save_with_version(member: Member, fields: list[str]) -> None:
    member.version += 1
    member.save(update_fields=[*fields, "version", "updated_at"])


def new_member(fields: dict[str, Any]) -> Member:
    member = Member(**fields)
    # Lock the cell so that two submissions of the same form cannot both pass the duplicate check.
    cell = Organization.objects.select_for_update().filter(pk=member.organization_id).first()
    if cell is None or not cell.is_cell or not cell.is_active:
        raise ValidationError({"organization": _("A member is recorded in a Party cell that still exists.")})
    existing = same_person_in_cell(member.organization_id, member.full_name, member.date_of_birth)
    if existing is not None:
        raise DuplicateMember(existing)
    member.full_clean()
    member.save()
    return member
