"""Each measure of rules.schema.MEASURES, computed from records built for the purpose."""

import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from core.testing import World
from guidance.testing import make_guidance
from meetings.models import (
    AgendaItem,
    AttendanceStatus,
    Meeting,
    MeetingKind,
    Minutes,
    Part,
    PrepAssignment,
    PrepMeeting,
    PrepTask,
    RecordStatus,
    Resolution,
    ResolutionTask,
    Speech,
    SpeechKind,
    StepKind,
    TaskStatus,
    Vote,
    VoteKind,
)
from members.models import Member
from preparation.models import NoticeRound
from quality.measures import Measured, measure_meeting, measure_meetings
from records.testing import held_meeting
from rules.lookup import PackIndex
from rules.schema import MEASURES

NOV = dt.date(2026, 11, 10)


def _at(day: dt.date, hour: int, minute: int = 0) -> dt.datetime:
    return timezone.make_aware(dt.datetime.combine(day, dt.time(hour, minute)))


def _held(world: World, day: dt.date = NOV, **extra) -> Meeting:  # type: ignore[no-untyped-def]
    return held_meeting(world.cell_a1, day=day, scored=False, **extra)


def _set(meeting: Meeting, name: str, **fields) -> None:  # type: ignore[no-untyped-def]
    meeting.attendances.filter(member__full_name=name).update(**fields)


def _measure(meeting: Meeting) -> Measured:
    meeting.refresh_from_db()
    return measure_meeting(meeting)


def test_it_gives_every_measure_the_rules_know(world: World) -> None:
    found = _measure(_held(world))
    assert set(found.values) == set(MEASURES) == set(found.details)


def test_it_counts_attendance_without_exempt_or_away_members(world: World) -> None:
    meeting = _held(world)
    _set(meeting, "Đỗ Đức Hùng", exempt=True, status=AttendanceStatus.ABSENT_EXCUSED)
    _set(meeting, "Phạm Văn Dự", temporarily_away=True, status=AttendanceStatus.ABSENT_EXCUSED)
    _set(meeting, "Nguyễn Thị Lan", status=AttendanceStatus.ABSENT_UNEXCUSED)
    found = _measure(meeting)
    assert found.values["attendance_pct"] == 50.0
    assert found.details["attendance_pct"] == (
        "Dự họp 1/2 đảng viên (50%), không tính 2 đảng viên miễn sinh hoạt hoặc sinh hoạt tạm thời nơi khác"
    )
    assert found.values["absent_without_reason"] == 1
    assert found.details["absent_without_reason"] == "Vắng không lý do 1 đảng viên: Nguyễn Thị Lan"
    # An exempt member who came counts neither way; everyone else present is 100%.
    _set(meeting, "Nguyễn Thị Lan", status=AttendanceStatus.PRESENT)
    _set(meeting, "Đỗ Đức Hùng", status=AttendanceStatus.PRESENT)
    found = _measure(meeting)
    assert (found.values["attendance_pct"], found.values["absent_without_reason"]) == (100.0, 0)
    # Two of three present: 66.7%, rounded to one decimal as shown.
    _set(meeting, "Phạm Văn Dự", temporarily_away=False, status=AttendanceStatus.ABSENT_EXCUSED)
    assert _measure(meeting).values["attendance_pct"] == 66.7


def test_it_finds_members_absent_with_reason_more_than_three_times_in_a_row(world: World) -> None:
    months = [dt.date(2026, m, 10) for m in (7, 8, 9, 10)]
    meetings = [_held(world, day) for day in months]
    for meeting in meetings:
        _set(meeting, "Nguyễn Thị Lan", status=AttendanceStatus.ABSENT_EXCUSED, reason="ốm")
    third, fourth = _measure(meetings[2]), _measure(meetings[3])
    assert third.values["repeated_absence"] == 0
    assert fourth.values["repeated_absence"] == 1
    assert fourth.details["repeated_absence"] == ("Vắng có lý do quá 3 lần liên tiếp trong năm: Nguyễn Thị Lan (4 lần)")
    # Present once in between: the count starts again.
    _set(meetings[1], "Nguyễn Thị Lan", status=AttendanceStatus.PRESENT)
    assert _measure(meetings[3]).values["repeated_absence"] == 0


