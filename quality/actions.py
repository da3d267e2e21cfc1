"""Every write of a meeting's quality evaluation: the cell's scores, a recomputation, adoption with the minutes.

Each function locks the meeting row first, so two officers scoring at once
queue one behind the other, and refuses to touch an adopted evaluation.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Mapping
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from audit.log import entry, record, record_many, snapshot
from meetings.models import Meeting, MeetingStatus, Minutes, RecordStatus
from orgs.models import Organization
from quality.engine import Manual, Result, ScoreOutOfRange, evaluate
from quality.measures import Measured, measure_meetings, meeting_day
from quality.models import EvaluationStatus, MeetingEvaluation
from rules.lookup import NoPackInForce, PackIndex
from rules.models import RulePack
from rules.schema import Sheet

# An evaluation is made once the meeting has begun: the cell scores it at its close.
STARTED = (MeetingStatus.IN_PROGRESS, MeetingStatus.HELD)
AUDIT_FIELDS = ["pack", "sheet_key", "manual", "total", "level_title", "status", "version"]


class EvaluationLocked(ValidationError):
    def __init__(self) -> None:
        super().__init__(_("This evaluation was adopted with the minutes and can no longer change."))


class StaleEvaluation(ValidationError):
    def __init__(self) -> None:
        super().__init__(
            _("Someone else changed this evaluation after you opened it. Reload the page; your scores were not saved.")
        )


def sheet_for(meeting: Meeting, index: PackIndex) -> tuple[RulePack, Sheet] | None:
    """The pack in force for the meeting's cell on the meeting day, and its sheet for the meeting's kind."""
    try:
        pack = index.pack_for(meeting.organization, meeting_day(meeting))
    except NoPackInForce:
        return None
    sheet = pack.rules.sheet_for(meeting.kind)
    return (pack, sheet) if sheet is not None else None


def manual_entries(sheet: Sheet, stored: Mapping[str, Any]) -> dict[str, Manual]:
    """The cell's stored scores that fit the sheet: a score for a criterion the sheet no longer has, or above its
    maximum after the rules changed, counts as not scored yet rather than as a wrong result."""
    out = {}
    for criterion in sheet.criteria:
        entry = stored.get(criterion.key)
        if not criterion.is_manual or not isinstance(entry, dict):
            continue
        points = entry.get("points")
        if isinstance(points, int) and not isinstance(points, bool) and 0 <= points <= criterion.max_points:
            out[criterion.key] = Manual(points, str(entry.get("note", "")))
    return out


def score(sheet: Sheet, measured: Measured, stored_manual: Mapping[str, Any]) -> Result:
    return evaluate(sheet, measured.values, manual_entries(sheet, stored_manual), measured.details)


def fill(
    evaluation: MeetingEvaluation, pack: RulePack, sheet: Sheet, measured: Measured, result: Result, manual: dict
) -> None:
    """Copy a computed result onto the evaluation (unsaved)."""
    evaluation.pack = pack
    evaluation.sheet_key, evaluation.sheet_title = sheet.key, sheet.title
    evaluation.measured, evaluation.details = dict(measured.values), dict(measured.details)
    evaluation.manual = manual
    evaluation.rows = [dataclasses.asdict(row) for row in result.rows]
    evaluation.notes = list(result.notes)
    evaluation.total, evaluation.max_total = result.total, result.max_total
    evaluation.level_key, evaluation.level_title, evaluation.level_rank = (
        result.level.key,
        result.level.title,
        result.level_rank,
    )
    evaluation.computed_at = timezone.now()


def _lock(meeting: Meeting) -> tuple[Meeting, MeetingEvaluation | None]:
    meeting = Meeting.objects.select_for_update().select_related("organization").get(pk=meeting.pk)
    evaluation = MeetingEvaluation.objects.select_for_update().filter(meeting=meeting).first()
    return meeting, evaluation


def _check_open(meeting: Meeting, evaluation: MeetingEvaluation | None) -> None:
    if evaluation is not None and evaluation.is_adopted:
        raise EvaluationLocked
    if meeting.status not in STARTED:
        raise ValidationError(_("The meeting has not been held yet: there is nothing to evaluate."))
    if Minutes.objects.filter(meeting=meeting, status=RecordStatus.ADOPTED).exists():
        raise ValidationError(_("The minutes of this meeting were adopted without an evaluation; it stays so."))


def _sheet_or_refuse(meeting: Meeting, index: PackIndex) -> tuple[RulePack, Sheet]:
    found = sheet_for(meeting, index)
    if found is None:
        raise ValidationError(_("No score sheet in force applies to this kind of meeting."))
    return found


def _save(
    actor: Any,
    action: str,
    meeting: Meeting,
    evaluation: MeetingEvaluation | None,
    compute: tuple[RulePack, Sheet, Measured, Result, dict],
) -> MeetingEvaluation:
    before = snapshot(evaluation, AUDIT_FIELDS) if evaluation is not None else None
    if evaluation is None:
        evaluation = MeetingEvaluation(meeting=meeting, version=0)
    fill(evaluation, *compute)
    evaluation.version += 1
    evaluation.save()
    record(
        actor,
        action,
        evaluation,
        organization=meeting.organization,
        before=before,
        after=snapshot(evaluation, AUDIT_FIELDS),
        object_repr=meeting.title,
    )
    return evaluation


def _compute(meeting: Meeting, index: PackIndex, manual: dict) -> tuple[RulePack, Sheet, Measured, Result, dict]:
    pack, sheet = _sheet_or_refuse(meeting, index)
    measured = measure_meetings([meeting], index)[meeting.pk]
    return pack, sheet, measured, score(sheet, measured, manual), manual


def _same_result(evaluation: MeetingEvaluation, compute: tuple[RulePack, Sheet, Measured, Result, dict]) -> bool:
    pack, sheet, measured, result, manual = compute
    return (
        evaluation.pack_id == pack.pk
        and evaluation.manual == manual
        and evaluation.measured == measured.values
        and evaluation.rows == [dataclasses.asdict(row) for row in result.rows]
    )


@transaction.atomic
def do_score(
    actor: Any, meeting: Meeting, *, scores: Mapping[str, tuple[int | None, str]], version: int
) -> MeetingEvaluation:
    """Save the cell's own scores (criterion key → (points or None for not scored, note)) and recompute the rest.

    `version` is the evaluation's version the form was opened with (0 when there was none yet).
    """
    meeting, evaluation = _lock(meeting)
    _check_open(meeting, evaluation)
    index = PackIndex.load()
    pack, sheet = _sheet_or_refuse(meeting, index)
    criteria = {c.key: c for c in sheet.criteria if c.is_manual}
    manual = dict(evaluation.manual) if evaluation is not None else {}
    for key, (points, note) in scores.items():
        if key not in criteria:
            raise ValidationError(_("“%(key)s” is not a criterion the cell scores on this sheet.") % {"key": key})
        if points is None:
            manual.pop(key, None)
            continue
        if isinstance(points, bool) or not isinstance(points, int) or not 0 <= points <= criteria[key].max_points:
            raise ValidationError(str(ScoreOutOfRange(criteria[key], points)))
        manual[key] = {"points": points, "note": note.strip()}
    if evaluation is not None and manual == evaluation.manual:
        return evaluation  # the same scores sent twice
    if version != (evaluation.version if evaluation is not None else 0):
        raise StaleEvaluation
    return _save(actor, "quality.score", meeting, evaluation, _compute(meeting, index, manual))


@transaction.atomic
def do_recompute(actor: Any, meeting: Meeting) -> MeetingEvaluation:
    """Measure the records again (and apply the pack now in force); the cell's scores are kept."""
    meeting, evaluation = _lock(meeting)
    _check_open(meeting, evaluation)
    manual = dict(evaluation.manual) if evaluation is not None else {}
    compute = _compute(meeting, PackIndex.load(), manual)
    if evaluation is not None and _same_result(evaluation, compute):
        return evaluation
    return _save(actor, "quality.recompute", meeting, evaluation, compute)


