"""The cell's meetings, a new meeting, and the preparation page with its parts.

Agenda and template pages are in agenda_views.py; what members see (the
notice, opinions, absence, documents) in member_views.py.
"""

import datetime as dt
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.db import transaction
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from accounts.permissions import has_perm
from core.dates import today
from meetings.models import MeetingDocument, MeetingKind, MeetingStatus, PrepAssignment, PrepMeeting
from preparation.actions import (
    do_add_assignment,
    do_add_document,
    do_cancel_meeting,
    do_create_meeting,
    do_remove_assignment,
    do_remove_document,
    do_save_prep_meeting,
    do_send_notice,
    do_set_assignment_done,
    do_update_meeting,
)
from preparation.agenda import effective_template
from preparation.forms import MAX_DOCUMENT_BYTES, AssignmentForm, DocumentForm, MeetingForm, NoticeForm, PrepMeetingForm
from preparation.queries import (
    BEFORE_START,
    CLOSED,
    access_cell,
    access_meeting,
    active_members,
    cell_meetings,
    lead_time,
    may_edit_template,
    meeting_day,
    notice_lead_days_required,
    officers_of,
    preparation_of,
)
from thematic.planning import offer_planned_topics, take_up_planned_topic


def form_page(
    request: HttpRequest, form: Any, *, title: str, back: str, submit: str, intro: str = "", multipart: bool = False
) -> HttpResponse:
    """A page with one form: where a form posted from the preparation page comes back with its errors."""
    context = {"form": form, "title": title, "back": back, "submit": submit, "intro": intro, "multipart": multipart}
    return render(request, "preparation/form.html", context)


def confirm_page(request: HttpRequest, *, question: str, detail: str, back: str, submit: str) -> HttpResponse:
    context = {"question": question, "detail": detail, "back": back, "submit": submit}
    return render(request, "preparation/confirm.html", context)


def _prepare_url(meeting_id: int, anchor: str = "") -> str:
    return reverse("preparation:prepare", args=[meeting_id]) + (f"#{anchor}" if anchor else "")


def _scheduled_at(data: dict[str, Any]) -> dt.datetime:
    return timezone.make_aware(dt.datetime.combine(data["day"], data["time"]))


@login_required
def cell_meetings_page(request: HttpRequest, org_id: int) -> HttpResponse:
    cell = access_cell(request.user, org_id, "org.view")
    oversees = has_perm(request.user, "org.view_members", cell)
    listing = cell_meetings(cell, notified_only=not oversees, page=request.GET.get("page"))
    context = {
        "cell": cell,
        "listing": listing,
        "oversees": oversees,
        "can_manage": has_perm(request.user, "org.manage_members", cell) and cell.is_active,
    }
    return render(request, "preparation/cell_meetings.html", context)


@login_required
def create(request: HttpRequest, org_id: int) -> HttpResponse:
    cell = access_cell(request.user, org_id, "org.manage_members")
    back = reverse("preparation:cell_meetings", args=[cell.pk])
    next_month = (today().replace(day=1) + dt.timedelta(days=32)).replace(day=1)
    form = MeetingForm(
        request.POST or None,
        initial={"kind": MeetingKind.REGULAR, "month": next_month, "time": dt.time(19, 30)},
    )
    offer_planned_topics(form, cell, chosen=request.GET.get("planned"))
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            with transaction.atomic():
                meeting = do_create_meeting(
                    request.user,
                    cell,
                    **_meeting_fields(data),
                )
                take_up_planned_topic(request.user, form, meeting)
        except ValidationError as e:
            form.add_error(None, e)
        else:
            messages.success(request, _("The meeting is planned. Now prepare it."))
            return redirect(_prepare_url(meeting.pk))
    title = _("New meeting of %(cell)s") % {"cell": cell.name}
    return form_page(request, form, title=title, back=back, submit=_("Plan the meeting"))


def _meeting_fields(data: dict[str, Any]) -> dict[str, Any]:
    """What the meeting form gives the create and update actions."""
    return {
        "kind": data["kind"],
        "month": data["month"],
        "scheduled_at": _scheduled_at(data),
        "place": data["place"],
        "topic": data["topic"],
        "title": data["title"],
    }


