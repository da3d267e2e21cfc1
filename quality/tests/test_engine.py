"""The scoring engine: property tests over random valid sheets and measures, and the shipped default sheet."""

from typing import Any

import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from quality.engine import Manual, ScoreOutOfRange, evaluate
from rules.schema import COUNT, FLAG, MANUAL, MEASURES, MINUTES, OPERATORS, PERCENT, Sheet, parse
from rules.shipped import pack_data

SETTINGS = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def _default_sheet() -> Sheet:
    sheet = parse(pack_data("hd12-binh-thuan")).sheet_for("regular")
    assert sheet is not None
    return sheet


DEFAULT = _default_sheet()


def _value(kind: str) -> st.SearchStrategy[Any]:
    if kind == FLAG:
        return st.booleans()
    if kind == PERCENT:
        return st.floats(min_value=0, max_value=100, allow_nan=False).map(lambda v: round(v, 1))
    if kind == MINUTES:
        return st.integers(min_value=0, max_value=300)
    assert kind == COUNT
    return st.integers(min_value=0, max_value=40)


def measures_strategy() -> st.SearchStrategy[dict[str, Any]]:
    """A value (or None, not measurable) for every measure the system computes."""
    return st.fixed_dictionaries({key: st.none() | _value(kind) for key, (_label, kind) in MEASURES.items()})


@st.composite
def criteria(draw: st.DrawFn, key: str, manual: bool = False) -> dict[str, Any]:
    max_points = draw(st.integers(min_value=1, max_value=25))
    source = MANUAL if manual else draw(st.sampled_from([MANUAL, *MEASURES]))
    raw: dict[str, Any] = {"key": key, "title": f"Tiêu chí {key}", "group": "Nhóm", "max_points": max_points}
    raw["source"] = source
    if source != MANUAL:
        kind = MEASURES[source][1]
        n = draw(st.integers(min_value=1, max_value=4))
        bands = [
            {
                "op": draw(st.sampled_from(sorted(OPERATORS))),
                "value": draw(_value(kind)),
                "points": draw(st.integers(min_value=0, max_value=max_points)),
            }
            for _ in range(n)
        ]
        bands[draw(st.integers(min_value=0, max_value=n - 1))]["points"] = max_points
        raw["bands"] = bands
    return raw


@st.composite
def sheets(draw: st.DrawFn, with_manual: bool = False) -> Sheet:
    """A random sheet that the rules parser accepts; `with_manual`: its first criterion is scored by the cell."""
    n = draw(st.integers(min_value=1, max_value=8))
    raw_criteria = [draw(criteria(f"c{i}", manual=with_manual and i == 0)) for i in range(n)]
    total = sum(c["max_points"] for c in raw_criteria)
    count = draw(st.integers(min_value=1, max_value=min(4, total + 1)))
    mins = sorted(draw(st.sets(st.integers(min_value=1, max_value=total), min_size=count - 1, max_size=count - 1)))
    mins = [*reversed(mins), 0]
    keys = [c["key"] for c in raw_criteria]
    levels = [
        {
            "key": f"l{i}",
            "title": f"Mức {i}",
            "min_points": m,
            "requires_full": draw(st.lists(st.sampled_from(keys), unique=True, max_size=len(keys))) if m else [],
        }
        for i, m in enumerate(mins)
    ]
    data = pack_data("hd12-binh-thuan")
    data["quality"] = {
        "sheets": [{"key": "s", "title": "Phiếu", "kinds": ["regular"], "criteria": raw_criteria, "levels": levels}]
    }
    sheet = parse(data).sheet_for("regular")
    assert sheet is not None
    return sheet


@st.composite
def manual_for(draw: st.DrawFn, sheet: Sheet) -> dict[str, Manual]:
    """Valid scores for some of the sheet's manual criteria."""
    out = {}
    for c in sheet.criteria:
        if c.is_manual and draw(st.booleans()):
            out[c.key] = Manual(draw(st.integers(min_value=0, max_value=c.max_points)), "")
    return out


@SETTINGS
@given(data=st.data(), sheet=sheets(), measures=measures_strategy())
def test_it_never_gives_more_than_a_criterion_or_the_sheet_holds(data: st.DataObject, sheet: Sheet, measures) -> None:  # type: ignore[no-untyped-def]
    manual = data.draw(manual_for(sheet))
    result = evaluate(sheet, measures, manual)
    assert len(result.rows) == len(sheet.criteria)
    for row, criterion in zip(result.rows, sheet.criteria, strict=True):
        assert 0 <= row.points <= criterion.max_points == row.max_points
        assert row.reason
    assert result.total == sum(row.points for row in result.rows) <= result.max_total == sheet.max_total
    assert result.level in sheet.levels


@SETTINGS
@given(data=st.data(), measures=measures_strategy())
def test_it_never_rates_good_at_85_percent_attendance_or_less(data: st.DataObject, measures) -> None:  # type: ignore[no-untyped-def]
    measures["attendance_pct"] = data.draw(
        st.none() | st.floats(min_value=0, max_value=85, allow_nan=False).map(lambda v: round(v, 1))
    )
    result = evaluate(DEFAULT, measures, data.draw(manual_for(DEFAULT)))
    assert result.level.title != "Tốt"
    assert result.level_rank > 0


