"""The pack's data is checked in one place, and every mistake is named where it is."""

import copy
import json
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from meetings.voting import Threshold
from rules.schema import MANUAL, PackInvalid, parse
from rules.shipped import SHIPPED, pack_data


def _default() -> dict[str, Any]:
    return copy.deepcopy(pack_data("hd12-binh-thuan"))


def _problems(data: Any) -> dict[tuple, str]:
    """Each place in the data with a mistake → the sentences about it, joined by " | "."""
    with pytest.raises(PackInvalid) as caught:
        parse(data)
    assert caught.value.errors == [p.text for p in caught.value.problems]
    found: dict[tuple, list[str]] = {}
    for problem in caught.value.problems:
        found.setdefault(problem.path, []).append(problem.text)
    return {path: " | ".join(texts) for path, texts in found.items()}


@pytest.mark.parametrize("code", sorted(SHIPPED))
def test_it_reads_the_shipped_packs(code: str) -> None:
    rules = parse(pack_data(code))
    assert rules.min_minutes_for("regular") == 90 and rules.min_minutes_for("regular_thematic") == 120
    assert all(sheet.max_total == 100 for sheet in rules.sheets)
    assert rules.majority == Threshold(rules.majority.fraction, True) and str(rules.qualified.fraction) == "2/3"


def test_it_reads_the_default_sheet_as_the_regulation_says() -> None:
    rules = parse(_default())
    sheet = rules.sheet_for("regular")
    assert sheet is not None and rules.sheet_for("committee") is None
    attendance = next(c for c in sheet.criteria if c.key == "attendance")
    assert [attendance.points_for(v) for v in (90, 85, 71, 51, 50, None)] == [15, 10, 10, 5, 0, 0]
    assert sheet.level_for(95, {"attendance", "duration", "speakers", "minutes_complete"}).title == "Tốt"
    assert sheet.level_for(95, {"attendance"}).title == "Khá"
    assert sheet.level_for(49, set()).title == "Kém"


def test_it_refuses_what_is_not_an_object() -> None:
    assert list(_problems([1, 2]).values()) == ["Bộ quy định phải là một đối tượng JSON."]


def test_it_names_each_wrong_threshold_where_it_is() -> None:
    data = _default()
    data["meeting"]["notice_lead_days"] = 45
    data["meeting"]["min_minutes"] = {"thematic": 90, "weekly": 30}
    data["votes"]["majority"] = {"fraction": "3/0"}
    data["votes"]["qualified"] = {"fraction": "5/4", "strict": "no"}
    data["thematic"]["min_per_quarter"] = 1.5
    problems = _problems(data)
    assert problems[("meeting", "notice_lead_days")] == "Số ngày thông báo trước: phải từ 0 đến 30"
    assert problems[("meeting", "min_minutes", "regular")].endswith(
        "phải có thời lượng tối thiểu của sinh hoạt thường kỳ"
    )
    assert '"weekly" không phải là một loại cuộc họp' in problems[("meeting", "min_minutes", "weekly")]
    assert "không phải là phân số" in problems[("votes", "majority")]
    assert problems[("votes", "qualified")].endswith('"strict" phải là true ("hơn") hoặc false ("ít nhất")')
    assert problems[("thematic", "min_per_quarter")].endswith("phải là số nguyên")
    with pytest.raises(PackInvalid) as caught:
        parse(data)
    assert any("phân số phải lớn hơn 0 và không quá 1" in e for e in caught.value.errors)


