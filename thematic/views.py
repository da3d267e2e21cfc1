"""The commune's and the cell's thematic pages, and the plan's writes. The report's pages are in report_views.py."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from accounts.permissions import has_perm, orgs_visible
from meetings.models import Meeting, MeetingStatus
from thematic import actions
from thematic.compliance import THEMATIC_KINDS, quarter_bounds
from thematic.forms import LinkForm, PlanCreateForm, TopicFormSet, VersionForm, topic_initial
from thematic.models import ThematicPlan
from thematic.queries import (
    access_cell,
    access_commune,
    access_plan,
    access_topic,
    active_members,
    cell_page,
    commune_page,
    year_param,
)


def _errors(error: ValidationError) -> str:
    return " ".join(error.messages)


def _cell_url(plan: ThematicPlan) -> str:
    return reverse("thematic:cell", args=[plan.organization_id]) + f"?year={plan.year}"


def _warn(request: HttpRequest, plan: ThematicPlan) -> None:
    for warning in actions.plan_warnings(plan):
        messages.warning(request, warning)


@login_required
def commune(request: HttpRequest, org_id: int) -> HttpResponse:
    """Every cell's plan and quarters, for the commune office and readers."""
    org = access_commune(request.user, org_id)
    year = year_param(request)
    page = commune_page(orgs_visible(request.user, "org.view_members"), org, year)
    return render(request, "thematic/commune.html", {"page": page, "year": year})


@login_required
def cell(request: HttpRequest, org_id: int) -> HttpResponse:
    org = access_cell(request.user, org_id)
    year = year_param(request)
    page = cell_page(org, year)
    can_manage = has_perm(request.user, "org.manage_members", org) and org.is_active
    context: dict[str, Any] = {
        "page": page,
        "year": year,
        "can_manage": can_manage,
        "years": actions.plans.allowed_years(),
    }
    if can_manage and page.plan is not None:
        context["version_form"] = VersionForm(initial={"version": page.plan.version})
    return render(request, "thematic/cell.html", context)


@login_required
@require_POST
def plan_create(request: HttpRequest, org_id: int) -> HttpResponse:
    org = access_cell(request.user, org_id, "org.manage_members")
    form = PlanCreateForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Choose the year of the plan."))
        return redirect("thematic:cell", org.pk)
    try:
        plan = actions.do_create_plan(
            request.user, org, year=form.cleaned_data["year"], copy_previous=form.cleaned_data["copy"]
        )
    except ValidationError as error:
        messages.error(request, _errors(error))
        return redirect("thematic:cell", org.pk)
    return redirect("thematic:plan_edit", plan.pk)


@login_required
def plan_edit(request: HttpRequest, plan_id: int) -> HttpResponse:
    plan = access_plan(request.user, plan_id)
    cell = plan.organization
    if plan.is_approved:
        messages.error(request, _errors(actions.PlanLocked()))
        return redirect(_cell_url(plan))
    members = active_members(cell)
    if request.method != "POST":
        topics = list(plan.topics.order_by("quarter", "month", "pk"))
        formset = TopicFormSet(initial=topic_initial(topics), members=members, year=plan.year, prefix="topics")
        version = VersionForm(initial={"version": plan.version})
        return render(request, "thematic/plan_edit.html", {"plan": plan, "formset": formset, "version_form": version})
    formset = TopicFormSet(request.POST, members=members, year=plan.year, prefix="topics")
    version = VersionForm(request.POST)
    error = ""
    if formset.is_valid() and version.is_valid():
        try:
            actions.do_save_plan(request.user, plan, rows=formset.rows(), version=version.cleaned_data["version"])
        except ValidationError as refusal:
            error = _errors(refusal)
        else:
            messages.success(request, _("The plan was saved."))
            _warn(request, plan)
            return redirect(_cell_url(plan))
    elif not version.is_valid():
        error = _("The form is incomplete: reload the page and try again.")
    return render(
        request,
        "thematic/plan_edit.html",
        {"plan": plan, "formset": formset, "version_form": version, "error": error},
    )


@login_required
@require_POST
def plan_approve(request: HttpRequest, plan_id: int) -> HttpResponse:
    plan = access_plan(request.user, plan_id)
    form = VersionForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("The form is incomplete: reload the page and try again."))
        return redirect(_cell_url(plan))
    try:
        actions.do_approve_plan(request.user, plan, version=form.cleaned_data["version"])
    except ValidationError as error:
        messages.error(request, _errors(error))
    else:
        messages.success(request, _("The plan is approved."))
        _warn(request, plan)
    return redirect(_cell_url(plan))


@login_required
@require_POST
def plan_reopen(request: HttpRequest, plan_id: int) -> HttpResponse:
    plan = access_plan(request.user, plan_id)
    form = VersionForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("The form is incomplete: reload the page and try again."))
        return redirect(_cell_url(plan))
    try:
        actions.do_reopen_plan(request.user, plan, version=form.cleaned_data["version"])
    except ValidationError as error:
        messages.error(request, _errors(error))
        return redirect(_cell_url(plan))
    messages.success(request, _("The plan is open for changes; approve it again afterwards."))
    return redirect("thematic:plan_edit", plan.pk)


@login_required
def topic_link(request: HttpRequest, topic_id: int) -> HttpResponse:
    """Say which of the cell's thematic meetings took up a planned topic, when it was not chosen while planning it."""
    topic = access_topic(request.user, topic_id)
    plan = topic.plan
    first, last = quarter_bounds(plan.year, topic.quarter)
    meetings = (
        Meeting.objects.filter(
            organization_id=plan.organization_id, kind__in=THEMATIC_KINDS, month__gte=first, month__lte=last
        )
        .exclude(status=MeetingStatus.CANCELLED)
        .order_by("month", "scheduled_at", "pk")
    )
    form = LinkForm(request.POST or None, meetings=meetings, initial={"meeting": topic.meeting_id})
    if request.method == "POST" and form.is_valid():
        meeting = form.cleaned_data["meeting"]
        try:
            if meeting is None:
                actions.do_release_topic(request.user, topic)
            else:
                actions.do_take_up_topic(request.user, meeting, topic)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("Saved."))
            return redirect(_cell_url(plan))
    return render(request, "thematic/topic_link.html", {"topic": topic, "plan": plan, "form": form})
