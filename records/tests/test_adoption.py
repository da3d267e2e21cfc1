"""Adoption locks the text; later corrections are amendments; nobody else adopts."""

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from audit.models import AuditEntry
from core.testing import World
from meetings.models import Amendment, RecordStatus, Resolution
from records.actions import (
    RecordLocked,
    StaleEdit,
    do_adopt_minutes,
    do_adopt_resolution,
    do_amend,
    do_draft_minutes,
    do_save_minutes,
    do_save_resolution,
)
from records.models import Seal
from records.testing import adopted_minutes, held_meeting, resolution_with_tasks, task


def test_it_lets_sam_adopt_the_minutes_after_reading_them_back(world: World, client_for) -> None:  # type: ignore[no-untyped-def]
    minutes = do_draft_minutes(world.sam, held_meeting(world.cell_a1))
    url = reverse("records:minutes_adopt", args=[minutes.pk])
    sam = client_for("sam")
    sam.post(url, {"minutes-version": minutes.version})  # read-back not confirmed
    minutes.refresh_from_db()
    assert minutes.status == RecordStatus.DRAFT
    response = sam.post(url, {"minutes-version": minutes.version, "minutes-read_back": "on"}, follow=True)
    assert "Biên bản đã được thông qua, số 01-BB/CB." in response.content.decode()
    minutes.refresh_from_db()
    assert (minutes.status, minutes.number, minutes.symbol) == (RecordStatus.ADOPTED, 1, "01-BB/CB")
    assert minutes.adopted_by == world.sam and len(minutes.content_hash) == 64
    assert Seal.objects.get(object_id=str(minutes.pk)).content_hash == minutes.content_hash
    assert AuditEntry.objects.filter(action="minutes.adopt", object_id=str(minutes.pk)).count() == 1
    # Submitted twice: still one number, one seal.
    sam.post(url, {"minutes-version": minutes.version - 1, "minutes-read_back": "on"})
    assert Seal.objects.count() == 1


def test_it_refuses_adoption_to_alice_sue_oscar_and_rita(world: World, client_for) -> None:  # type: ignore[no-untyped-def]
    minutes = do_draft_minutes(world.sam, held_meeting(world.cell_a1))
    for who in ("alice", "sue", "oscar", "rita"):
        response = client_for(who).post(
            reverse("records:minutes_adopt", args=[minutes.pk]), {"minutes-version": 1, "minutes-read_back": "on"}
        )
        assert response.status_code in (403, 404), who
    minutes.refresh_from_db()
    assert minutes.status == RecordStatus.DRAFT


def test_it_lets_olga_adopt_too(world: World) -> None:
    minutes = do_draft_minutes(world.olga, held_meeting(world.cell_a1))
    assert do_adopt_minutes(world.olga, minutes, version=minutes.version).is_adopted


def test_it_locks_adopted_minutes_against_any_edit(world: World, client_for) -> None:  # type: ignore[no-untyped-def]
    minutes = adopted_minutes(world.sam, held_meeting(world.cell_a1))
    text = minutes.body
    with pytest.raises(RecordLocked):
        do_save_minutes(world.sam, minutes, body="Viết lại", version=minutes.version)
    sam = client_for("sam")
    url = reverse("records:minutes_edit", args=[minutes.pk])
    page = sam.get(url, follow=True).content.decode()
    assert "<textarea" not in page and "đã được thông qua và khóa" in page
    crafted = sam.post(url, {"body": "Viết lại", "version": minutes.version}, follow=True)
    assert "đã được thông qua và khóa" in crafted.content.decode()
    htmx = sam.post(url, {"body": "Viết lại", "version": minutes.version}, HTTP_HX_REQUEST="true")
    assert "đã được thông qua và khóa" in htmx.content.decode()
    minutes.refresh_from_db()
    assert minutes.body == text
    with pytest.raises(RecordLocked):
        do_adopt_minutes(world.sam, minutes, version=minutes.version)


def test_it_saves_drafts_as_they_are_typed_and_refuses_a_stale_save(world: World, client_for) -> None:  # type: ignore[no-untyped-def]
    minutes = do_draft_minutes(world.sam, held_meeting(world.cell_a1))
    url = reverse("records:minutes_edit", args=[minutes.pk])
    response = client_for("sam").post(url, {"body": "Bản mới", "version": 1}, HTTP_HX_REQUEST="true")
    assert 'name="version" value="2"' in response.content.decode()
    assert "Đã lưu" in response.content.decode()
    stale = client_for("olga").post(url, {"body": "Bản cũ", "version": 1}, HTTP_HX_REQUEST="true")
    assert "Người khác đã lưu" in stale.content.decode()
    # The refused page keeps its old version, so its next keystroke is refused too instead of overwriting.
    assert 'name="version" value="1"' in stale.content.decode()
    again = client_for("olga").post(url, {"body": "Bản cũ sửa tiếp", "version": 1}, HTTP_HX_REQUEST="true")
    assert "Người khác đã lưu" in again.content.decode()
    minutes.refresh_from_db()
    assert (minutes.body, minutes.version) == ("Bản mới", 2)
    with pytest.raises(StaleEdit):
        do_save_minutes(world.sam, minutes, body="x", version=1)


