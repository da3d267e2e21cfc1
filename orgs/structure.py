"""Which kind of organization may sit under which: the shape of the Party tree."""

from orgs.models import OrgKind

# Kinds an organization of each kind may have directly under it.
CHILD_KINDS: dict[str, tuple[str, ...]] = {
    OrgKind.PROVINCE: (OrgKind.COMMUNE,),
    OrgKind.COMMUNE: (OrgKind.SUBCOMMITTEE, OrgKind.CELL),
    OrgKind.SUBCOMMITTEE: (OrgKind.CELL,),
    OrgKind.CELL: (),
}

# Kinds that have a standing committee (ban thường vụ) besides the committee.
KINDS_WITH_STANDING_COMMITTEE = (OrgKind.PROVINCE, OrgKind.COMMUNE)


def may_hold(parent_kind: str, child_kind: str) -> bool:
    return child_kind in CHILD_KINDS.get(parent_kind, ())


def parent_kinds_for(child_kind: str) -> tuple[str, ...]:
    return tuple(kind for kind, children in CHILD_KINDS.items() if child_kind in children)
