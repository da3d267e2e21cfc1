"""A rule pack in plain Vietnamese, for the pages that show it to people.

"Tỷ lệ dự họp > 85%: 15 điểm; > 70%: 10 điểm; còn lại: 0 điểm" rather than the
JSON that holds it: the detail page is what a cell secretary reads to know the
regulation, so every threshold and every score is written out in words.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from meetings.models import MeetingKind
from meetings.voting import describe as describe_threshold
from rules.bands import value_text
from rules.schema import COUNT, FLAG, MEASURES, MINUTES, PERCENT, Band, Criterion, Rules, Sheet

OPERATOR_SIGNS = {">": ">", ">=": "≥", "<": "<", "<=": "≤", "=": "="}


def points_text(points: int) -> str:
    return ngettext("%(n)s point", "%(n)s points", points) % {"n": points}


def minutes_text(minutes: int) -> str:
    return ngettext("%(n)s minute", "%(n)s minutes", minutes) % {"n": minutes}


def _band_text(band: Band, source: str) -> str:
    kind = MEASURES[source][1]
    if kind == FLAG and band.op == "=":
        return f"{value_text(bool(band.value), source)}: {points_text(band.points)}"
    value = value_text(band.value, source)
    if kind == PERCENT:
        value += "%"
    elif kind == MINUTES:
        value = minutes_text(int(band.value))
    return f"{OPERATOR_SIGNS[band.op]} {value}: {points_text(band.points)}"


def scoring_text(criterion: Criterion) -> str:
    """How a criterion earns its points, in one sentence."""
    if criterion.is_manual:
        return _("Scored by the cell at the meeting, from 0 to %(max)s.") % {"max": points_text(criterion.max_points)}
    parts = [_band_text(band, criterion.source) for band in criterion.bands]
    flags = {bool(b.value) for b in criterion.bands if b.op == "="}
    if MEASURES[criterion.source][1] == FLAG and len(flags) == 1 and len(parts) == len(criterion.bands):
        # A yes/no measure scored on one answer: the other answer earns nothing.
        parts.append(f"{value_text(not flags.pop(), criterion.source)}: {points_text(0)}")
    else:
        parts.append(_("otherwise: %(points)s") % {"points": points_text(0)})
    return "; ".join(parts) + "."


def measure_label(criterion: Criterion) -> str:
    return str(MEASURES[criterion.source][0]) if not criterion.is_manual else _("Scored by the cell")


@dataclass
class CriterionView:
    criterion: Criterion
    measure: str
    scoring: str


@dataclass
class GroupView:
    title: str
    criteria: list[CriterionView] = field(default_factory=list)

    @property
    def max_points(self) -> int:
        return sum(c.criterion.max_points for c in self.criteria)


@dataclass
class LevelView:
    title: str
    condition: str


@dataclass
class SheetView:
    number: int
    sheet: Sheet
    kinds: str
    groups: list[GroupView]
    levels: list[LevelView]


def _groups(sheet: Sheet) -> list[GroupView]:
    """Criteria under their group headings, in the sheet's order (a group seen again continues)."""
    groups: dict[str, GroupView] = {}
    for criterion in sheet.criteria:
        group = groups.setdefault(criterion.group, GroupView(criterion.group))
        group.criteria.append(CriterionView(criterion, measure_label(criterion), scoring_text(criterion)))
    return list(groups.values())


def _levels(sheet: Sheet) -> list[LevelView]:
    titles = {c.key: c.title for c in sheet.criteria}
    out = []
    for n, level in enumerate(sheet.levels):
        if level.min_points > 0:
            condition = _("from %(points)s") % {"points": points_text(level.min_points)}
        elif n > 0:
            condition = _("below %(points)s") % {"points": points_text(sheet.levels[n - 1].min_points)}
        else:
            condition = _("any score")
        if level.requires_full:
            required = "; ".join(titles[key] for key in level.requires_full)
            condition += ", " + _("with full marks on: %(criteria)s") % {"criteria": required}
        out.append(LevelView(level.title, condition))
    return out


def kinds_text(kinds: tuple[str, ...]) -> str:
    return ", ".join(str(MeetingKind(k).label) for k in kinds)


def sheet_views(rules: Rules) -> list[SheetView]:
    return [
        SheetView(n, sheet, kinds_text(sheet.kinds), _groups(sheet), _levels(sheet))
        for n, sheet in enumerate(rules.sheets, 1)
    ]


@dataclass
class Line:
    label: str
    text: str


def notice_text(days: int) -> str:
    if days == 0:
        return _("No minimum: the notice may go out on the day of the meeting.")
    return ngettext(
        "The notice and documents go out at least %(days)s day before the meeting.",
        "The notice and documents go out at least %(days)s days before the meeting.",
        days,
    ) % {"days": days}


def duration_lines(rules: Rules) -> list[Line]:
    regular = rules.min_minutes[MeetingKind.REGULAR]
    lines = []
    for kind in MeetingKind:
        minutes = rules.min_minutes.get(kind)
        if minutes is None:
            text = _("as a regular meeting (%(minutes)s)") % {"minutes": minutes_text(regular)}
        elif minutes == 0:
            text = _("no minimum")
        else:
            text = _("at least %(minutes)s") % {"minutes": minutes_text(minutes)}
        lines.append(Line(str(kind.label), text))
    return lines


def threshold_lines(rules: Rules) -> list[Line]:
    """The thresholds of the monthly cycle, one line each."""
    vote = _("%(rule)s of the convened full members vote in favour.")
    if rules.thematic_per_quarter:
        thematic = ngettext(
            "At least %(n)s thematic meeting per quarter, besides the monthly meeting.",
            "At least %(n)s thematic meetings per quarter, besides the monthly meeting.",
            rules.thematic_per_quarter,
        ) % {"n": rules.thematic_per_quarter}
    else:
        thematic = _("No minimum.")
    return [
        Line(_("Notice"), notice_text(rules.notice_lead_days)),
        Line(_("Ordinary decisions"), vote % {"rule": describe_threshold(rules.majority).capitalize()}),
        Line(_("Admission and confirmation"), vote % {"rule": describe_threshold(rules.qualified).capitalize()}),
        Line(_("Thematic meetings"), thematic),
    ]


def source_help() -> list[Line]:
    """What each measure gives, for a clerk writing its bands."""
    values = {
        PERCENT: _("a percentage, from 0 to 100"),
        COUNT: _("a number"),
        MINUTES: _("a number of minutes"),
        FLAG: _("yes or no"),
    }
    return [Line(str(label), values[kind]) for label, kind in MEASURES.values()]
