"""Committee pages: terms and positions of one organization.

Who may: anyone who may see the organization reads its committee (a cell's
members see who runs their cell); only the office over the organization
(`org.manage`) creates and closes terms and assigns and ends positions. A
cell's own officers read but do not edit their committee: the upper level
records elections and appointments.
"""

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from accounts.permissions import access_org, has_perm
from committees.actions import do_assign_position, do_close_term, do_create_term, do_end_position, term_positions_ending
from committees.forms import CloseTermForm, EndPositionForm, PositionForm, TermForm
from committees.models import CommitteeTerm, Position
from committees.queries import MIN_FULL_MEMBERS_FOR_COMMITTEE, committee_of
from core.dates import today
from core.forms import apply_action
from orgs.models import Organization


def _managed(request: HttpRequest, org: Organization) -> Organization:
    if not has_perm(request.user, "org.manage", org) or not org.is_active:
        raise PermissionDenied
    return org


@login_required
def org_committee(request: HttpRequest, org_id: int) -> HttpResponse:
    org = access_org(request.user, org_id)
    context = {
        "org": org,
        "committee": committee_of(org),
        "can_manage": has_perm(request.user, "org.manage", org) and org.is_active,
        "min_full": MIN_FULL_MEMBERS_FOR_COMMITTEE,
    }
    return render(request, "committees/org.html", context)


@login_required
def term_create(request: HttpRequest, org_id: int) -> HttpResponse:
    org = _managed(request, access_org(request.user, org_id))
    form = TermForm(org, request.POST or None)

    def act(data: dict[str, Any]) -> None:
        do_create_term(request.user, org, name=data["name"], starts_on=data["starts_on"], ends_on=data["ends_on"])

    if request.method == "POST" and apply_action(form, act):
        messages.success(request, _("The term was recorded."))
        return redirect("committees:org", org.pk)
    return render(request, "committees/term_form.html", {"org": org, "form": form})


def _term(request: HttpRequest, term_id: int) -> CommitteeTerm:
    try:
        term = CommitteeTerm.objects.select_related("organization").get(pk=term_id)
    except CommitteeTerm.DoesNotExist:
        raise Http404 from None
    if not has_perm(request.user, "org.view", term.organization):
        raise PermissionDenied
    _managed(request, term.organization)
    return term


@login_required
def term_close(request: HttpRequest, term_id: int) -> HttpResponse:
    term = _term(request, term_id)
    form = CloseTermForm(term, request.POST or None)

    def act(data: dict[str, Any]) -> None:
        do_close_term(request.user, term, on=data["on"])

    if request.method == "POST" and apply_action(form, act):
        messages.success(request, _("The term %(name)s was closed.") % {"name": term.name})
        return redirect("committees:org", term.organization_id)
    context = {
        "org": term.organization,
        "term": term,
        "form": form,
        "ending": term_positions_ending(term, today()),
    }
    return render(request, "committees/term_close.html", context)


@login_required
def position_assign(request: HttpRequest, org_id: int) -> HttpResponse:
    org = _managed(request, access_org(request.user, org_id))
    form = PositionForm(org, request.POST or None)

    def act(data: dict[str, Any]) -> None:
        do_assign_position(
            request.user,
            organization=org,
            member=data["member"],
            role=data["role"],
            valid_from=data["valid_from"],
            term=data["term"],
        )

    if request.method == "POST" and apply_action(form, act):
        messages.success(request, _("The position was recorded."))
        return redirect("committees:org", org.pk)
    context = {"org": org, "form": form, "committee": committee_of(org), "min_full": MIN_FULL_MEMBERS_FOR_COMMITTEE}
    return render(request, "committees/position_form.html", context)


@login_required
def position_end(request: HttpRequest, position_id: int) -> HttpResponse:
    try:
        position = Position.objects.select_related("organization", "member", "term").get(pk=position_id)
    except Position.DoesNotExist:
        raise Http404 from None
    if not has_perm(request.user, "org.view", position.organization):
        raise PermissionDenied
    _managed(request, position.organization)
    form = EndPositionForm(position, request.POST or None)

    def act(data: dict[str, Any]) -> None:
        do_end_position(request.user, position, on=data["on"])

    if request.method == "POST" and apply_action(form, act):
        messages.success(request, _("The position was ended."))
        return redirect("committees:org", position.organization_id)
    return render(
        request, "committees/position_end.html", {"org": position.organization, "position": position, "form": form}
    )
