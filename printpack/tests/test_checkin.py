"""Self check-in: a member scans the meeting's QR, the minute-taker confirms, the roll says present."""

import datetime as dt

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from audit.models import AuditEntry
from core.testing import World
from meetings.models import Attendance, AttendanceStatus, MeetingStatus
from members.tests.helpers import client_for
from printpack.checkin import CLOSES_AFTER, OPENS_BEFORE, new_token
from printpack.models import CheckInCode, CheckInState, SelfCheckIn
from printpack.testing import meeting_today, open_check_in, self_check_in
from recording.models import EditVersion

pytestmark = pytest.mark.django_db


def _landing(code: CheckInCode) -> str:
    return reverse("printpack:checkin", args=[code.token])


def _url(name: str, *args: object) -> str:
    return reverse(f"printpack:{name}", args=args)


def _attendance(meeting, user) -> Attendance:  # type: ignore[no-untyped-def]
    return Attendance.objects.get(meeting=meeting, member_id=user.member_id)


# --- the member's side ---------------------------------------------------------------------------


def test_a_member_scans_taps_once_and_is_checked_in(world: World) -> None:
    meeting = meeting_today(world)
    code = open_check_in(world, meeting)
    client = client_for(world.alice)
    page = client.get(_landing(code))
    assert page.status_code == 200
    assert "Tôi có mặt" in page.content.decode()
    response = client.post(_landing(code), follow=True)
    assert response.redirect_chain[-1][0] == _landing(code)
    html = response.content.decode()
    assert "Đồng chí đã điểm danh" in html and "Thư ký ghi biên bản sẽ xác nhận" in html
    row = SelfCheckIn.objects.get(meeting=meeting)
    assert (row.member_id, row.user_id, row.state) == (world.alice.member_id, world.alice.pk, CheckInState.PENDING)
    entry = AuditEntry.objects.get(action="checkin.self")
    assert (entry.actor, entry.organization) == (world.alice, world.cell_a1)
    # Self check-in alone does not change the roll: the minute-taker confirms.
    assert _attendance(meeting, world.alice).status == AttendanceStatus.EXPECTED


def test_scanning_twice_changes_nothing(world: World) -> None:
    meeting = meeting_today(world)
    code = open_check_in(world, meeting)
    client = client_for(world.alice)
    client.post(_landing(code))
    first = SelfCheckIn.objects.get().checked_in_at
    response = client.post(_landing(code), follow=True)
    assert response.status_code == 200
    assert SelfCheckIn.objects.count() == 1 and SelfCheckIn.objects.get().checked_in_at == first
    assert AuditEntry.objects.filter(action="checkin.self").count() == 1
    assert "Tôi có mặt" not in client.get(_landing(code)).content.decode()


def test_an_anonymous_visitor_logs_in_first_and_comes_back(world: World) -> None:
    code = open_check_in(world, meeting_today(world))
    response = Client().get(_landing(code))
    assert response.status_code == 302
    assert response["Location"] == f"{reverse('accounts:login')}?next={_landing(code)}"
    assert Client().post(_landing(code)).status_code == 302
    assert not SelfCheckIn.objects.exists()


@pytest.mark.parametrize("who", ["sue", "olga", "rita", "oscar"])
def test_only_members_of_the_cell_check_in(world: World, who: str) -> None:
    code = open_check_in(world, meeting_today(world))
    client = client_for(getattr(world, who))
    assert client.get(_landing(code)).status_code == 403
    response = client.post(_landing(code))
    assert response.status_code == 403
    assert "đảng viên" in response.content.decode()
    assert not SelfCheckIn.objects.exists()


def test_a_renewed_code_stops_the_old_qr(world: World) -> None:
    meeting = meeting_today(world)
    old = open_check_in(world, meeting)
    old_url = _landing(old)
    sam = client_for(world.sam)
    sam.post(_url("checkin_rotate", meeting.pk), {"version": old.version})
    # A double click on the same form does not renew twice.
    second = sam.post(_url("checkin_rotate", meeting.pk), {"version": old.version}, follow=True)
    assert "đã được đổi" in second.content.decode()
    new = CheckInCode.objects.get(meeting=meeting)
    assert new.token != old.token and new.version == 2
    alice = client_for(world.alice)
    refused = alice.post(old_url)
    assert refused.status_code == 404 and "không còn dùng được" in refused.content.decode()
    assert alice.post(_landing(new)).status_code == 302
    assert SelfCheckIn.objects.count() == 1
    assert AuditEntry.objects.filter(action="checkin.rotate").count() == 1


