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

import math
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
    "attendance_pct": (gettext_lazy("Attendance rate (members expected, exempt members left out)"), PERCENT),
    "absent_without_reason": (gettext_lazy("Members absent without reason"), COUNT),
    "repeated_absence": (gettext_lazy("Members absent with reason more than 3 times in a row this year"), COUNT),
    "duration_ok": (gettext_lazy("Lasted at least the minimum duration"), FLAG),
    "duration_minutes": (gettext_lazy("Duration (minutes)"), MINUTES),
    "speakers": (gettext_lazy("Members who spoke"), COUNT),
    "speakers_pct": (gettext_lazy("Share of the members present who spoke"), PERCENT),
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


# Where a mistake is in the pack's JSON data, e.g. ("quality", "sheets", 0, "criteria", 2, "bands", 1).
Path = tuple[str | int, ...]


@dataclass(frozen=True)
class Problem:
    """One mistake: where it is in the data, what is wrong, and both in one sentence (`text`)."""

    path: Path
    message: str
    text: str


class PackInvalid(ValueError):
    """The pack's data has mistakes; `errors` lists them as sentences, `problems` with their place."""

    def __init__(self, errors: list[str], problems: list[Problem] | None = None):
        super().__init__("; ".join(errors))
        self.errors = errors
        self.problems = problems if problems is not None else [Problem((), e, e) for e in errors]


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
#
# Every check names where it looked twice: in words for the clerk (`where`, e.g.
# "Sheet 1 (Phiếu…) #3 (Sinh hoạt đúng giờ) band 2") and as a path in the data,
# which the edit forms use to put the message beside the right field.


class _Errors:
    def __init__(self) -> None:
        self.problems: list[Problem] = []

    def add(self, where: str, path: Path, message: str) -> None:
        self.problems.append(Problem(path, message, f"{where}: {message}" if where else message))


def _dict(errors: _Errors, where: str, path: Path, value: Any) -> dict[str, Any]:
    if value is None:
        return {}
    if not isinstance(value, dict):
        errors.add(where, path, _("must be a group of named values"))
        return {}
    return value


def _list(errors: _Errors, where: str, path: Path, value: Any) -> list[Any]:
    if value is None:
        return []
    if not isinstance(value, list):
        errors.add(where, path, _("must be a list"))
        return []
    return value


def _int(errors: _Errors, where: str, path: Path, value: Any, low: int, high: int) -> int:
    if isinstance(value, bool) or not isinstance(value, int):
        errors.add(where, path, _("must be a whole number"))
        return low
    if not low <= value <= high:
        errors.add(where, path, _("must be between %(low)s and %(high)s") % {"low": low, "high": high})
    return value


def _text(errors: _Errors, where: str, path: Path, value: Any) -> str:
    if not isinstance(value, str) or not value.strip():
        errors.add(where, path, _("must not be empty"))
        return ""
    return value.strip()


def _threshold(errors: _Errors, where: str, path: Path, value: Any) -> Threshold:
    if not isinstance(value, dict) or "fraction" not in value:
        errors.add(where, path, _('needs a fraction such as "1/2" and whether it is "more than" or "at least"'))
        return Threshold(Fraction(1, 2), strict=True)
    try:
        fraction = Fraction(str(value["fraction"]).strip())
    except (ValueError, ZeroDivisionError):
        errors.add(where, path, _('"%(value)s" is not a fraction such as 1/2 or 2/3') % {"value": value["fraction"]})
        fraction = Fraction(1, 2)
    if not 0 < fraction <= 1:
        errors.add(where, path, _("the fraction must be above 0 and at most 1"))
    strict = value.get("strict", True)
    if not isinstance(strict, bool):
        errors.add(where, path, _('"strict" must be true ("more than") or false ("at least")'))
        strict = True
    return Threshold(fraction, strict=strict)


def _band(errors: _Errors, where: str, path: Path, raw: Any, max_points: int) -> Band | None:
    if not isinstance(raw, dict):
        errors.add(where, path, _("each band needs an operator, a value and points"))
        return None
    op = raw.get("op")
    if not isinstance(op, str) or op not in OPERATORS:
        errors.add(where, path, _("the operator must be one of %(ops)s") % {"ops": " ".join(OPERATORS)})
        op = "="
    value = raw.get("value")
    if isinstance(value, bool):
        value = float(value)
    if not isinstance(value, int | float) or not math.isfinite(value):
        errors.add(where, path, _("the value must be a number (or true/false)"))
        value = 0
    points = _int(errors, where, path, raw.get("points"), 0, max(max_points, 0))
    return Band(op, float(value), points)


