"""Reads for minutes, resolutions and tasks, and the access helpers that fetch and check."""

import datetime as dt
from typing import Any

from django.core.exceptions import PermissionDenied
from django.db.models import BooleanField, ExpressionWrapper, Q, QuerySet
from django.http import Http404

from accounts.permissions import has_perm, require
from core.dates import today
from meetings.models import Meeting, Minutes, RecordStatus, Resolution, ResolutionTask, TaskStatus
from orgs.models import Organization

CLOSED_STATUSES = (TaskStatus.DONE, TaskStatus.DROPPED)


def access_meeting(user: Any, meeting_id: int, perm: str = "meeting.view") -> Meeting:
    try:
        meeting = Meeting.objects.select_related("organization", "chair", "minute_taker").get(pk=meeting_id)
    except Meeting.DoesNotExist:
        raise Http404 from None
    require(user, perm, meeting)
    return meeting


def access_minutes(user: Any, minutes_id: int, perm: str) -> Minutes:
    try:
        minutes = Minutes.objects.select_related("meeting__organization").get(pk=minutes_id)
    except Minutes.DoesNotExist:
        raise Http404 from None
    require(user, perm, minutes.meeting)
    return minutes


def access_resolution(user: Any, resolution_id: int, perm: str) -> Resolution:
    try:
        resolution = Resolution.objects.select_related("meeting__organization").get(pk=resolution_id)
    except Resolution.DoesNotExist:
        raise Http404 from None
    require(user, perm, resolution.meeting)
    return resolution


def access_task(user: Any, task_id: int) -> ResolutionTask:
    """A task of an adopted resolution, for those who see its meeting or carry it out."""
    try:
        task = ResolutionTask.objects.select_related("resolution__meeting__organization", "assignee").get(
            pk=task_id, resolution__status=RecordStatus.ADOPTED
        )
    except ResolutionTask.DoesNotExist:
        raise Http404 from None
    if not has_perm(user, "meeting.view", task.resolution.meeting):
        raise PermissionDenied
    return task


def followed_tasks() -> "QuerySet[ResolutionTask]":
    """Tasks of adopted resolutions, with what every task list shows, in a single query."""
    return (
        ResolutionTask.objects.filter(resolution__status=RecordStatus.ADOPTED)
        .select_related("assignee", "resolution__meeting__organization")
        .annotate(overdue=ExpressionWrapper(overdue_filter(), output_field=BooleanField()))
        .order_by("due_on", "resolution__meeting__scheduled_at", "order", "id")
    )


def overdue_filter(day: dt.date | None = None) -> Q:
    return Q(due_on__lt=day or today()) & ~Q(status__in=CLOSED_STATUSES)


def tasks_for(user: Any, *, include_closed: bool = False) -> "QuerySet[ResolutionTask]":
    """The tasks assigned to `user`'s own member record; open ones only unless asked."""
    if not getattr(user, "member_id", None):
        return ResolutionTask.objects.none()
    tasks = followed_tasks().filter(assignee_id=user.member_id)
    return tasks if include_closed else tasks.exclude(status__in=CLOSED_STATUSES)


def cell_tasks(cell: Organization, *, status: str = "", overdue: bool = False, assignee_id: int | None = None) -> Any:
    tasks = followed_tasks().filter(resolution__meeting__organization=cell)
    if status:
        tasks = tasks.filter(status=status)
    if overdue:
        tasks = tasks.filter(overdue_filter())
    if assignee_id:
        tasks = tasks.filter(assignee_id=assignee_id)
    return tasks


def overdue_under(org: Organization) -> "QuerySet[ResolutionTask]":
    """Overdue tasks in every cell under `org`, grouped by cell (ordered by the cell's place in the tree)."""
    return (
        followed_tasks()
        .filter(resolution__meeting__organization__path__startswith=org.path)
        .filter(overdue_filter())
        .order_by("resolution__meeting__organization__path", "due_on", "id")
    )


def tasks_to_review(cell: Organization, month: dt.date) -> list[ResolutionTask]:
    """The open tasks of the cell's last adopted resolution before `month`, for that month's agenda."""
    previous = (
        Resolution.objects.filter(
            meeting__organization=cell, status=RecordStatus.ADOPTED, meeting__month__lt=month.replace(day=1)
        )
        .order_by("-meeting__month", "-meeting__scheduled_at", "-id")
        .values_list("pk", flat=True)
        .first()
    )
    if previous is None:
        return []
    return list(
        ResolutionTask.objects.filter(resolution_id=previous)
        .exclude(status__in=CLOSED_STATUSES)
        .select_related("assignee")
        .order_by("order", "id")
    )