def test_the_token_is_long_random_and_different_for_each_meeting(world: World) -> None:
    one = open_check_in(world, meeting_today(world))
    two = open_check_in(world, meeting_today(world, starts_in=dt.timedelta(minutes=30)))
    assert one.token != two.token
    assert len(one.token) >= 32


def test_a_check_in_after_the_meeting_ended_is_refused_plainly(world: World) -> None:
    meeting = meeting_today(world, starts_in=-dt.timedelta(minutes=100))
    code = open_check_in(world, meeting)
    meeting.status, meeting.ended_at = MeetingStatus.HELD, timezone.now() - dt.timedelta(minutes=5)
    meeting.save()
    response = client_for(world.alice).post(_landing(code))
    assert response.status_code == 409
    assert "Cuộc họp đã kết thúc lúc" in response.content.decode()
    assert not SelfCheckIn.objects.exists()


def test_check_in_opens_two_hours_before_the_meeting(world: World) -> None:
    early = meeting_today(world, starts_in=OPENS_BEFORE + dt.timedelta(minutes=10))
    code = open_check_in(world, early)
    client = client_for(world.alice)
    page = client.get(_landing(code)).content.decode()
    assert "Tôi có mặt" not in page and "Điểm danh mở lúc" in page
    assert client.post(_landing(code)).status_code == 409
    soon = meeting_today(world, starts_in=OPENS_BEFORE - dt.timedelta(minutes=10))
    assert client.post(_landing(open_check_in(world, soon))).status_code == 302


def test_it_closes_hours_after_the_time_unless_the_meeting_is_still_in_progress(world: World) -> None:
    late = meeting_today(world, starts_in=-(CLOSES_AFTER + dt.timedelta(minutes=10)))
    # The QR was shown during the meeting; nobody recorded its start or end.
    code = CheckInCode.objects.create(meeting=late, token=new_token())
    client = client_for(world.alice)
    response = client.post(_landing(code))
    assert response.status_code == 409 and "đã đóng lúc" in response.content.decode()
    late.status = MeetingStatus.IN_PROGRESS
    late.save()
    assert client.post(_landing(code)).status_code == 302


def test_a_cancelled_meeting_takes_no_check_in(world: World) -> None:
    meeting = meeting_today(world)
    code = open_check_in(world, meeting)
    meeting.status = MeetingStatus.CANCELLED
    meeting.save()
    response = client_for(world.alice).post(_landing(code))
    assert response.status_code == 409 and "đã bị hủy" in response.content.decode()


# --- the QR for the room -------------------------------------------------------------------------


def test_the_officer_opens_the_check_in_once_and_shows_its_qr(world: World) -> None:
    meeting = meeting_today(world)
    sam = client_for(world.sam)
    before = sam.get(_url("checkin_qr", meeting.pk)).content.decode()
    assert "<svg" not in before and _url("checkin_open", meeting.pk) in before
    sam.post(_url("checkin_open", meeting.pk))
    sam.post(_url("checkin_open", meeting.pk))  # a double click
    code = CheckInCode.objects.get(meeting=meeting)
    page = sam.get(_url("checkin_qr", meeting.pk))
    assert page["Cache-Control"] == "no-store"
    html = page.content.decode()
    assert html.count("<svg") == 1 and f"http://testserver{_landing(code)}" in html
    assert AuditEntry.objects.filter(action="checkin.open").count() == 1


def test_the_count_on_the_screen_follows_the_check_ins(world: World) -> None:
    meeting = meeting_today(world)
    open_check_in(world, meeting)
    self_check_in(world.alice, meeting)
    self_check_in(world.sam, meeting)
    fragment = Client(headers={"HX-Request": "true"})
    fragment.force_login(world.alice)
    html = fragment.get(_url("checkin_qr", meeting.pk)).content.decode()
    assert "2 đảng viên đã điểm danh" in html and "2 chờ xác nhận" in html


def test_no_check_in_opens_for_a_meeting_that_is_over(world: World) -> None:
    meeting = meeting_today(world, status=MeetingStatus.CANCELLED)
    response = client_for(world.sam).post(_url("checkin_open", meeting.pk), follow=True)
    assert "đã bị hủy" in response.content.decode()
    assert not CheckInCode.objects.exists()