def test_it_counts_absences_in_a_row_within_the_year_only(world: World) -> None:
    days = [dt.date(2025, 11, 10), dt.date(2025, 12, 10), dt.date(2026, 1, 10), dt.date(2026, 2, 10)]
    meetings = [_held(world, day) for day in days]
    for meeting in meetings:
        _set(meeting, "Trần Văn Sâm", status=AttendanceStatus.ABSENT_EXCUSED, reason="công tác")
    assert _measure(meetings[3]).values["repeated_absence"] == 0


def test_it_measures_the_duration_against_the_rule_for_the_kind(world: World) -> None:
    found = _measure(_held(world))
    assert (found.values["duration_minutes"], found.values["duration_ok"]) == (105, True)
    assert found.details["duration_ok"] == "Họp 105 phút (quy định ít nhất 90 phút)"
    combined = _held(world, day=dt.date(2026, 10, 10), kind=MeetingKind.REGULAR_THEMATIC)
    found = _measure(combined)
    assert found.values["duration_ok"] is False
    assert found.details["duration_ok"] == "Họp 105 phút, chưa đủ 120 phút theo quy định"
    Meeting.objects.filter(pk=combined.pk).update(ended_at=None)
    found = _measure(combined)
    assert found.values["duration_ok"] is None and found.values["duration_minutes"] is None


def test_it_counts_the_members_who_spoke(world: World) -> None:
    meeting = _held(world)
    lan, sam = world.alice.member, world.sam.member
    hung = Member.objects.get(full_name="Đỗ Đức Hùng")
    for member, kind in ((lan, SpeechKind.OPINION), (lan, SpeechKind.SELF_CRITICISM), (hung, SpeechKind.OPINION)):
        Speech.objects.create(meeting=meeting, member=member, kind=kind, gist="Ý kiến")
    Speech.objects.create(meeting=meeting, member=sam, kind=SpeechKind.PRAISE, gist="Biểu dương")
    # The chair's conclusion and a guest do not count.
    Speech.objects.create(meeting=meeting, member=sam, kind=SpeechKind.CONCLUSION, gist="Kết luận")
    Speech.objects.create(meeting=meeting, speaker_name="Hà Văn Khánh", gist="Khách mời phát biểu")
    found = _measure(meeting)
    assert (found.values["speakers"], found.values["speakers_pct"]) == (3, 75.0)
    assert found.details["speakers_pct"] == "3/4 đảng viên dự họp phát biểu (75%)"


def test_it_allows_ten_minutes_to_start(world: World) -> None:
    meeting = _held(world)
    Meeting.objects.filter(pk=meeting.pk).update(started_at=_at(NOV, 19, 40))
    assert _measure(meeting).values["started_on_time"] is True
    Meeting.objects.filter(pk=meeting.pk).update(started_at=_at(NOV, 19, 45))
    found = _measure(meeting)
    assert found.values["started_on_time"] is False
    assert found.details["started_on_time"] == "Bắt đầu muộn 15 phút (lúc 19:45, giờ triệu tập 19:30)"


def test_it_looks_for_the_preparatory_meeting_before_the_meeting(world: World) -> None:
    meeting = _held(world)
    assert _measure(meeting).values["preparatory_meeting"] is False
    prep = PrepMeeting.objects.create(meeting=meeting, held_on=dt.date(2026, 11, 6))
    found = _measure(meeting)
    assert found.values["preparatory_meeting"] is True
    assert found.details["preparatory_meeting"] == "Cấp ủy họp chuẩn bị ngày 06/11/2026"
    prep.held_on = dt.date(2026, 11, 12)
    prep.save()
    assert _measure(meeting).values["preparatory_meeting"] is False


def test_it_checks_the_notice_lead_time_against_the_pack(world: World) -> None:
    meeting = _held(world)
    found = _measure(meeting)
    assert (found.values["notice_on_time"], found.details["notice_on_time"]) == (False, "Chưa gửi thông báo")
    Meeting.objects.filter(pk=meeting.pk).update(notice_sent_at=_at(NOV - dt.timedelta(days=2), 8))
    found = _measure(meeting)
    assert found.values["notice_on_time"] is True
    assert found.details["notice_on_time"] == "Thông báo gửi ngày 08/11/2026, trước 2 ngày (quy định ít nhất 1 ngày)"
    # The last sending counts: re-sent on the day after a change.
    for number, sent in ((1, _at(dt.date(2026, 11, 8), 8)), (2, _at(NOV, 7))):
        NoticeRound.objects.create(
            meeting=meeting,
            number=number,
            sent_at=sent,
            scheduled_at=meeting.scheduled_at,
            place=meeting.place,
            lead_days=0,
            required_lead_days=1,
        )
    assert _measure(meeting).values["notice_on_time"] is False


