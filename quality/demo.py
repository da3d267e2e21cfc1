"""The demo's evaluations: every held meeting of the demo year, scored as its cell would have scored it.

The computed criteria come from the records the demo history wrote (attendance,
duration, speakers, preparation, notice, tasks…). The criteria a cell scores
itself are drawn with a seeded generator, so the same database gives the same
results on every run: most cells score themselves well, some middling, a few
weak. Each evaluation is adopted at the moment its minutes were adopted, and
audited as adoption does, in bulk.
"""

from __future__ import annotations

import random
from collections import Counter
from dataclasses import dataclass

from django.conf import settings
from django.db import transaction
from django.utils import translation

from audit.log import entry, record_many, snapshot
from meetings.models import Meeting, MeetingStatus, Minutes, RecordStatus
from orgs.models import Organization
from quality.actions import AUDIT_FIELDS, fill, score, sheet_for
from quality.measures import measure_meetings
from quality.models import EvaluationStatus, MeetingEvaluation
from quality.queries import SCORED_KINDS
from rules.lookup import PackIndex

SEED = 9012
BATCH = 2000
# How a cell tends to score its own criteria: share of cells, and the share of the maximum it gives.
PROFILES = (("good", 0.75, (0.9, 1.0)), ("middling", 0.17, (0.6, 0.9)), ("weak", 0.08, (0.2, 0.6)))


@dataclass
class EvaluationSummary:
    evaluated: int
    levels: dict[str, int]


def _profiles(rng: random.Random, cell_ids: list[int]) -> dict[int, tuple[float, float]]:
    out = {}
    for cell_id in cell_ids:
        roll, start = rng.random(), 0.0
        for _name, share, span in PROFILES:
            start += share
            if roll < start:
                out[cell_id] = span
                break
        else:
            out[cell_id] = PROFILES[0][2]
    return out


@transaction.atomic
def evaluate_history(commune: Organization, seed: int = SEED) -> EvaluationSummary:
    """Evaluate and adopt every held meeting under `commune` whose minutes are adopted and that has no evaluation."""
    meetings = list(
        Meeting.objects.filter(
            organization__path__startswith=commune.path,
            status=MeetingStatus.HELD,
            kind__in=SCORED_KINDS,
            evaluation__isnull=True,
        )
        .select_related("organization")
        .order_by("organization__code", "scheduled_at", "pk")
    )
    adopted = {
        meeting_id: (at, by)
        for meeting_id, at, by in Minutes.objects.filter(
            meeting__in=[m.pk for m in meetings], status=RecordStatus.ADOPTED
        ).values_list("meeting_id", "adopted_at", "adopted_by_id")
    }
    meetings = [m for m in meetings if m.pk in adopted]
    index = PackIndex.load()
    rng = random.Random(seed)
    profiles = _profiles(rng, sorted({m.organization_id for m in meetings}))
    evaluations, audit = [], []
    with translation.override(settings.LANGUAGE_CODE):
        measured = measure_meetings(meetings, index)
        for meeting in meetings:
            found = sheet_for(meeting, index)
            if found is None:
                continue
            pack, sheet = found
            low, high = profiles[meeting.organization_id]
            manual = {
                c.key: {"points": round(c.max_points * rng.uniform(low, high)), "note": ""}
                for c in sheet.criteria
                if c.is_manual
            }
            evaluation = MeetingEvaluation(meeting=meeting, version=1, status=EvaluationStatus.ADOPTED)
            fill(evaluation, pack, sheet, measured[meeting.pk], score(sheet, measured[meeting.pk], manual), manual)
            adopted_at, evaluation.adopted_by_id = adopted[meeting.pk]
            evaluation.adopted_at = evaluation.computed_at = adopted_at or evaluation.computed_at
            evaluations.append(evaluation)
    MeetingEvaluation.objects.bulk_create(evaluations, batch_size=BATCH)
    for evaluation in evaluations:
        audit.append(
            entry(
                None,
                "quality.adopt",
                evaluation,
                organization=evaluation.meeting.organization,
                after=snapshot(evaluation, AUDIT_FIELDS),
                object_repr=evaluation.meeting.title,
            )
        )
    record_many(audit, batch_size=BATCH)
    return EvaluationSummary(len(evaluations), dict(Counter(e.level_title for e in evaluations)))
