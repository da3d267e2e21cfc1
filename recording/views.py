"""The recording page and the saves of its sections.

Each POST answers htmx with the section it changed (or, for autosaved text,
with the new version and the "saved at" line only, so the text being typed is
never replaced). A plain form POST gets a redirect back to the page.
Answers: 200 saved, 400 invalid input, 409 someone else saved first or the
record is closed.
"""

from typing import Any

from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from meetings.models import AgendaItem, Attendance, Meeting
from recording import actions
from recording.forms import EndForm, GuestForm, MarkForm, StartForm, VoteForm
from recording.queries import (
    access_meeting,
    cell_members,
    new_token,
    recording_page,
    roll_rows,
    versions,
)
from recording.responses import back, closed, editor, errors, errors_of, is_htmx
from recording.summary import summarize
from recording.versions import Conflict, Locked


def _page_context(request: HttpRequest, meeting: Meeting) -> dict[str, Any]:
    return {"page": recording_page(meeting, timezone.now()), "meeting": meeting}


@login_required
def meeting(request: HttpRequest, meeting_id: int) -> HttpResponse:
    meeting = access_meeting(request.user, meeting_id)
    context = _page_context(request, meeting)
    context["editor"] = new_token().hex
    return render(request, "recording/meeting.html", context)


def _section(request: HttpRequest, meeting: Meeting, template: str, status: int = 200, **extra: Any) -> HttpResponse:
    context = _page_context(request, meeting)
    page = context["page"]
    for name, value in extra.items():
        # A bound form with errors, or after a conflict, replaces the page's blank one.
        if hasattr(page, name):
            setattr(page, name, value)
        else:
            context[name] = value
    return render(request, template, context, status=status)


@login_required
@require_POST
def start(request: HttpRequest, meeting_id: int) -> HttpResponse:
    meeting = access_meeting(request.user, meeting_id)
    form = StartForm(request.POST, members=cell_members(meeting))
    conflict = None
    if form.is_valid():
        had_roll = meeting.attendances.exists()
        try:
            actions.do_start(
                request.user,
                meeting,
                chair=form.member("chair"),
                minute_taker=form.member("minute_taker"),
                started_at=form.cleaned_data["started_at"],
                base_version=form.cleaned_data["version"],
                editor=editor(request),
            )
        except Locked as error:
            return closed(request, meeting, error)
        except Conflict as error:
            conflict = error
        except ValidationError as error:
            form.add_error(None, error)
        else:
            if not is_htmx(request):
                return back(request, meeting, "start")
            if not had_roll:
                # The roll was just drawn: every section that lists members changes, so reload the page.
                response = HttpResponse(status=204)
                response["HX-Refresh"] = "true"
                return response
            meeting = access_meeting(request.user, meeting_id)
            return _section(request, meeting, "recording/_start.html", saved=True)
    if not is_htmx(request):
        return back(request, meeting, "start", conflict.message if conflict else errors_of(form))
    if conflict:
        # Keep what this person typed, based now on the version they have seen.
        data = request.POST.copy()
        data["version"] = str(conflict.version)
        form = StartForm(data, members=cell_members(meeting))
        form.is_valid()
        theirs = conflict.theirs
        names = {m.pk: m.full_name for m in form.members.values()}
        their_text = _("Chair: %(chair)s; minute-taker: %(taker)s; started at %(time)s") % {
            "chair": names.get(theirs[0], "—"),
            "taker": names.get(theirs[1], "—"),
            "time": timezone.localtime(theirs[2]).strftime("%H:%M %d/%m/%Y") if theirs[2] else "—",
        }
        return _section(
            request, meeting, "recording/_start.html", 409, start_form=form, conflict=conflict, theirs=their_text
        )
    return _section(request, meeting, "recording/_start.html", 400, start_form=form)


@login_required
@require_POST
def end(request: HttpRequest, meeting_id: int) -> HttpResponse:
    meeting = access_meeting(request.user, meeting_id)
    form = EndForm(request.POST)
    conflict = None
    if form.is_valid():
        try:
            actions.do_end(
                request.user,
                meeting,
                ended_at=form.cleaned_data["ended_at"] or timezone.now(),
                base_version=form.cleaned_data["version"],
                editor=editor(request),
            )
        except Locked as error:
            return closed(request, meeting, error)
        except Conflict as error:
            conflict = error
        except ValidationError as error:
            form.add_error(None, error)
        else:
            if not is_htmx(request):
                return back(request, meeting, "end")
            meeting = access_meeting(request.user, meeting_id)
            return _section(request, meeting, "recording/_end.html", saved=True)
    if not is_htmx(request):
        return back(request, meeting, "end", conflict.message if conflict else errors_of(form))
    if conflict:
        data = request.POST.copy()
        data["version"] = str(conflict.version)
        form = EndForm(data)
        form.is_valid()
        theirs = conflict.theirs
        their_text = _("Ended at %(time)s") % {
            "time": timezone.localtime(theirs).strftime("%H:%M %d/%m/%Y") if theirs else "—"
        }
        return _section(
            request, meeting, "recording/_end.html", 409, end_form=form, conflict=conflict, theirs=their_text
        )
    return _section(request, meeting, "recording/_end.html", 400, end_form=form)


