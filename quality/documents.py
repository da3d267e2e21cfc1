"""The quality sheet as an annex to the minutes, for whoever lays the minutes out (PDF, Word)."""

from __future__ import annotations

from dataclasses import dataclass

from django.utils.translation import gettext as _

from meetings.models import Meeting
from quality.models import MeetingEvaluation


@dataclass(frozen=True)
class AnnexRow:
    """One criterion of the quality sheet."""

    group: str
    title: str
    max_points: int
    points: int
    reason: str


@dataclass(frozen=True)
class Annex:
    title: str  # "PHIẾU ĐÁNH GIÁ CHẤT LƯỢNG SINH HOẠT CHI BỘ"
    pack_label: str  # which rule pack version produced it
    rows: list[AnnexRow]
    total: int
    max_total: int
    level: str  # "Tốt"
    adopted: bool


def annex_of(evaluation: MeetingEvaluation) -> Annex:
    return Annex(
        title=(evaluation.sheet_title or _("Meeting quality evaluation sheet")).upper(),
        pack_label=evaluation.pack.label,
        rows=[AnnexRow(r["group"], r["title"], r["max_points"], r["points"], r["reason"]) for r in evaluation.rows],
        total=evaluation.total,
        max_total=evaluation.max_total,
        level=evaluation.level_title,
        adopted=evaluation.is_adopted,
    )


def annex(meeting: Meeting) -> Annex | None:
    """The meeting's quality sheet as stored (adopted or still a draft), or None when it was not evaluated."""
    evaluation = MeetingEvaluation.objects.filter(meeting_id=meeting.pk).select_related("pack").first()
    return annex_of(evaluation) if evaluation is not None else None
