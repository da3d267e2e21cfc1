"""Membership events: each page is one form and one action on one member.

Only those who manage the member (their cell's officers and the office over
it) reach these pages. When an event does not apply (a full member cannot be
made full again) the page says why instead of showing the form.
"""

from collections.abc import Callable
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.db.models import Q
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from accounts.permissions import access_member
from core.dates import today
from members import actions
from members.forms import (
    DeathForm,
    EndPeriodForm,
    EventForm,
    ExemptionForm,
    MakeFullForm,
    RemovalForm,
    TemporaryActivityForm,
    TransferForm,
    TransferOutForm,
)
from members.models import Member
from members.queries import manageable_cells, open_positions
from members.views import add_errors


def _managed(request: HttpRequest, member_id: int) -> Member:
    return access_member(request.user, member_id, "member.manage")


def _not_active(member: Member) -> str | None:
    if member.is_active:
        return None
    return _("%(name)s is no longer an active member (%(state)s).") % {
        "name": member.full_name,
        "state": member.get_state_display(),
    }


def _event_page(
    request: HttpRequest,
    member: Member,
    form: EventForm,
    run: Callable[[dict[str, Any]], Any],
    *,
    title: str,
    done: str,
    intro: str = "",
    blocked: str | None = None,
    danger: bool = False,
) -> HttpResponse:
    if blocked is None and request.method == "POST" and form.is_valid():
        try:
            run(form.cleaned_data)
        except ValidationError as error:
            add_errors(form, error)
        else:
            messages.success(request, done)
            for warning in form.warnings:
                messages.warning(request, warning)
            return redirect("members:detail", member.pk)
    context = {
        "member": member,
        "form": form,
        "title": title,
        "intro": intro,
        "blocked": blocked,
        "danger": danger,
    }
    return render(request, "members/event_form.html", context)


def _remind_positions(request: HttpRequest, member: Member) -> None:
    """After a member leaves, their positions are the committee's to end: say which are still open."""
    for position in open_positions(member, today()):
        messages.warning(
            request,
            _("%(name)s still holds the position of %(role)s in %(org)s: end it on the committee page.")
            % {"name": member.full_name, "role": position.get_role_display(), "org": position.organization.name},
        )


@login_required
def make_full(request: HttpRequest, member_id: int) -> HttpResponse:
    member = _managed(request, member_id)
    blocked = _not_active(member)
    if blocked is None and member.is_full:
        blocked = _("%(name)s is already a full member.") % {"name": member.full_name}
    form = MakeFullForm(request.POST or None, member=member, initial={"on": today()})
    return _event_page(
        request,
        member,
        form,
        lambda data: actions.do_make_full_member(request.user, member, on=data["on"]),
        title=_("Make a full member"),
        intro=_("Record the confirmation of a probationary member after the cell's vote."),
        done=_("%(name)s is now a full member.") % {"name": member.full_name},
        blocked=blocked,
    )


@login_required
def add_exemption(request: HttpRequest, member_id: int) -> HttpResponse:
    member = _managed(request, member_id)
    form = ExemptionForm(request.POST or None, member=member, initial={"valid_from": today()})
    return _event_page(
        request,
        member,
        form,
        lambda data: actions.do_add_exemption(
            request.user,
            member,
            valid_from=data["valid_from"],
            valid_to=data["valid_to"],
            reason=data["reason"],
            decision=data["decision"],
        ),
        title=_("Exemption from Party work and activity"),
        intro=_(
            "Record the cell's decision on the member's written request. An exempt member is not rated "
            "in the annual review and still pays dues."
        ),
        done=_("The exemption was recorded."),
        blocked=_not_active(member),
    )


def _end_period(
    request: HttpRequest,
    member: Member,
    periods: Any,
    run: Callable[..., Any],
    *,
    nothing_to_end: str,
    title: str,
    intro: str,
    done: str,
) -> HttpResponse:
    day = today()
    current = periods.filter(valid_from__lte=day).filter(Q(valid_to__isnull=True) | Q(valid_to__gte=day)).first()
    form = EndPeriodForm(request.POST or None, member=member, initial={"on": day})
    return _event_page(
        request,
        member,
        form,
        lambda data: run(request.user, member, on=data["on"]),
        title=title,
        intro=intro,
        done=done,
        blocked=None if current is not None else nothing_to_end,
    )


