"""Evaluations for tests, made through the same actions the pages use."""

from typing import Any

from meetings.models import Meeting
from quality.actions import do_score, sheet_for
from quality.models import MeetingEvaluation
from rules.lookup import PackIndex


def score_cell_criteria(
    actor: Any, meeting: Meeting, points: dict[str, int] | None = None, note: str = ""
) -> MeetingEvaluation | None:
    """The cell scores its own criteria of the sheet in force: full marks unless `points` says otherwise.

    Returns None when no sheet applies to the meeting's kind.
    """
    found = sheet_for(meeting, PackIndex.load())
    if found is None:
        return None
    _pack, sheet = found
    given = points or {}
    scores = {c.key: (given.get(c.key, c.max_points), note) for c in sheet.criteria if c.is_manual}
    current = MeetingEvaluation.objects.filter(meeting=meeting).values_list("version", flat=True).first() or 0
    return do_score(actor, meeting, scores=scores, version=current)
