"""Bands typed as lines of text, and a pack said in plain Vietnamese."""

import copy

import pytest
from django.core.exceptions import ValidationError

from meetings.voting import Threshold
from rules.bands import format_bands, parse_bands
from rules.describe import duration_lines, scoring_text, sheet_views, threshold_lines
from rules.schema import parse
from rules.shipped import pack_data


@pytest.mark.parametrize(
    ("line", "band"),
    [
        ("> 85 → 15", {"op": ">", "value": 85, "points": 15}),
        (">=3->6", {"op": ">=", "value": 3, "points": 6}),
        ("≥ 5 : 10 điểm", {"op": ">=", "value": 5, "points": 10}),
        ("<= 1 => 2", {"op": "<=", "value": 1, "points": 2}),
        ("> 85,5% → 15", {"op": ">", "value": 85.5, "points": 15}),
        ("= có → 5", {"op": "=", "value": True, "points": 5}),
        ("Không -> 0", {"op": "=", "value": False, "points": 0}),
        ("= 0 → 5", {"op": "=", "value": 0, "points": 5}),
    ],
)
def test_it_reads_a_band_however_it_is_typed(line: str, band: dict) -> None:
    assert parse_bands(line) == [band]


def test_it_names_each_line_it_cannot_read() -> None:
    with pytest.raises(ValidationError) as caught:
        parse_bands("> 85 → 15\n\n85 → 10\n> nhiều → 5\n> 50")
    assert caught.value.messages == [
        "Dòng 3 («85 → 10»): hãy viết phép so sánh, giá trị, mũi tên và số điểm, ví dụ «> 85 → 15».",
        "Dòng 4 («> nhiều → 5»): hãy viết phép so sánh, giá trị, mũi tên và số điểm, ví dụ «> 85 → 15».",
        "Dòng 5 («> 50»): hãy viết phép so sánh, giá trị, mũi tên và số điểm, ví dụ «> 85 → 15».",
    ]


def test_it_writes_the_stored_bands_back_as_it_reads_them() -> None:
    for sheet in pack_data("hd12-binh-thuan")["quality"]["sheets"]:
        for criterion in sheet["criteria"]:
            bands = criterion.get("bands", [])
            text = format_bands(bands, criterion["source"])
            assert parse_bands(text) == bands
    assert format_bands([{"op": "=", "value": True, "points": 5}], "notice_on_time") == "= có → 5"


def test_it_says_the_default_pack_in_plain_vietnamese() -> None:
    rules = parse(pack_data("hd12-binh-thuan"))
    lines = {line.label: line.text for line in threshold_lines(rules)}
    assert lines["Thông báo"] == "Thông báo và tài liệu gửi đảng viên trước cuộc họp ít nhất 1 ngày."
    assert lines["Nghị quyết, kết luận thông thường"] == "Hơn một nửa số đảng viên chính thức được triệu tập tán thành."
    assert lines["Kết nạp, công nhận đảng viên chính thức"].startswith("Ít nhất hai phần ba số đảng viên")
    assert lines["Sinh hoạt chuyên đề"].startswith("Ít nhất 1 lần sinh hoạt chuyên đề mỗi quý")
    durations = {line.label: line.text for line in duration_lines(rules)}
    assert durations["Sinh hoạt thường kỳ"] == "ít nhất 90 phút"
    assert durations["Sinh hoạt thường kỳ kết hợp chuyên đề"] == "ít nhất 120 phút"
    assert durations["Họp chi ủy"] == "không quy định"
    view = sheet_views(rules)[0]
    scoring = {c.criterion.key: c.scoring for group in view.groups for c in group.criteria}
    assert scoring["attendance"] == "> 85%: 15 điểm; > 70%: 10 điểm; > 50%: 5 điểm; còn lại: 0 điểm."
    assert scoring["notice_on_time"] == "có: 5 điểm; không: 0 điểm."
    assert scoring["no_unexcused"] == "= 0: 5 điểm; ≤ 1: 2 điểm; còn lại: 0 điểm."
    assert scoring["principles"] == "Chi bộ tự chấm tại cuộc họp, từ 0 đến 5 điểm."
    assert [g.title for g in view.groups][0] == "1. Số lượng đảng viên dự sinh hoạt"
    assert view.groups[0].max_points == 25
    levels = [(level.title, level.condition) for level in view.levels]
    assert levels[0][0] == "Tốt" and levels[0][1].startswith("từ 90 điểm, và đạt điểm tối đa ở: Trên 85% đảng viên")
    assert levels[1:] == [("Khá", "từ 70 điểm"), ("Trung bình", "từ 50 điểm"), ("Kém", "dưới 50 điểm")]


def test_it_says_any_fraction_plainly() -> None:
    data = copy.deepcopy(pack_data("hd12-binh-thuan"))
    data["votes"]["majority"] = {"fraction": "2/3", "strict": True}
    data["votes"]["qualified"] = {"fraction": "3/4", "strict": False}
    rules = parse(data)
    assert rules.majority == Threshold(rules.majority.fraction, True)
    lines = {line.label: line.text for line in threshold_lines(rules)}
    assert lines["Nghị quyết, kết luận thông thường"].startswith("Hơn 2/3 số đảng viên chính thức")
    assert lines["Kết nạp, công nhận đảng viên chính thức"].startswith("Ít nhất 3/4 số đảng viên chính thức")


def test_it_scores_minutes_in_minutes() -> None:
    data = copy.deepcopy(pack_data("hd12-binh-thuan"))
    criterion = data["quality"]["sheets"][0]["criteria"][8]
    criterion.update(source="duration_minutes", bands=[{"op": ">=", "value": 90, "points": 10}])
    text = scoring_text(parse(data).sheets[0].criteria[8])
    assert text == "≥ 90 phút: 10 điểm; còn lại: 0 điểm."
