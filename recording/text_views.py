"""Saves of the agenda items' record and of the speeches: autosaved text, answered out of band.

The answer to an autosave carries only the new version and the "saved at"
line, so the text being typed is never replaced under the typist's fingers.
"""

import json
from typing import Any

from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from meetings.models import AgendaItem, Meeting, Speech
from recording import actions
from recording.forms import NotesForm, SpeechForm
from recording.queries import access_meeting, new_speech_form, roll_rows, speech_form, versions
from recording.responses import back, closed, editor, errors, errors_of, is_htmx
from recording.versions import Conflict, Locked, Saved


def _status(
    request: HttpRequest, key: str, prefix: str | None, saved: Saved | None = None, status: int = 200, **extra: Any
) -> HttpResponse:
    """The answer to an autosave: the new version and the "saved at" line, swapped out of band."""
    context = {"key": key, "prefix": prefix, "saved": saved, **extra}
    if saved and saved.saved_at:
        context["time"] = timezone.localtime(saved.saved_at).strftime("%H:%M")
    return render(request, "recording/_status.html", context, status=status)


def _item(meeting: Meeting, item_id: int) -> AgendaItem:
    item = AgendaItem.objects.filter(meeting=meeting, pk=item_id).first()
    if item is None:
        raise Http404
    return item


@login_required
@require_POST
def notes(request: HttpRequest, meeting_id: int, item_id: int) -> HttpResponse:
    meeting = access_meeting(request.user, meeting_id)
    item = _item(meeting, item_id)
    form = NotesForm(request.POST, prefix=f"i{item.pk}")
    key, prefix = f"notes-{item.pk}", f"i{item.pk}"
    if not form.is_valid():
        return _status(request, key, prefix, status=400, errors=errors_of(form))
    try:
        saved = actions.do_save_notes(
            request.user,
            meeting,
            item.pk,
            notes=form.cleaned_data["notes"],
            base_version=form.cleaned_data["version"],
            editor=editor(request),
        )
    except Locked as error:
        return closed(request, meeting, error)
    except Conflict as error:
        if not is_htmx(request):
            return back(request, meeting, f"item-{item.pk}", error.message)
        values = json.dumps({"notes": error.theirs})
        return _status(request, key, prefix, status=409, conflict=error, theirs=error.theirs, values=values)
    if not is_htmx(request):
        return back(request, meeting, f"item-{item.pk}")
    return _status(request, key, prefix, saved)


def _save_speech(
    request: HttpRequest, meeting: Meeting, item: AgendaItem, form: SpeechForm, key: str, **target: Any
) -> Saved | HttpResponse:
    """Run the save; an HttpResponse when it was refused."""
    if not form.is_valid():
        if not is_htmx(request):
            return back(request, meeting, f"item-{item.pk}", errors_of(form))
        return _status(request, key, form.prefix, status=400, errors=errors_of(form))
    member, speaker_name = form.speaker()
    try:
        _speech, saved = actions.do_save_speech(
            request.user,
            meeting,
            item=item,
            member=member,
            speaker_name=speaker_name,
            kind=form.cleaned_data["kind"],
            gist=form.cleaned_data["gist"],
            base_version=form.cleaned_data["version"],
            editor=editor(request),
            **target,
        )
    except Locked as error:
        return closed(request, meeting, error)
    except Conflict as error:
        if not is_htmx(request):
            return back(request, meeting, f"item-{item.pk}", error.message)
        theirs = error.theirs
        text = f"{theirs.speaker_name} ({theirs.get_kind_display()}): {theirs.gist}"
        values = {
            "member": theirs.member_id or "",
            "speaker_name": "" if theirs.member_id else theirs.speaker_name,
            "kind": theirs.kind,
            "gist": theirs.gist,
        }
        return _status(request, key, form.prefix, status=409, conflict=error, theirs=text, values=json.dumps(values))
    except ValidationError as error:
        return _status(request, key, form.prefix, status=400, errors=errors(error))
    return saved


def _speeches(request: HttpRequest, meeting: Meeting, item: AgendaItem, key: str, saved: Saved) -> HttpResponse:
    """After "add": the item's speeches again, and an empty form with a new token."""
    known = versions(meeting)
    roll_members = [r.member for r in roll_rows(meeting)]
    speeches = list(Speech.objects.filter(meeting=meeting, agenda_item=item).order_by("created_at", "pk"))
    for speech in speeches:
        speech.form = speech_form(speech, roll_members, known.get(f"speech:{speech.pk}", 0))  # type: ignore[attr-defined]
    item.speech_list = speeches  # type: ignore[attr-defined]
    item.new_speech = new_speech_form(item, roll_members)  # type: ignore[attr-defined]
    context = {"meeting": meeting, "item": item, "page": {"locked": False}, "oob": True}
    return render(request, "recording/_speeches.html", context)


@login_required
@require_POST
def add_speech(request: HttpRequest, meeting_id: int, item_id: int) -> HttpResponse:
    meeting = access_meeting(request.user, meeting_id)
    item = _item(meeting, item_id)
    roll_members = [r.member for r in roll_rows(meeting)]
    form = SpeechForm(request.POST, members=roll_members, prefix=f"n{item.pk}")
    key = f"new-{item.pk}"
    if form.is_valid() and not form.cleaned_data.get("token"):
        form.add_error(None, _("This form is out of date. Reload the page."))
    result = _save_speech(request, meeting, item, form, key, token=form.cleaned_data.get("token"))
    if isinstance(result, HttpResponse):
        return result
    if not is_htmx(request):
        return back(request, meeting, f"item-{item.pk}")
    if request.POST.get("final"):
        return _speeches(request, meeting, item, key, result)
    return _status(request, key, form.prefix, result)


@login_required
@require_POST
def edit_speech(request: HttpRequest, meeting_id: int, speech_id: int) -> HttpResponse:
    meeting = access_meeting(request.user, meeting_id)
    speech = Speech.objects.filter(meeting=meeting, pk=speech_id).select_related("agenda_item").first()
    if speech is None or speech.agenda_item is None:
        raise Http404
    roll_members = [r.member for r in roll_rows(meeting)]
    form = SpeechForm(request.POST, members=roll_members, prefix=f"s{speech.pk}")
    key = f"speech-{speech.pk}"
    result = _save_speech(request, meeting, speech.agenda_item, form, key, speech_id=speech.pk)
    if isinstance(result, HttpResponse):
        return result
    if not is_htmx(request):
        return back(request, meeting, f"item-{speech.agenda_item_id}")
    speech.refresh_from_db()
    return _status(request, key, form.prefix, result, speech=speech)


@login_required
@require_POST
def remove_speech(request: HttpRequest, meeting_id: int, speech_id: int) -> HttpResponse:
    meeting = access_meeting(request.user, meeting_id)
    try:
        actions.do_remove_speech(request.user, meeting, speech_id)
    except Locked as error:
        return closed(request, meeting, error)
    if not is_htmx(request):
        return back(request, meeting, "items")
    return HttpResponse("")