def test_it_looks_for_the_upper_levels_guidance_on_the_agenda(world: World) -> None:
    meeting = _held(world)
    found = _measure(meeting)
    assert found.values["guidance_followed"] is True
    assert found.details["guidance_followed"] == "Cấp trên không ban hành định hướng sinh hoạt tháng 11/2026"
    guidance = make_guidance(world.commune_a, actor=world.olga, month=dt.date(2026, 11, 1))
    found = _measure(meeting)
    assert found.values["guidance_followed"] is False
    assert found.details["guidance_followed"] == (
        "Nội dung sinh hoạt không có định hướng tháng 11/2026 của Đảng bộ xã Hương Nộn"
    )
    AgendaItem.objects.create(
        meeting=meeting,
        order=1,
        part=Part.PROCEEDINGS,
        kind=StepKind.OTHER,
        title="Ra quân làm sạch đường làng",
        guidance_item=guidance.items.first(),
    )
    assert _measure(meeting).values["guidance_followed"] is True


def test_it_wants_a_draft_resolution_voted_through(world: World) -> None:
    meeting = _held(world)
    found = _measure(meeting)
    assert (found.values["draft_resolution"], found.details["draft_resolution"]) == (
        False,
        "Không có dự thảo nghị quyết",
    )
    PrepAssignment.objects.create(meeting=meeting, member=world.sam.member, task=PrepTask.DRAFT_RESOLUTION)
    assert _measure(meeting).values["draft_resolution"] is True
    vote = meeting.votes.get()
    Vote.objects.create(
        meeting=meeting,
        subject="Biểu quyết lại",
        kind=VoteKind.RESOLUTION,
        votes_for=1,
        denominator=3,
        passed=False,
        explanation="Không thông qua",
        recorded_at=vote.recorded_at,
    )
    assert _measure(meeting).values["draft_resolution"] is False


def test_it_checks_the_minutes_record_everything(world: World) -> None:
    meeting = _held(world)
    assert _measure(meeting).details["minutes_complete"] == "Chưa lập biên bản"
    Minutes.objects.create(meeting=meeting, body="BIÊN BẢN")
    found = _measure(meeting)
    assert found.values["minutes_complete"] is False
    assert found.details["minutes_complete"] == "Biên bản còn thiếu: người chủ trì, thư ký, kết luận của chủ trì"
    Meeting.objects.filter(pk=meeting.pk).update(chair=world.sam.member, minute_taker=world.alice.member)
    Speech.objects.create(meeting=meeting, member=world.sam.member, kind=SpeechKind.CONCLUSION, gist="Kết luận")
    assert _measure(meeting).values["minutes_complete"] is True
    _set(meeting, "Phạm Văn Dự", status=AttendanceStatus.EXPECTED)
    assert _measure(meeting).details["minutes_complete"] == "Biên bản còn thiếu: điểm danh"


def _october_tasks(world: World) -> Resolution:
    october = _held(world, day=dt.date(2026, 10, 10))
    resolution = Resolution.objects.create(meeting=october, title="NQ", body="…", status=RecordStatus.ADOPTED)
    rows = [
        (TaskStatus.DONE, dt.date(2026, 11, 5), dt.date(2026, 11, 3)),  # done in time
        (TaskStatus.OPEN, dt.date(2026, 11, 1), None),  # due, not done
        (TaskStatus.DONE, dt.date(2026, 11, 20), dt.date(2026, 11, 12)),  # done after the meeting, not due yet
        (TaskStatus.OPEN, dt.date(2026, 11, 30), None),  # not due yet
        (TaskStatus.DROPPED, dt.date(2026, 11, 1), None),
    ]
    for status, due, done in rows:
        ResolutionTask.objects.create(resolution=resolution, what="Việc", status=status, due_on=due, done_on=done)
    return resolution


def test_it_measures_last_months_tasks_due_by_the_meeting(world: World) -> None:
    _october_tasks(world)
    meeting = _held(world)
    found = _measure(meeting)
    assert found.values["tasks_done_pct"] == 50.0
    assert found.details["tasks_done_pct"] == ("Hoàn thành 1/2 nhiệm vụ đến hạn của nghị quyết tháng 10/2026 (50%)")
    assert found.values["tasks_reviewed"] is False
    AgendaItem.objects.create(
        meeting=meeting, order=1, part=Part.PROCEEDINGS, kind=StepKind.TASK_REVIEW, title="Kiểm điểm"
    )
    found = _measure(meeting)
    assert found.values["tasks_reviewed"] is True
    assert found.details["tasks_reviewed"] == "Có kiểm điểm 5 nhiệm vụ của nghị quyết tháng 10/2026"