def test_it_names_each_wrong_criterion_and_band() -> None:
    data = _default()
    criteria = data["quality"]["sheets"][0]["criteria"]
    criteria[0]["bands"][0]["points"] = 20  # more than the criterion's 15
    criteria[1]["source"] = "mood"
    criteria[2]["bands"] = []
    criteria[3]["bands"][0]["op"] = "≈"
    criteria[4]["bands"][0]["value"] = "yes"
    criteria[12]["bands"] = [{"op": "=", "value": True, "points": 5}]  # a manual criterion with a band
    criteria[9]["bands"] = [{"op": ">=", "value": 5, "points": 6}]  # never the full 10
    criteria[10]["key"] = criteria[11]["key"]
    problems = _problems(data)
    sheet = ("quality", "sheets", 0)
    assert "phải từ 0 đến 15" in problems[(*sheet, "criteria", 0, "bands", 0)]
    assert problems[(*sheet, "criteria", 0, "bands", 0)].startswith(
        "Phiếu 1 (Phiếu đánh giá chất lượng sinh hoạt chi bộ) tiêu chí 1 (Trên 85% đảng viên dự sinh hoạt"
    )
    assert problems[(*sheet, "criteria", 0, "bands", 0)].endswith("mức 1: phải từ 0 đến 15")
    assert '"mood" không phải "manual"' in problems[(*sheet, "criteria", 1, "source")]
    assert "cần ít nhất một mức" in problems[(*sheet, "criteria", 2, "bands")]
    assert "phép so sánh phải là một trong" in problems[(*sheet, "criteria", 3, "bands", 0)]
    assert "giá trị phải là một số" in problems[(*sheet, "criteria", 4, "bands", 0)]
    assert "tiêu chí do chi bộ tự chấm không có mức" in problems[(*sheet, "criteria", 12, "bands")]
    assert "không mức nào cho đủ 10 điểm" in problems[(*sheet, "criteria", 9, "bands")]
    assert 'mã tiêu chí "tasks_reviewed" bị dùng hai lần' in problems[(*sheet, "criteria")]


def test_it_names_each_wrong_level_and_sheet() -> None:
    data = _default()
    sheet = data["quality"]["sheets"][0]
    sheet["levels"][0]["requires_full"] = ["attendance", "charisma"]
    sheet["levels"][1]["min_points"] = 95  # above "Tốt"
    sheet["levels"][3]["min_points"] = 10  # nobody below 10 would get a level
    second = copy.deepcopy(sheet)
    second["kinds"] = ["regular", "weekly"]
    second["levels"] = [{"key": "all", "title": "Đạt", "min_points": 120}]
    data["quality"]["sheets"].append(second)
    problems = _problems(data)
    first = ("quality", "sheets", 0)
    assert '"charisma"' in problems[(*first, "levels", 0, "requires_full")]
    assert "bắt đầu từ 0 điểm" in problems[(*first, "levels")]
    assert "Phiếu 2" in problems[("quality", "sheets", 1, "kinds")]
    assert (
        "đã được chấm bằng" in problems[("quality", "sheets", 1, "kinds")]
        or "weekly" in problems[("quality", "sheets", 1, "kinds")]
    )
    assert "chỉ có 100" in problems[("quality", "sheets", 1, "levels")]


def test_it_says_every_mistake_at_once() -> None:
    data = _default()
    data["meeting"]["notice_lead_days"] = -1
    data["quality"]["sheets"][0]["title"] = " "
    data["quality"]["sheets"][0]["criteria"][0]["max_points"] = 0
    with pytest.raises(PackInvalid) as caught:
        parse(data)
    assert len(caught.value.errors) >= 3


def test_a_manual_criterion_needs_no_band() -> None:
    data = _default()
    data["quality"]["sheets"][0]["criteria"][0] = {
        "key": "attendance",
        "title": "Chi bộ tự đánh giá việc dự họp",
        "group": "1",
        "max_points": 15,
        "source": MANUAL,
    }
    criterion = parse(data).sheets[0].criteria[0]
    assert criterion.is_manual and criterion.bands == ()


JSON = st.recursive(
    st.none() | st.booleans() | st.integers(-5, 200) | st.floats(allow_nan=True) | st.text(max_size=5),
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=8), inner, max_size=4),
    max_leaves=20,
)


@settings(max_examples=200, deadline=None)
@given(
    path=st.lists(st.sampled_from(["meeting", "votes", "quality", "sheets", 0, "criteria", 1, "bands", "levels"])),
    value=JSON,
)
def test_it_never_fails_otherwise_than_by_explaining(path: list, value: Any) -> None:
    """Whatever JSON is uploaded, the answer is the rules or a list of mistakes, never a crash."""
    data: Any = _default()
    target = data
    for step in path[:-1]:
        try:
            target = target[step]
        except (KeyError, IndexError, TypeError):
            break
    else:
        if path:
            try:
                target[path[-1]] = value
            except (IndexError, TypeError):
                pass
    try:
        parse(json.loads(json.dumps(data)))
    except PackInvalid as invalid:
        assert invalid.errors
