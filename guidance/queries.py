"""Reads for the monthly guidance: what a cell must cover, corrections, and which cells took it up.

`guidance_for_cell(cell, month)` is the entry point for the meeting
preparation: it returns the published guidance that applies to a cell in a
month and the points meant for that cell's type.
"""

import calendar
import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from django.db.models import Count, Q, QuerySet
from django.db.models.functions import Length
from django.http import Http404
from django.utils.translation import gettext_lazy as _

from accounts.permissions import has_perm, orgs_visible, require
from audit.models import AuditEntry
from guidance.actions import CORRECTION_PREFIX
from guidance.models import Conference, Guidance, GuidanceItem, GuidanceStatus, ItemKind, month_start
from orgs.models import Organization, OrgKind
from orgs.queries import natural_key


def access_guidance(user: Any, guidance_id: int, perm: str = "org.view") -> Guidance:
    """The guidance, if `user` holds `perm` on the organization that wrote it."""
    try:
        guidance = Guidance.objects.select_related("organization", "conference").get(pk=guidance_id)
    except Guidance.DoesNotExist:
        raise Http404 from None
    require(user, perm, guidance.organization)
    return guidance


def access_item(user: Any, item_id: int, perm: str = "org.view") -> GuidanceItem:
    try:
        item = GuidanceItem.objects.select_related("guidance__organization").get(pk=item_id)
    except GuidanceItem.DoesNotExist:
        raise Http404 from None
    require(user, perm, item.guidance.organization)
    return item


def access_conference(user: Any, conference_id: int, perm: str = "org.view") -> Conference:
    try:
        conference = Conference.objects.select_related("organization").get(pk=conference_id)
    except Conference.DoesNotExist:
        raise Http404 from None
    require(user, perm, conference.organization)
    return conference


def may_read_item(user: Any, item: GuidanceItem) -> bool:
    """Whoever reads the issuing organization, or a cell under it that the published point is for."""
    guidance = item.guidance
    if has_perm(user, "org.view", guidance.organization):
        return True
    if not guidance.is_published:
        return False
    cells = orgs_visible(user, "org.view").filter(kind=OrgKind.CELL, path__startswith=guidance.organization.path)
    if item.cell_types:
        cells = cells.filter(cell_type__in=item.cell_types)
    return cells.exists()


def guidance_for_cell(cell: Organization, month: dt.date) -> tuple[Guidance | None, list[GuidanceItem]]:
    """The published guidance for `cell` in `month`, and its points meant for the cell's type.

    The guidance comes from the nearest upper organization that published one
    for that month (normally the commune committee). Returns (None, []) when
    nothing is published yet. Two queries.
    """
    guidance = (
        Guidance.objects.filter(
            organization_id__in=cell.ancestor_ids(), month=month_start(month), status=GuidanceStatus.PUBLISHED
        )
        .select_related("organization", "conference")
        .order_by(Length("organization__path").desc())
        .first()
    )
    if guidance is None:
        return None, []
    return guidance, [item for item in guidance.items.all() if item.applies_to(cell.cell_type)]


def guidances_of(org: Organization) -> QuerySet[Guidance]:
    """The organization's guidance, newest month first, with the number of points."""
    return (
        Guidance.objects.filter(organization=org)
        .select_related("conference")
        .annotate(item_count=Count("items"))
        .order_by("-month")
    )


def items_by_kind(items: list[GuidanceItem]) -> list[tuple[str, list[GuidanceItem]]]:
    """Points grouped as the meeting takes them: key tasks, documents, then current affairs."""
    groups = [(str(label), [i for i in items if i.kind == kind]) for kind, label in ItemKind.choices]
    return [(label, group) for label, group in groups if group]


@dataclass
class Correction:
    """One change made to a guidance after it was published."""

    at: dt.datetime
    actor_name: str
    action: str
    item_id: int | None
    title: str
    types_before: list[str] | None
    types_after: list[str] | None

    @property
    def on_guidance(self) -> bool:
        return self.item_id is None

    def affects(self, cell_type: str) -> bool:
        if self.on_guidance:
            return True
        return any(t is not None and (not t or cell_type in t) for t in (self.types_before, self.types_after))

    def removed_for(self, cell_type: str) -> bool:
        """The point no longer reaches a cell of `cell_type`: deleted, or narrowed to other types."""
        before_applies = self.types_before is not None and (not self.types_before or cell_type in self.types_before)
        after_applies = self.types_after is not None and (not self.types_after or cell_type in self.types_after)
        return before_applies and not after_applies


