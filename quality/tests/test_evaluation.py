"""The cell scores its criteria, recomputes, and adopts the evaluation with the minutes; adopted results stay."""

import copy
import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.db import connection
from django.db.models import ProtectedError
from django.test.utils import CaptureQueriesContext

from audit.models import AuditEntry
from core.testing import World
from meetings.models import AttendanceStatus, DocumentCounter, Meeting, MeetingKind, MeetingStatus, RecordStatus
from meetings.testing import make_meeting
from quality.actions import EvaluationLocked, StaleEvaluation, do_recompute, do_recompute_drafts, do_score
from quality.documents import annex
from quality.models import MeetingEvaluation
from quality.testing import score_cell_criteria
from records.actions import do_adopt_minutes, do_draft_minutes
from records.sealing import verify_chain
from records.testing import held_meeting
from rules.models import PackStatus, RulePack
from rules.shipped import pack_data


def _meeting(world: World) -> Meeting:
    return held_meeting(world.cell_a1, scored=False)


def _scores(principles: int | None = 4, chairing: int | None = 5) -> dict:
    return {"principles": (principles, "Còn ít ý kiến phê bình"), "chairing": (chairing, "")}


def test_it_saves_the_cells_scores_and_the_measured_rows(world: World) -> None:
    meeting = _meeting(world)
    evaluation = do_score(world.sam, meeting, scores=_scores(), version=0)
    assert (evaluation.status, evaluation.version, evaluation.pack.code) == ("draft", 1, "hd12-binh-thuan")
    rows = {row["key"]: row for row in evaluation.rows}
    assert len(rows) == 15
    assert rows["principles"]["points"] == 4
    assert rows["principles"]["reason"] == "Chi bộ chấm: 4/5 điểm (Còn ít ý kiến phê bình)"
    # Everyone present (4 of 4), 105 minutes, no notice, no preparatory meeting, nobody spoke.
    assert rows["attendance"]["reason"] == "Dự họp 4/4 đảng viên (100%), đạt trên 85%: 15/15 điểm"
    assert rows["notice_on_time"]["points"] == 0
    assert evaluation.total == sum(row["points"] for row in evaluation.rows)
    assert (evaluation.level_title, evaluation.level_rank) == ("Trung bình", 2)
    assert evaluation.manual == {
        "principles": {"points": 4, "note": "Còn ít ý kiến phê bình"},
        "chairing": {"points": 5, "note": ""},
    }
    entry = AuditEntry.objects.get(action="quality.score")
    assert entry.actor == world.sam and entry.after["total"] == evaluation.total


def test_it_refuses_a_stale_form_and_keeps_a_double_submit_harmless(world: World) -> None:
    meeting = _meeting(world)
    first = do_score(world.sam, meeting, scores=_scores(), version=0)
    again = do_score(world.sam, meeting, scores=_scores(), version=0)  # the same form sent twice
    assert again.version == first.version == 1
    with pytest.raises(StaleEvaluation):
        do_score(world.olga, meeting, scores=_scores(principles=2), version=0)
    assert MeetingEvaluation.objects.get().manual["principles"]["points"] == 4
    changed = do_score(world.olga, meeting, scores=_scores(principles=2), version=1)
    assert (changed.version, changed.manual["principles"]["points"]) == (2, 2)
    assert AuditEntry.objects.filter(action="quality.score").count() == 2


@pytest.mark.parametrize("points", [-1, 6, True])
def test_it_refuses_points_outside_the_criterion_and_changes_nothing(world: World, points: object) -> None:
    meeting = _meeting(world)
    do_score(world.sam, meeting, scores=_scores(), version=0)
    with pytest.raises(ValidationError, match="từ 0 đến 5"):
        do_score(world.sam, meeting, scores={"principles": (points, "")}, version=1)  # type: ignore[dict-item]
    with pytest.raises(ValidationError, match="không phải tiêu chí chi bộ tự chấm"):
        do_score(world.sam, meeting, scores={"attendance": (15, "")}, version=1)
    evaluation = MeetingEvaluation.objects.get()
    assert (evaluation.version, evaluation.manual["principles"]["points"]) == (1, 4)


def test_it_evaluates_only_a_meeting_that_has_begun(world: World) -> None:
    meeting = make_meeting(world.cell_a1, status=MeetingStatus.NOTIFIED)
    with pytest.raises(ValidationError, match="chưa diễn ra"):
        do_score(world.sam, meeting, scores=_scores(), version=0)
    with pytest.raises(ValidationError, match="chưa diễn ra"):
        do_recompute(world.sam, meeting)
    assert not MeetingEvaluation.objects.exists()


