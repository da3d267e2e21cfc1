"""Members: the notice on the home page, the read receipt, documents, opinions, absence in advance."""

import datetime as dt

import pytest
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone

from core.testing import World
from meetings.models import Attendance, AttendanceStatus, MeetingKind, MeetingStatus, NoticeRecipient, Opinion
from members.tests.helpers import client_for
from preparation.queries import notices_for
from preparation.testing import PDF, notified_meeting, planned_meeting

pytestmark = pytest.mark.django_db


def test_it_marks_the_notice_read_when_the_member_opens_it(world: World) -> None:
    meeting = notified_meeting(world)
    response = client_for(world.alice).get(reverse("preparation:notice", args=[meeting.pk]))
    assert response.status_code == 200
    html = response.content.decode()
    assert meeting.place in html and "Tuyên bố lý do" in html and "Dự thảo nghị quyết" in html
    receipt = NoticeRecipient.objects.get(meeting=meeting, member=world.alice.member)
    assert receipt.read_at is not None


def test_it_lets_a_member_download_the_documents(world: World) -> None:
    meeting = notified_meeting(world)
    document = meeting.documents.get()
    response = client_for(world.alice).get(reverse("preparation:document", args=[document.pk]))
    assert response.status_code == 200 and b"".join(response.streaming_content) == PDF
    assert "attachment" in response["Content-Disposition"]


def test_it_hides_a_notice_not_yet_sent_from_members(world: World) -> None:
    meeting = planned_meeting(world)
    assert client_for(world.alice).get(reverse("preparation:notice", args=[meeting.pk])).status_code == 403
    assert client_for(world.sam).get(reverse("preparation:notice", args=[meeting.pk])).status_code == 200


@pytest.mark.parametrize("who", ["sue", "oscar"])
def test_it_keeps_other_cells_out_of_the_notice(world: World, who: str) -> None:
    meeting = notified_meeting(world)
    assert client_for(getattr(world, who)).get(reverse("preparation:notice", args=[meeting.pk])).status_code == 404


def test_it_takes_an_opinion_once_even_if_sent_twice(world: World) -> None:
    meeting = notified_meeting(world)
    url = reverse("preparation:opinion", args=[meeting.pk])
    data = {"topic": "draft_resolution", "body": "Đề nghị bổ sung nhiệm vụ làm đường"}
    alice = client_for(world.alice)
    assert alice.post(url, data).status_code == 302
    alice.post(url, data)
    assert Opinion.objects.get().member == world.alice.member
    response = alice.post(url, {"topic": "proposal", "body": "   "})
    assert response.status_code == 200 and "chưa viết ý kiến" in response.content.decode()


def test_it_records_an_absence_announced_in_advance_and_its_withdrawal(world: World) -> None:
    meeting = notified_meeting(world)
    alice = client_for(world.alice)
    alice.post(reverse("preparation:absence", args=[meeting.pk]), {"reason": "Đi viện cùng mẹ"})
    row = Attendance.objects.get(meeting=meeting, member=world.alice.member)
    assert (row.status, row.reason) == (AttendanceStatus.ABSENT_EXCUSED, "Đi viện cùng mẹ")
    assert row.announced_at is not None
    alice.post(reverse("preparation:absence_withdraw", args=[meeting.pk]))
    row.refresh_from_db()
    assert (row.status, row.reason, row.announced_at) == (AttendanceStatus.EXPECTED, "", None)


def test_it_refuses_opinions_and_absences_once_the_meeting_has_started(world: World) -> None:
    meeting = notified_meeting(world)
    meeting.status = MeetingStatus.IN_PROGRESS
    meeting.save(update_fields=["status"])
    alice = client_for(world.alice)
    alice.post(reverse("preparation:opinion", args=[meeting.pk]), {"topic": "content", "body": "Muộn"})
    alice.post(reverse("preparation:absence", args=[meeting.pk]), {"reason": "Bận"})
    assert not Opinion.objects.exists()
    assert not Attendance.objects.filter(announced_at__isnull=False).exists()


def test_the_office_and_the_reader_cannot_answer_for_members(world: World) -> None:
    meeting = notified_meeting(world)
    for who in (world.olga, world.rita):
        url = reverse("preparation:opinion", args=[meeting.pk])
        assert client_for(who).post(url, {"topic": "content", "body": "x"}).status_code == 403
    assert not Opinion.objects.exists()


def test_home_notices_list_unread_first_and_only_upcoming(world: World) -> None:
    later = notified_meeting(world, days_ahead=20, kind=MeetingKind.EXTRAORDINARY)
    sooner = notified_meeting(world)
    NoticeRecipient.objects.filter(meeting=sooner, member=world.alice.member).update(read_at=timezone.now())
    held = notified_meeting(world, days_ahead=5, kind=MeetingKind.THEMATIC, topic="Chuyển đổi số")
    held.status = MeetingStatus.HELD
    held.save(update_fields=["status"])
    notices = notices_for(world.alice)
    assert [n.meeting for n in notices] == [later, sooner]
    html = render_to_string("preparation/_home_notices.html", {"notices": notices})
    assert reverse("preparation:notice", args=[later.pk]) in html and "mới" in html
    assert notices_for(world.olga) == []


def test_home_notices_take_one_query(world: World, django_assert_num_queries) -> None:  # type: ignore[no-untyped-def]
    for days in (4, 6, 8):
        notified_meeting(world, days_ahead=days, kind=MeetingKind.EXTRAORDINARY)
    with django_assert_num_queries(1):
        notices = notices_for(world.alice)
        render_to_string("preparation/_home_notices.html", {"notices": notices})
    assert len(notices) == 3
    assert dt.date.today() <= timezone.localtime(notices[0].meeting.scheduled_at).date()