def test_it_records_a_correction_as_a_sealed_amendment(world: World, client_for) -> None:  # type: ignore[no-untyped-def]
    minutes = adopted_minutes(world.sam, held_meeting(world.cell_a1))
    url = reverse("records:minutes_amend", args=[minutes.pk])
    data = {"reason": "Ghi sai tên khách mời", "text": "Sửa tên khách mời thành Hà Văn Khánh."}
    assert client_for("alice").post(url, data).status_code == 403
    assert client_for("sam").post(url, data).status_code == 302
    client_for("sam").post(url, data)  # the same correction twice is kept once
    amendment = Amendment.objects.get()
    assert amendment.minutes == minutes and amendment.created_by == world.sam
    assert Seal.objects.filter(object_type="meetings.amendment", object_id=str(amendment.pk)).exists()
    assert AuditEntry.objects.filter(action="amendment.create").count() == 1
    minutes.refresh_from_db()
    assert "Hà Văn Khánh" not in minutes.body
    page = client_for("alice").get(reverse("records:meeting", args=[minutes.meeting_id])).content.decode()
    assert "Ghi sai tên khách mời" in page and "Sửa tên khách mời thành Hà Văn Khánh." in page


def test_it_refuses_an_amendment_to_a_draft(world: World) -> None:
    minutes = do_draft_minutes(world.sam, held_meeting(world.cell_a1))
    with pytest.raises(ValidationError, match="Bản dự thảo"):
        do_amend(world.sam, minutes, reason="x", text="y")


def test_it_adopts_the_resolution_with_its_tasks_and_locks_them(world: World, client_for) -> None:  # type: ignore[no-untyped-def]
    meeting = held_meeting(world.cell_a1)
    resolution = resolution_with_tasks(
        world.sam,
        meeting,
        [task("Thu quỹ khuyến học", assignee=world.alice.member), task("Dọn vệ sinh", text="Chi ủy")],
    )
    response = client_for("sam").post(
        reverse("records:resolution_adopt", args=[resolution.pk]),
        {"resolution-version": resolution.version, "resolution-read_back": "on"},
    )
    assert response.status_code == 302
    resolution.refresh_from_db()
    assert resolution.symbol == "01-NQ/CB" and resolution.tasks.count() == 2
    with pytest.raises(RecordLocked):
        do_save_resolution(world.sam, resolution, title="x", body="y", tasks=[], version=resolution.version)
    crafted = client_for("sam").post(
        reverse("records:resolution_edit", args=[resolution.pk]),
        {"title": "x", "body": "y", "version": resolution.version, "tasks-TOTAL_FORMS": 0, "tasks-INITIAL_FORMS": 0},
    )
    assert crafted.status_code == 302
    resolution.refresh_from_db()
    assert resolution.title != "x" and resolution.tasks.count() == 2


def test_it_refuses_a_resolution_the_cell_did_not_pass(world: World) -> None:
    meeting = held_meeting(world.cell_a1)
    meeting.votes.update(passed=False, explanation="Không thông qua: 1/3 đảng viên chính thức tán thành.")
    resolution = resolution_with_tasks(world.sam, meeting, [])
    with pytest.raises(ValidationError, match="không được thông qua"):
        do_adopt_resolution(world.sam, resolution, version=resolution.version)
    meeting.votes.all().delete()
    with pytest.raises(ValidationError, match="biểu quyết"):
        do_adopt_resolution(world.sam, resolution, version=resolution.version)
    assert Resolution.objects.get().status == RecordStatus.DRAFT


def test_it_edits_the_resolution_and_its_tasks(world: World, client_for) -> None:  # type: ignore[no-untyped-def]
    resolution = resolution_with_tasks(world.sam, held_meeting(world.cell_a1), [])
    url = reverse("records:resolution_edit", args=[resolution.pk])
    assert "tasks-TOTAL_FORMS" in client_for("sam").get(url).content.decode()
    form = {
        "title": "Nghị quyết tháng 11",
        "body": "Chi bộ quyết nghị.",
        "version": resolution.version,
        "tasks-TOTAL_FORMS": 3,
        "tasks-INITIAL_FORMS": 0,
        "tasks-0-what": "Thu quỹ",
        "tasks-0-assignee": world.alice.member_id,
        "tasks-0-due_on": "30/11/2026",
        "tasks-1-what": "Không ai làm",
        "tasks-2-what": "",
    }
    response = client_for("sam").post(url, form)
    assert response.status_code == 200
    assert "Hãy cho biết ai thực hiện" in response.content.decode()
    form["tasks-1-assignee_text"] = "Chi ủy"
    assert client_for("sam").post(url, form).status_code == 302
    tasks = list(Resolution.objects.get().tasks.order_by("order"))
    assert [(t.what, t.assignee_id, t.assignee_text) for t in tasks] == [
        ("Thu quỹ", world.alice.member_id, ""),
        ("Không ai làm", None, "Chi ủy"),
    ]
    assert client_for("alice").post(url, form).status_code == 403


def test_it_shows_sam_the_editing_and_adoption_pages(world: World, client_for) -> None:  # type: ignore[no-untyped-def]
    meeting = held_meeting(world.cell_a1)
    minutes = do_draft_minutes(world.sam, meeting)
    sam = client_for("sam")
    page = sam.get(reverse("records:meeting", args=[meeting.pk])).content.decode()
    assert reverse("records:minutes_adopt", args=[minutes.pk]) in page
    assert "Văn bản đã được đọc lại tại buổi sinh hoạt" in page
    edit = sam.get(reverse("records:minutes_edit", args=[minutes.pk])).content.decode()
    assert "<textarea" in edit and "hx-post" in edit
    do_adopt_minutes(world.sam, minutes, version=minutes.version)
    amend = sam.get(reverse("records:minutes_amend", args=[minutes.pk]))
    assert amend.status_code == 200 and "Đính chính văn bản số 01-BB/CB" in amend.content.decode()
    page = client_for("rita").get(reverse("records:meeting", args=[meeting.pk])).content.decode()
    assert "Số 01-BB/CB" in page and reverse("records:minutes_amend", args=[minutes.pk]) not in page