@transaction.atomic
def do_recompute_drafts(actor: Any, org: Organization) -> int:
    """Measure again every draft evaluation under `org`, with the packs now in force (after a new pack is
    published, or records were corrected), in a fixed number of queries. Adopted evaluations are not touched.
    Returns how many changed."""
    drafts = list(
        MeetingEvaluation.objects.select_for_update(of=("self",))
        .filter(status=EvaluationStatus.DRAFT, meeting__organization__path__startswith=org.path)
        .select_related("meeting__organization")
        .order_by("pk")
    )
    index = PackIndex.load()
    measured = measure_meetings([d.meeting for d in drafts], index)
    changed, audit = [], []
    for evaluation in drafts:
        found = sheet_for(evaluation.meeting, index)
        if found is None:
            continue
        pack, sheet = found
        found_now = measured[evaluation.meeting_id]
        compute = (pack, sheet, found_now, score(sheet, found_now, evaluation.manual), evaluation.manual)
        if _same_result(evaluation, compute):
            continue
        before = snapshot(evaluation, AUDIT_FIELDS)
        fill(evaluation, *compute)
        evaluation.version += 1
        changed.append(evaluation)
        after = snapshot(evaluation, AUDIT_FIELDS)
        audit.append(
            entry(
                actor,
                "quality.recompute",
                evaluation,
                organization=evaluation.meeting.organization,
                before=before,
                after=after,
                object_repr=evaluation.meeting.title,
            )
        )
    fields = ["pack", "sheet_key", "sheet_title", "measured", "details", "rows", "notes", "total", "max_total"]
    fields += ["level_key", "level_title", "level_rank", "computed_at", "version"]
    MeetingEvaluation.objects.bulk_update(changed, fields, batch_size=500)
    record_many(audit)
    return len(changed)


