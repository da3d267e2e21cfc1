"""The minutes and the resolution are drafted from what was recorded at the meeting."""

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from core.testing import World
from meetings.models import (
    AgendaItem,
    AttendanceStatus,
    Guest,
    MeetingStatus,
    Minutes,
    Part,
    Resolution,
    Speech,
    SpeechKind,
    StepKind,
)
from meetings.testing import make_meeting
from members.models import Member
from records.actions import do_draft_minutes, do_draft_resolution
from records.testing import held_meeting


def _recorded(world: World):  # type: ignore[no-untyped-def]
    meeting = held_meeting(world.cell_a1, chair=world.sam.member, minute_taker=world.alice.member)
    du = Member.objects.get(full_name="Phạm Văn Dự")
    meeting.attendances.filter(member=du).update(status=AttendanceStatus.ABSENT_EXCUSED, reason="đi công tác")
    Guest.objects.create(meeting=meeting, name="Hà Văn Khánh", role="Đảng ủy viên phụ trách")
    report = AgendaItem.objects.create(
        meeting=meeting, order=1, part=Part.PROCEEDINGS, kind=StepKind.MONTHLY_REPORT, title="Báo cáo tháng"
    )
    summary = AgendaItem.objects.create(
        meeting=meeting,
        order=2,
        part=Part.CLOSING,
        kind=StepKind.SUMMARY,
        title="Tổng hợp và giao nhiệm vụ",
        content="1. Hoàn thành thu quỹ khuyến học trước 30/11.",
        notes="Bổ sung: tổ chức dọn vệ sinh đường làng.",
    )
    Speech.objects.create(
        meeting=meeting, agenda_item=report, member=world.alice.member, gist="Đề nghị sửa đường điện thôn."
    )
    Speech.objects.create(meeting=meeting, agenda_item=summary, speaker_name="Hà Văn Khánh", gist="Biểu dương chi bộ.")
    Speech.objects.create(
        meeting=meeting, member=world.sam.member, kind=SpeechKind.CONCLUSION, gist="Tập trung thu quỹ trong tháng."
    )
    return meeting


def test_it_drafts_the_minutes_with_everything_recorded(world: World) -> None:
    minutes = do_draft_minutes(world.sam, _recorded(world))
    text = minutes.body
    assert text.startswith("BIÊN BẢN\nSinh hoạt chi bộ thường kỳ tháng 11/2026")
    assert "19:30, ngày 10 tháng 11 năm 2026" in text
    assert "Bắt đầu lúc 19:30, kết thúc lúc 21:15 (105 phút)." in text
    assert "Địa điểm: Nhà văn hóa khu." in text
    assert "Chủ trì: đồng chí Trần Văn Sâm. Thư ký: đồng chí Nguyễn Thị Lan." in text
    assert "có mặt 3/4" in text
    assert "Vắng có lý do: 1 — Phạm Văn Dự (đi công tác)." in text
    assert "Vắng không lý do: không có." in text
    assert "Khách mời: Hà Văn Khánh (Đảng ủy viên phụ trách)." in text
    assert "1. Báo cáo tháng\n- Đồng chí Nguyễn Thị Lan: Đề nghị sửa đường điện thôn." in text
    assert "- Đồng chí Hà Văn Khánh: Biểu dương chi bộ." in text
    assert "biểu quyết bằng hình thức giơ tay" in text
    assert "Thông qua: 3/3 đảng viên chính thức tán thành (hơn một nửa)." in text
    assert "IV. KẾT LUẬN CỦA CHỦ TRÌ\n- Tập trung thu quỹ trong tháng." in text
    # A conclusion is written once, under the conclusions, not under an item.
    assert text.count("Tập trung thu quỹ") == 1


def test_it_drafts_the_resolution_from_the_summary_and_the_vote(world: World) -> None:
    resolution = do_draft_resolution(world.sam, _recorded(world))
    assert resolution.title == "Nghị quyết sinh hoạt chi bộ tháng 11/2026"
    assert "Chi bộ Khu 1\n\nQUYẾT NGHỊ:" in resolution.body
    assert "1. Hoàn thành thu quỹ khuyến học trước 30/11." in resolution.body
    assert "Bổ sung: tổ chức dọn vệ sinh đường làng." in resolution.body
    assert "Thông qua: 3/3" in resolution.body


def test_it_drafts_once_even_when_asked_twice(world: World, client_for) -> None:  # type: ignore[no-untyped-def]
    meeting = held_meeting(world.cell_a1)
    sam = client_for("sam")
    for _ in range(2):
        assert sam.post(reverse("records:minutes_draft", args=[meeting.pk])).status_code == 302
        assert sam.post(reverse("records:resolution_draft", args=[meeting.pk])).status_code == 302
    assert Minutes.objects.filter(meeting=meeting).count() == 1
    assert Resolution.objects.filter(meeting=meeting).count() == 1


def test_it_refuses_to_draft_before_the_meeting(world: World) -> None:
    meeting = make_meeting(world.cell_a1, status=MeetingStatus.NOTIFIED)
    with pytest.raises(ValidationError, match="chưa diễn ra"):
        do_draft_minutes(world.sam, meeting)
    assert not Minutes.objects.exists()


def test_it_shows_the_draft_on_the_records_page(world: World, client_for) -> None:  # type: ignore[no-untyped-def]
    meeting = _recorded(world)
    do_draft_minutes(world.sam, meeting)
    page = client_for("alice").get(reverse("records:meeting", args=[meeting.pk])).content.decode()
    assert "Đề nghị sửa đường điện thôn." in page
    assert "Bản dự thảo" in page or "Dự thảo" in page
    # alice reads but neither edits nor adopts.
    assert reverse("records:minutes_adopt", args=[meeting.minutes.pk]) not in page


def test_it_keeps_the_draft_day_in_local_time(world: World) -> None:
    meeting = held_meeting(world.cell_a1, day=dt.date(2026, 12, 31))
    assert "ngày 31 tháng 12 năm 2026" in do_draft_minutes(world.sam, meeting).body
