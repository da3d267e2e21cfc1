"""Member list, record page, and creating or correcting a record.

Membership events (full membership, exemption, transfers...) are in event_views.py.
"""

import copy
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ObjectDoesNotExist, PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.db import IntegrityError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.cache import patch_vary_headers
from django.utils.translation import gettext as _

from accounts.permissions import access_member, has_perm, may_issue_access, members_visible, orgs_visible
from core.dates import today
from members.actions import DuplicateMember, StaleEdit, do_create_member, do_transfer_in, do_update_member
from members.filters import MemberFilterForm
from members.forms import EditMemberForm, MemberForm, NewMemberForm, TransferInForm
from members.models import Exemption, Member, TemporaryActivity
from members.queries import (
    access_member_page,
    just_created_by,
    manageable_cells,
    member_history,
    member_rows,
    org_picker,
    same_person_in_cell,
    transfer_events,
)

PAGE_SIZE = 50


@login_required
def member_list(request: HttpRequest) -> HttpResponse:
    form = MemberFilterForm(request.GET)
    visible_orgs = orgs_visible(request.user, "org.view_members")
    selected = form.selected_org(visible_orgs)
    options = org_picker(request.user, selected)
    if not options:
        raise PermissionDenied
    members = member_rows(form.filter(members_visible(request.user), visible_orgs)).order_by(
        "organization__path", "search_key", "pk"
    )
    page = Paginator(members, PAGE_SIZE).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    context = {
        "form": form,
        "page": page,
        "query": query.urlencode(),
        "org": selected,
        "picker": options,
        "can_add": manageable_cells(request.user).exists(),
        "can_issue_accounts": selected is not None and has_perm(request.user, "org.manage_members", selected),
    }
    htmx = request.htmx  # type: ignore[attr-defined]
    # A history restore after the cache expired needs the whole page, as a boosted link does.
    context["partial"] = bool(htmx and not htmx.boosted and not htmx.history_restore_request)
    response = render(request, "members/_rows.html" if context["partial"] else "members/list.html", context)
    # The same URL answers with a fragment or a page: caches must keep them apart.
    patch_vary_headers(response, ["HX-Request"])
    return response


@login_required
def detail(request: HttpRequest, member_id: int) -> HttpResponse:
    member, whole_record = access_member_page(request.user, member_id)
    transfers = list(member.transfers.select_related("from_org", "to_org"))
    if not whole_record:
        context = {"member": member, "whole_record": False, "history": transfer_events(transfers)}
        return render(request, "members/detail.html", context)
    exemptions = list(member.exemptions.all())
    activities = list(member.temporary_activities.all())
    day = today()
    can_manage = has_perm(request.user, "member.manage", member)
    context = {
        "member": member,
        "whole_record": True,
        "can_manage": can_manage,
        "can_transfer": can_manage
        and member.is_active
        and manageable_cells(request.user).exclude(pk=member.organization_id).exists(),
        "exempt_now": _in_force(exemptions, day),
        "activity_now": _in_force(activities, day),
        "history": member_history(member, exemptions, activities, transfers),
        "positions": member.positions.select_related("organization", "term").order_by("-valid_from"),
        "can_reset_access": member.is_active and may_issue_access(request.user, member, _account_of(member)),
    }
    return render(request, "members/detail.html", context)


def _account_of(member: Member) -> Any:
    try:
        return member.user  # type: ignore[attr-defined]
    except ObjectDoesNotExist:
        return None


def _in_force(periods: list[Exemption] | list[TemporaryActivity], day: Any) -> Any:
    return next((p for p in periods if p.valid_from <= day and (p.valid_to is None or p.valid_to >= day)), None)


def add_errors(form: Any, error: ValidationError) -> None:
    """Attach an action's refusal to the form: to its fields where they exist, above the form otherwise."""
    if hasattr(error, "error_dict") and set(error.error_dict) <= set(form.fields):
        form.add_error(None, error)
    else:
        for message in error.messages:
            form.add_error(None, message)


def _saved(request: HttpRequest, member: Member, form: MemberForm, text: str) -> HttpResponse:
    messages.success(request, text)
    for warning in form.warnings:
        messages.warning(request, warning)
    return redirect("members:detail", member.pk)


