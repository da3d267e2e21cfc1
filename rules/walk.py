"""Who may open each URL of this app, merged into tests/url_access.py RULES.

Packs in use are regulations: everyone logged in reads them. Commune A's
draft is seen and changed only by olga, its office; a copy is made by any
office (olga, oscar) into an organization it manages.
"""

from collections.abc import Callable
from typing import Any

from tests.url_access import EVERYONE, Rule


def _pack(what: str) -> Callable[[Any], dict[str, int]]:
    def build(world: Any) -> dict[str, int]:
        from rules.testing import walk_kwargs

        return walk_kwargs(world, what)

    return build


RULES: dict = {
    "rules:list": Rule(EVERYONE),
    "rules:detail": Rule({"olga"}, _pack("draft")),
    "rules:export": Rule(EVERYONE, _pack("published")),
    "rules:copy": Rule({"olga", "oscar"}, _pack("national")),
    "rules:edit": Rule({"olga"}, _pack("draft")),
    "rules:sheet_add": Rule({"olga"}, _pack("draft")),
    "rules:sheet_edit": Rule({"olga"}, _pack("sheet")),
    "rules:sheet_remove": Rule({"olga"}, _pack("sheet"), method="post"),
    "rules:import": Rule({"olga"}, _pack("draft")),
    "rules:publish": Rule({"olga"}, _pack("draft"), method="post"),
    "rules:withdraw": Rule({"olga"}, _pack("published"), method="post"),
    "rules:discard": Rule({"olga"}, _pack("draft"), method="post"),
}
