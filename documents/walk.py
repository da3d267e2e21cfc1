"""Who may open each URL of this app, merged into tests/url_access.py RULES.

Official documents of cell A1's meetings (notice sent, minutes and resolution
adopted, thematic report final) go to whoever sees the meeting: alice, her
secretary sam, the commune office olga and the province reader rita; never
sue (another cell) or oscar (another commune). Drafts are tested in
documents/tests/test_rights.py. Commune A's whole guidance goes to those who
read the commune (olga, rita); cell A1's copy to whoever sees the cell. The
Word templates of commune A are its office's alone (olga).
"""

from typing import Any

from tests.url_access import Rule

MEETING_READERS = {"alice", "sam", "olga", "rita"}
OFFICE = {"olga"}


def _meeting(kind: str, fmt: str = "pdf") -> Any:
    def build(world: Any) -> dict[str, Any]:
        from documents.testing import walk_meeting

        return {"meeting_id": walk_meeting(world, kind).pk, "fmt": fmt}

    return build


def _guidance(world: Any, **extra: Any) -> dict[str, Any]:
    from documents.testing import walk_guidance

    return {"guidance_id": walk_guidance(world).pk, **extra}


def _template_version(world: Any) -> dict[str, Any]:
    from documents.testing import walk_template_version

    return {"version_id": walk_template_version(world).pk}


def _commune(world: Any, **extra: Any) -> dict[str, Any]:
    return {"org_id": world.commune_a.pk, **extra}


RULES: dict[str, Rule] = {
    "documents:notice": Rule(MEETING_READERS, _meeting("notice")),
    "documents:agenda": Rule(MEETING_READERS, _meeting("agenda", "docx")),
    "documents:minutes": Rule(MEETING_READERS, _meeting("minutes")),
    "documents:resolution": Rule(MEETING_READERS, _meeting("resolution", "docx")),
    "documents:report": Rule(MEETING_READERS, _meeting("report")),
    "documents:guidance": Rule({"olga", "rita"}, lambda w: _guidance(w, fmt="docx")),
    "documents:guidance_cell": Rule(MEETING_READERS, lambda w: _guidance(w, cell_id=w.cell_a1.pk, fmt="pdf")),
    "documents:templates": Rule(OFFICE, _commune),
    "documents:template_default": Rule(OFFICE, lambda w: _commune(w, kind="minutes")),
    "documents:template_current": Rule(OFFICE, lambda w: _commune(w, kind="resolution")),
    "documents:template_upload": Rule(OFFICE, lambda w: _commune(w, kind="minutes"), method="post"),
    "documents:template_reset": Rule(OFFICE, lambda w: _commune(w, kind="minutes"), method="post"),
    "documents:template_version": Rule(OFFICE, _template_version),
    "documents:template_restore": Rule(OFFICE, _template_version, method="post"),
}
