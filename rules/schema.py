"""What a rule pack holds, parsed from its JSON data and checked.

A pack is data, not code (DOMAIN.md §9): the thresholds of the monthly cycle
(notice lead time, minimum durations, the vote rule, thematic frequency) and
the meeting quality sheets (criteria, points, how each is scored, levels).
`parse` turns the stored JSON into frozen dataclasses, or raises
`PackInvalid` listing every mistake in words an office clerk can act on.

A criterion is scored either from the records (`source` names a measure from
MEASURES; `bands` say how many points each value earns, the first band that
matches wins, none means 0 points) or by the cell (`source` = "manual",
0 to `max_points`). A level is reached with at least `min_points` *and* full
marks on every criterion in `requires_full`; the highest level reached wins.
"""

from __future__ import annotations

from dataclasses import dataclass
from fractions import Fraction
from typing import Any

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from meetings.models import MeetingKind
from meetings.voting import Threshold

MANUAL = "manual"

# Measures the system computes from a meeting's records, and what kind of value each gives.
PERCENT, COUNT, MINUTES, FLAG = "percent", "count", "minutes", "flag"
MEASURES: dict[str, tuple[Any, str]] = {
    "attendance_pct": (gettext_lazy("Attendance (% of members expected, exempt members left out)"), PERCENT),
    "absent_without_reason": (gettext_lazy("Members absent without reason"), COUNT),
    "repeated_absence": (gettext_lazy("Members absent with reason more than 3 times in a row this year"), COUNT),
    "duration_ok": (gettext_lazy("Lasted at least the minimum duration"), FLAG),
    "duration_minutes": (gettext_lazy("Duration (minutes)"), MINUTES),
    "speakers": (gettext_lazy("Members who spoke"), COUNT),
    "speakers_pct": (gettext_lazy("Members who spoke (% of those present)"), PERCENT),
    "started_on_time": (gettext_lazy("Started on time"), FLAG),
    "preparatory_meeting": (gettext_lazy("The committee met to prepare"), FLAG),
    "notice_on_time": (gettext_lazy("Notice and documents sent on time"), FLAG),
    "guidance_followed": (gettext_lazy("Content follows the upper level's monthly guidance"), FLAG),
    "draft_resolution": (gettext_lazy("A resolution was drafted and voted on"), FLAG),
    "minutes_complete": (gettext_lazy("Minutes complete"), FLAG),
    "tasks_reviewed": (gettext_lazy("Last month's tasks reviewed"), FLAG),
    "tasks_done_pct": (gettext_lazy("Last month's tasks completed (%)"), PERCENT),
    "thematic_report_prepared": (gettext_lazy("Thematic report drafted and sent before the meeting"), FLAG),
}

OPERATORS = {
    ">": lambda a, b: a > b,
    ">=": lambda a, b: a >= b,
    "<": lambda a, b: a < b,
    "<=": lambda a, b: a <= b,
    "=": lambda a, b: a == b,
}

KINDS = [k.value for k in MeetingKind]


class PackInvalid(ValueError):
    def __init__(self, errors: list[str]):
        super().__init__("; ".join(errors))
        self.errors = errors


@dataclass(frozen=True)
class Band:
    op: str
    value: float
    points: int

    def matches(self, measured: float) -> bool:
        return OPERATORS[self.op](measured, self.value)


@dataclass(frozen=True)
class Criterion:
    key: str
    title: str
    group: str
    max_points: int
    source: str
    bands: tuple[Band, ...] = ()

    @property
    def is_manual(self) -> bool:
        return self.source == MANUAL

    def points_for(self, measured: float | bool | None) -> int:
        """Points the bands give for a measured value; a value that could not be measured earns nothing."""
        if measured is None:
            return 0
        value = float(measured)
        return next((band.points for band in self.bands if band.matches(value)), 0)


@dataclass(frozen=True)
class Level:
    key: str
    title: str
    min_points: int
    requires_full: tuple[str, ...] = ()


@dataclass(frozen=True)
class Sheet:
    key: str
    title: str
    kinds: tuple[str, ...]
    criteria: tuple[Criterion, ...]
    levels: tuple[Level, ...]

    @property
    def max_total(self) -> int:
        return sum(c.max_points for c in self.criteria)

    def level_for(self, total: int, full_marks: set[str]) -> Level:
        """The highest level whose points and full-marks conditions are met; levels are ordered best first."""
        for level in self.levels:
            if total >= level.min_points and set(level.requires_full) <= full_marks:
                return level
        return self.levels[-1]