@login_required
def edit(request: HttpRequest, meeting_id: int) -> HttpResponse:
    meeting = access_meeting(request.user, meeting_id, "meeting.manage")
    local = timezone.localtime(meeting.scheduled_at)
    initial = {
        "kind": meeting.kind,
        "month": meeting.month,
        "day": local.date(),
        "time": local.time(),
        "place": meeting.place,
        "topic": meeting.topic,
        "title": meeting.title,
        "version": meeting.version,
    }
    form = MeetingForm(request.POST or None, initial=initial)
    offer_planned_topics(form, meeting.organization, meeting=meeting)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            with transaction.atomic():
                do_update_meeting(
                    request.user,
                    meeting,
                    version=data["version"],
                    **_meeting_fields(data),
                )
                take_up_planned_topic(request.user, form, meeting)
        except ValidationError as e:
            form.add_error(None, e)
        else:
            messages.success(request, _("The meeting is saved."))
            return redirect(_prepare_url(meeting.pk))
    intro = ""
    if meeting.notice_sent_at:
        intro = _("The notice has gone out: after changing the time or place, send it again so that members know.")
    return form_page(request, form, title=meeting.title, back=_prepare_url(meeting.pk), submit=_("Save"), intro=intro)


@login_required
def prepare(request: HttpRequest, meeting_id: int) -> HttpResponse:
    meeting = access_meeting(request.user, meeting_id, "preparation.view")
    cell = meeting.organization
    prep = preparation_of(meeting)
    can_manage = has_perm(request.user, "meeting.manage", meeting) and meeting.status not in CLOSED
    last_round = prep.rounds[-1] if prep.rounds else None
    required = notice_lead_days_required(cell, meeting_day(meeting))
    context = {
        "meeting": meeting,
        "cell": cell,
        "prep": prep,
        "can_manage": can_manage,
        "can_record": has_perm(request.user, "meeting.record", meeting) and meeting.status != MeetingStatus.CANCELLED,
        "can_edit_template": can_manage and may_edit_template(request.user, cell),
        "last_round": last_round,
        "notice_outdated": last_round is not None
        and (last_round.scheduled_at != meeting.scheduled_at or last_round.place != meeting.place),
        "lead_now": lead_time(meeting, timezone.now(), required),
        "can_send": can_manage and meeting.status in BEFORE_START and meeting.scheduled_at > timezone.now(),
        "read_count": sum(1 for r in prep.recipients if r.read_at),
        "template": effective_template(cell) if can_manage and not prep.agenda else None,
    }
    if can_manage:
        day = meeting_day(meeting)
        context["assignment_form"] = AssignmentForm(members=active_members(cell), initial={"due_on": day})
        context["document_form"] = DocumentForm()
        context["max_document_bytes"] = MAX_DOCUMENT_BYTES
        context["notice_form"] = NoticeForm(initial={"message": last_round.message if last_round else ""})
    return render(request, "preparation/prepare.html", context)


@login_required
def add_assignment(request: HttpRequest, meeting_id: int) -> HttpResponse:
    meeting = access_meeting(request.user, meeting_id, "meeting.manage")
    form = AssignmentForm(request.POST or None, members=active_members(meeting.organization))
    if request.method == "POST" and form.is_valid():
        try:
            do_add_assignment(request.user, meeting, **form.cleaned_data)
        except ValidationError as e:
            form.add_error(None, e)
        else:
            messages.success(request, _("The preparation work is assigned."))
            return redirect(_prepare_url(meeting.pk, "assignments"))
    return form_page(
        request,
        form,
        title=_("Who prepares what"),
        back=_prepare_url(meeting.pk, "assignments"),
        submit=_("Assign"),
    )


@login_required
@require_POST
def assignment_done(request: HttpRequest, assignment_id: int) -> HttpResponse:
    assignment = get_object_or_404(PrepAssignment, pk=assignment_id)
    access_meeting(request.user, assignment.meeting_id, "meeting.manage")
    try:
        do_set_assignment_done(request.user, assignment, done=request.POST.get("done") != "0")
    except ValidationError as e:
        messages.error(request, " ".join(e.messages))
    return redirect(_prepare_url(assignment.meeting_id, "assignments"))


@login_required
def remove_assignment(request: HttpRequest, assignment_id: int) -> HttpResponse:
    assignment = get_object_or_404(PrepAssignment.objects.select_related("member"), pk=assignment_id)
    meeting = access_meeting(request.user, assignment.meeting_id, "meeting.manage")
    back = _prepare_url(meeting.pk, "assignments")
    if request.method == "POST":
        try:
            do_remove_assignment(request.user, assignment)
        except ValidationError as e:
            messages.error(request, " ".join(e.messages))
        return redirect(back)
    return confirm_page(
        request,
        question=_("Remove this preparation work?"),
        detail=f"{assignment.member.full_name}: {assignment.get_task_display()}",
        back=back,
        submit=_("Remove"),
    )