def _saved_moments_ago(form: NewMemberForm, user: Any) -> Member | None:
    data = form.cleaned_data
    if not all(data.get(name) for name in ("organization", "full_name", "date_of_birth")):
        return None
    existing = same_person_in_cell(data["organization"].pk, data["full_name"], data["date_of_birth"])
    return existing if existing is not None and just_created_by(existing, user) else None


def _sent_twice(request: HttpRequest, member: Member) -> HttpResponse:
    messages.info(request, _("This member was already saved; the form was sent twice."))
    return redirect("members:detail", member.pk)


def _create(request: HttpRequest, form_class: type[NewMemberForm], run: Any, title: str) -> HttpResponse:
    """Shared by "new member" and "transfer in": both make a new record in a cell the user manages."""
    cells = manageable_cells(request.user)
    if not cells.exists():
        raise PermissionDenied
    form = form_class(
        request.POST or None,
        user=request.user,
        cells=cells,
        initial={"organization": request.GET.get("org"), "on": today()},
    )
    duplicate = None
    if request.method == "POST" and not form.is_valid():
        # A second copy of a form just saved fails on its own citizen ID: take the user to the record.
        resent = _saved_moments_ago(form, request.user)
        if resent is not None:
            return _sent_twice(request, resent)
    elif request.method == "POST":
        try:
            member = run(form)
        except DuplicateMember as error:
            if just_created_by(error.existing, request.user):
                return _sent_twice(request, error.existing)
            duplicate = error.existing if has_perm(request.user, "member.view", error.existing) else None
            add_errors(form, error)
        except IntegrityError:
            form.add_error(None, _("Someone saved the same citizen ID or card number a moment ago; check and retry."))
        except ValidationError as error:
            add_errors(form, error)
        else:
            return _saved(request, member, form, _("%(name)s was added.") % {"name": member.full_name})
    return render(request, "members/member_form.html", {"form": form, "title": title, "duplicate": duplicate})


@login_required
def create(request: HttpRequest) -> HttpResponse:
    return _create(
        request,
        NewMemberForm,
        lambda form: do_create_member(request.user, **form.member_fields()),
        _("New party member"),
    )


@login_required
def transfer_in(request: HttpRequest) -> HttpResponse:
    return _create(
        request,
        TransferInForm,
        lambda form: do_transfer_in(
            request.user,
            on=form.cleaned_data["on"],
            origin=form.cleaned_data["origin"],
            note=form.cleaned_data["note"],
            **form.member_fields(),
        ),
        _("Member transferred in from outside"),
    )


def _stored_as(member_id: int, fields: dict[str, Any]) -> bool:
    current = Member.objects.get(pk=member_id)
    return all(getattr(current, name) == value for name, value in fields.items())


@login_required
def edit(request: HttpRequest, member_id: int) -> HttpResponse:
    member = access_member(request.user, member_id, "member.manage")
    # The form writes its input into its instance; keep `member` as stored for the page header.
    form = EditMemberForm(request.POST or None, user=request.user, instance=copy.copy(member))
    status = 200
    if request.method == "POST" and form.is_valid():
        try:
            saved = do_update_member(
                request.user, member, expected_version=form.cleaned_data["version"], **form.member_fields()
            )
        except StaleEdit:
            if _stored_as(member.pk, form.member_fields()):
                # The same form sent twice: the first copy saved exactly these values.
                messages.info(request, _("These changes were already saved."))
                return redirect("members:detail", member.pk)
            status = 409
            form.add_error(
                None,
                _(
                    "Someone else saved this record after you opened it, so your changes were not saved. "
                    "Open the record again to see the current version, then make your changes."
                ),
            )
        except IntegrityError:
            form.add_error(None, _("Someone saved the same citizen ID or card number a moment ago; check and retry."))
        except ValidationError as error:
            add_errors(form, error)
        else:
            return _saved(request, saved, form, _("The record was saved."))
    context = {"form": form, "member": member, "title": _("Correct the record"), "stale": status == 409}
    return render(request, "members/member_form.html", context, status=status)