@login_required
def end_exemption(request: HttpRequest, member_id: int) -> HttpResponse:
    member = _managed(request, member_id)
    return _end_period(
        request,
        member,
        member.exemptions.all(),
        actions.do_end_exemption,
        nothing_to_end=_("No exemption is in force."),
        title=_("End the exemption"),
        intro=_("The member takes part in Party work and activity again after the last day."),
        done=_("The exemption was ended."),
    )


@login_required
def add_temporary_activity(request: HttpRequest, member_id: int) -> HttpResponse:
    member = _managed(request, member_id)
    form = TemporaryActivityForm(request.POST or None, member=member, initial={"valid_from": today()})
    return _event_page(
        request,
        member,
        form,
        lambda data: actions.do_add_temporary_activity(
            request.user,
            member,
            place=data["place"],
            valid_from=data["valid_from"],
            valid_to=data["valid_to"],
            note=data["note"],
        ),
        title=_("Temporary activity elsewhere"),
        intro=_("A member working away takes part for a while in a Party organization where they are."),
        done=_("The temporary activity was recorded."),
        blocked=_not_active(member),
    )


@login_required
def end_temporary_activity(request: HttpRequest, member_id: int) -> HttpResponse:
    member = _managed(request, member_id)
    return _end_period(
        request,
        member,
        member.temporary_activities.all(),
        actions.do_end_temporary_activity,
        nothing_to_end=_("No temporary activity is in force."),
        title=_("End the temporary activity"),
        intro=_("The member takes part in their own cell again after the last day."),
        done=_("The temporary activity was ended."),
    )


@login_required
def transfer(request: HttpRequest, member_id: int) -> HttpResponse:
    member = _managed(request, member_id)
    cells = manageable_cells(request.user).exclude(pk=member.organization_id)
    blocked = _not_active(member)
    if blocked is None and not cells.exists():
        blocked = _(
            "You manage no other cell. A transfer between cells is recorded by someone who manages both, "
            "such as the office over them."
        )
    form = TransferForm(request.POST or None, member=member, cells=cells, initial={"on": today()})
    return _event_page(
        request,
        member,
        form,
        lambda data: actions.do_transfer_between_cells(
            request.user, member, to_org=data["to_org"], kind=data["kind"], on=data["on"], note=data["note"]
        ),
        title=_("Transfer to another cell"),
        intro=_(
            "An official transfer moves the member to the new cell; a temporary one keeps them in their cell. "
            "Both cells keep the history."
        ),
        done=_("The transfer was recorded."),
        blocked=blocked,
    )


@login_required
def transfer_out(request: HttpRequest, member_id: int) -> HttpResponse:
    member = _managed(request, member_id)
    form = TransferOutForm(request.POST or None, member=member, initial={"on": today()})

    def run(data: dict[str, Any]) -> None:
        actions.do_transfer_out(request.user, member, on=data["on"], destination=data["destination"], note=data["note"])
        _remind_positions(request, member)

    return _event_page(
        request,
        member,
        form,
        run,
        title=_("Transfer out of the system"),
        intro=_("The member moves to a Party organization that does not use this system. Their record stays here."),
        done=_("The transfer out was recorded."),
        blocked=_not_active(member),
        danger=True,
    )


@login_required
def record_death(request: HttpRequest, member_id: int) -> HttpResponse:
    member = _managed(request, member_id)
    form = DeathForm(request.POST or None, member=member)

    def run(data: dict[str, Any]) -> None:
        actions.do_record_death(request.user, member, on=data["on"], reason=data["reason"])
        _remind_positions(request, member)

    return _event_page(
        request,
        member,
        form,
        run,
        title=_("Record a death"),
        done=_("The death was recorded."),
        blocked=_not_active(member),
        danger=True,
    )


@login_required
def remove(request: HttpRequest, member_id: int) -> HttpResponse:
    member = _managed(request, member_id)
    form = RemovalForm(request.POST or None, member=member)

    def run(data: dict[str, Any]) -> None:
        actions.do_remove_member(request.user, member, on=data["on"], reason=data["reason"])
        _remind_positions(request, member)

    return _event_page(
        request,
        member,
        form,
        run,
        title=_("Removal from the Party"),
        intro=_("Record a decision to strike the member off, expel them, or accept their resignation."),
        done=_("The removal was recorded."),
        blocked=_not_active(member),
        danger=True,
    )
