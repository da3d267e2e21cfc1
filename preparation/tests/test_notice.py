"""Sending the notice: recipients, status, roll, lead time against the rule, re-sending after a change."""

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from audit.models import AuditEntry
from committees.actions import do_assign_position
from committees.models import Role
from core.testing import World
from meetings.models import Attendance, MeetingKind, MeetingStatus, NoticeRecipient
from members.models import Member
from members.tests.helpers import client_for
from preparation.actions import do_build_agenda, do_send_notice, do_update_meeting
from preparation.models import NoticeRound
from preparation.testing import attach_pdf, planned_meeting
from rules.testing import scoped_pack

pytestmark = pytest.mark.django_db


def _ready(world: World, **extra):  # type: ignore[no-untyped-def]
    meeting = planned_meeting(world, **extra)
    do_build_agenda(world.sam, meeting)
    return meeting


def _send(world: World, meeting, who: str = "sam", **data: str):  # type: ignore[no-untyped-def]
    """Post the form; the response's page (with its message) is at `response.page`."""
    client = client_for(getattr(world, who))
    response = client.post(reverse("preparation:notice_send", args=[meeting.pk]), data)
    if response.status_code == 302:
        response.page = client.get(response["Location"]).content.decode()
    return response


def _follow_up_cadre(world: World) -> Member:
    cadre = Member.objects.get(full_name="Hoàng Văn Nam")
    since = dt.date(2025, 8, 1)
    do_assign_position(None, organization=world.commune_a, member=cadre, role=Role.COMMITTEE, valid_from=since)
    do_assign_position(None, organization=world.cell_a1, member=cadre, role=Role.FOLLOW_UP, valid_from=since)
    return cadre


def test_it_notifies_every_member_and_the_follow_up_cadre_and_draws_the_roll(world: World) -> None:
    cadre = _follow_up_cadre(world)
    meeting = _ready(world)
    response = _send(world, meeting, message="Đề nghị đọc trước dự thảo")
    assert response.status_code == 302
    meeting.refresh_from_db()
    assert meeting.status == MeetingStatus.NOTIFIED and meeting.notice_sent_at is not None
    recipients = NoticeRecipient.objects.filter(meeting=meeting)
    assert recipients.count() == 5
    assert list(recipients.filter(is_follow_up_cadre=True).values_list("member", flat=True)) == [cadre.pk]
    assert Attendance.objects.filter(meeting=meeting).count() == 4
    notice = NoticeRound.objects.get()
    assert (notice.number, notice.lead_days, notice.required_lead_days, notice.on_time) == (1, 10, 1, True)
    assert AuditEntry.objects.filter(action="meeting.notice_send", object_id=str(meeting.pk)).exists()
    assert "đúng hạn" in response.page and "Đúng hạn." in response.page


def test_it_says_plainly_when_the_notice_is_late_by_the_nearest_rule(world: World) -> None:
    # The province's pack asks 2 days, commune A's (nearer to the cell) 5; commune B's is not on the way up.
    scoped_pack(world.province, notice_lead_days=2)
    scoped_pack(world.commune_a, notice_lead_days=5)
    scoped_pack(world.commune_b, notice_lead_days=1)
    meeting = _ready(world, days_ahead=3)
    response = _send(world, meeting)
    notice = NoticeRound.objects.get()
    assert (notice.lead_days, notice.required_lead_days, notice.on_time) == (3, 5, False)
    assert "chậm, quy định là 5 ngày" in response.page


def test_a_double_click_sends_once(world: World) -> None:
    meeting = _ready(world)
    _send(world, meeting)
    response = _send(world, meeting)
    assert NoticeRound.objects.count() == 1 and NoticeRecipient.objects.count() == 4
    assert "chưa có gì thay đổi" in response.page


def test_it_resends_after_a_change_and_says_what_changed(world: World) -> None:
    meeting = _ready(world)
    do_send_notice(world.sam, meeting)
    NoticeRecipient.objects.update(read_at=timezone.now())
    meeting.refresh_from_db()
    do_update_meeting(
        world.sam,
        meeting,
        version=meeting.version,
        kind=meeting.kind,
        month=meeting.month,
        scheduled_at=meeting.scheduled_at + dt.timedelta(hours=1),
        place="Hội trường thôn",
    )
    attach_pdf(world, meeting, title="Báo cáo tháng")
    prepare = client_for(world.sam).get(reverse("preparation:prepare", args=[meeting.pk])).content.decode()
    assert "hãy gửi lại" in prepare
    _send(world, meeting)
    second = NoticeRound.objects.get(number=2)
    assert set(second.changes) == {"scheduled_at", "place", "documents_added"}
    assert not NoticeRecipient.objects.filter(read_at__isnull=False).exists()
    assert AuditEntry.objects.filter(action="meeting.notice_resend").exists()
    notice = client_for(world.alice).get(reverse("preparation:notice", args=[meeting.pk])).content.decode()
    assert "Địa điểm: Hội trường thôn (trước là Nhà văn hóa khu)" in notice
    assert "Tài liệu mới: Báo cáo tháng" in notice


def test_it_refuses_a_notice_without_agenda_or_after_the_time(world: World) -> None:
    meeting = planned_meeting(world)
    _send(world, meeting)
    past = _ready(world, days_ahead=-2, kind=MeetingKind.EXTRAORDINARY)
    _send(world, past)
    assert not NoticeRound.objects.exists()


def test_a_committee_meeting_notifies_the_officers(world: World) -> None:
    meeting = _ready(world, kind=MeetingKind.COMMITTEE)
    do_send_notice(world.sam, meeting)
    assert list(NoticeRecipient.objects.values_list("member", flat=True)) == [world.sam.member_id]


@pytest.mark.parametrize("who", ["alice", "sue", "rita", "oscar"])
def test_only_officers_and_the_office_send_the_notice(world: World, who: str) -> None:
    meeting = _ready(world)
    assert _send(world, meeting, who=who).status_code in (403, 404)
    assert not NoticeRound.objects.exists()


def test_the_notice_page_answers_get_with_405(world: World) -> None:
    meeting = _ready(world)
    assert client_for(world.sam).get(reverse("preparation:notice_send", args=[meeting.pk])).status_code == 405