def adopt_with_minutes(actor: Any, meeting: Meeting) -> MeetingEvaluation | None:
    """Adopt the meeting's evaluation as the minutes are adopted; call inside the adoption's transaction.

    Returns None when no sheet applies to the meeting. Refuses (ValidationError)
    while the cell has not scored its own criteria: the result written into the
    minutes must be complete. The records are measured one last time, then the
    result is frozen.
    """
    meeting, evaluation = _lock(meeting)
    if evaluation is not None and evaluation.is_adopted:
        return evaluation
    index = PackIndex.load()
    found = sheet_for(meeting, index)
    if found is None:
        return None
    pack, sheet = found
    manual = dict(evaluation.manual) if evaluation is not None else {}
    measured = measure_meetings([meeting], index)[meeting.pk]
    result = score(sheet, measured, manual)
    if result.unfilled:
        raise ValidationError(
            _(
                "Score the meeting before adopting the minutes: the cell has not yet scored %(criteria)s "
                "(Meeting quality page)."
            )
            % {"criteria": "; ".join(f"“{row.title}”" for row in result.unfilled)}
        )
    before = snapshot(evaluation, AUDIT_FIELDS) if evaluation is not None else None
    if evaluation is None:
        evaluation = MeetingEvaluation(meeting=meeting, version=0)
    fill(evaluation, pack, sheet, measured, result, manual)
    evaluation.status = EvaluationStatus.ADOPTED
    evaluation.adopted_at = timezone.now()
    evaluation.adopted_by = actor if getattr(actor, "is_authenticated", False) else None
    evaluation.version += 1
    evaluation.save()
    record(
        actor,
        "quality.adopt",
        evaluation,
        organization=meeting.organization,
        before=before,
        after=snapshot(evaluation, AUDIT_FIELDS),
        object_repr=meeting.title,
    )
    return evaluation
