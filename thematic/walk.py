"""Who may open each URL of this app, merged into tests/url_access.py RULES.

Cell A1's plan and reports: read by whoever sees the cell (alice, sam, the
commune office olga, the province reader rita); written by its secretary sam
and olga. Alice drafts the walk's report, so she writes it too; members of
the cell (alice, sam) comment on the shared draft.
"""

from typing import Any

from tests.url_access import Rule

CELL_READERS = {"alice", "sam", "olga", "rita"}
MANAGERS = {"sam", "olga"}


def _builder(name: str, *args: Any) -> Any:
    """A keyword builder from thematic/testing.py (called with `args` first if given), imported when the walk runs."""

    def build(world: Any) -> dict[str, int]:
        from thematic import testing

        builder = getattr(testing, name)
        return (builder(*args) if args else builder)(world)  # type: ignore[no-any-return]

    return build


RULES: dict[str, Rule] = {
    # Commune A's page: its office and the province reader, not the cells.
    "thematic:commune": Rule({"olga", "rita"}, lambda w: {"org_id": w.commune_a.pk}),
    "thematic:cell": Rule(CELL_READERS, lambda w: {"org_id": w.cell_a1.pk}),
    "thematic:plan_create": Rule(MANAGERS, lambda w: {"org_id": w.cell_a1.pk}, method="post"),
    "thematic:plan_edit": Rule(MANAGERS, _builder("walk_plan")),
    "thematic:plan_approve": Rule(MANAGERS, _builder("walk_plan"), method="post"),
    "thematic:plan_reopen": Rule(MANAGERS, _builder("walk_approved_plan"), method="post"),
    "thematic:topic_link": Rule(MANAGERS, _builder("walk_topic")),
    "thematic:report": Rule(CELL_READERS, _builder("walk_meeting")),
    # Alice is the drafter the plan names.
    "thematic:report_start": Rule({"alice"} | MANAGERS, _builder("walk_meeting"), method="post"),
    "thematic:report_edit": Rule({"alice"} | MANAGERS, _builder("walk_report", "draft")),
    "thematic:report_share": Rule({"alice"} | MANAGERS, _builder("walk_report", "draft"), method="post"),
    "thematic:report_comment": Rule({"alice", "sam"}, _builder("walk_report", "shared"), method="post"),
    "thematic:report_discussed": Rule(MANAGERS, _builder("walk_report", "shared"), method="post"),
    "thematic:report_finalize": Rule(MANAGERS, _builder("walk_report", "discussed"), method="post"),
}