def test_it_recomputes_a_draft_from_the_records_and_keeps_the_scores(world: World) -> None:
    meeting = _meeting(world)
    evaluation = do_score(world.sam, meeting, scores=_scores(), version=0)
    assert do_recompute(world.sam, meeting).version == 1  # nothing changed: nothing written
    meeting.attendances.filter(member=world.alice.member).update(status=AttendanceStatus.ABSENT_UNEXCUSED)
    again = do_recompute(world.sam, meeting)
    assert again.version == 2 and again.total < evaluation.total
    assert again.manual == evaluation.manual
    assert {r["key"]: r["points"] for r in again.rows}["no_unexcused"] == 2
    assert AuditEntry.objects.filter(action="quality.recompute").count() == 1


def test_it_refuses_to_adopt_the_minutes_before_the_cell_has_scored(world: World) -> None:
    meeting = _meeting(world)
    do_score(world.sam, meeting, scores=_scores(chairing=None), version=0)
    minutes = do_draft_minutes(world.sam, meeting)
    with pytest.raises(ValidationError) as refused:
        do_adopt_minutes(world.sam, minutes, version=minutes.version)
    assert refused.value.messages == [
        "Hãy chấm điểm buổi sinh hoạt trước khi thông qua biên bản: chi bộ chưa chấm tiêu chí "
        "“Điều hành của chủ trì; biểu dương, nhắc nhở đảng viên” (trang Chất lượng sinh hoạt)."
    ]
    minutes.refresh_from_db()
    assert minutes.status == RecordStatus.DRAFT and minutes.number is None
    assert not DocumentCounter.objects.exists()
    assert MeetingEvaluation.objects.get().status == "draft"
    # Not evaluated at all: refused the same way.
    other = held_meeting(world.cell_a2, scored=False)
    other_minutes = do_draft_minutes(world.sue, other)
    with pytest.raises(ValidationError, match="chưa chấm tiêu chí"):
        do_adopt_minutes(world.sue, other_minutes, version=other_minutes.version)


def test_it_adopts_the_evaluation_with_the_minutes_which_state_the_rating(world: World) -> None:
    meeting = _meeting(world)
    do_score(world.sam, meeting, scores=_scores(principles=2), version=0)
    minutes = do_draft_minutes(world.sam, meeting)
    assert "V. ĐÁNH GIÁ, XẾP LOẠI" in minutes.body
    # Scored again after the draft: the adopted minutes state the final result.
    do_score(world.sam, meeting, scores=_scores(principles=5), version=1)
    minutes = do_adopt_minutes(world.sam, minutes, version=minutes.version)
    evaluation = MeetingEvaluation.objects.get()
    assert evaluation.status == "adopted" and evaluation.adopted_by == world.sam
    assert evaluation.manual["principles"]["points"] == 5
    line = (
        f"Buổi sinh hoạt đạt {evaluation.total}/100 điểm, xếp loại {evaluation.level_title} "
        "(có phiếu đánh giá kèm theo)."
    )
    assert minutes.body.count("V. ĐÁNH GIÁ, XẾP LOẠI") == 1 and line in minutes.body
    assert minutes.body.index("IV. KẾT LUẬN") < minutes.body.index("V. ĐÁNH GIÁ") < minutes.body.index("CHỦ TRÌ:")
    assert verify_chain() == (1, [])
    assert AuditEntry.objects.filter(action="quality.adopt", object_id=str(evaluation.pk)).count() == 1
    sheet = annex(meeting)
    assert sheet is not None and sheet.adopted and sheet.total == evaluation.total
    assert sheet.title == "PHIẾU ĐÁNH GIÁ CHẤT LƯỢNG SINH HOẠT CHI BỘ" and len(sheet.rows) == 15
    assert sheet.pack_label == "HD 12-HD/BTCTW – phiếu 100 điểm (mẫu Bình Thuận) (v1)"


def test_it_adds_the_rating_to_minutes_drafted_before_any_evaluation(world: World) -> None:
    meeting = _meeting(world)
    minutes = do_draft_minutes(world.sam, meeting)
    assert "ĐÁNH GIÁ, XẾP LOẠI" not in minutes.body
    score_cell_criteria(world.sam, meeting)
    minutes = do_adopt_minutes(world.sam, minutes, version=minutes.version)
    assert minutes.body.count("V. ĐÁNH GIÁ, XẾP LOẠI") == 1
    assert minutes.body.index("V. ĐÁNH GIÁ") < minutes.body.index("CHỦ TRÌ:")


