"""Minutes and resolution pages: draft, edit, adopt, amend.

Who may: whoever sees the meeting reads its records; those who record it
(officers, office, the minute-taker) draft and edit the minutes; the cell's
officers and the office (`meeting.manage`) draft and edit the resolution,
adopt both, and record amendments.
"""

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from accounts.permissions import has_perm
from meetings.models import Meeting, Minutes, Resolution
from quality.models import MeetingEvaluation
from records import actions
from records.forms import AdoptForm, AmendmentForm, MinutesForm, ResolutionForm, TaskFormSet
from records.queries import access_meeting, access_minutes, access_resolution


def _error_text(error: ValidationError) -> str:
    return " ".join(error.messages)


@login_required
def meeting_records(request: HttpRequest, meeting_id: int) -> HttpResponse:
    meeting = access_meeting(request.user, meeting_id)
    minutes = Minutes.objects.filter(meeting=meeting).select_related("adopted_by").first()
    resolution = Resolution.objects.filter(meeting=meeting).select_related("adopted_by").first()
    context: dict[str, Any] = {
        "meeting": meeting,
        "minutes": minutes,
        "resolution": resolution,
        "minutes_amendments": list(minutes.amendments.select_related("created_by")) if minutes else [],
        "resolution_amendments": list(resolution.amendments.select_related("created_by")) if resolution else [],
        "tasks": list(resolution.tasks.select_related("assignee")) if resolution else [],
        "can_record": has_perm(request.user, "meeting.record", meeting),
        "can_manage": has_perm(request.user, "meeting.manage", meeting),
        "started": meeting.status in actions.STARTED,
        "evaluation": MeetingEvaluation.objects.filter(meeting=meeting).first(),
    }
    if minutes and not minutes.is_adopted:
        context["minutes_adopt_form"] = AdoptForm(initial={"version": minutes.version}, prefix="minutes")
    if resolution and not resolution.is_adopted:
        context["resolution_adopt_form"] = AdoptForm(initial={"version": resolution.version}, prefix="resolution")
    return render(request, "records/meeting.html", context)


def _back(meeting: Meeting) -> HttpResponse:
    return redirect("records:meeting", meeting.pk)


@login_required
@require_POST
def minutes_draft(request: HttpRequest, meeting_id: int) -> HttpResponse:
    meeting = access_meeting(request.user, meeting_id, "meeting.record")
    try:
        minutes = actions.do_draft_minutes(request.user, meeting)
    except ValidationError as error:
        messages.error(request, _error_text(error))
        return _back(meeting)
    return redirect("records:minutes_edit", minutes.pk)


@login_required
def minutes_edit(request: HttpRequest, minutes_id: int) -> HttpResponse:
    minutes = access_minutes(request.user, minutes_id, "meeting.record")
    if request.method != "POST":
        if minutes.is_adopted:
            messages.error(request, _error_text(actions.RecordLocked()))
            return _back(minutes.meeting)
        form = MinutesForm(initial={"body": minutes.body, "version": minutes.version})
        return render(
            request, "records/minutes_edit.html", {"minutes": minutes, "form": form, "version": minutes.version}
        )
    form = MinutesForm(request.POST)
    error = ""
    if form.is_valid():
        try:
            minutes = actions.do_save_minutes(
                request.user, minutes, body=form.cleaned_data["body"], version=form.cleaned_data["version"]
            )
        except ValidationError as refusal:
            error = _error_text(refusal)
    else:
        error = _("The minutes cannot be empty.")
    if request.htmx:
        # After a refusal the page keeps the version it had: writing the current one into it would let the
        # next keystroke overwrite the other person's text.
        version = form.data.get("version") if error else minutes.version
        return render(request, "records/_save_state.html", {"version": version, "error": error, "saved": not error})
    if error:
        messages.error(request, error)
        if minutes.is_adopted:
            return _back(minutes.meeting)
        return render(
            request,
            "records/minutes_edit.html",
            {"minutes": minutes, "form": form, "version": form.data.get("version")},
        )
    messages.success(request, _("The minutes were saved."))
    return _back(minutes.meeting)