def test_it_counts_no_earlier_tasks_as_nothing_left_undone(world: World) -> None:
    found = _measure(_held(world))
    assert (found.values["tasks_done_pct"], found.values["tasks_reviewed"]) == (100.0, True)
    # A draft resolution sets no task.
    october = _held(world, day=dt.date(2026, 10, 10))
    draft = Resolution.objects.create(meeting=october, title="NQ", body="…")
    ResolutionTask.objects.create(resolution=draft, what="Việc", due_on=dt.date(2026, 11, 1))
    assert _measure(Meeting.objects.get(month=NOV.replace(day=1))).values["tasks_done_pct"] == 100.0


def test_it_wants_a_thematic_report_for_a_thematic_meeting(world: World) -> None:
    assert _measure(_held(world)).values["thematic_report_prepared"] is None
    meeting = _held(world, day=dt.date(2026, 10, 10), kind=MeetingKind.REGULAR_THEMATIC, topic="Học tập")
    assert _measure(meeting).values["thematic_report_prepared"] is False
    PrepAssignment.objects.create(
        meeting=meeting,
        member=world.sam.member,
        task=PrepTask.THEMATIC_REPORT,
        done_at=_at(dt.date(2026, 10, 7), 20),
    )
    found = _measure(meeting)
    assert found.values["thematic_report_prepared"] is True
    assert found.details["thematic_report_prepared"] == (
        "Báo cáo chuyên đề được dự thảo theo phân công, xong ngày 07/10/2026"
    )


def test_it_reads_the_thematic_report_the_thematic_app_keeps(world: World) -> None:
    report_model = getattr(pytest.importorskip("thematic.models"), "ThematicReport", None)
    if report_model is None or not any(f.name == "shared_at" for f in report_model._meta.get_fields()):
        pytest.skip("the thematic app keeps no report with its sending date")
    meeting = _held(world, day=dt.date(2026, 10, 10), kind=MeetingKind.REGULAR_THEMATIC, topic="Học tập")
    report = report_model.objects.create(meeting=meeting, title="Học tập và làm theo", body="Nội dung báo cáo")
    found = _measure(meeting)
    assert found.values["thematic_report_prepared"] is False
    assert found.details["thematic_report_prepared"] == (
        "Báo cáo chuyên đề “Học tập và làm theo” chưa được gửi đảng viên trước buổi sinh hoạt"
    )
    report.shared_at = _at(dt.date(2026, 10, 5), 9)
    report.save()
    found = _measure(meeting)
    assert found.values["thematic_report_prepared"] is True
    assert found.details["thematic_report_prepared"] == (
        "Báo cáo chuyên đề “Học tập và làm theo” đã gửi đảng viên ngày 05/10/2026"
    )


@pytest.mark.parametrize("months", [1, 6])
def test_it_measures_many_meetings_in_a_fixed_number_of_queries(world: World, months: int) -> None:
    april = _held(world, day=dt.date(2026, 4, 10))
    resolution = Resolution.objects.create(meeting=april, title="NQ", body="…", status=RecordStatus.ADOPTED)
    ResolutionTask.objects.create(resolution=resolution, what="Việc", due_on=dt.date(2026, 5, 1))
    meetings = []
    for n in range(months):
        for cell in (world.cell_a1, world.cell_a2):
            meeting = held_meeting(cell, day=dt.date(2026, 5 + n, 10), scored=False)
            PrepMeeting.objects.create(meeting=meeting, held_on=dt.date(2026, 5 + n, 6))
            Speech.objects.create(meeting=meeting, member=world.sam.member, gist="Ý kiến")
            meetings.append(meeting)
    meetings = list(Meeting.objects.filter(pk__in=[m.pk for m in meetings]).select_related("organization"))
    index = PackIndex.load()
    with CaptureQueriesContext(connection) as queries:
        found = measure_meetings(meetings, index)
    assert len(found) == 2 * months
    try:
        import thematic.models  # noqa: F401

        expected = 14 if hasattr(thematic.models, "ThematicReport") else 13
    except ImportError:
        expected = 13
    assert len(queries) == expected, [q["sql"] for q in queries]