def corrections(guidance: Guidance) -> list[Correction]:
    """The audited corrections made after publication, oldest first. One query."""
    if not guidance.is_published:
        return []
    rows = AuditEntry.objects.filter(
        object_type="guidance.guidance", object_id=str(guidance.pk), action__startswith=CORRECTION_PREFIX
    ).order_by("at", "id")
    found = []
    for row in rows:
        before, after = row.before or {}, row.after or {}
        item_id = after.get("item", before.get("item"))
        found.append(
            Correction(
                at=row.at,
                actor_name=row.actor_name,
                action=row.action,
                item_id=item_id,
                title=after.get("title") or before.get("title") or "",
                types_before=before.get("cell_types") if item_id and before else None,
                types_after=after.get("cell_types") if item_id and after else None,
            )
        )
    return found


class UptakeState:
    NOT_YET = "not_yet"
    PREPARING = "preparing"
    DISCUSSED = "discussed"

    LABELS = {
        NOT_YET: _("Not yet"),
        PREPARING: _("In preparation"),
        DISCUSSED: _("Discussed at the meeting"),
    }


@dataclass
class CellUptake:
    cell: Organization
    state: str = UptakeState.NOT_YET
    taken_up_at: dt.datetime | None = None
    item_count: int = 0
    changed_since: dt.datetime | None = None

    @property
    def label(self) -> str:
        return str(UptakeState.LABELS[self.state])


@dataclass
class Uptake:
    guidance: Guidance
    cells: list[CellUptake] = field(default_factory=list)

    def count(self, state: str) -> int:
        return sum(1 for c in self.cells if c.state == state)

    @property
    def not_yet(self) -> int:
        return self.count(UptakeState.NOT_YET)

    @property
    def preparing(self) -> int:
        return self.count(UptakeState.PREPARING)

    @property
    def discussed(self) -> int:
        return self.count(UptakeState.DISCUSSED)

    @property
    def changed(self) -> int:
        return sum(1 for c in self.cells if c.changed_since)


def _month_end(month: dt.date) -> dt.date:
    return month.replace(day=calendar.monthrange(month.year, month.month)[1])


def _uptake_meetings(guidance: Guidance, **where: Any) -> QuerySet[Any]:
    """(cell id, status, created at) of the month's meetings that link the guidance or one of its points."""
    from meetings.models import Meeting, MeetingStatus

    return (
        Meeting.objects.filter(month=guidance.month, **where)
        .exclude(status=MeetingStatus.CANCELLED)
        .filter(Q(guidance=guidance) | Q(agenda_items__guidance_item__guidance=guidance))
        .values_list("organization_id", "status", "created_at")
        .distinct()
    )


def _apply_meeting(uptake: CellUptake, status: str, created_at: dt.datetime) -> None:
    from meetings.models import MeetingStatus

    state = UptakeState.DISCUSSED if status == MeetingStatus.HELD else UptakeState.PREPARING
    if state == UptakeState.DISCUSSED or uptake.state == UptakeState.NOT_YET:
        uptake.state = state
    if uptake.taken_up_at is None or created_at < uptake.taken_up_at:
        uptake.taken_up_at = created_at


def _changed_since(uptake: CellUptake, found: list[Correction]) -> None:
    if uptake.taken_up_at is None:
        return
    later = [c.at for c in found if c.at > uptake.taken_up_at and c.affects(uptake.cell.cell_type)]
    uptake.changed_since = max(later) if later else None


def uptake(guidance: Guidance) -> Uptake:
    """Per cell under the issuing organization: not yet / in preparation / discussed.

    A cell has taken the guidance up when one of its meetings of that month
    links to it or has agenda items linked to its points; "discussed" once that
    meeting is held. A fixed number of queries whatever the number of cells.
    """
    org = guidance.organization
    month = guidance.month
    cells = sorted(
        Organization.objects.filter(kind=OrgKind.CELL, path__startswith=org.path, founded_on__lte=_month_end(month))
        .filter(Q(dissolved_on__isnull=True) | Q(dissolved_on__gte=month))
        .only("id", "name", "cell_type", "path"),
        key=lambda c: natural_key(c.name),
    )
    items = list(guidance.items.only("id", "cell_types"))
    result = Uptake(guidance)
    by_id: dict[int, CellUptake] = {}
    for cell in cells:
        line = CellUptake(cell, item_count=sum(1 for i in items if i.applies_to(cell.cell_type)))
        by_id[cell.pk] = line
        result.cells.append(line)
    for cell_id, status, created_at in _uptake_meetings(guidance, organization__path__startswith=org.path):
        if cell_id in by_id:
            _apply_meeting(by_id[cell_id], status, created_at)
    found = corrections(guidance)
    for line in result.cells:
        _changed_since(line, found)
    return result


def cell_uptake(cell: Organization, guidance: Guidance, found: list[Correction]) -> CellUptake:
    """How far one cell has taken the guidance up, and whether it changed after."""
    line = CellUptake(cell)
    for _cell_id, status, created_at in _uptake_meetings(guidance, organization=cell):
        _apply_meeting(line, status, created_at)
    _changed_since(line, found)
    return line
