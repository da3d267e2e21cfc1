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
    "audit:list": Rule({"olga", "rita", "oscar"}),
}

# URL name prefixes that the walk does not visit, with the reason.
SKIPPED_PREFIXES = {
    "admin:": "Django admin: superusers only, guarded by Django itself (tested in test_admin_is_superuser_only)",
}
