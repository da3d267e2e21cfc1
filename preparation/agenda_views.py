"""The agenda of a meeting, and the agenda templates of communes and cells."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from accounts.permissions import access_org
from meetings.models import AgendaItem, AgendaTemplate, AgendaTemplateStep
from orgs.models import Organization
from preparation.actions import (
    do_add_agenda_item,
    do_add_template_step,
    do_build_agenda,
    do_create_template,
    do_drop_template,
    do_move_agenda_item,
    do_move_template_step,
    do_remove_agenda_item,
    do_remove_template_step,
    do_update_agenda_item,
)
from preparation.agenda import effective_template
from preparation.forms import AgendaItemForm, MoveForm, NewAgendaItemForm, TemplateStepForm, item_fingerprint
from preparation.queries import access_meeting, active_members, may_edit_template
from preparation.views import confirm_page, form_page


def _agenda_url(meeting_id: int) -> str:
    return reverse("preparation:prepare", args=[meeting_id]) + "#agenda"


def _error(request: HttpRequest, e: ValidationError) -> None:
    messages.error(request, " ".join(e.messages))


@login_required
@require_POST
def build(request: HttpRequest, meeting_id: int) -> HttpResponse:
    meeting = access_meeting(request.user, meeting_id, "meeting.manage")
    had_agenda = meeting.agenda_items.exists()
    try:
        added = do_build_agenda(request.user, meeting)
    except ValidationError as e:
        _error(request, e)
    else:
        if not had_agenda:
            messages.success(request, _("The agenda is built: check and complete each item."))
        elif added:
            messages.success(request, _("%(n)s new item(s) added to the agenda.") % {"n": added})
        else:
            messages.info(request, _("Nothing new to add: the agenda already has every opinion, task and guidance."))
    return redirect(_agenda_url(meeting.pk))


def _item(request: HttpRequest, item_id: int) -> AgendaItem:
    item = get_object_or_404(AgendaItem, pk=item_id)
    item.meeting = access_meeting(request.user, item.meeting_id, "meeting.manage")
    return item


@login_required
def edit_item(request: HttpRequest, item_id: int) -> HttpResponse:
    item = _item(request, item_id)
    members = active_members(item.meeting.organization)
    initial = {
        "title": item.title,
        "content": item.content,
        "presenter": item.presenter_id,
        "fingerprint": item_fingerprint(item),
    }
    form = AgendaItemForm(request.POST or None, initial=initial, members=members)
    if request.method == "POST" and form.is_valid():
        try:
            do_update_agenda_item(request.user, item, **form.cleaned_data)
        except ValidationError as e:
            form.add_error(None, e)
        else:
            messages.success(request, _("The agenda item is saved."))
            return redirect(_agenda_url(item.meeting_id))
    return form_page(request, form, title=_("Agenda item"), back=_agenda_url(item.meeting_id), submit=_("Save"))


@login_required
def add_item(request: HttpRequest, meeting_id: int) -> HttpResponse:
    meeting = access_meeting(request.user, meeting_id, "meeting.manage")
    form = NewAgendaItemForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            do_add_agenda_item(request.user, meeting, **form.cleaned_data)
        except ValidationError as e:
            form.add_error(None, e)
        else:
            messages.success(request, _("The item is added at the end of its part."))
            return redirect(_agenda_url(meeting.pk))
    return form_page(request, form, title=_("Add an agenda item"), back=_agenda_url(meeting.pk), submit=_("Add"))


@login_required
@require_POST
def move_item(request: HttpRequest, item_id: int) -> HttpResponse:
    item = _item(request, item_id)
    form = MoveForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Say whether to move the item up or down."))
    else:
        try:
            do_move_agenda_item(request.user, item, direction=form.cleaned_data["direction"])
        except ValidationError as e:
            _error(request, e)
    return redirect(_agenda_url(item.meeting_id))


@login_required
def remove_item(request: HttpRequest, item_id: int) -> HttpResponse:
    item = _item(request, item_id)
    back = _agenda_url(item.meeting_id)
    if request.method == "POST":
        try:
            do_remove_agenda_item(request.user, item)
        except ValidationError as e:
            _error(request, e)
        return redirect(back)
    return confirm_page(
        request, question=_("Remove this item from the agenda?"), detail=item.title, back=back, submit=_("Remove")
    )


# --- templates ----------------------------------------------------------------------------------


def _template_org(request: HttpRequest, org_id: int) -> Organization:
    org = access_org(request.user, org_id, "org.manage_members")
    if not may_edit_template(request.user, org):
        raise PermissionDenied
    return org


def _template_url(org_id: int) -> str:
    return reverse("preparation:template", args=[org_id])


@login_required
def template(request: HttpRequest, org_id: int) -> HttpResponse:
    org = _template_org(request, org_id)
    current = effective_template(org)
    own = current.owner is not None and current.owner.pk == org.pk
    context = {
        "org": org,
        "current": current,
        "own": own,
        "step_form": TemplateStepForm() if own else None,
    }
    return render(request, "preparation/template.html", context)


@login_required
@require_POST
def create_template(request: HttpRequest, org_id: int) -> HttpResponse:
    org = _template_org(request, org_id)
    do_create_template(request.user, org)
    messages.success(request, _("%(org)s now has its own agenda template: edit it below.") % {"org": org.name})
    return redirect(_template_url(org.pk))


@login_required
def drop_template(request: HttpRequest, org_id: int) -> HttpResponse:
    org = _template_org(request, org_id)
    if request.method == "POST":
        do_drop_template(request.user, org)
        messages.success(request, _("The template of the level above applies again."))
        return redirect(_template_url(org.pk))
    return confirm_page(
        request,
        question=_("Stop using this organization's own template?"),
        detail=_("Agendas already built keep their items; new ones follow the template of the level above."),
        back=_template_url(org.pk),
        submit=_("Stop using it"),
    )


def _own_template(request: HttpRequest, org_id: int) -> AgendaTemplate:
    org = _template_org(request, org_id)
    template = AgendaTemplate.objects.filter(organization=org).first()
    if template is None:
        raise Http404
    return template


@login_required
@require_POST
def add_step(request: HttpRequest, org_id: int) -> HttpResponse:
    template = _own_template(request, org_id)
    form = TemplateStepForm(request.POST)
    if form.is_valid():
        try:
            do_add_template_step(request.user, template, **form.cleaned_data)
        except ValidationError as e:
            form.add_error(None, e)
        else:
            messages.success(request, _("The step is added at the end of its part."))
            return redirect(_template_url(org_id))
    return form_page(request, form, title=_("Add a step"), back=_template_url(org_id), submit=_("Add"))


def _step(request: HttpRequest, step_id: int) -> tuple[AgendaTemplateStep, int]:
    """The step and its organization's id, once the user may edit that organization's template."""
    step = get_object_or_404(AgendaTemplateStep.objects.select_related("template__organization"), pk=step_id)
    org = step.template.organization
    if org is None:
        # The national default is changed by superusers in the admin.
        raise PermissionDenied
    _template_org(request, org.pk)
    return step, org.pk


@login_required
@require_POST
def move_step(request: HttpRequest, step_id: int) -> HttpResponse:
    step, org_id = _step(request, step_id)
    form = MoveForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Say whether to move the step up or down."))
    else:
        try:
            do_move_template_step(request.user, step, direction=form.cleaned_data["direction"])
        except ValidationError as e:
            _error(request, e)
    return redirect(_template_url(org_id))


@login_required
def remove_step(request: HttpRequest, step_id: int) -> HttpResponse:
    step, org_id = _step(request, step_id)
    back = _template_url(org_id)
    if request.method == "POST":
        try:
            do_remove_template_step(request.user, step)
        except ValidationError as e:
            _error(request, e)
        return redirect(back)
    return confirm_page(
        request, question=_("Remove this step from the template?"), detail=step.title, back=back, submit=_("Remove")
    )