def _criterion(errors: _Errors, where: str, path: Path, raw: Any) -> Criterion | None:
    if not isinstance(raw, dict):
        errors.add(where, path, _("must be a criterion"))
        return None
    key = _text(errors, where + " key", (*path, "key"), raw.get("key"))
    title = _text(errors, where + f" ({key})", (*path, "title"), raw.get("title"))
    label = f"{where} ({title or key})"
    max_points = _int(errors, label, (*path, "max_points"), raw.get("max_points"), 1, 100)
    source = raw.get("source")
    if not isinstance(source, str) or (source != MANUAL and source not in MEASURES):
        message = _('"%(source)s" is neither "manual" nor a measure the system computes') % {"source": source}
        errors.add(label, (*path, "source"), message)
    bands: list[Band] = []
    bands_path = (*path, "bands")
    raw_bands = _list(errors, label, bands_path, raw.get("bands"))
    if source == MANUAL and raw_bands:
        errors.add(label, bands_path, _("a criterion the cell scores has no bands"))
    if source != MANUAL:
        if not raw_bands:
            errors.add(label, bands_path, _("a computed criterion needs at least one band"))
        for n, raw_band in enumerate(raw_bands):
            band_where = label + " " + _("band %(n)s") % {"n": n + 1}
            band = _band(errors, band_where, (*bands_path, n), raw_band, max_points)
            if band:
                bands.append(band)
        if bands and max(b.points for b in bands) != max_points:
            errors.add(label, bands_path, _("no band gives the full %(max)s points") % {"max": max_points})
    group = raw.get("group")
    return Criterion(key, title, group.strip() if isinstance(group, str) else "", max_points, str(source), tuple(bands))


def _level(errors: _Errors, where: str, path: Path, raw: Any, keys: list[str]) -> Level | None:
    if not isinstance(raw, dict):
        errors.add(where, path, _("must be a level"))
        return None
    requires_path = (*path, "requires_full")
    requires = _list(errors, where, requires_path, raw.get("requires_full"))
    for req in requires:
        if not isinstance(req, str) or req not in keys:
            errors.add(
                where, requires_path, _('requires full marks on "%(key)s", which is not a criterion') % {"key": req}
            )
    return Level(
        _text(errors, where + " key", (*path, "key"), raw.get("key")),
        _text(errors, where, (*path, "title"), raw.get("title")),
        _int(errors, where, (*path, "min_points"), raw.get("min_points"), 0, 1000),
        tuple(str(r) for r in requires),
    )


def _sheet(errors: _Errors, where: str, path: Path, raw: Any) -> Sheet | None:
    if not isinstance(raw, dict):
        errors.add(where, path, _("must be a score sheet"))
        return None
    key = _text(errors, where + " key", (*path, "key"), raw.get("key"))
    title = _text(errors, where, (*path, "title"), raw.get("title"))
    label = f"{where} ({title or key})"
    kinds = _list(errors, label, (*path, "kinds"), raw.get("kinds"))
    if not kinds:
        errors.add(label, (*path, "kinds"), _("must name the kinds of meeting it scores"))
    for kind in kinds:
        if kind not in KINDS:
            errors.add(label, (*path, "kinds"), _('"%(kind)s" is not a kind of meeting') % {"kind": kind})
    kinds = [k for k in kinds if k in KINDS]
    raw_criteria = _list(errors, label, (*path, "criteria"), raw.get("criteria"))
    criteria = [
        c
        for n, r in enumerate(raw_criteria)
        if (c := _criterion(errors, f"{label} " + _("criterion %(n)s") % {"n": n + 1}, (*path, "criteria", n), r))
    ]
    if not criteria:
        errors.add(label, (*path, "criteria"), _("has no criteria"))
    keys = [c.key for c in criteria]
    for dup in sorted({k for k in keys if keys.count(k) > 1}):
        errors.add(label, (*path, "criteria"), _('criterion key "%(key)s" is used twice') % {"key": dup})
    raw_levels = _list(errors, label, (*path, "levels"), raw.get("levels"))
    levels = [
        lv
        for n, r in enumerate(raw_levels)
        if (lv := _level(errors, f"{label} " + _("level %(n)s") % {"n": n + 1}, (*path, "levels", n), r, keys))
    ]
    levels_path = (*path, "levels")
    if not levels:
        errors.add(label, levels_path, _("has no levels"))
    else:
        mins = [lv.min_points for lv in levels]
        if any(a <= b for a, b in zip(mins, mins[1:], strict=False)):
            errors.add(
                label, levels_path, _("levels must go from the highest minimum to the lowest, each lower than the last")
            )
        if mins[-1] != 0:
            errors.add(
                label, levels_path, _("the last level must start at 0 points so that every meeting gets a level")
            )
        total = sum(c.max_points for c in criteria)
        if mins[0] > total:
            errors.add(
                label,
                levels_path,
                _("the top level needs %(need)s points but the sheet only has %(total)s")
                % {"need": mins[0], "total": total},
            )
    return Sheet(key, title, tuple(kinds), tuple(criteria), tuple(levels))


