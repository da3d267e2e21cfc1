"""Self check-in: the QR for the room, the member's check-in page, and the minute-taker's confirmations."""

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from accounts.permissions import has_perm
from accounts.slips import qr_svg
from meetings.models import Meeting
from preparation.queries import access_meeting
from printpack import checkin_actions as actions
from printpack.checkin import check_in_list, check_in_window
from printpack.forms import ConfirmForm, RotateForm
from printpack.models import CheckInCode, SelfCheckIn
from recording.queries import new_token
from recording.responses import editor, is_htmx
from recording.versions import Conflict, Locked


def _recorder(request: HttpRequest, meeting_id: int) -> Meeting:
    """The officers, the office over the cell and the meeting's minute-taker run the check-in."""
    return access_meeting(request.user, meeting_id, "meeting.record")


def _landing_url(request: HttpRequest, code: CheckInCode) -> str:
    return request.build_absolute_uri(reverse("printpack:checkin", args=[code.token]))


# --- the QR for the room -------------------------------------------------------------------------


@login_required
def checkin_qr(request: HttpRequest, meeting_id: int) -> HttpResponse:
    meeting = _recorder(request, meeting_id)
    code = CheckInCode.objects.filter(meeting=meeting).first()
    counts = _counts(meeting)
    if is_htmx(request):
        return render(request, "printpack/_checkin_count.html", {"meeting": meeting, **counts})
    context: dict[str, Any] = {
        "meeting": meeting,
        "code": code,
        "window": check_in_window(meeting, timezone.now()),
        **counts,
    }
    if code is not None:
        url = _landing_url(request, code)
        context.update(url=url, qr=qr_svg(url))
    response = render(request, "printpack/checkin_qr.html", context)
    response["Cache-Control"] = "no-store"
    return response


def _counts(meeting: Meeting) -> dict[str, int]:
    states = list(SelfCheckIn.objects.filter(meeting=meeting).values_list("state", flat=True))
    return {"checked_in": len(states), "waiting": states.count("pending")}


@login_required
@require_POST
def checkin_open(request: HttpRequest, meeting_id: int) -> HttpResponse:
    meeting = _recorder(request, meeting_id)
    try:
        actions.do_open_check_in(request.user, meeting)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    return redirect("printpack:checkin_qr", meeting.pk)


@login_required
@require_POST
def checkin_rotate(request: HttpRequest, meeting_id: int) -> HttpResponse:
    meeting = _recorder(request, meeting_id)
    form = RotateForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("The form was incomplete. Try again."))
        return redirect("printpack:checkin_qr", meeting.pk)
    try:
        actions.do_rotate_check_in(request.user, meeting, base_version=form.cleaned_data["version"])
    except CheckInCode.DoesNotExist:
        messages.error(request, _("Open the check-in first."))
    except actions.StaleForm:
        messages.info(request, _("The code had already been renewed: this is the current one."))
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("New code: the earlier QR code no longer works."))
    return redirect("printpack:checkin_qr", meeting.pk)


# --- the member's page ---------------------------------------------------------------------------


@login_required
def checkin(request: HttpRequest, token: str) -> HttpResponse:
    """Where the QR leads: a member of the cell taps once to say they are at the meeting."""
    code = CheckInCode.objects.select_related("meeting__organization").filter(token=token).first()
    if code is None:
        return render(request, "printpack/checkin_invalid.html", status=404)
    meeting = code.meeting
    if not has_perm(request.user, "meeting.respond", meeting):
        seen = meeting if has_perm(request.user, "meeting.view", meeting) else None
        return render(request, "printpack/checkin_refused.html", {"meeting": seen}, status=403)
    member = getattr(request.user, "member", None)
    if member is None:  # meeting.respond is only held through an active member record
        raise Http404
    status = 200
    error = ""
    if request.method == "POST":
        try:
            _row, created = actions.do_self_check_in(request.user, meeting, member=member, token=token)
        except ValidationError as refused:
            error, status = " ".join(refused.messages), 409
        else:
            if created:
                messages.success(request, _("You are checked in. Thank you!"))
            return redirect("printpack:checkin", token)
    context = {
        "meeting": meeting,
        "token": token,
        "mine": SelfCheckIn.objects.filter(meeting=meeting, member=member).select_related("decided_by").first(),
        "window": check_in_window(meeting, timezone.now()),
        "error": error,
    }
    return render(request, "printpack/checkin.html", context, status=status)


# --- the minute-taker's list ---------------------------------------------------------------------


def _list_response(request: HttpRequest, meeting: Meeting, status: int = 200, error: str = "") -> HttpResponse:
    # One editor id per page load, sent back with each decision (see recording.models.EditVersion.editor).
    page_editor = editor(request) or new_token().hex
    context = {"meeting": meeting, "listing": check_in_list(meeting), "error": error, "editor": page_editor}
    if is_htmx(request):
        return render(request, "printpack/_checkin_rows.html", context, status=status)
    if error:
        messages.error(request, error)
    if request.method == "POST":
        return redirect("printpack:checkin_list", meeting.pk)
    return render(request, "printpack/checkin_list.html", context, status=status)


@login_required
def checkin_list(request: HttpRequest, meeting_id: int) -> HttpResponse:
    return _list_response(request, _recorder(request, meeting_id))


def _decision(request: HttpRequest, meeting: Meeting, run: Any) -> HttpResponse:
    try:
        run()
    except SelfCheckIn.DoesNotExist:
        raise Http404 from None
    except Locked as error:
        return _list_response(request, meeting, 409, error.messages[0])
    except Conflict as conflict:
        text = _(
            "%(who)s changed this member's attendance after your list was drawn. "
            "Nothing was overwritten: check it again."
        ) % {"who": conflict.saved_by or _("Someone")}
        return _list_response(request, meeting, 409, text)
    except ValidationError as error:
        return _list_response(request, meeting, 400, " ".join(error.messages))
    return _list_response(request, meeting)


@login_required
@require_POST
def checkin_confirm(request: HttpRequest, meeting_id: int, check_in_id: int) -> HttpResponse:
    meeting = _recorder(request, meeting_id)
    form = ConfirmForm(request.POST)
    if not form.is_valid():
        return _list_response(request, meeting, 400, _("The form was incomplete. Try again."))
    version = form.cleaned_data["version"]
    return _decision(
        request,
        meeting,
        lambda: actions.do_confirm_check_in(
            request.user, meeting, check_in_id, base_version=version, editor=editor(request)
        ),
    )


@login_required
@require_POST
def checkin_reject(request: HttpRequest, meeting_id: int, check_in_id: int) -> HttpResponse:
    meeting = _recorder(request, meeting_id)
    return _decision(request, meeting, lambda: actions.do_reject_check_in(request.user, meeting, check_in_id))


@login_required
@require_POST
def checkin_confirm_all(request: HttpRequest, meeting_id: int) -> HttpResponse:
    meeting = _recorder(request, meeting_id)
    return _decision(request, meeting, lambda: actions.do_confirm_all(request.user, meeting, editor=editor(request)))
