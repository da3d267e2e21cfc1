"""Following up a resolution's tasks: status changes and evidence, each one a TaskUpdate and an audit row."""

from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.utils.translation import gettext as _

from accounts.permissions import has_perm
from audit.log import record, snapshot
from core.dates import today
from meetings.models import ResolutionTask, TaskStatus, TaskUpdate

CLOSED = (TaskStatus.DONE, TaskStatus.DROPPED)
TASK_FIELDS = ["status", "evidence", "done_on", "version"]


class StaleEdit(ValidationError):
    def __init__(self) -> None:
        super().__init__(_("This task was updated by someone else after you opened it. Reload the page and try again."))


def is_assignee(user: Any, task: ResolutionTask) -> bool:
    return bool(user.member_id) and task.assignee_id == user.member_id


def may_update(user: Any, task: ResolutionTask) -> bool:
    """The cell's officers and office follow every task; a member reports on their own."""
    return has_perm(user, "meeting.manage", task.resolution.meeting) or (
        is_assignee(user, task) and has_perm(user, "meeting.respond", task.resolution.meeting)
    )


def may_decide(user: Any, task: ResolutionTask) -> bool:
    """Dropping or reopening a task is the cell's decision, taken by its officers."""
    return has_perm(user, "meeting.manage", task.resolution.meeting)


@transaction.atomic
def do_update_task(
    actor: Any,
    task: ResolutionTask,
    *,
    status: str,
    note: str = "",
    file: UploadedFile | None = None,
    version: int,
) -> TaskUpdate:
    task = (
        ResolutionTask.objects.select_for_update().select_related("resolution__meeting__organization").get(pk=task.pk)
    )
    if not may_update(actor, task):
        raise PermissionDenied
    if not task.resolution.is_adopted:
        raise ValidationError(_("Tasks are followed up once the resolution is adopted."))
    if version != task.version:
        raise StaleEdit
    if status not in TaskStatus.values:
        raise ValidationError(_("Unknown status."))
    note = note.strip()
    changing = status != task.status
    if not changing and not note and not file:
        raise ValidationError(_("Nothing to record: change the status or add a note or a file."))
    if changing and (status == TaskStatus.DROPPED or task.status in CLOSED) and not may_decide(actor, task):
        raise ValidationError(_("Only the cell's officers may drop a task or reopen a closed one."))
    if status == TaskStatus.DONE and changing and not (note or file or task.evidence):
        raise ValidationError(_("Say how the task was done: add a note or a file as evidence."))
    if status == TaskStatus.DROPPED and changing and not note:
        raise ValidationError(_("Give the reason for dropping the task."))
    before = snapshot(task, TASK_FIELDS)
    task.status = status
    if note:
        task.evidence = note
    if changing:
        task.done_on = today() if status == TaskStatus.DONE else None
    task.version += 1
    task.save(update_fields=TASK_FIELDS)
    update = TaskUpdate.objects.create(task=task, by=actor, status=status, note=note, file=file or "")
    record(
        actor,
        "task.update",
        task,
        organization=task.resolution.meeting.organization,
        object_repr=task.what[:200],
        before=before,
        after=snapshot(task, TASK_FIELDS) | {"file": update.file.name or None},
    )
    return update
