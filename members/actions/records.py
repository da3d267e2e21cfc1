"""Creating and correcting a record; full membership, death and removal."""

import datetime as dt
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from audit.log import record, snapshot
from members.actions.base import (
    StaleEdit,
    check_event_date,
    lock_member,
    new_member,
    require_active,
    save_with_version,
)
from members.models import Category, Member, MemberState


@transaction.atomic
def do_create_member(actor: Any, **fields: Any) -> Member:
    member = new_member(fields)
    record(actor, "member.create", member, organization=member.organization, after=snapshot(member))
    return member


@transaction.atomic
def do_update_member(actor: Any, member: Member, *, expected_version: int | None = None, **fields: Any) -> Member:
    locked = lock_member(member)
    if expected_version is not None and locked.version != expected_version:
        raise StaleEdit
    before = snapshot(locked)
    for name, value in fields.items():
        setattr(locked, name, value)
    locked.full_clean()
    locked.version += 1
    locked.save()
    after = snapshot(locked)
    changed = {k for k in after if before.get(k) != after.get(k)} - {
        "version",
        "updated_at",
        "search_key",
    }
    if changed:
        record(
            actor,
            "member.update",
            locked,
            organization=locked.organization,
            before={k: before[k] for k in changed},
            after={k: after[k] for k in changed},
        )
    return locked


@transaction.atomic
def do_make_full_member(actor: Any, member: Member, *, on: dt.date) -> Member:
    """Record the cell's confirmation of a probationary member."""
    locked = lock_member(member)
    require_active(locked)
    if locked.is_full:
        raise ValidationError(_("%(name)s is already a full member.") % {"name": locked.full_name})
    check_event_date(locked.admitted_on, on)
    if on == locked.admitted_on:
        raise ValidationError({"on": _("The full-member date must come after the date admitted.")})
    before = snapshot(locked, ["category", "full_member_on"])
    locked.category = Category.FULL
    locked.full_member_on = on
    save_with_version(locked, ["category", "full_member_on"])
    record(
        actor,
        "member.make_full",
        locked,
        organization=locked.organization,
        before=before,
        after=snapshot(locked, ["category", "full_member_on"]),
    )
    return locked


def _end_membership(actor: Any, member: Member, action: str, state: str, on: dt.date, reason: str) -> Member:
    locked = lock_member(member)
    require_active(locked)
    check_event_date(locked.admitted_on, on)
    before = snapshot(locked, ["state", "left_on", "left_reason"])
    locked.state = state
    locked.left_on = on
    locked.left_reason = reason
    save_with_version(locked, ["state", "left_on", "left_reason"])
    record(
        actor,
        action,
        locked,
        organization=locked.organization,
        before=before,
        after=snapshot(locked, ["state", "left_on", "left_reason"]),
    )
    return locked


@transaction.atomic
def do_record_death(actor: Any, member: Member, *, on: dt.date, reason: str = "") -> Member:
    return _end_membership(actor, member, "member.death", MemberState.DECEASED, on, reason)


@transaction.atomic
def do_remove_member(actor: Any, member: Member, *, on: dt.date, reason: str) -> Member:
    """Removal from the Party (struck off, expelled or resigned), with the reason and decision."""
    return _end_membership(actor, member, "member.remove", MemberState.REMOVED, on, reason)
