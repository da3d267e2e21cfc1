"""Reads of the organization tree, current or as of a date."""

import datetime as dt
import re
from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any

from django.db.models import QuerySet
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from core.text import fold
from members.models import Member, MemberState
from orgs.models import Organization, OrgKind, OrgVersion

MIN_FULL_MEMBERS_PER_CELL = 3

# Why a version of an organization began (OrgVersion.reason), for display.
REASONS = {
    "founded": gettext_lazy("founded"),
    "renamed": gettext_lazy("renamed"),
    "moved": gettext_lazy("moved"),
    "merged": gettext_lazy("moved by a merge"),
}


def natural_key(text: str) -> tuple[Any, ...]:
    """Sort "Khu 2" before "Khu 10", ignoring accents and case."""
    return tuple(int(part) if part.isdigit() else part for part in re.split(r"(\d+)", fold(text)))


def vietnamese_name_key(full_name: str) -> tuple[Any, ...]:
    """Vietnamese lists sort by given name (the last word), then by the full name."""
    words = full_name.split()
    return (fold(words[-1]) if words else "", fold(full_name))


@dataclass
class TreeNode:
    org: Organization
    name: str
    parent_id: int | None
    children: list["TreeNode"] = field(default_factory=list)
    members: int = 0
    full_members: int = 0

    @property
    def too_few_full_members(self) -> bool:
        return self.org.kind == OrgKind.CELL and self.full_members < MIN_FULL_MEMBERS_PER_CELL

    def walk(self) -> list["TreeNode"]:
        out = [self]
        for child in self.children:
            out.extend(child.walk())
        return out


def tree_as_of(
    visible: "QuerySet[Organization]",
    day: dt.date | None,
    counts: "dict[int, tuple[int, int]] | None" = None,
) -> list[TreeNode]:
    """Build the tree of `visible` organizations as it stood on `day`.

    One query whatever the size (the versions in force on that day); without a
    day, the current placement of the organizations not dissolved. `counts`
    maps an organization id to (members, full members) and is summed up the
    tree. An organization whose parent is not visible becomes a root.
    """
    if day is not None:
        versions = (
            OrgVersion.objects.as_of(day)
            .filter(organization__in=visible)
            .select_related("organization")
            .order_by("organization__path")
        )
        rows = [(v.organization, v.name, v.parent_id) for v in versions]
    else:
        rows = [(o, o.name, o.parent_id) for o in visible.filter(dissolved_on__isnull=True)]
    nodes = {org.pk: TreeNode(org=org, name=name, parent_id=parent_id) for org, name, parent_id in rows}
    roots: list[TreeNode] = []
    for node in nodes.values():
        node.members, node.full_members = (counts or {}).get(node.org.pk, (0, 0))
        parent = nodes.get(node.parent_id) if node.parent_id else None
        (parent.children if parent else roots).append(node)
    for node in _walk_post_order(roots):
        for child in node.children:
            node.members += child.members
            node.full_members += child.full_members
        node.children.sort(key=lambda n: (n.org.kind == OrgKind.CELL, natural_key(n.name)))
    roots.sort(key=lambda n: (n.org.path.count("/"), natural_key(n.name)))
    return roots


def _walk_post_order(nodes: list[TreeNode]) -> list[TreeNode]:
    out: list[TreeNode] = []
    for node in nodes:
        out.extend(_walk_post_order(node.children))
        out.append(node)
    return out


@dataclass
class HistoryLine:
    """One period of an organization's name and place, with its parent's name at the time."""

    version: OrgVersion
    parent_name: str

    @property
    def reason(self) -> str:
        return str(REASONS.get(self.version.reason, self.version.reason))

    @property
    def last_day(self) -> dt.date | None:
        """The period's last day (its stored end is exclusive)."""
        end = self.version.valid_to
        return end - dt.timedelta(days=1) if end else None


def org_history(org: Organization) -> list[HistoryLine]:
    """The organization's names and parents over time, newest first, in two queries."""
    versions = list(OrgVersion.objects.filter(organization=org).order_by("-valid_from"))
    parent_ids = {v.parent_id for v in versions if v.parent_id}
    parent_versions: dict[int, list[OrgVersion]] = defaultdict(list)
    for pv in OrgVersion.objects.filter(organization_id__in=parent_ids).order_by("valid_from"):
        parent_versions[pv.organization_id].append(pv)
    lines = []
    for version in versions:
        if version.valid_to == version.valid_from:
            continue  # a period that never was in force (dissolved on the day it began)
        name = ""
        if version.parent_id:
            candidates = parent_versions.get(version.parent_id, [])
            # The parent's name on the first day of this period (or its earliest known name).
            in_force = [pv for pv in candidates if pv.valid_from <= version.valid_from] or candidates[:1]
            name = in_force[-1].name if in_force else ""
        lines.append(HistoryLine(version=version, parent_name=name))
    return lines


def roster(org: Organization) -> list[Member]:
    """The cell's active members, in Vietnamese name order."""
    members = list(
        Member.objects.filter(organization=org, state=MemberState.ACTIVE).only(
            "full_name", "category", "organization_id"
        )
    )
    for member in members:
        member.organization = org
    return sorted(members, key=lambda m: vietnamese_name_key(m.full_name))


def warnings_for(org: Organization, node: TreeNode | None, committee: Any) -> list[str]:
    """What the office should look at on this organization (DOMAIN.md §3), as sentences."""
    if not org.is_active:
        return []
    out: list[str] = []
    full = node.full_members if node else 0
    if org.is_cell:
        if full < MIN_FULL_MEMBERS_PER_CELL:
            out.append(_("This cell has only %(n)s full members; a cell needs at least 3.") % {"n": full})
        if not committee.secretaries:
            out.append(_("This cell has no secretary."))
        if committee.committee_members_in_small_cell:
            out.append(
                _(
                    "This cell has fewer than 9 full members, so it has no committee, "
                    "yet committee members are recorded: end those positions."
                )
            )
        elif not committee.small_cell and not any(p.role == "committee" for p in committee.officers):
            out.append(_("This cell has 9 or more full members: it should elect a committee."))
        if not committee.follow_ups:
            out.append(_("No follow-up cadre of the upper committee is assigned to this cell."))
    else:
        if not committee.secretaries:
            out.append(_("No secretary is recorded."))
        weak = [n for n in (node.walk() if node else []) if n.too_few_full_members]
        if weak:
            out.append(_("%(n)s cells below have fewer than 3 full members.") % {"n": len(weak)})
    return out
