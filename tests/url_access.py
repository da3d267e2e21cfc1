"""Who may open each URL: the table the permission walk test checks.

Every URL name in the project must appear here; a new URL fails the walk
until it is classified. `allowed` lists the test people (see core/testing.py)
who get through; everyone else must be refused (403/404, or the log-in page
for anonymous visitors).
"""

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from core.testing import World

EVERYONE = {"alice", "sam", "sue", "olga", "rita", "oscar"}
PUBLIC = EVERYONE | {"anonymous"}


@dataclass
class Rule:
    allowed: set[str]
    kwargs: Callable[[World], dict[str, Any]] = field(default=lambda w: {})
    method: str = "get"
    query: str = ""


def _member_of(user_attr: str) -> Callable[[World], dict[str, Any]]:
    return lambda w: {"member_id": getattr(w, user_attr).member_id}


def _term_of(org: Any) -> int:
    """An open committee term of `org`, created for the walk."""
    import datetime as dt

    from committees.models import CommitteeTerm

    term, _ = CommitteeTerm.objects.get_or_create(organization=org, name="2025-2030", starts_on=dt.date(2025, 8, 1))
    return term.pk


def _import_batch(world: World) -> dict[str, int]:
    """Sam's checked import into cell A1, created for the walk."""
    from member_excel.testing import sample_batch

    return {"batch_id": sample_batch(world).pk}


RULES: dict[str, Rule] = {
    "home:home": Rule(EVERYONE),
    "accounts:login": Rule(PUBLIC),
    "accounts:logout": Rule(PUBLIC, method="post"),
    "accounts:activate": Rule(PUBLIC),
    "orgs:tree": Rule(EVERYONE),
    # Cell A1: its members, its secretary, the commune office, the province reader.
    "orgs:detail": Rule({"alice", "sam", "olga", "rita"}, lambda w: {"org_id": w.cell_a1.pk}),
    "members:list": Rule({"sam", "sue", "olga", "rita", "oscar"}),
    # Alice's record: herself, her secretary, her commune office, the province reader.
    "members:detail": Rule({"alice", "sam", "olga", "rita"}, _member_of("alice")),
    # New records: whoever manages at least one cell.
    "members:create": Rule({"sam", "sue", "olga", "oscar"}),
    "members:transfer_in": Rule({"sam", "sue", "olga", "oscar"}),
    # Changes to alice's record: those who manage her (her secretary, her commune office).
    "members:edit": Rule({"sam", "olga"}, _member_of("alice")),
    "members:make_full": Rule({"sam", "olga"}, _member_of("alice")),
    "members:add_exemption": Rule({"sam", "olga"}, _member_of("alice")),
    "members:end_exemption": Rule({"sam", "olga"}, _member_of("alice")),
    "members:add_temporary_activity": Rule({"sam", "olga"}, _member_of("alice")),
    "members:end_temporary_activity": Rule({"sam", "olga"}, _member_of("alice")),
    "members:transfer": Rule({"sam", "olga"}, _member_of("alice")),
    "members:transfer_out": Rule({"sam", "olga"}, _member_of("alice")),
    "members:record_death": Rule({"sam", "olga"}, _member_of("alice")),
    "members:remove": Rule({"sam", "olga"}, _member_of("alice")),
    # Office actions on commune A and cell A1: only olga, commune A's office.
    "orgs:create_child": Rule({"olga"}, lambda w: {"org_id": w.commune_a.pk}),
    "orgs:rename": Rule({"olga"}, lambda w: {"org_id": w.cell_a1.pk}),
    "orgs:move": Rule({"olga"}, lambda w: {"org_id": w.cell_a1.pk}),
    "orgs:dissolve": Rule({"olga"}, lambda w: {"org_id": w.cell_a1.pk}),
    "orgs:merge": Rule({"olga"}, lambda w: {"org_id": w.commune_a.pk}),
    "orgs:merge_confirm": Rule({"olga"}, lambda w: {"org_id": w.commune_a.pk}, method="post"),
    # Cell A1's committee: read by whoever sees the cell, edited by the commune office only.
    "committees:org": Rule({"alice", "sam", "olga", "rita"}, lambda w: {"org_id": w.cell_a1.pk}),
    "committees:term_create": Rule({"olga"}, lambda w: {"org_id": w.cell_a1.pk}),
    "committees:term_close": Rule({"olga"}, lambda w: {"term_id": _term_of(w.cell_a1)}),
    "committees:position_assign": Rule({"olga"}, lambda w: {"org_id": w.cell_a1.pk}),
    "committees:position_end": Rule({"olga"}, lambda w: {"position_id": w.sam.member.positions.get().pk}),
    # Activation slips for cell A1: its officers and the commune office; readers never issue.
    "accounts:issue": Rule({"sam", "olga"}, lambda w: {"org_id": w.cell_a1.pk}),
    # Resetting alice's access (the confirmation step): her secretary and her commune office.
    "accounts:reset": Rule({"sam", "olga"}, _member_of("alice"), method="post"),
    # Member import: whoever manages members somewhere; a batch only for those who manage its target (cell A1).
    "member_excel:template": Rule({"sam", "sue", "olga", "oscar"}),
    "member_excel:upload": Rule({"sam", "sue", "olga", "oscar"}),
    "member_excel:batch": Rule({"sam", "olga"}, _import_batch),
    "member_excel:progress": Rule({"sam", "olga"}, _import_batch),
    "member_excel:commit": Rule({"sam", "olga"}, _import_batch, method="post"),
    "member_excel:recheck": Rule({"sam", "olga"}, _import_batch, method="post"),
    # The export follows the member list.
    "member_excel:export": Rule({"sam", "sue", "olga", "rita", "oscar"}),
    "audit:list": Rule({"olga", "rita", "oscar"}),
}

# URL name prefixes that the walk does not visit, with the reason.
SKIPPED_PREFIXES = {
    "admin:": "Django admin: superusers only, guarded by Django itself (tested in test_admin_is_superuser_only)",
}
