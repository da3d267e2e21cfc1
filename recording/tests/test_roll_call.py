"""The roll call: one tap per member, absences with reasons, and the counts as the minutes state them."""

from django.utils import timezone

from core.testing import World
from meetings.models import Attendance, Meeting
from recording.summary import summarize
from recording.tests.helpers import eleven_full_members, post, url


def test_it_marks_a_member_present_in_one_tap(world: World, meeting: Meeting, sam) -> None:  # type: ignore[no-untyped-def]
    row = meeting.attendances.get(member=world.alice.member)
    response = post(sam, "mark", meeting.pk, row.pk, status="present", version=0)
    assert response.status_code == 200
    row.refresh_from_db()
    assert row.status == "present" and row.checked_in_at is not None
    body = response.content.decode()
    assert f'id="att-{row.pk}"' in body and 'id="roll-summary"' in body and "có mặt: 1" in body


def test_it_states_the_counts_as_the_minutes_do(world: World, meeting: Meeting) -> None:
    eleven_full_members(world, meeting)
    rows = {r.member.full_name: r for r in meeting.attendances.select_related("member")}
    for name, row in rows.items():
        row.status = "present"
        if name == "Đỗ Đức Hùng":
            row.status, row.reason = "absent_excused", "ốm"
        if name == "Cụ Già Miễn":
            row.status = "absent_excused"
        if name == "Người Đi Xa":
            row.status = "absent_unexcused"
    Attendance.objects.bulk_update(rows.values(), ["status", "reason"])
    summary = summarize(list(meeting.attendances.select_related("member")))
    assert summary.sentence == (
        "Tổng số đảng viên: 14; có mặt: 11; vắng có lý do: 2 (Cụ Già Miễn; Đỗ Đức Hùng — ốm); vắng không lý do: 1 "
        "(Người Đi Xa)."
    )
    assert summary.categories == "Đảng viên chính thức: 12; dự bị: 1; miễn sinh hoạt: 1."
    # The exempt member and the one active elsewhere are left out of the rate: 11 of 12.
    assert (summary.rate_present, summary.rate_base, summary.rate) == (11, 12, 92)


def test_it_needs_a_reason_for_an_excused_absence(world: World, meeting: Meeting, sam) -> None:  # type: ignore[no-untyped-def]
    row = meeting.attendances.get(member=world.alice.member)
    response = post(sam, "mark", meeting.pk, row.pk, status="absent_excused", reason=" ", version=0)
    assert response.status_code == 400
    assert "Hãy ghi lý do vắng mặt." in response.content.decode()
    row.refresh_from_db()
    assert row.status == "expected"
    post(
        sam, "mark", meeting.pk, row.pk, status="absent_excused", reason="Đi công tác", reason_accepted="on", version=0
    )
    row.refresh_from_db()
    assert (row.status, row.reason, row.reason_accepted) == ("absent_excused", "Đi công tác", True)


def test_it_shows_absences_announced_in_advance(world: World, meeting: Meeting, sam) -> None:  # type: ignore[no-untyped-def]
    meeting.attendances.filter(member=world.alice.member).update(
        status="absent_excused", reason="Con ốm", announced_at=timezone.now()
    )
    body = sam.get(url("meeting", meeting.pk)).content.decode()
    assert "Con ốm" in body and "đã báo vắng trước" in body
    assert "vắng có lý do: 1 (Nguyễn Thị Lan — Con ốm)" in body