def _adopt(request: HttpRequest, obj: Minutes | Resolution, prefix: str, action: Any, done: str) -> HttpResponse:
    form = AdoptForm(request.POST, prefix=prefix)
    if not form.is_valid():
        for errors in form.errors.values():
            messages.error(request, " ".join(errors))
        return _back(obj.meeting)
    try:
        adopted = action(request.user, obj, version=form.cleaned_data["version"])
    except ValidationError as error:
        messages.error(request, _error_text(error))
    else:
        messages.success(request, done % {"symbol": adopted.symbol})
    return _back(obj.meeting)


@login_required
@require_POST
def minutes_adopt(request: HttpRequest, minutes_id: int) -> HttpResponse:
    minutes = access_minutes(request.user, minutes_id, "meeting.manage")
    return _adopt(
        request, minutes, "minutes", actions.do_adopt_minutes, _("The minutes were adopted as No. %(symbol)s.")
    )


@login_required
@require_POST
def resolution_draft(request: HttpRequest, meeting_id: int) -> HttpResponse:
    meeting = access_meeting(request.user, meeting_id, "meeting.manage")
    try:
        resolution = actions.do_draft_resolution(request.user, meeting)
    except ValidationError as error:
        messages.error(request, _error_text(error))
        return _back(meeting)
    return redirect("records:resolution_edit", resolution.pk)


@login_required
def resolution_edit(request: HttpRequest, resolution_id: int) -> HttpResponse:
    resolution = access_resolution(request.user, resolution_id, "meeting.manage")
    cell = resolution.meeting.organization
    if request.method != "POST":
        if resolution.is_adopted:
            messages.error(request, _error_text(actions.RecordLocked()))
            return _back(resolution.meeting)
        form = ResolutionForm(
            initial={"title": resolution.title, "body": resolution.body, "version": resolution.version}
        )
        initial = [
            {"what": t.what, "assignee": t.assignee_id, "assignee_text": t.assignee_text, "due_on": t.due_on}
            for t in resolution.tasks.all()
        ]
        tasks = TaskFormSet(initial=initial, cell=cell, prefix="tasks")
        return render(request, "records/resolution_edit.html", {"resolution": resolution, "form": form, "tasks": tasks})
    form = ResolutionForm(request.POST)
    tasks = TaskFormSet(request.POST, cell=cell, prefix="tasks")
    if form.is_valid() and tasks.is_valid():
        try:
            actions.do_save_resolution(
                request.user,
                resolution,
                title=form.cleaned_data["title"],
                body=form.cleaned_data["body"],
                tasks=tasks.tasks(),
                version=form.cleaned_data["version"],
            )
        except ValidationError as error:
            if resolution.is_adopted or isinstance(error, actions.RecordLocked):
                messages.error(request, _error_text(error))
                return _back(resolution.meeting)
            form.add_error(None, error)
        else:
            messages.success(request, _("The resolution was saved."))
            return _back(resolution.meeting)
    return render(request, "records/resolution_edit.html", {"resolution": resolution, "form": form, "tasks": tasks})


@login_required
@require_POST
def resolution_adopt(request: HttpRequest, resolution_id: int) -> HttpResponse:
    resolution = access_resolution(request.user, resolution_id, "meeting.manage")
    return _adopt(
        request,
        resolution,
        "resolution",
        actions.do_adopt_resolution,
        _("The resolution was adopted as No. %(symbol)s."),
    )


def _amend(request: HttpRequest, target: Minutes | Resolution) -> HttpResponse:
    if not target.is_adopted:
        messages.error(request, _("A draft is corrected by editing it; amendments are for adopted texts."))
        return _back(target.meeting)
    form = AmendmentForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            actions.do_amend(request.user, target, reason=form.cleaned_data["reason"], text=form.cleaned_data["text"])
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("The amendment was recorded."))
            return _back(target.meeting)
    return render(request, "records/amend.html", {"target": target, "meeting": target.meeting, "form": form})


@login_required
def minutes_amend(request: HttpRequest, minutes_id: int) -> HttpResponse:
    return _amend(request, access_minutes(request.user, minutes_id, "meeting.manage"))


@login_required
def resolution_amend(request: HttpRequest, resolution_id: int) -> HttpResponse:
    return _amend(request, access_resolution(request.user, resolution_id, "meeting.manage"))
