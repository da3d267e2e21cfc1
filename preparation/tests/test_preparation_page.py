"""The preparation page: assignments, the preparatory meeting, documents; rights; a flat query count."""

import datetime as dt

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from audit.models import AuditEntry
from core.testing import World, make_member
from meetings.models import MeetingDocument, PrepAssignment, PrepMeeting, PrepTask
from members.tests.helpers import client_for
from preparation.actions import do_announce_absence, do_send_opinion
from preparation.testing import PDF, attach_pdf, notified_meeting, planned_meeting

pytestmark = pytest.mark.django_db


def _page(meeting_id: int) -> str:
    return reverse("preparation:prepare", args=[meeting_id])


def test_it_assigns_marks_done_and_removes_preparation_work(world: World) -> None:
    meeting = planned_meeting(world)
    sam = client_for(world.sam)
    data = {"member": world.sam.member_id, "task": PrepTask.DRAFT_RESOLUTION, "due_on": "", "note": "Bản 1"}
    sam.post(reverse("preparation:assignment_add", args=[meeting.pk]), data)
    sam.post(reverse("preparation:assignment_add", args=[meeting.pk]), data)  # double click
    assignment = PrepAssignment.objects.get()
    sam.post(reverse("preparation:assignment_done", args=[assignment.pk]), {"done": "1"})
    assignment.refresh_from_db()
    assert assignment.done_at is not None
    assert "Dự thảo nghị quyết" in sam.get(_page(meeting.pk)).content.decode()
    sam.post(reverse("preparation:assignment_remove", args=[assignment.pk]))
    assert not PrepAssignment.objects.exists()
    actions = set(AuditEntry.objects.values_list("action", flat=True))
    assert {"meeting.assignment_add", "meeting.assignment_done", "meeting.assignment_remove"} <= actions


def test_it_refuses_work_for_someone_outside_the_cell(world: World) -> None:
    meeting = planned_meeting(world)
    data = {"member": world.sue.member_id, "task": PrepTask.CONTENT}
    response = client_for(world.sam).post(reverse("preparation:assignment_add", args=[meeting.pk]), data)
    assert response.status_code == 200 and response.context["form"].errors["member"]
    assert not PrepAssignment.objects.exists()


def test_it_records_the_preparatory_meeting_with_officers(world: World) -> None:
    meeting = planned_meeting(world)
    url = reverse("preparation:prep_meeting", args=[meeting.pk])
    held_on = (meeting.scheduled_at - dt.timedelta(days=3)).date().isoformat()
    data = {
        "held_on": held_on,
        "attendees": [world.sam.member_id],
        "agreed_content": "Thống nhất nội dung",
        "key_questions": "Vệ sinh môi trường",
    }
    client_for(world.sam).post(url, data)
    prep = PrepMeeting.objects.get()
    assert list(prep.attendees.all()) == [world.sam.member]
    # An ordinary member is not an officer: refused as an attendee.
    response = client_for(world.sam).post(url, {**data, "attendees": [world.alice.member_id]})
    assert response.context["form"].errors["attendees"]
    assert client_for(world.alice).get(url).status_code == 403


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("virus.exe", b"MZ\x90\x00", "không được nhận"),
        ("fake.pdf", b"<html>not a pdf</html>", "không đúng"),
        ("notes.txt", b"\xff\xfe\x00bad", "không đúng"),
    ],
)
def test_it_refuses_bad_documents_with_a_clear_message(world: World, name: str, content: bytes, message: str) -> None:
    meeting = planned_meeting(world)
    url = reverse("preparation:document_add", args=[meeting.pk])
    response = client_for(world.sam).post(url, {"title": "", "file": SimpleUploadedFile(name, content)})
    assert response.status_code == 200 and message in response.content.decode()
    assert not MeetingDocument.objects.exists()


def test_it_refuses_an_empty_document(world: World) -> None:
    meeting = planned_meeting(world)
    url = reverse("preparation:document_add", args=[meeting.pk])
    response = client_for(world.sam).post(url, {"file": SimpleUploadedFile("empty.pdf", b"")})
    assert response.context["form"].errors["file"]
    assert not MeetingDocument.objects.exists()


def test_it_refuses_a_document_over_the_limit(world: World, settings) -> None:  # type: ignore[no-untyped-def]
    import preparation.forms

    meeting = planned_meeting(world)
    url = reverse("preparation:document_add", args=[meeting.pk])
    original = preparation.forms.MAX_DOCUMENT_BYTES
    preparation.forms.MAX_DOCUMENT_BYTES = 20
    try:
        response = client_for(world.sam).post(url, {"file": SimpleUploadedFile("big.pdf", PDF)})
    finally:
        preparation.forms.MAX_DOCUMENT_BYTES = original
    assert "giới hạn" in response.content.decode()
    assert not MeetingDocument.objects.exists()


def test_it_attaches_and_removes_a_document(world: World) -> None:
    meeting = planned_meeting(world)
    url = reverse("preparation:document_add", args=[meeting.pk])
    client_for(world.sam).post(url, {"title": "", "file": SimpleUploadedFile("Báo cáo tháng.pdf", PDF)})
    document = MeetingDocument.objects.get()
    assert document.title == "Báo cáo tháng"
    client_for(world.olga).post(reverse("preparation:document_remove", args=[document.pk]))
    assert not MeetingDocument.objects.exists()


def test_it_shows_read_receipts_opinions_and_absences(world: World) -> None:
    meeting = notified_meeting(world)
    do_send_opinion(world.alice, meeting, member=world.alice.member, topic="proposal", body="Đề nghị sửa đường")
    do_announce_absence(world.alice, meeting, member=world.alice.member, reason="Đi công tác")
    client_for(world.alice).get(reverse("preparation:notice", args=[meeting.pk]))
    html = client_for(world.sam).get(_page(meeting.pk)).content.decode()
    assert "Đề nghị sửa đường" in html and "Đi công tác" in html
    assert "Đã đọc: 1/4 người." in html


@pytest.mark.parametrize(("who", "status"), [("alice", 403), ("sue", 404), ("oscar", 404), ("rita", 200)])
def test_it_shows_the_preparation_to_those_who_oversee_the_cell(world: World, who: str, status: int) -> None:
    meeting = planned_meeting(world)
    response = client_for(getattr(world, who)).get(_page(meeting.pk))
    assert response.status_code == status
    if status == 200:
        assert reverse("preparation:edit", args=[meeting.pk]) not in response.content.decode()


def test_it_shows_the_page_in_a_fixed_number_of_queries(world: World, django_assert_num_queries) -> None:  # type: ignore[no-untyped-def]
    meeting = notified_meeting(world)
    client = client_for(world.sam)

    def load() -> None:
        assert client.get(_page(meeting.pk)).status_code == 200

    load()
    # Session, user, member, grants, positions, meeting; then the page's fixed set of reads.
    with django_assert_num_queries(16):
        load()
    for i in range(6):
        member = make_member(world.cell_a1, f"Nguyễn Văn Thêm {i}")
        do_send_opinion(world.alice, meeting, member=member, topic="content", body=f"Ý kiến {i}")
        PrepAssignment.objects.create(meeting=meeting, member=member, task=PrepTask.OTHER)
        attach_pdf(world, meeting, title=f"Tài liệu {i}")
    from preparation.actions import do_build_agenda, do_send_notice

    do_build_agenda(world.sam, meeting)
    do_send_notice(world.sam, meeting)
    with django_assert_num_queries(16):
        load()
