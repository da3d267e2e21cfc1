"""Transfers: between cells in the system, out of it, and in from outside."""

import datetime as dt
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q
from django.utils.translation import gettext as _

from audit.log import record, snapshot
from members.actions.base import check_event_date, dmy, lock_member, new_member, require_active, save_with_version
from members.models import Member, MemberState, Transfer, TransferKind
from orgs.models import Organization


def _common_ancestor(a: Organization, b: Organization) -> Organization:
    shared = None
    for x, y in zip(a.path.strip("/").split("/"), b.path.strip("/").split("/"), strict=False):
        if x != y:
            break
        shared = int(x)
    return Organization.objects.get(pk=shared) if shared is not None else a


@transaction.atomic
def do_transfer_between_cells(
    actor: Any,
    member: Member,
    *,
    to_org: Organization,
    kind: str,
    on: dt.date,
    note: str = "",
) -> Transfer:
    """Move a member to another cell in the system, officially or temporarily.

    An official transfer changes the member's cell; a temporary one only
    records the move. The audit row goes to the organization over both cells.
    """
    locked = lock_member(member)
    require_active(locked)
    check_event_date(locked.admitted_on, on)
    source = locked.organization
    if not to_org.is_cell or not to_org.is_active:
        raise ValidationError({"to_org": _("Choose a Party cell that still exists.")})
    if to_org.pk == source.pk:
        raise ValidationError({"to_org": _("The member is already in this cell.")})
    last = locked.transfers.order_by("-on", "-id").first()
    if last is not None and (last.kind, last.to_org_id, last.on) == (kind, to_org.pk, on):
        # The same form sent twice: an official one is caught above (already in this cell).
        raise ValidationError(_("This transfer is already recorded."))
    if last is not None and on < last.on:
        raise ValidationError(
            {"on": _("This date is before the last recorded transfer (%(day)s).") % {"day": dmy(last.on)}}
        )
    if kind == TransferKind.OFFICIAL:
        held = locked.positions.filter(organization=source).filter(Q(valid_to__isnull=True) | Q(valid_to__gte=on))
        position = held.first()
        if position is not None:
            raise ValidationError(
                _(
                    "%(name)s still holds the position of %(role)s in %(cell)s: "
                    "end that position before the official transfer."
                )
                % {"name": locked.full_name, "role": position.get_role_display(), "cell": source.name}
            )
    transfer = Transfer.objects.create(member=locked, kind=kind, on=on, from_org=source, to_org=to_org, note=note)
    if kind == TransferKind.OFFICIAL:
        locked.organization = to_org
        save_with_version(locked, ["organization"])
    record(
        actor,
        "member.transfer",
        locked,
        organization=_common_ancestor(source, to_org),
        before={"organization": source.pk},
        after={"transfer": transfer.pk, **snapshot(transfer)},
    )
    return transfer


@transaction.atomic
def do_transfer_out(actor: Any, member: Member, *, on: dt.date, destination: str, note: str = "") -> Transfer:
    """The member leaves for an organization outside the system; the record stays with the old cell."""
    locked = lock_member(member)
    require_active(locked)
    check_event_date(locked.admitted_on, on)
    before = snapshot(locked, ["state", "left_on", "left_reason"])
    transfer = Transfer.objects.create(
        member=locked,
        kind=TransferKind.OFFICIAL,
        on=on,
        from_org=locked.organization,
        outside_place=destination,
        note=note,
    )
    locked.state = MemberState.TRANSFERRED_OUT
    locked.left_on = on
    locked.left_reason = destination
    save_with_version(locked, ["state", "left_on", "left_reason"])
    record(
        actor,
        "member.transfer_out",
        locked,
        organization=locked.organization,
        before=before,
        after={"transfer": transfer.pk, **snapshot(locked, ["state", "left_on", "left_reason"])},
    )
    return transfer


@transaction.atomic
def do_transfer_in(actor: Any, *, on: dt.date, origin: str, note: str = "", **fields: Any) -> Member:
    """A member arrives from an organization outside the system: a new record and its incoming transfer."""
    check_event_date(fields["admitted_on"], on)
    member = new_member(fields)
    transfer = Transfer.objects.create(
        member=member,
        kind=TransferKind.OFFICIAL,
        on=on,
        to_org=member.organization,
        outside_place=origin,
        note=note,
    )
    record(
        actor,
        "member.transfer_in",
        member,
        organization=member.organization,
        after={"transfer": transfer.pk, "origin": origin, "on": on.isoformat(), **snapshot(member)},
    )
    return member
