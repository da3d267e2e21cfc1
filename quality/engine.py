"""Score one meeting on a quality sheet: a pure function of the sheet, the measured values and the cell's scores.

Nothing here reads the database. `evaluate` takes a `rules.schema.Sheet`,
the values measured from the records (quality/measures.py), the points the
cell gave on its own criteria, and returns one row per criterion with the
points and the reason in words, the total, the level, and why a better level
was missed for want of full marks. Points never exceed a criterion's maximum:
the sheet's bands cannot give more (rules.schema checks it), and the cell's
own scores outside 0..max are refused, not clamped, so a typing mistake is
never silently turned into a result.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from django.utils.translation import gettext as _

from rules.schema import COUNT, FLAG, MEASURES, MINUTES, PERCENT, Band, Criterion, Level, Sheet

Value = float | bool | None


class ScoreOutOfRange(ValueError):
    """A score the cell gave is outside 0..max for its criterion."""

    def __init__(self, criterion: Criterion, points: int):
        super().__init__(
            _("“%(title)s”: the points must be a whole number from 0 to %(max)s (got %(points)s).")
            % {"title": criterion.title, "max": criterion.max_points, "points": points}
        )
        self.criterion = criterion


@dataclass(frozen=True)
class Manual:
    points: int
    note: str = ""


@dataclass(frozen=True)
class RowResult:
    key: str
    group: str
    title: str
    source: str
    max_points: int
    points: int
    reason: str
    # A criterion the cell scores, and whether it did.
    manual: bool = False
    filled: bool = True
    note: str = ""

    @property
    def full(self) -> bool:
        return self.points == self.max_points


@dataclass(frozen=True)
class Result:
    sheet_key: str
    sheet_title: str
    rows: tuple[RowResult, ...]
    total: int
    max_total: int
    level: Level
    # 0 for the sheet's best level, 1 for the next…; comparable across months.
    level_rank: int
    # "Not rated Good because …", one line per better level missed for want of full marks.
    notes: tuple[str, ...]

    @property
    def unfilled(self) -> tuple[RowResult, ...]:
        """The cell's own criteria it has not scored yet."""
        return tuple(row for row in self.rows if row.manual and not row.filled)

    @property
    def full_marks(self) -> set[str]:
        return {row.key for row in self.rows if row.full}


def _number(value: float) -> str:
    """85 → "85", 85.5 → "85,5" (Vietnamese decimal comma)."""
    return str(int(value)) if float(value).is_integer() else f"{value:.1f}".replace(".", ",")


def _amount(value: float, kind: str) -> str:
    if kind == PERCENT:
        return f"{_number(value)}%"
    if kind == MINUTES:
        return _("%(n)s minutes") % {"n": _number(value)}
    return _number(value)


def condition(band: Band, kind: str) -> str:
    """A band's condition in words: "more than 85%", "at least 5"."""
    amount = _amount(band.value, kind)
    phrases = {
        ">": _("more than %(amount)s"),
        ">=": _("at least %(amount)s"),
        "<": _("less than %(amount)s"),
        "<=": _("at most %(amount)s"),
        "=": _("exactly %(amount)s"),
    }
    return phrases[band.op] % {"amount": amount}


def _points_text(points: int, max_points: int) -> str:
    return _("%(points)s/%(max)s points") % {"points": points, "max": max_points}


def _measured_reason(criterion: Criterion, value: Value, detail: str, points: int) -> str:
    kind = MEASURES[criterion.source][1]
    if value is None:
        text = detail or _("Could not be measured from the records")
        return f"{text}: {_points_text(points, criterion.max_points)}"
    if not detail:
        detail = f"{MEASURES[criterion.source][0]}: {_amount(float(value), kind)}"
    # The band that gives full marks is the requirement; flags and exact counts speak for themselves.
    top = next((b for b in criterion.bands if b.points == criterion.max_points), None)
    if kind == FLAG or top is None or top.op == "=" or kind not in (PERCENT, COUNT, MINUTES):
        return f"{detail}: {_points_text(points, criterion.max_points)}"
    template = (
        _("%(detail)s, meets %(condition)s")
        if points == criterion.max_points
        else _("%(detail)s, short of %(condition)s")
    )
    text = template % {"detail": detail, "condition": condition(top, kind)}
    return f"{text}: {_points_text(points, criterion.max_points)}"


def _manual_row(criterion: Criterion, given: Manual | None) -> RowResult:
    fields: dict[str, Any] = {
        "key": criterion.key,
        "group": criterion.group,
        "title": criterion.title,
        "source": criterion.source,
        "max_points": criterion.max_points,
        "manual": True,
    }
    if given is None:
        reason = _("Not scored by the cell yet: %(points)s") % {"points": _points_text(0, criterion.max_points)}
        return RowResult(**fields, points=0, reason=reason, filled=False)
    if isinstance(given.points, bool) or not isinstance(given.points, int):
        raise ScoreOutOfRange(criterion, given.points)
    if not 0 <= given.points <= criterion.max_points:
        raise ScoreOutOfRange(criterion, given.points)
    note = given.note.strip()
    reason = _("Scored by the cell: %(points)s") % {"points": _points_text(given.points, criterion.max_points)}
    if note:
        reason = f"{reason} ({note})"
    return RowResult(**fields, points=given.points, reason=reason, note=note)


def blocked_notes(sheet: Sheet, total: int, full_marks: set[str], achieved: Level) -> tuple[str, ...]:
    """For each level better than the one reached whose points were reached: the criteria short of full marks."""
    titles = {c.key: c.title for c in sheet.criteria}
    notes = []
    for level in sheet.levels:
        if level == achieved:
            break
        missing = [titles[key] for key in level.requires_full if key not in full_marks]
        if total >= level.min_points and missing:
            notes.append(
                _("Not rated %(level)s because these criteria fall short of full marks: %(criteria)s")
                % {"level": level.title, "criteria": "; ".join(missing)}
            )
    return tuple(notes)


def evaluate(
    sheet: Sheet,
    measures: Mapping[str, Value],
    manual: Mapping[str, Manual],
    details: Mapping[str, str] | None = None,
) -> Result:
    """Score `sheet` from the measured values and the cell's own scores (see the module's docstring)."""
    details = details or {}
    rows = []
    for criterion in sheet.criteria:
        if criterion.is_manual:
            rows.append(_manual_row(criterion, manual.get(criterion.key)))
            continue
        value = measures.get(criterion.source)
        points = criterion.points_for(value)
        rows.append(
            RowResult(
                key=criterion.key,
                group=criterion.group,
                title=criterion.title,
                source=criterion.source,
                max_points=criterion.max_points,
                points=points,
                reason=_measured_reason(criterion, value, details.get(criterion.source, ""), points),
            )
        )
    total = sum(row.points for row in rows)
    full_marks = {row.key for row in rows if row.full}
    level = sheet.level_for(total, full_marks)
    return Result(
        sheet_key=sheet.key,
        sheet_title=sheet.title,
        rows=tuple(rows),
        total=total,
        max_total=sheet.max_total,
        level=level,
        level_rank=sheet.levels.index(level),
        notes=blocked_notes(sheet, total, full_marks, level),
    )