# --- the minute-taker's side ---------------------------------------------------------------------


def _confirm(client: Client, meeting, row, version: int = 0, **extra: object):  # type: ignore[no-untyped-def]
    return client.post(_url("checkin_confirm", meeting.pk, row.pk), {"version": version, **extra})


def test_the_minute_taker_confirms_and_the_roll_says_present(world: World) -> None:
    meeting = meeting_today(world)
    open_check_in(world, meeting)
    row = self_check_in(world.sam, meeting)
    alice = client_for(world.alice)  # the minute-taker
    listing = alice.get(_url("checkin_list", meeting.pk)).content.decode()
    assert "Trần Văn Sâm" in listing and "Chờ xác nhận (1)" in listing
    assert _confirm(alice, meeting, row).status_code == 302
    attendance = _attendance(meeting, world.sam)
    assert attendance.status == AttendanceStatus.PRESENT and attendance.checked_in_at is not None
    row.refresh_from_db()
    assert (row.state, row.decided_by) == (CheckInState.CONFIRMED, world.alice)
    # The same recording action as the roll call: its version and its audit row.
    assert EditVersion.objects.get(meeting=meeting, part=f"attendance:{attendance.pk}").version == 1
    assert AuditEntry.objects.filter(action="recording.attendance", actor=world.alice).count() == 1
    assert AuditEntry.objects.filter(action="checkin.confirm", actor=world.alice).count() == 1
    # A second tap (the answer was lost) changes nothing more.
    assert _confirm(alice, meeting, row).status_code == 302
    assert AuditEntry.objects.filter(action__in=["recording.attendance", "checkin.confirm"]).count() == 2


def test_a_confirmation_from_a_stale_list_overwrites_nothing(world: World) -> None:
    meeting = meeting_today(world)
    open_check_in(world, meeting)
    row = self_check_in(world.alice, meeting)
    attendance = _attendance(meeting, world.alice)
    # Meanwhile the secretary marks her absent with a reason on the recording page.
    from recording.actions import do_mark

    do_mark(world.sam, meeting, attendance.pk, status=AttendanceStatus.ABSENT_EXCUSED, reason="Ốm", base_version=0)
    htmx = Client(headers={"HX-Request": "true"})
    htmx.force_login(world.alice)
    response = _confirm(htmx, meeting, row, version=0)
    assert response.status_code == 409
    assert "sam" in response.content.decode() and "Không có gì bị ghi đè" in response.content.decode()
    assert _attendance(meeting, world.alice).status == AttendanceStatus.ABSENT_EXCUSED
    row.refresh_from_db()
    assert row.state == CheckInState.PENDING
    # With the list drawn again (version 1), the decision goes through.
    assert _confirm(htmx, meeting, row, version=1).status_code == 200
    assert _attendance(meeting, world.alice).status == AttendanceStatus.PRESENT


def test_rejecting_leaves_the_roll_and_can_be_undone(world: World) -> None:
    meeting = meeting_today(world)
    open_check_in(world, meeting)
    row = self_check_in(world.alice, meeting)
    sam = client_for(world.sam)
    sam.post(_url("checkin_reject", meeting.pk, row.pk))
    row.refresh_from_db()
    assert row.state == CheckInState.REJECTED
    assert _attendance(meeting, world.alice).status == AttendanceStatus.EXPECTED
    assert AuditEntry.objects.filter(action="checkin.reject").count() == 1
    page = client_for(world.alice).get(_landing(CheckInCode.objects.get())).content.decode()
    assert "không xác nhận" in page
    _confirm(sam, meeting, row)
    assert _attendance(meeting, world.alice).status == AttendanceStatus.PRESENT
    # Once confirmed, the roll is changed on the recording page, not by rejecting here.
    htmx = Client(headers={"HX-Request": "true"})
    htmx.force_login(world.sam)
    refused = htmx.post(_url("checkin_reject", meeting.pk, row.pk))
    assert refused.status_code == 400 and "đã được xác nhận" in refused.content.decode()