@dataclass(frozen=True)
class Rules:
    notice_lead_days: int
    min_minutes: dict[str, int]
    majority: Threshold
    qualified: Threshold
    thematic_per_quarter: int
    sheets: tuple[Sheet, ...]

    def min_minutes_for(self, kind: str) -> int:
        return self.min_minutes.get(kind, self.min_minutes[MeetingKind.REGULAR])

    def sheet_for(self, kind: str) -> Sheet | None:
        return next((s for s in self.sheets if kind in s.kinds), None)

    def threshold_for_vote(self, qualified: bool) -> Threshold:
        return self.qualified if qualified else self.majority


# ---------------------------------------------------------------------------
# Parsing and validation


class _Errors:
    def __init__(self) -> None:
        self.items: list[str] = []

    def add(self, where: str, message: str) -> None:
        self.items.append(f"{where}: {message}" if where else message)


def _int(errors: _Errors, where: str, value: Any, low: int, high: int) -> int:
    if isinstance(value, bool) or not isinstance(value, int):
        errors.add(where, _("must be a whole number"))
        return low
    if not low <= value <= high:
        errors.add(where, _("must be between %(low)s and %(high)s") % {"low": low, "high": high})
    return value


def _text(errors: _Errors, where: str, value: Any) -> str:
    if not isinstance(value, str) or not value.strip():
        errors.add(where, _("must not be empty"))
        return ""
    return value.strip()


def _threshold(errors: _Errors, where: str, value: Any) -> Threshold:
    if not isinstance(value, dict) or "fraction" not in value:
        errors.add(where, _('needs a fraction such as "1/2" and whether it is "more than" or "at least"'))
        return Threshold(Fraction(1, 2), strict=True)
    try:
        fraction = Fraction(str(value["fraction"]))
    except (ValueError, ZeroDivisionError):
        errors.add(where, _('"%(value)s" is not a fraction such as 1/2 or 2/3') % {"value": value["fraction"]})
        fraction = Fraction(1, 2)
    if not 0 < fraction <= 1:
        errors.add(where, _("the fraction must be above 0 and at most 1"))
    return Threshold(fraction, strict=bool(value.get("strict", True)))


def _band(errors: _Errors, where: str, raw: Any, max_points: int) -> Band | None:
    if not isinstance(raw, dict):
        errors.add(where, _("each band needs an operator, a value and points"))
        return None
    op = raw.get("op")
    if op not in OPERATORS:
        errors.add(where, _("the operator must be one of %(ops)s") % {"ops": " ".join(OPERATORS)})
        op = "="
    value = raw.get("value")
    if isinstance(value, bool):
        value = float(value)
    if not isinstance(value, int | float):
        errors.add(where, _("the value must be a number (or true/false)"))
        value = 0
    points = _int(errors, where, raw.get("points"), 0, max(max_points, 0))
    return Band(op, float(value), points)


def _criterion(errors: _Errors, where: str, raw: Any) -> Criterion | None:
    if not isinstance(raw, dict):
        errors.add(where, _("must be a criterion"))
        return None
    key = _text(errors, where + " key", raw.get("key"))
    title = _text(errors, where + f" ({key})", raw.get("title"))
    max_points = _int(errors, where + f" ({title or key})", raw.get("max_points"), 1, 100)
    source = raw.get("source")
    label = f"{where} ({title or key})"
    if source != MANUAL and source not in MEASURES:
        errors.add(label, _('"%(source)s" is neither "manual" nor a measure the system computes') % {"source": source})
    bands: list[Band] = []
    raw_bands = raw.get("bands") or []
    if source == MANUAL and raw_bands:
        errors.add(label, _("a criterion the cell scores has no bands"))
    if source != MANUAL:
        if not raw_bands:
            errors.add(label, _("a computed criterion needs at least one band"))
        for n, raw_band in enumerate(raw_bands, 1):
            band = _band(errors, label + " " + _("band %(n)s") % {"n": n}, raw_band, max_points)
            if band:
                bands.append(band)
        if bands and max(b.points for b in bands) != max_points:
            errors.add(label, _("no band gives the full %(max)s points") % {"max": max_points})
    return Criterion(key, title, str(raw.get("group", "")).strip(), max_points, str(source), tuple(bands))


