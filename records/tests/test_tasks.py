"""Task follow-up: status, evidence, rights, the history, overdue flags, and the review next month."""

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from audit.models import AuditEntry
from core.testing import World
from meetings.models import TaskStatus, TaskUpdate
from members.models import Member
from records.queries import cell_tasks, overdue_under, tasks_for, tasks_to_review
from records.tasks import StaleEdit, do_update_task
from records.testing import adopted_resolution, alice_task, held_meeting, resolution_with_tasks, task


def test_it_follows_a_task_from_open_to_done_with_evidence(world: World) -> None:
    t = alice_task(world)
    with pytest.raises(ValidationError, match="minh chứng"):
        do_update_task(world.alice, t, status=TaskStatus.DONE, version=t.version)
    do_update_task(world.alice, t, status=TaskStatus.IN_PROGRESS, note="Đã đi 10/25 hộ", version=t.version)
    t.refresh_from_db()
    photo = SimpleUploadedFile("bien-lai.jpg", b"\xff\xd8\xff fake jpeg", content_type="image/jpeg")
    do_update_task(world.alice, t, status=TaskStatus.DONE, note="Đã thu đủ 25 hộ", file=photo, version=t.version)
    t.refresh_from_db()
    assert (t.status, t.evidence) == (TaskStatus.DONE, "Đã thu đủ 25 hộ")
    assert t.done_on is not None
    updates = list(TaskUpdate.objects.filter(task=t).order_by("at", "id"))
    assert [u.status for u in updates] == [TaskStatus.IN_PROGRESS, TaskStatus.DONE]
    assert updates[-1].file.name.endswith(".jpg") and updates[-1].by == world.alice
    assert AuditEntry.objects.filter(action="task.update", object_id=str(t.pk)).count() == 2


def test_it_lets_alice_report_on_her_own_task_but_not_drop_it(world: World, client_for) -> None:  # type: ignore[no-untyped-def]
    t = alice_task(world)
    url = reverse("records:task", args=[t.pk])
    alice = client_for("alice")
    page = alice.get(url).content.decode()
    assert "Vận động hộ gia đình nộp quỹ" in page and 'value="dropped"' not in page
    response = alice.post(url, {"status": "dropped", "note": "Không làm", "version": t.version})
    assert response.status_code == 200
    with pytest.raises(ValidationError, match="chi ủy"):
        do_update_task(world.alice, t, status=TaskStatus.DROPPED, note="Không làm", version=t.version)
    response = alice.post(url, {"status": "open", "note": "Đã liên hệ tổ trưởng", "version": t.version})
    assert response.status_code == 302
    t.refresh_from_db()
    assert t.evidence == "Đã liên hệ tổ trưởng" and t.status == TaskStatus.OPEN


def test_it_lets_sam_drop_a_task_with_a_reason(world: World) -> None:
    t = alice_task(world)
    with pytest.raises(ValidationError, match="lý do"):
        do_update_task(world.sam, t, status=TaskStatus.DROPPED, version=t.version)
    do_update_task(world.sam, t, status=TaskStatus.DROPPED, note="Cấp trên đã thu", version=t.version)
    t.refresh_from_db()
    assert t.status == TaskStatus.DROPPED
    with pytest.raises(ValidationError):
        do_update_task(world.alice, t, status=TaskStatus.OPEN, note="Mở lại", version=t.version)


def test_it_refuses_updates_from_those_outside_and_from_readers(world: World, client_for) -> None:  # type: ignore[no-untyped-def]
    t = alice_task(world)
    url = reverse("records:task", args=[t.pk])
    for who in ("sue", "oscar", "rita"):
        response = client_for(who).post(url, {"status": "done", "note": "x", "version": t.version})
        assert response.status_code == 403, who
    assert "Báo cáo tiến độ" not in client_for("rita").get(url).content.decode()
    for user in (world.sue, world.rita):
        with pytest.raises(PermissionDenied):
            do_update_task(user, t, status=TaskStatus.DONE, note="x", version=t.version)
    t.refresh_from_db()
    assert t.status == TaskStatus.OPEN and not TaskUpdate.objects.exists()


def test_it_refuses_a_stale_update_and_an_empty_one(world: World) -> None:
    t = alice_task(world)
    do_update_task(world.sam, t, status=TaskStatus.IN_PROGRESS, version=1)
    with pytest.raises(StaleEdit):
        do_update_task(world.alice, t, status=TaskStatus.DONE, note="Xong", version=1)
    with pytest.raises(ValidationError, match="Không có gì"):
        do_update_task(world.alice, t, status=TaskStatus.IN_PROGRESS, version=2)
    assert TaskUpdate.objects.count() == 1


def test_it_lists_the_tasks_of_a_member_and_flags_the_overdue(world: World) -> None:
    t = alice_task(world)
    assert list(tasks_for(world.alice)) == [t]
    assert list(tasks_for(world.sam)) == [] and list(tasks_for(world.olga)) == []
    assert not tasks_for(world.alice).get().overdue  # due 30/11/2026, today is earlier
    t.due_on = dt.date(2020, 1, 1)
    t.save(update_fields=["due_on"])
    assert tasks_for(world.alice).get().overdue
    assert list(cell_tasks(world.cell_a1, overdue=True)) == [t]
    assert list(overdue_under(world.commune_a)) == [t]
    assert list(overdue_under(world.commune_b)) == []
    do_update_task(world.alice, t, status=TaskStatus.DONE, note="Xong", version=t.version)
    assert list(overdue_under(world.commune_a)) == []
    assert list(tasks_for(world.alice)) == []
    assert len(tasks_for(world.alice, include_closed=True)) == 1


def test_it_hides_the_tasks_of_a_draft_resolution(world: World) -> None:
    resolution_with_tasks(world.sam, held_meeting(world.cell_a1), [task("Nháp", assignee=world.alice.member)])
    assert list(tasks_for(world.alice)) == []


def test_it_hands_last_months_open_tasks_to_the_next_agenda(world: World) -> None:
    hung = Member.objects.get(full_name="Đỗ Đức Hùng")
    october = adopted_resolution(
        world.sam, held_meeting(world.cell_a1, day=dt.date(2026, 10, 10)), [task("Tháng 10", assignee=hung)]
    )
    november = adopted_resolution(
        world.sam,
        held_meeting(world.cell_a1, day=dt.date(2026, 11, 10)),
        [task("Sửa đường", assignee=hung), task("Thu quỹ", text="Chi ủy"), task("Trồng cây", text="Đoàn viên")],
    )
    done, dropped, still_open = november.tasks.order_by("order")
    do_update_task(world.sam, done, status=TaskStatus.DONE, note="Xong", version=done.version)
    do_update_task(world.sam, dropped, status=TaskStatus.DROPPED, note="Bỏ", version=dropped.version)
    assert tasks_to_review(world.cell_a1, dt.date(2026, 12, 1)) == [still_open]
    assert [t.what for t in tasks_to_review(world.cell_a1, dt.date(2026, 11, 1))] == ["Tháng 10"]
    assert tasks_to_review(world.cell_a1, dt.date(2026, 10, 1)) == []
    assert tasks_to_review(world.cell_a2, dt.date(2026, 12, 1)) == []
    # A draft resolution in December is not "adopted": November's tasks stay the ones to review.
    resolution_with_tasks(world.sam, held_meeting(world.cell_a1, day=dt.date(2026, 12, 10)), [task("x", text="y")])
    assert tasks_to_review(world.cell_a1, dt.date(2027, 1, 1)) == [still_open]
    assert october.tasks.count() == 1