def test_confirm_all_skips_members_the_roll_already_marks_absent(world: World) -> None:
    meeting = meeting_today(world)
    open_check_in(world, meeting)
    alice_row = self_check_in(world.alice, meeting)
    sam_row = self_check_in(world.sam, meeting)
    Attendance.objects.filter(meeting=meeting, member_id=world.sam.member_id).update(
        status=AttendanceStatus.ABSENT_UNEXCUSED
    )
    client_for(world.olga).post(_url("checkin_confirm_all", meeting.pk))
    alice_row.refresh_from_db()
    sam_row.refresh_from_db()
    assert alice_row.state == CheckInState.CONFIRMED and sam_row.state == CheckInState.PENDING
    assert _attendance(meeting, world.alice).status == AttendanceStatus.PRESENT
    assert _attendance(meeting, world.sam).status == AttendanceStatus.ABSENT_UNEXCUSED


def test_nothing_is_confirmed_once_the_minutes_are_adopted(world: World) -> None:
    from meetings.models import Minutes, RecordStatus

    meeting = meeting_today(world, starts_in=-dt.timedelta(minutes=30))
    open_check_in(world, meeting)
    row = self_check_in(world.alice, meeting)
    meeting.status, meeting.started_at = MeetingStatus.HELD, meeting.scheduled_at
    meeting.ended_at = meeting.scheduled_at + dt.timedelta(minutes=20)
    meeting.save()
    Minutes.objects.create(meeting=meeting, body="Biên bản", status=RecordStatus.ADOPTED, adopted_at=timezone.now())
    response = client_for(world.sam).post(_url("checkin_confirm", meeting.pk, row.pk), {"version": 0}, follow=True)
    assert "biên bản" in response.content.decode().lower()
    row.refresh_from_db()
    assert row.state == CheckInState.PENDING
    assert _attendance(meeting, world.alice).status == AttendanceStatus.EXPECTED


def test_a_check_in_of_another_meeting_is_not_found(world: World) -> None:
    one, two = meeting_today(world), meeting_today(world, starts_in=dt.timedelta(minutes=20))
    open_check_in(world, one)
    row = self_check_in(world.alice, one)
    assert client_for(world.sam).post(_url("checkin_confirm", two.pk, row.pk), {"version": 0}).status_code == 404


@pytest.mark.parametrize(("who", "status"), [("alice", 200), ("sam", 200), ("olga", 200), ("rita", 403), ("sue", 404)])
def test_the_list_is_for_those_who_record_the_meeting(world: World, who: str, status: int) -> None:
    meeting = meeting_today(world)
    open_check_in(world, meeting)
    row = self_check_in(world.alice, meeting)
    client = client_for(getattr(world, who))
    assert client.get(_url("checkin_list", meeting.pk)).status_code == status
    if status != 200:
        assert _confirm(client, meeting, row).status_code == status
        assert SelfCheckIn.objects.get().state == CheckInState.PENDING


def test_an_ordinary_member_who_does_not_take_the_minutes_cannot_confirm(world: World) -> None:
    meeting = meeting_today(world, minute_taker_id=world.sam.member_id)
    open_check_in(world, meeting)
    row = self_check_in(world.alice, meeting)
    alice = client_for(world.alice)
    assert alice.get(_url("checkin_qr", meeting.pk)).status_code == 403
    assert _confirm(alice, meeting, row).status_code == 403
    assert SelfCheckIn.objects.get().state == CheckInState.PENDING


def test_the_list_reads_in_a_fixed_number_of_queries(world: World, django_assert_num_queries) -> None:  # type: ignore[no-untyped-def]
    from core.testing import make_member
    from meetings.roll import draw_roll
    from members.models import Member

    meeting = meeting_today(world)
    open_check_in(world, meeting)
    self_check_in(world.alice, meeting)
    client = client_for(world.sam)
    url = _url("checkin_list", meeting.pk)
    # Session, user, member, grants, positions; meeting; check-ins; roll; versions.
    with django_assert_num_queries(9):
        client.get(url)
    for n in range(10):
        make_member(world.cell_a1, f"Đảng Viên Số {n + 1}")
    draw_roll(meeting)
    for member in Member.objects.filter(full_name__startswith="Đảng Viên Số"):
        SelfCheckIn.objects.create(meeting=meeting, member=member, checked_in_at=timezone.now())
    with django_assert_num_queries(9):
        response = client.get(url)
    assert len(response.context["listing"].pending) == 11