def _save_entry(
    request: HttpRequest, meeting: Meeting, form: Any, run: Any, anchor: str, template: str, form_name: str
) -> HttpResponse:
    """Run a new guest's or vote's form through its action; answer with the section (htmx) or the page."""
    if form.is_valid():
        try:
            run(form.cleaned_data)
        except Locked as error:
            return closed(request, meeting, error)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            if not is_htmx(request):
                return back(request, meeting, anchor)
            return _section(request, meeting, template)
    if not is_htmx(request):
        return back(request, meeting, anchor, errors_of(form))
    return _section(request, meeting, template, 400, **{form_name: form})


def _remove_entry(request: HttpRequest, meeting: Meeting, run: Any, anchor: str, template: str) -> HttpResponse:
    try:
        run()
    except Locked as error:
        return closed(request, meeting, error)
    if not is_htmx(request):
        return back(request, meeting, anchor)
    return _section(request, meeting, template)


@login_required
@require_POST
def add_guest(request: HttpRequest, meeting_id: int) -> HttpResponse:
    meeting = access_meeting(request.user, meeting_id)
    return _save_entry(
        request,
        meeting,
        GuestForm(request.POST),
        lambda data: actions.do_add_guest(request.user, meeting, **data),
        "guests",
        "recording/_guests.html",
        "guest_form",
    )


@login_required
@require_POST
def remove_guest(request: HttpRequest, meeting_id: int, guest_id: int) -> HttpResponse:
    meeting = access_meeting(request.user, meeting_id)
    return _remove_entry(
        request,
        meeting,
        lambda: actions.do_remove_guest(request.user, meeting, guest_id),
        "guests",
        "recording/_guests.html",
    )


def _row(meeting: Meeting, attendance_id: int) -> tuple[Attendance, list[Attendance]]:
    rows = roll_rows(meeting)
    known = versions(meeting)
    for row in rows:
        row.version = known.get(f"attendance:{row.pk}", 0)  # type: ignore[attr-defined]
    found = next((r for r in rows if r.pk == attendance_id), None)
    if found is None:
        raise Http404
    return found, rows


@login_required
@require_POST
def mark(request: HttpRequest, meeting_id: int, attendance_id: int) -> HttpResponse:
    meeting = access_meeting(request.user, meeting_id)
    if not Attendance.objects.filter(meeting=meeting, pk=attendance_id).exists():
        raise Http404
    form = MarkForm(request.POST)
    status, extra = 200, {}
    if form.is_valid():
        try:
            actions.do_mark(
                request.user,
                meeting,
                attendance_id,
                status=form.cleaned_data["status"],
                reason=form.cleaned_data["reason"].strip(),
                reason_accepted=form.cleaned_data["reason_accepted"],
                base_version=form.cleaned_data["version"],
                editor=editor(request),
            )
        except Locked as error:
            return closed(request, meeting, error)
        except Conflict as error:
            theirs = error.theirs
            text = theirs.get_status_display() + (f" — {theirs.reason}" if theirs.reason else "")
            status, extra = 409, {"conflict": error, "theirs": text}
        except ValidationError as error:
            status, extra = 400, {"errors": errors(error)}
    else:
        status, extra = 400, {"errors": errors_of(form)}
    if not is_htmx(request):
        problem = extra.get("conflict")
        return back(request, meeting, f"att-{attendance_id}", problem.message if problem else extra.get("errors"))
    row, rows = _row(meeting, attendance_id)
    context = {
        "meeting": meeting,
        "row": row,
        "summary": summarize(rows),
        "page": {"locked": False},
        "oob": True,
        **extra,
    }
    return render(request, "recording/_mark.html", context, status=status)


@login_required
@require_POST
def add_vote(request: HttpRequest, meeting_id: int) -> HttpResponse:
    meeting = access_meeting(request.user, meeting_id)
    items = list(AgendaItem.objects.filter(meeting=meeting).order_by("order", "pk"))
    form = VoteForm(request.POST, items=items)

    def run(data: dict[str, Any]) -> None:
        actions.do_record_vote(
            request.user,
            meeting,
            token=data["token"],
            subject=data["subject"],
            kind=data["kind"],
            method=data["method"],
            votes_for=data["votes_for"],
            votes_against=data["votes_against"],
            abstentions=data["abstentions"],
            agenda_item=form.item(),
        )

    return _save_entry(request, meeting, form, run, "votes", "recording/_votes.html", "vote_form")


@login_required
@require_POST
def remove_vote(request: HttpRequest, meeting_id: int, vote_id: int) -> HttpResponse:
    meeting = access_meeting(request.user, meeting_id)
    return _remove_entry(
        request,
        meeting,
        lambda: actions.do_remove_vote(request.user, meeting, vote_id),
        "votes",
        "recording/_votes.html",
    )