@settings(max_examples=30, deadline=None)
@given(data=st.data(), measures=measures_strategy())
def test_it_rates_good_with_every_point_of_the_default_sheet(data: st.DataObject, measures) -> None:  # type: ignore[no-untyped-def]
    """The other way round: with full marks everywhere the default sheet gives Tốt, so the test above can fail."""
    computed = [c for c in DEFAULT.criteria if not c.is_manual]
    perfect = {c.source: 100.0 if MEASURES[c.source][1] == PERCENT else True for c in computed}
    perfect |= {"absent_without_reason": 0, "repeated_absence": 0, "speakers": 8}
    manual = {c.key: Manual(c.max_points) for c in DEFAULT.criteria if c.is_manual}
    result = evaluate(DEFAULT, measures | perfect, manual)
    assert (result.total, result.level.title, result.notes) == (100, "Tốt", ())


@SETTINGS
@given(sheet=sheets(), data=st.data())
def test_it_never_gives_a_lower_level_for_more_points(sheet: Sheet, data: st.DataObject) -> None:
    full = set(data.draw(st.lists(st.sampled_from([c.key for c in sheet.criteria]), unique=True)))
    low = data.draw(st.integers(min_value=0, max_value=sheet.max_total))
    high = data.draw(st.integers(min_value=low, max_value=sheet.max_total))
    assert sheet.levels.index(sheet.level_for(high, full)) <= sheet.levels.index(sheet.level_for(low, full))


@SETTINGS
@given(sheet=sheets(with_manual=True), measures=measures_strategy(), data=st.data())
def test_it_never_lowers_the_level_when_the_cell_gives_more_points(sheet: Sheet, measures, data: st.DataObject) -> None:  # type: ignore[no-untyped-def]
    manual = [c for c in sheet.criteria if c.is_manual and c.max_points > 1]
    assume(manual)
    criterion = data.draw(st.sampled_from(manual))
    # Below the maximum both times, so the set of criteria at full marks stays the same.
    low = data.draw(st.integers(min_value=0, max_value=criterion.max_points - 2))
    high = data.draw(st.integers(min_value=low, max_value=criterion.max_points - 1))
    before = evaluate(sheet, measures, {criterion.key: Manual(low)})
    after = evaluate(sheet, measures, {criterion.key: Manual(high)})
    assert after.total - before.total == high - low
    assert after.level_rank <= before.level_rank


@SETTINGS
@given(sheet=sheets(with_manual=True), measures=measures_strategy(), data=st.data())
def test_it_refuses_cell_scores_outside_zero_to_max(sheet: Sheet, measures, data: st.DataObject) -> None:  # type: ignore[no-untyped-def]
    manual = [c for c in sheet.criteria if c.is_manual]
    criterion = data.draw(st.sampled_from(manual))
    wrong = data.draw(st.integers(max_value=-1) | st.integers(min_value=criterion.max_points + 1))
    with pytest.raises(ScoreOutOfRange):
        evaluate(sheet, measures, {criterion.key: Manual(wrong)})
    right = data.draw(st.integers(min_value=0, max_value=criterion.max_points))
    row = next(r for r in evaluate(sheet, measures, {criterion.key: Manual(right)}).rows if r.key == criterion.key)
    assert (row.points, row.filled) == (right, True)


def test_it_explains_each_criterion_in_vietnamese() -> None:
    measures = {"attendance_pct": 83.3, "speakers": 7, "duration_ok": False}
    details = {
        "attendance_pct": "Dự họp 10/12 đảng viên (83,3%)",
        "duration_ok": "Họp 80 phút, chưa đủ 90 phút theo quy định",
        "speakers": "7 đảng viên phát biểu ý kiến",
    }
    result = evaluate(DEFAULT, measures, {"principles": Manual(4, "Còn ít ý kiến phê bình")}, details)
    reasons = {row.key: row.reason for row in result.rows}
    assert reasons["attendance"] == "Dự họp 10/12 đảng viên (83,3%), không đạt trên 85%: 10/15 điểm"
    assert reasons["speakers"] == "7 đảng viên phát biểu ý kiến, đạt từ 5 trở lên: 10/10 điểm"
    assert reasons["duration"] == "Họp 80 phút, chưa đủ 90 phút theo quy định: 0/10 điểm"
    assert reasons["principles"] == "Chi bộ chấm: 4/5 điểm (Còn ít ý kiến phê bình)"
    assert reasons["chairing"] == "Chi bộ chưa chấm: 0/5 điểm"
    assert reasons["tasks_done"] == "Không đo được từ hồ sơ: 0/10 điểm"
    assert [row.key for row in result.unfilled] == ["chairing"]


def test_it_says_which_full_marks_kept_a_meeting_from_the_top_level() -> None:
    measures = {
        "attendance_pct": 90.0,
        "absent_without_reason": 0,
        "repeated_absence": 0,
        "preparatory_meeting": True,
        "notice_on_time": True,
        "guidance_followed": True,
        "draft_resolution": True,
        "started_on_time": True,
        "duration_ok": True,
        "speakers": 4,
        "minutes_complete": True,
        "tasks_reviewed": True,
        "tasks_done_pct": 100.0,
    }
    manual = {"principles": Manual(5), "chairing": Manual(5)}
    result = evaluate(DEFAULT, measures, manual)
    assert (result.total, result.level.title, result.level_rank) == (96, "Khá", 1)
    assert result.notes == ("Không xếp loại Tốt vì chưa đạt điểm tối đa tiêu chí: Nhiều đảng viên phát biểu ý kiến",)
    # Short of the points as well as of the full marks: the points say it, no note.
    low = evaluate(DEFAULT, measures | {"tasks_done_pct": 0.0}, manual)
    assert (low.total, low.level.title, low.notes) == (86, "Khá", ())