@login_required
def prep_meeting(request: HttpRequest, meeting_id: int) -> HttpResponse:
    meeting = access_meeting(request.user, meeting_id, "meeting.manage")
    day = meeting_day(meeting)
    existing = PrepMeeting.objects.filter(meeting=meeting).first()
    initial: dict[str, Any] = {"held_on": min(today(), day)}
    if existing is not None:
        initial = {
            "held_on": existing.held_on,
            "attendees": list(existing.attendees.all()),
            "agreed_content": existing.agreed_content,
            "key_questions": existing.key_questions,
        }
    form = PrepMeetingForm(
        request.POST or None, initial=initial, officers=officers_of(meeting.organization, day), meeting_day=day
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            do_save_prep_meeting(request.user, meeting, **{**data, "attendees": list(data["attendees"])})
        except ValidationError as e:
            form.add_error(None, e)
        else:
            messages.success(request, _("The preparatory meeting is recorded."))
            return redirect(_prepare_url(meeting.pk, "prep-meeting"))
    intro = _(
        "The cell committee (or the secretary and deputy where there is no committee) meets first to agree "
        "the content, assess last month's leadership and pick the key questions."
    )
    return form_page(
        request,
        form,
        title=_("Preparatory meeting"),
        back=_prepare_url(meeting.pk, "prep-meeting"),
        submit=_("Save"),
        intro=intro,
    )


@login_required
def add_document(request: HttpRequest, meeting_id: int) -> HttpResponse:
    meeting = access_meeting(request.user, meeting_id, "meeting.manage")
    form = DocumentForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        try:
            do_add_document(request.user, meeting, title=form.cleaned_data["title"], file=form.cleaned_data["file"])
        except ValidationError as e:
            form.add_error(None, e)
        else:
            messages.success(request, _("The document is attached."))
            return redirect(_prepare_url(meeting.pk, "documents"))
    return form_page(
        request,
        form,
        title=_("Attach a document"),
        back=_prepare_url(meeting.pk, "documents"),
        submit=_("Attach"),
        multipart=True,
    )


@login_required
def remove_document(request: HttpRequest, document_id: int) -> HttpResponse:
    document = get_object_or_404(MeetingDocument, pk=document_id)
    meeting = access_meeting(request.user, document.meeting_id, "meeting.manage")
    back = _prepare_url(meeting.pk, "documents")
    if request.method == "POST":
        try:
            do_remove_document(request.user, document)
        except ValidationError as e:
            messages.error(request, " ".join(e.messages))
        return redirect(back)
    return confirm_page(
        request, question=_("Remove this document?"), detail=document.title, back=back, submit=_("Remove")
    )


@login_required
def cancel(request: HttpRequest, meeting_id: int) -> HttpResponse:
    meeting = access_meeting(request.user, meeting_id, "meeting.manage")
    back = _prepare_url(meeting.pk)
    if request.method == "POST":
        try:
            do_cancel_meeting(request.user, meeting)
        except ValidationError as e:
            messages.error(request, " ".join(e.messages))
        else:
            messages.success(request, _("The meeting is cancelled."))
        return redirect(back)
    return confirm_page(
        request,
        question=_("Cancel this meeting?"),
        detail=_("Members who were notified will see that it is cancelled. The cell can then plan another meeting."),
        back=back,
        submit=_("Cancel the meeting"),
    )


@login_required
@require_POST
def send_notice(request: HttpRequest, meeting_id: int) -> HttpResponse:
    meeting = access_meeting(request.user, meeting_id, "meeting.manage")
    form = NoticeForm(request.POST)
    if not form.is_valid():
        return form_page(request, form, title=_("Send the notice"), back=_prepare_url(meeting.pk), submit=_("Send"))
    try:
        notice = do_send_notice(request.user, meeting, message=form.cleaned_data["message"])
    except ValidationError as e:
        messages.error(request, " ".join(e.messages))
    else:
        values = {"n": notice.recipients, "days": notice.lead_days, "required": notice.required_lead_days}
        if notice.on_time:
            messages.success(request, _("The notice went to %(n)s people, %(days)s day(s) before: on time.") % values)
        else:
            messages.warning(
                request,
                _("The notice went to %(n)s people, %(days)s day(s) before: late, the rule is %(required)s day(s).")
                % values,
            )
    return redirect(_prepare_url(meeting.pk, "notice"))
