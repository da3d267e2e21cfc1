"""Periods on a member: exemption from activity and temporary activity elsewhere.

A period is added, then closed on its last day; neither is ever rewritten.
"""

import datetime as dt
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q
from django.utils.translation import gettext as _

from audit.log import record, snapshot
from members.actions.base import dmy, lock_member, require_active
from members.models import Exemption, Member, TemporaryActivity


def _overlapping(periods: Any, valid_from: dt.date, valid_to: dt.date | None) -> Any:
    qs = periods.filter(Q(valid_to__isnull=True) | Q(valid_to__gte=valid_from))
    if valid_to is not None:
        qs = qs.filter(valid_from__lte=valid_to)
    return qs.first()


def _check_period(member: Member, valid_from: dt.date, valid_to: dt.date | None) -> None:
    if valid_from < member.admitted_on:
        raise ValidationError(
            {
                "valid_from": _("This date is before the member was admitted (%(day)s).")
                % {"day": dmy(member.admitted_on)}
            }
        )
    if valid_to is not None and valid_to < valid_from:
        raise ValidationError({"valid_to": _("The end date cannot come before the start date.")})


def _period_text(period: Exemption | TemporaryActivity) -> str:
    if period.valid_to is None:
        return _("from %(start)s, open-ended") % {"start": dmy(period.valid_from)}
    return _("from %(start)s to %(end)s") % {"start": dmy(period.valid_from), "end": dmy(period.valid_to)}


@transaction.atomic
def do_add_exemption(
    actor: Any,
    member: Member,
    *,
    valid_from: dt.date,
    valid_to: dt.date | None,
    reason: str,
    decision: str,
) -> Exemption:
    """Exempt a member from Party work and activity, as the cell decided."""
    locked = lock_member(member)
    require_active(locked)
    _check_period(locked, valid_from, valid_to)
    clash = _overlapping(locked.exemptions.all(), valid_from, valid_to)
    if clash is not None:
        raise ValidationError(
            _("This overlaps an exemption already recorded (%(period)s).") % {"period": _period_text(clash)}
        )
    exemption = Exemption.objects.create(
        member=locked, valid_from=valid_from, valid_to=valid_to, reason=reason, decision=decision
    )
    record(
        actor,
        "member.exemption.add",
        locked,
        organization=locked.organization,
        after={"exemption": exemption.pk, **snapshot(exemption)},
    )
    return exemption


def _period_in_force(periods: Any, on: dt.date) -> Any:
    return (
        periods.filter(valid_from__lte=on)
        .filter(Q(valid_to__isnull=True) | Q(valid_to__gt=on))
        .order_by("-valid_from")
        .first()
    )


@transaction.atomic
def do_end_exemption(actor: Any, member: Member, *, on: dt.date) -> Exemption:
    """Close the exemption in force on `on`; `on` is its last day."""
    locked = lock_member(member)
    exemption = _period_in_force(locked.exemptions.all(), on)
    if exemption is None:
        raise ValidationError({"on": _("No exemption is in force on this date.")})
    before = snapshot(exemption, ["valid_to"])
    exemption.valid_to = on
    exemption.save(update_fields=["valid_to"])
    record(
        actor,
        "member.exemption.end",
        locked,
        organization=locked.organization,
        before={"exemption": exemption.pk, **before},
        after={"exemption": exemption.pk, **snapshot(exemption, ["valid_to"])},
    )
    return exemption


@transaction.atomic
def do_add_temporary_activity(
    actor: Any,
    member: Member,
    *,
    place: str,
    valid_from: dt.date,
    valid_to: dt.date | None,
    note: str = "",
) -> TemporaryActivity:
    """A member working away takes part temporarily in an organization elsewhere."""
    locked = lock_member(member)
    require_active(locked)
    _check_period(locked, valid_from, valid_to)
    clash = _overlapping(locked.temporary_activities.all(), valid_from, valid_to)
    if clash is not None:
        raise ValidationError(
            _("This overlaps a temporary activity already recorded (%(period)s, %(place)s).")
            % {"period": _period_text(clash), "place": clash.place}
        )
    activity = TemporaryActivity.objects.create(
        member=locked, place=place, valid_from=valid_from, valid_to=valid_to, note=note
    )
    record(
        actor,
        "member.temporary_activity.add",
        locked,
        organization=locked.organization,
        after={"temporary_activity": activity.pk, **snapshot(activity)},
    )
    return activity


@transaction.atomic
def do_end_temporary_activity(actor: Any, member: Member, *, on: dt.date) -> TemporaryActivity:
    """Close the temporary activity in force on `on`; `on` is its last day."""
    locked = lock_member(member)
    activity = _period_in_force(locked.temporary_activities.all(), on)
    if activity is None:
        raise ValidationError({"on": _("No temporary activity is in force on this date.")})
    before = snapshot(activity, ["valid_to"])
    activity.valid_to = on
    activity.save(update_fields=["valid_to"])
    record(
        actor,
        "member.temporary_activity.end",
        locked,
        organization=locked.organization,
        before={"temporary_activity": activity.pk, **before},
        after={"temporary_activity": activity.pk, **snapshot(activity, ["valid_to"])},
    )
    return activity