def parse(data: Any) -> Rules:
    """The rules in `data`, or PackInvalid listing every mistake found."""
    errors = _Errors()
    if not isinstance(data, dict):
        raise PackInvalid([_("The rule pack must be a JSON object.")])
    meeting = _dict(errors, _("Meeting rules"), ("meeting",), data.get("meeting"))
    lead = _int(
        errors, _("Notice lead time (days)"), ("meeting", "notice_lead_days"), meeting.get("notice_lead_days"), 0, 30
    )
    minutes_where = _("Minimum duration")
    raw_minutes = _dict(errors, minutes_where, ("meeting", "min_minutes"), meeting.get("min_minutes"))
    min_minutes: dict[str, int] = {}
    if MeetingKind.REGULAR not in raw_minutes:
        errors.add(minutes_where, ("meeting", "min_minutes", "regular"), _("the regular meeting's minimum is required"))
    for kind, minutes in raw_minutes.items():
        where = ("meeting", "min_minutes", kind)
        if kind not in KINDS:
            errors.add(minutes_where, where, _('"%(kind)s" is not a kind of meeting') % {"kind": kind})
            continue
        min_minutes[kind] = _int(errors, f"{minutes_where} ({MeetingKind(kind).label})", where, minutes, 0, 600)
    votes = _dict(errors, _("Vote rules"), ("votes",), data.get("votes"))
    majority = _threshold(errors, _("Vote rule (ordinary decisions)"), ("votes", "majority"), votes.get("majority"))
    qualified = _threshold(
        errors, _("Vote rule (admission and confirmation)"), ("votes", "qualified"), votes.get("qualified")
    )
    thematic = _dict(errors, _("Thematic meetings"), ("thematic",), data.get("thematic"))
    per_quarter = _int(
        errors,
        _("Thematic meetings per quarter"),
        ("thematic", "min_per_quarter"),
        thematic.get("min_per_quarter"),
        0,
        3,
    )
    quality = _dict(errors, _("Quality sheets"), ("quality",), data.get("quality"))
    raw_sheets = _list(errors, _("Quality sheets"), ("quality", "sheets"), quality.get("sheets"))
    numbered = [
        (n, s)
        for n, r in enumerate(raw_sheets)
        if (s := _sheet(errors, _("Sheet %(n)s") % {"n": n + 1}, ("quality", "sheets", n), r))
    ]
    seen: dict[str, str] = {}
    for n, sheet in numbered:
        for kind in sheet.kinds:
            if kind in seen:
                errors.add(
                    _("Sheet %(n)s") % {"n": n + 1} + f" ({sheet.title})",
                    ("quality", "sheets", n, "kinds"),
                    _('meetings of kind "%(kind)s" are already scored by "%(other)s"')
                    % {"kind": MeetingKind(kind).label, "other": seen[kind]},
                )
            seen[kind] = sheet.title
    if errors.problems:
        raise PackInvalid([p.text for p in errors.problems], errors.problems)
    return Rules(lead, min_minutes, majority, qualified, per_quarter, tuple(s for _n, s in numbered))
