"""Reads of the organization tree, current or as of a date."""

import datetime as dt
from dataclasses import dataclass, field

from orgs.models import Organization, OrgKind, OrgVersion

MIN_FULL_MEMBERS_PER_CELL = 3


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


def tree_as_of(
    visible: "object",
    day: dt.date | None,
    counts: "dict[int, tuple[int, int]] | None" = None,
) -> list[TreeNode]:
    """Build the tree of `visible` organizations (a queryset) as it stood on `day`.

    One query whatever the size (the versions in force); `counts` maps an
    organization id to (members, full members) and is summed up the tree.
    Without a day, the current placement is used.
    """
    orgs_qs = visible  # type: ignore[assignment]
    if day is not None:
        versions = (
            OrgVersion.objects.as_of(day)
            .filter(organization__in=orgs_qs)  # type: ignore[arg-type]
            .select_related("organization")
            .order_by("organization__path")
        )
        rows = [(v.organization, v.name, v.parent_id) for v in versions]
    else:
        rows = [(o, o.name, o.parent_id) for o in orgs_qs.filter(dissolved_on__isnull=True)]  # type: ignore[attr-defined]
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
        node.children.sort(key=lambda n: (n.org.kind != OrgKind.CELL, n.name))
    return roots


def _walk_post_order(nodes: list[TreeNode]) -> list[TreeNode]:
    out: list[TreeNode] = []
    for node in nodes:
        out.extend(_walk_post_order(node.children))
        out.append(node)
    return out