def test_it_adopts_minutes_of_a_kind_no_sheet_scores(world: World) -> None:
    meeting = held_meeting(world.cell_a1, kind=MeetingKind.COMMITTEE)
    minutes = do_draft_minutes(world.sam, meeting)
    assert do_adopt_minutes(world.sam, minutes, version=minutes.version).is_adopted
    assert not MeetingEvaluation.objects.exists() and annex(meeting) is None


def _frozen(evaluation: MeetingEvaluation) -> tuple:
    return (evaluation.pack_id, evaluation.rows, evaluation.total, evaluation.level_title, evaluation.measured)


def test_it_never_changes_an_adopted_result(world: World) -> None:
    meeting = _meeting(world)
    score_cell_criteria(world.sam, meeting)
    minutes = do_draft_minutes(world.sam, meeting)
    do_adopt_minutes(world.sam, minutes, version=minutes.version)
    evaluation = MeetingEvaluation.objects.get()
    before = _frozen(evaluation)
    # Later edits of the records.
    meeting.attendances.update(status=AttendanceStatus.ABSENT_UNEXCUSED)
    Meeting.objects.filter(pk=meeting.pk).update(ended_at=meeting.started_at)
    with pytest.raises(EvaluationLocked):
        do_recompute(world.sam, meeting)
    with pytest.raises(EvaluationLocked):
        do_score(world.sam, meeting, scores=_scores(principles=0), version=evaluation.version)
    # The pack's dates change and a stricter pack is published for the commune.
    shipped = RulePack.objects.get(code="hd12-binh-thuan")
    shipped.effective_to = dt.date(2025, 12, 31)
    shipped.save()
    data = copy.deepcopy(pack_data("hd12-binh-thuan"))
    data["quality"]["sheets"][0]["levels"][0]["min_points"] = 99
    data["quality"]["sheets"][0]["criteria"][0]["max_points"] = 20
    data["quality"]["sheets"][0]["criteria"][0]["bands"][0]["points"] = 20
    RulePack.objects.create(
        code="xa-huong-non",
        name="Phiếu riêng của xã",
        scope=world.commune_a,
        effective_from=dt.date(2026, 1, 1),
        status=PackStatus.PUBLISHED,
        data=data,
    )
    evaluation.refresh_from_db()
    assert _frozen(evaluation) == before
    with pytest.raises(ProtectedError):
        shipped.delete()
    # A meeting still in draft follows the pack now in force.
    draft = held_meeting(world.cell_a2, scored=False)
    assert do_recompute(world.sue, draft).pack.code == "xa-huong-non"
    assert MeetingEvaluation.objects.get(meeting=draft).max_total == 105


def test_it_recomputes_every_draft_of_a_commune_in_a_fixed_number_of_queries(world: World) -> None:
    drafts = [held_meeting(cell, day=dt.date(2026, m, 10)) for cell in (world.cell_a1, world.cell_a2) for m in (9, 10)]
    adopted = held_meeting(world.cell_a1, day=dt.date(2026, 11, 10))
    minutes = do_draft_minutes(world.sam, adopted)
    do_adopt_minutes(world.sam, minutes, version=minutes.version)
    frozen = _frozen(MeetingEvaluation.objects.get(meeting=adopted))
    assert do_recompute_drafts(world.olga, world.commune_a) == 0  # nothing changed
    for meeting in [*drafts, adopted]:
        meeting.attendances.filter(member__full_name__in=["Nguyễn Thị Lan", "Lê Thị Hoa"]).update(
            status=AttendanceStatus.ABSENT_UNEXCUSED
        )
    with CaptureQueriesContext(connection) as queries:
        assert do_recompute_drafts(world.olga, world.commune_a) == 4
    assert len(queries) < 25
    for meeting in drafts:
        evaluation = MeetingEvaluation.objects.get(meeting=meeting)
        assert evaluation.version == 2 and {r["key"]: r["points"] for r in evaluation.rows}["no_unexcused"] == 2
    assert _frozen(MeetingEvaluation.objects.get(meeting=adopted)) == frozen
    assert AuditEntry.objects.filter(action="quality.recompute", actor=world.olga).count() == 4
