"""Task follow-up pages: my tasks, one task, a cell's tasks, the overdue tasks under a commune.

Who may: every member sees their own tasks and reports on them; whoever sees
a meeting sees its resolution's tasks; the cell's officers and the office
(`meeting.manage`) update any task of the cell, drop or reopen one. The cell
and commune lists need `org.view_members` (officers, office, readers,
follow-up cadre).
"""

from itertools import groupby
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from accounts.permissions import access_org
from core.dates import today
from records.forms import TaskFilterForm, TaskUpdateForm
from records.queries import access_task, cell_tasks, overdue_under, tasks_for
from records.tasks import do_update_task, may_decide, may_update


@login_required
def my_tasks(request: HttpRequest) -> HttpResponse:
    tasks = list(tasks_for(request.user, include_closed=True))
    context = {
        "open_tasks": [t for t in tasks if t.status not in ("done", "dropped")],
        "closed_tasks": [t for t in tasks if t.status in ("done", "dropped")],
        "has_member": bool(request.user.member_id),
    }
    return render(request, "records/my_tasks.html", context)


@login_required
def task_detail(request: HttpRequest, task_id: int) -> HttpResponse:
    task = access_task(request.user, task_id)
    can_update = may_update(request.user, task)
    can_decide = may_decide(request.user, task)
    if request.method == "POST":
        if not can_update:
            raise PermissionDenied
        form = TaskUpdateForm(request.POST, request.FILES, may_decide=can_decide)
        if form.is_valid():
            data: dict[str, Any] = form.cleaned_data
            try:
                do_update_task(
                    request.user,
                    task,
                    status=data["status"],
                    note=data["note"],
                    file=data["file"],
                    version=data["version"],
                )
            except ValidationError as error:
                form.add_error(None, error)
            else:
                messages.success(request, _("The task was updated."))
                return redirect("records:task", task.pk)
    else:
        form = TaskUpdateForm(initial={"status": task.status, "version": task.version}, may_decide=can_decide)
    context = {
        "task": task,
        "meeting": task.resolution.meeting,
        "updates": list(task.updates.select_related("by")),
        "form": form if can_update else None,
        "overdue": task.due_on is not None and task.due_on < today() and task.status not in ("done", "dropped"),
    }
    return render(request, "records/task.html", context)


@login_required
def cell_task_list(request: HttpRequest, org_id: int) -> HttpResponse:
    cell = access_org(request.user, org_id, "org.view_members")
    form = TaskFilterForm(request.GET or None, cell=cell)
    filters: dict[str, Any] = {}
    if form.is_valid():
        data = form.cleaned_data
        filters = {
            "status": data["status"],
            "overdue": data["overdue"],
            "assignee_id": data["assignee"].pk if data["assignee"] else None,
        }
    tasks = list(cell_tasks(cell, **filters)[:500])
    context = {
        "cell": cell,
        "form": form,
        "tasks": tasks,
        "overdue_count": sum(1 for t in tasks if t.overdue),
    }
    return render(request, "records/cell_tasks.html", context)


@login_required
def overdue_list(request: HttpRequest, org_id: int) -> HttpResponse:
    org = access_org(request.user, org_id, "org.view_members")
    tasks = list(overdue_under(org)[:2000])
    groups = [
        {"cell": cell, "tasks": list(rows)}
        for cell, rows in groupby(tasks, key=lambda t: t.resolution.meeting.organization)
    ]
    return render(request, "records/overdue.html", {"org": org, "groups": groups, "total": len(tasks)})