def _sheet(errors: _Errors, where: str, raw: Any) -> Sheet | None:
    if not isinstance(raw, dict):
        errors.add(where, _("must be a score sheet"))
        return None
    key = _text(errors, where + " key", raw.get("key"))
    title = _text(errors, where, raw.get("title"))
    label = f"{where} ({title or key})"
    kinds = raw.get("kinds") or []
    if not kinds:
        errors.add(label, _("must name the kinds of meeting it scores"))
    for kind in kinds:
        if kind not in KINDS:
            errors.add(label, _('"%(kind)s" is not a kind of meeting') % {"kind": kind})
    criteria = [c for n, r in enumerate(raw.get("criteria") or [], 1) if (c := _criterion(errors, f"{label} #{n}", r))]
    if not criteria:
        errors.add(label, _("has no criteria"))
    keys = [c.key for c in criteria]
    for dup in sorted({k for k in keys if keys.count(k) > 1}):
        errors.add(label, _('criterion key "%(key)s" is used twice') % {"key": dup})
    levels: list[Level] = []
    for n, raw_level in enumerate(raw.get("levels") or [], 1):
        level_where = f"{label} " + _("level %(n)s") % {"n": n}
        if not isinstance(raw_level, dict):
            errors.add(level_where, _("must be a level"))
            continue
        requires = tuple(raw_level.get("requires_full") or ())
        for req in requires:
            if req not in keys:
                errors.add(level_where, _('requires full marks on "%(key)s", which is not a criterion') % {"key": req})
        levels.append(
            Level(
                _text(errors, level_where + " key", raw_level.get("key")),
                _text(errors, level_where, raw_level.get("title")),
                _int(errors, level_where, raw_level.get("min_points"), 0, 1000),
                requires,
            )
        )
    if not levels:
        errors.add(label, _("has no levels"))
    else:
        mins = [lv.min_points for lv in levels]
        if any(a <= b for a, b in zip(mins, mins[1:], strict=False)):
            errors.add(label, _("levels must go from the highest minimum to the lowest, each lower than the last"))
        if mins[-1] != 0:
            errors.add(label, _("the last level must start at 0 points so that every meeting gets a level"))
        total = sum(c.max_points for c in criteria)
        if mins[0] > total:
            errors.add(
                label,
                _("the top level needs %(need)s points but the sheet only has %(total)s")
                % {"need": mins[0], "total": total},
            )
    return Sheet(key, title, tuple(kinds), tuple(criteria), tuple(levels))


def parse(data: Any) -> Rules:
    """The rules in `data`, or PackInvalid listing every mistake found."""
    errors = _Errors()
    if not isinstance(data, dict):
        raise PackInvalid([_("The rule pack must be a JSON object.")])
    meeting = data.get("meeting") or {}
    lead = _int(errors, _("Notice lead time (days)"), meeting.get("notice_lead_days"), 0, 30)
    raw_minutes = meeting.get("min_minutes") or {}
    min_minutes: dict[str, int] = {}
    if MeetingKind.REGULAR not in raw_minutes:
        errors.add(_("Minimum duration"), _("the regular meeting's minimum is required"))
    for kind, minutes in raw_minutes.items():
        if kind not in KINDS:
            errors.add(_("Minimum duration"), _('"%(kind)s" is not a kind of meeting') % {"kind": kind})
            continue
        min_minutes[kind] = _int(errors, _("Minimum duration") + f" ({kind})", minutes, 0, 600)
    votes = data.get("votes") or {}
    majority = _threshold(errors, _("Vote rule (ordinary decisions)"), votes.get("majority"))
    qualified = _threshold(errors, _("Vote rule (admission and confirmation)"), votes.get("qualified"))
    thematic = data.get("thematic") or {}
    per_quarter = _int(errors, _("Thematic meetings per quarter"), thematic.get("min_per_quarter"), 0, 3)
    sheets = [
        s
        for n, r in enumerate((data.get("quality") or {}).get("sheets") or [], 1)
        if (s := _sheet(errors, _("Sheet %(n)s") % {"n": n}, r))
    ]
    seen: dict[str, str] = {}
    for sheet in sheets:
        for kind in sheet.kinds:
            if kind in seen:
                errors.add(
                    sheet.title,
                    _('meetings of kind "%(kind)s" are already scored by "%(other)s"')
                    % {"kind": kind, "other": seen[kind]},
                )
            seen[kind] = sheet.title
    if errors.items:
        raise PackInvalid(errors.items)
    return Rules(lead, min_minutes, majority, qualified, per_quarter, tuple(sheets))
