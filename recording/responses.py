"""What the recording views share: who sent a save, and how a refusal or a plain POST is answered."""

from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.utils.translation import gettext as _

from meetings.models import Meeting
from recording.versions import Locked


def editor(request: HttpRequest) -> str:
    """The id of the page that sent the save (see EditVersion.editor)."""
    return request.POST.get("editor", "")[:40]


def is_htmx(request: HttpRequest) -> bool:
    return bool(getattr(request, "htmx", False))


def errors(error: ValidationError) -> list[str]:
    return list(error.messages)


def back(request: HttpRequest, meeting: Meeting, anchor: str, error: Any = None) -> HttpResponse:
    """The answer to a plain (non-htmx) form POST."""
    if error:
        for text in error if isinstance(error, list) else [error]:
            messages.error(request, text)
    else:
        messages.success(request, _("Saved."))
    response = redirect("recording:meeting", meeting.pk)
    response["Location"] += f"#{anchor}"
    return response


def closed(request: HttpRequest, meeting: Meeting, error: Locked) -> HttpResponse:
    if is_htmx(request):
        response = HttpResponse(error.messages[0], status=409)
        response["HX-Refresh"] = "true"
        messages.error(request, error.messages[0])
        return response
    return back(request, meeting, "top", error.messages[0])


def errors_of(form: Any) -> list[str]:
    return [str(e) for errors in form.errors.values() for e in errors]
