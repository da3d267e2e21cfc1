"""Reads of member records, and the access checks that go with them."""

import datetime as dt
from dataclasses import dataclass
from typing import Any

from django.core.exceptions import PermissionDenied
from django.db.models import Count, Exists, OuterRef, Q, QuerySet
from django.http import Http404
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.permissions import has_perm, orgs_visible
from audit.models import AuditEntry
from core.dates import today
from core.text import fold
from members.models import Category, Exemption, Member, MemberState, TemporaryActivity, Transfer, TransferKind
from orgs.models import Organization, OrgKind


def member_counts(orgs: "QuerySet[Organization]") -> dict[int, tuple[int, int]]:
    """(active members, active full members) per organization, in one query."""
    rows = (
        Member.objects.filter(organization__in=orgs, state=MemberState.ACTIVE)
        .values("organization_id")
        .annotate(total=Count("id"), full=Count("id", filter=Q(category=Category.FULL)))
    )
    return {row["organization_id"]: (row["total"], row["full"]) for row in rows}


def manageable_cells(user: Any) -> "QuerySet[Organization]":
    """Existing cells in which `user` may record and change members."""
    return (
        orgs_visible(user, "org.manage_members").filter(kind=OrgKind.CELL, dissolved_on__isnull=True).order_by("path")
    )


def access_member_page(user: Any, member_id: int) -> tuple[Member, bool]:
    """The member and whether `user` sees the whole record.

    Besides those who may view the member, the officers and offices of any
    cell the member was transferred from or to see the transfer history (and
    only that): (member, False). Anyone else gets 403, a missing id 404.
    """
    member = Member.objects.select_related("organization").filter(pk=member_id).first()
    if member is None:
        raise Http404
    if has_perm(user, "member.view", member):
        return member, True
    for transfer in member.transfers.select_related("from_org", "to_org"):
        ends = [org for org in (transfer.from_org, transfer.to_org) if org is not None]
        if any(has_perm(user, "org.view_members", org) for org in ends):
            return member, False
    raise PermissionDenied


def member_rows(members: "QuerySet[Member]") -> "QuerySet[Member]":
    """What the list shows for each member, without a query per row."""
    return members.select_related("organization").annotate(
        exempt_now=Exists(Exemption.objects.as_of(today()).filter(member=OuterRef("pk")))
    )


@dataclass
class PickerOption:
    org: Organization
    indent: int
    selected: bool

    @property
    def label(self) -> str:
        """Indented with no-break spaces: the only indentation a <select> keeps on every browser."""
        return "\u00a0\u00a0\u00a0" * self.indent + self.org.name


def org_picker(user: Any, selected: Organization | None) -> list[PickerOption]:
    """The organizations offered in the list's picker: the user's top organizations, the chosen
    one with its ancestors, and the children of the chosen one (or of the only top one).

    Two queries whatever the size of the tree; empty when the user may see no member list.
    """
    visible = orgs_visible(user, "org.view_members")
    roots = list(visible.filter(Q(parent__isnull=True) | ~Q(parent__in=visible.values("pk"))).order_by("path"))
    if not roots:
        return []
    anchor = selected or (roots[0] if len(roots) == 1 else None)
    wanted = Q(pk__in=[r.pk for r in roots])
    if anchor is not None:
        wanted |= Q(pk__in=[*anchor.ancestor_ids(), anchor.pk]) | Q(parent=anchor, dissolved_on__isnull=True)
    orgs = list(visible.filter(wanted))
    by_id = {org.pk: org for org in orgs}

    def tree_order(org: Organization) -> tuple[str, ...]:
        # Each level sorted by name, children right under their parent.
        return tuple(fold(by_id[i].name) for i in org.ancestor_ids() if i in by_id) + (fold(org.name),)

    orgs.sort(key=tree_order)
    top = min(org.depth for org in orgs)
    return [
        PickerOption(org=org, indent=org.depth - top, selected=selected is not None and org.pk == selected.pk)
        for org in orgs
    ]


def same_person_in_cell(cell_id: int, full_name: str, born: dt.date) -> Member | None:
    """An active member of the cell with the same name (accents and case aside) and date of birth."""
    name = fold(full_name)
    candidates = Member.objects.select_related("organization").filter(
        organization_id=cell_id,
        date_of_birth=born,
        state=MemberState.ACTIVE,
        search_key__startswith=name,
    )
    return next((c for c in candidates if fold(c.full_name) == name), None)


def just_created_by(member: Member, user: Any, within: dt.timedelta = dt.timedelta(minutes=5)) -> bool:
    """True when `user` recorded `member` moments ago: a form sent twice, not a real duplicate."""
    return AuditEntry.objects.filter(
        action__in=("member.create", "member.transfer_in"),
        object_type=Member._meta.label_lower,
        object_id=str(member.pk),
        actor=user,
        at__gte=timezone.now() - within,
    ).exists()


def open_positions(member: Member, on: dt.date) -> list[Any]:
    """Positions the member still holds on `on`, to remind the user to end them."""
    return list(member.positions.filter(Q(valid_to__isnull=True) | Q(valid_to__gte=on)).select_related("organization"))


@dataclass
class HistoryEvent:
    day: dt.date
    title: str
    text: str = ""
    note: str = ""


def _period(start: dt.date, end: dt.date | None) -> str:
    if end is None:
        return _("from %(start)s, open-ended") % {"start": start.strftime("%d/%m/%Y")}
    return _("from %(start)s to %(end)s") % {"start": start.strftime("%d/%m/%Y"), "end": end.strftime("%d/%m/%Y")}


def transfer_events(transfers: list[Transfer]) -> list[HistoryEvent]:
    events = []
    for t in transfers:
        source = t.from_org.name if t.from_org else t.outside_place
        target = t.to_org.name if t.to_org else t.outside_place
        if t.kind == TransferKind.TEMPORARY:
            title = _("Temporary transfer")
        elif t.from_org is None:
            title = _("Transferred in from outside")
        elif t.to_org is None:
            title = _("Transferred out of the system")
        else:
            title = _("Official transfer")
        events.append(
            HistoryEvent(t.on, title, _("%(source)s → %(target)s") % {"source": source, "target": target}, t.note)
        )
    return events


def member_history(
    member: Member,
    exemptions: list[Exemption],
    activities: list[TemporaryActivity],
    transfers: list[Transfer],
) -> list[HistoryEvent]:
    """The member's whole membership, newest first."""
    events = [HistoryEvent(member.admitted_on, _("Admitted to the Party"))]
    if member.full_member_on:
        events.append(HistoryEvent(member.full_member_on, _("Made a full member")))
    for e in exemptions:
        events.append(
            HistoryEvent(
                e.valid_from,
                _("Exempt from Party work and activity"),
                _period(e.valid_from, e.valid_to),
                _("%(reason)s; decision: %(decision)s") % {"reason": e.reason, "decision": e.decision},
            )
        )
    for a in activities:
        events.append(
            HistoryEvent(
                a.valid_from,
                _("Temporary activity elsewhere"),
                _("%(place)s, %(period)s") % {"place": a.place, "period": _period(a.valid_from, a.valid_to)},
                a.note,
            )
        )
    events.extend(transfer_events(transfers))
    if member.left_on and member.state in (MemberState.DECEASED, MemberState.REMOVED):
        title = _("Died") if member.state == MemberState.DECEASED else _("Removed from the Party")
        events.append(HistoryEvent(member.left_on, title, member.left_reason))
    events.sort(key=lambda e: e.day, reverse=True)
    return events
