"""The thematic report's pages: read, start, write (saved as you type), share, comment, discussed, final."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from accounts.permissions import has_perm
from meetings.models import Meeting, MeetingStatus
from thematic import actions
from thematic.forms import CommentForm, DiscussedForm, FinalizeForm, ReportForm, VersionForm
from thematic.models import ThematicReport
from thematic.queries import (
    access_meeting,
    access_report,
    may_read_text,
    may_write,
    report_page,
    require_writer,
)


def _errors(error: ValidationError) -> str:
    return " ".join(error.messages)


def _back(meeting_id: int, anchor: str = "") -> HttpResponse:
    response = redirect("thematic:report", meeting_id)
    if anchor:
        response["Location"] += f"#{anchor}"
    return response


def _render(request: HttpRequest, meeting: Meeting, comment_form: CommentForm | None = None) -> HttpResponse:
    user = request.user
    page = report_page(meeting, user)
    report = page.report
    if page.my_copy is not None and page.my_copy.read_at is None:
        actions.do_mark_report_read(user, page.my_copy)
    author_id = report.author_id if report else _prepared_by(meeting)
    writer = may_write(user, meeting, author_id)
    manager = has_perm(user, "meeting.manage", meeting)
    context: dict[str, Any] = {
        "meeting": meeting,
        "page": page,
        "report": report,
        "can_write": writer and not (report and report.is_final),
        "can_manage": manager,
        "can_read_text": report is not None and may_read_text(user, report),
        "held": meeting.status == MeetingStatus.HELD,
    }
    if report is None:
        context["can_start"] = writer and meeting.status != MeetingStatus.CANCELLED
    else:
        version = {"version": report.version}
        context["may_comment"] = (
            report.is_draft and report.shared_at is not None and has_perm(user, "meeting.respond", meeting)
        )
        context["comment_form"] = comment_form or CommentForm()
        context["version_form"] = VersionForm(initial=version)
        context["discussed_form"] = DiscussedForm(initial=version | {"revision_notes": report.revision_notes})
        context["finalize_form"] = FinalizeForm(initial=version)
    return render(request, "thematic/report.html", context)


def _prepared_by(meeting: Meeting) -> int | None:
    """The member who will draft the report: named by the plan, else given it in the preparation."""
    author = actions.expected_author(meeting)
    return author.pk if author else None


@login_required
def report(request: HttpRequest, meeting_id: int) -> HttpResponse:
    meeting = access_meeting(request.user, meeting_id)
    return _render(request, meeting)


@login_required
@require_POST
def start(request: HttpRequest, meeting_id: int) -> HttpResponse:
    meeting = access_meeting(request.user, meeting_id)
    if not may_write(request.user, meeting, _prepared_by(meeting)):
        raise PermissionDenied
    try:
        started = actions.do_start_report(request.user, meeting)
    except ValidationError as error:
        messages.error(request, _errors(error))
        return _back(meeting.pk)
    return redirect("thematic:report_edit", started.pk)


@login_required
def edit(request: HttpRequest, report_id: int) -> HttpResponse:
    report = access_report(request.user, report_id)
    require_writer(request.user, report)
    if report.is_final:
        messages.error(request, _errors(actions.ReportLocked()))
        return _back(report.meeting_id)
    if request.method != "POST":
        form = ReportForm(initial={"title": report.title, "body": report.body, "version": report.version})
        return render(request, "thematic/report_edit.html", {"report": report, "form": form, "version": report.version})
    form = ReportForm(request.POST)
    error = ""
    if form.is_valid():
        try:
            report = actions.do_save_report(
                request.user,
                report,
                title=form.cleaned_data["title"],
                body=form.cleaned_data["body"],
                version=form.cleaned_data["version"],
            )
        except ValidationError as refusal:
            error = _errors(refusal)
    else:
        error = _("The report needs a title.")
    if request.htmx:  # type: ignore[attr-defined]
        # A refused save keeps the version the page had, so that later keystrokes stay refused until a reload.
        version = form.data.get("version") if error else report.version
        context = {"version": version, "error": error, "saved": not error}
        return render(request, "thematic/_save_state.html", context)
    if error:
        messages.error(request, error)
        if report.is_final:
            return _back(report.meeting_id)
        return render(
            request, "thematic/report_edit.html", {"report": report, "form": form, "version": form.data.get("version")}
        )
    messages.success(request, _("The report was saved."))
    return _back(report.meeting_id)


def _versioned(
    request: HttpRequest, form: Any, report: ThematicReport, action: Any, done: str, **extra: Any
) -> HttpResponse:
    if not form.is_valid():
        for errors in form.errors.values():
            messages.error(request, " ".join(str(e) for e in errors))
        return _back(report.meeting_id)
    data = {k: v for k, v in form.cleaned_data.items() if k not in ("confirm",)}
    try:
        action(request.user, report, **data)
    except ValidationError as error:
        messages.error(request, _errors(error))
    else:
        messages.success(request, done)
    return _back(report.meeting_id)


@login_required
@require_POST
def share(request: HttpRequest, report_id: int) -> HttpResponse:
    report = access_report(request.user, report_id)
    require_writer(request.user, report)
    return _versioned(
        request,
        VersionForm(request.POST),
        report,
        actions.do_share_report,
        _("The draft is shared: the cell's members can read it and send comments."),
    )


@login_required
@require_POST
def comment(request: HttpRequest, report_id: int) -> HttpResponse:
    report = access_report(request.user, report_id)
    member = getattr(request.user, "member", None)
    if member is None or not has_perm(request.user, "meeting.respond", report.meeting):
        raise PermissionDenied
    form = CommentForm(request.POST)
    if form.is_valid():
        try:
            actions.do_comment(request.user, report, member=member, body=form.cleaned_data["body"])
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("Thank you: your comment has reached the drafter and the cell committee."))
            return _back(report.meeting_id, "comments")
    return _render(request, report.meeting, comment_form=form)


@login_required
@require_POST
def discussed(request: HttpRequest, report_id: int) -> HttpResponse:
    report = access_report(request.user, report_id)
    if not has_perm(request.user, "meeting.manage", report.meeting):
        raise PermissionDenied
    return _versioned(
        request,
        DiscussedForm(request.POST),
        report,
        actions.do_mark_discussed,
        _("The discussion is recorded. Revise the text, then make the report final."),
    )


@login_required
@require_POST
def finalize(request: HttpRequest, report_id: int) -> HttpResponse:
    report = access_report(request.user, report_id)
    if not has_perm(request.user, "meeting.manage", report.meeting):
        raise PermissionDenied
    form = FinalizeForm(request.POST)
    if not form.is_valid():
        for errors in form.errors.values():
            messages.error(request, " ".join(str(e) for e in errors))
        return _back(report.meeting_id, "final")
    try:
        final = actions.do_finalize_report(request.user, report, version=form.cleaned_data["version"])
    except ValidationError as error:
        messages.error(request, _errors(error))
    else:
        messages.success(
            request, _("The report is final as No. %(symbol)s and was sent to the members.") % {"symbol": final.symbol}
        )
    return _back(report.meeting_id)
