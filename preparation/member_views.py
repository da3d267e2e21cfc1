"""What members see: the notice (read receipt), documents, opinions, and absence announced in advance."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.http.response import HttpResponseBase
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from accounts.permissions import has_perm
from meetings.models import Meeting, MeetingDocument
from members.models import Member
from preparation.actions import do_announce_absence, do_mark_notice_read, do_send_opinion, do_withdraw_absence
from preparation.forms import AbsenceForm, OpinionForm
from preparation.queries import access_meeting, may_see_preparation, notice_page_of


def _notice_url(meeting_id: int, anchor: str = "") -> str:
    return reverse("preparation:notice", args=[meeting_id]) + (f"#{anchor}" if anchor else "")


def _render_notice(
    request: HttpRequest,
    meeting: Meeting,
    opinion_form: OpinionForm | None = None,
    absence_form: AbsenceForm | None = None,
) -> HttpResponse:
    member = request.user.member if request.user.member_id else None  # type: ignore[union-attr]
    page = notice_page_of(meeting, member)
    if page.recipient is not None and page.recipient.read_at is None:
        do_mark_notice_read(request.user, page.recipient)
    may_respond = member is not None and has_perm(request.user, "meeting.respond", meeting) and page.before_start
    context = {
        "meeting": meeting,
        "page": page,
        "may_respond": may_respond,
        "may_prepare": may_see_preparation(request.user, meeting),
        "opinion_form": opinion_form or OpinionForm(),
        "absence_form": absence_form
        or AbsenceForm(initial={"reason": page.attendance.reason if page.attendance else ""}),
    }
    return render(request, "preparation/notice.html", context)


@login_required
def notice(request: HttpRequest, meeting_id: int) -> HttpResponse:
    meeting = access_meeting(request.user, meeting_id, "notice.read")
    return _render_notice(request, meeting)


def _member(request: HttpRequest) -> Member:
    """The member behind the account; `meeting.respond` is only granted to active members."""
    member = getattr(request.user, "member", None)
    if member is None:
        raise PermissionDenied
    return member


def _respondent(request: HttpRequest, meeting_id: int) -> Meeting:
    return access_meeting(request.user, meeting_id, "meeting.respond")


@login_required
@require_POST
def opinion(request: HttpRequest, meeting_id: int) -> HttpResponse:
    meeting = _respondent(request, meeting_id)
    form = OpinionForm(request.POST)
    if form.is_valid():
        try:
            do_send_opinion(request.user, meeting, member=_member(request), **form.cleaned_data)
        except ValidationError as e:
            form.add_error(None, e)
        else:
            messages.success(request, _("Thank you: your opinion has reached the cell committee."))
            return redirect(_notice_url(meeting.pk, "opinions"))
    return _render_notice(request, meeting, opinion_form=form)


@login_required
@require_POST
def absence(request: HttpRequest, meeting_id: int) -> HttpResponse:
    meeting = _respondent(request, meeting_id)
    form = AbsenceForm(request.POST)
    if form.is_valid():
        try:
            do_announce_absence(request.user, meeting, member=_member(request), **form.cleaned_data)
        except ValidationError as e:
            form.add_error(None, e)
        else:
            messages.success(request, _("Your absence and its reason are recorded."))
            return redirect(_notice_url(meeting.pk, "absence"))
    return _render_notice(request, meeting, absence_form=form)


@login_required
@require_POST
def withdraw_absence(request: HttpRequest, meeting_id: int) -> HttpResponse:
    meeting = _respondent(request, meeting_id)
    try:
        do_withdraw_absence(request.user, meeting, member=_member(request))
    except ValidationError as e:
        messages.error(request, " ".join(e.messages))
    else:
        messages.success(request, _("Noted: you will attend."))
    return redirect(_notice_url(meeting.pk, "absence"))


@login_required
def document(request: HttpRequest, document_id: int) -> HttpResponseBase:
    doc = get_object_or_404(MeetingDocument, pk=document_id)
    access_meeting(request.user, doc.meeting_id, "notice.read")
    try:
        handle = doc.file.open("rb")
    except FileNotFoundError:
        raise Http404 from None
    stored = doc.file.name or ""
    ext = stored.rsplit(".", 1)[-1] if "." in stored else ""
    name = f"{doc.title}.{ext}" if ext else doc.title
    response = FileResponse(handle, as_attachment=True, filename=name)
    response["Cache-Control"] = "private, no-store"
    response["X-Content-Type-Options"] = "nosniff"
    return response
