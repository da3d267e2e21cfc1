"""Who may open each URL of this app, merged into tests/url_access.py RULES."""

from typing import Any

from core.testing import World
from tests.url_access import Rule


def _held(world: World) -> dict[str, Any]:
    """A held meeting of cell A1, scored by the cell, created for the walk."""
    from records.testing import held_meeting

    return {"meeting_id": held_meeting(world.cell_a1).pk}


RULES: dict[str, Rule] = {
    # A meeting's sheet: read by whoever sees the meeting; scored and recomputed by its officers and the office.
    "quality:meeting": Rule({"alice", "sam", "olga", "rita"}, _held),
    "quality:score": Rule({"sam", "olga"}, _held, method="post"),
    "quality:recompute": Rule({"sam", "olga"}, _held, method="post"),
    # Commune A's year: its office and the province reader, not the cells' members or officers.
    "quality:commune": Rule({"olga", "rita"}, lambda w: {"org_id": w.commune_a.pk}),
    "quality:commune_export": Rule({"olga", "rita"}, lambda w: {"org_id": w.commune_a.pk}),
    # Cell A1's year: its secretary, the commune office and the province reader; not an ordinary member.
    "quality:cell": Rule({"sam", "olga", "rita"}, lambda w: {"cell_id": w.cell_a1.pk}),
}
