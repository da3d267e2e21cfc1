"""Organization pages: the tree, one organization, and the office's actions on them."""

import datetime as dt
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from accounts.permissions import access_org, has_perm, orgs_visible
from committees.queries import committee_of
from core.dates import today
from core.forms import apply_action
from members.queries import member_counts
from orgs.actions import (
    MergePlan,
    StalePlan,
    do_create_organization,
    do_dissolve_organization,
    do_merge_organizations,
    do_move_organization,
    do_rename_organization,
)
from orgs.actions.tree import dissolve_problems
from orgs.forms import CreateChildForm, DissolveForm, MergeForm, MoveForm, RenameForm
from orgs.models import Organization
from orgs.queries import org_history, roster, tree_as_of, warnings_for
from orgs.structure import CHILD_KINDS


def _parse_day(raw: str | None) -> dt.date | None:
    try:
        return dt.date.fromisoformat(raw) if raw else None
    except ValueError:
        return None


@login_required
def tree(request: HttpRequest) -> HttpResponse:
    day = _parse_day(request.GET.get("on"))
    visible = orgs_visible(request.user)
    # Member counts and warnings describe today; a past tree shows names and places only.
    counts = member_counts(visible) if day is None else None
    context = {
        "roots": tree_as_of(visible, day, counts),
        "day": day,
        "bad_day": bool(request.GET.get("on")) and day is None,
    }
    return render(request, "orgs/tree.html", context)


@login_required
def detail(request: HttpRequest, org_id: int) -> HttpResponse:
    org = access_org(request.user, org_id)
    visible = orgs_visible(request.user)
    subtree = visible.filter(path__startswith=org.path)
    nodes = tree_as_of(subtree, None, member_counts(subtree))
    node = nodes[0] if nodes and nodes[0].org.pk == org.pk else None
    committee = committee_of(org)
    merged_from = Organization.objects.filter(merged_into=org).order_by("dissolved_on", "name")
    merged_into = org.merged_into if org.merged_into_id else None
    cell_roster = roster(org) if org.is_cell and org.is_active else []
    context = {
        "org": org,
        "ancestors": list(visible.filter(pk__in=org.ancestor_ids()).order_by("path")),
        "node": node,
        "history": org_history(org),
        "committee": committee,
        "warnings": warnings_for(org, node, committee),
        # Other organizations are linked only where the user may open them.
        "merged_from": [(o, has_perm(request.user, "org.view", o)) for o in merged_from],
        "merged_into": merged_into,
        "merged_into_visible": merged_into is not None and has_perm(request.user, "org.view", merged_into),
        "roster": [(m, has_perm(request.user, "member.view", m)) for m in cell_roster],
        "can_view_members": has_perm(request.user, "org.view_members", org),
        "can_manage": has_perm(request.user, "org.manage", org) and org.is_active,
        "can_issue_accounts": has_perm(request.user, "org.manage_members", org) and org.is_active,
        "can_have_children": bool(CHILD_KINDS.get(org.kind)),
    }
    return render(request, "orgs/detail.html", context)


def _managed(request: HttpRequest, org_id: int) -> Organization:
    """The organization, if the user is its office and it still exists."""
    org = access_org(request.user, org_id, "org.manage")
    if not org.is_active:
        raise PermissionDenied
    return org


@login_required
def create_child(request: HttpRequest, org_id: int) -> HttpResponse:
    parent = _managed(request, org_id)
    if not CHILD_KINDS.get(parent.kind):
        messages.error(request, _("A cell has no subordinate organizations."))
        return redirect("orgs:detail", parent.pk)
    form = CreateChildForm(parent, request.POST or None)
    created: list[Organization] = []

    def create(data: dict[str, Any]) -> None:
        created.append(
            do_create_organization(
                request.user,
                kind=data["kind"],
                code=data["code"],
                name=data["name"],
                official_name=data["official_name"],
                parent=parent,
                cell_type=data["cell_type"],
                founded_on=data["founded_on"],
            )
        )

    if request.method == "POST" and apply_action(form, create):
        messages.success(request, _("%(name)s was created.") % {"name": created[0].name})
        return redirect("orgs:detail", created[0].pk)
    return render(request, "orgs/create_child.html", {"org": parent, "form": form})


@login_required
def rename(request: HttpRequest, org_id: int) -> HttpResponse:
    org = _managed(request, org_id)
    form = RenameForm(org, request.POST or None)

    def act(data: dict[str, Any]) -> None:
        do_rename_organization(request.user, org, name=data["name"], official_name=data["official_name"], on=data["on"])

    if request.method == "POST" and apply_action(form, act):
        messages.success(request, _("The new name was recorded."))
        return redirect("orgs:detail", org.pk)
    return render(request, "orgs/rename.html", {"org": org, "form": form})


@login_required
def move(request: HttpRequest, org_id: int) -> HttpResponse:
    org = _managed(request, org_id)
    form = MoveForm(org, request.user, request.POST or None)

    def act(data: dict[str, Any]) -> None:
        do_move_organization(request.user, org, new_parent=data["new_parent"], on=data["on"])

    if request.method == "POST" and apply_action(form, act):
        messages.success(request, _("%(name)s was moved.") % {"name": org.name})
        return redirect("orgs:detail", org.pk)
    context = {"org": org, "form": form, "follow_ups": committee_of(org).follow_ups}
    return render(request, "orgs/move.html", context)


@login_required
def dissolve(request: HttpRequest, org_id: int) -> HttpResponse:
    org = _managed(request, org_id)
    form = DissolveForm(org, request.POST or None)

    def act(data: dict[str, Any]) -> None:
        do_dissolve_organization(request.user, org, on=data["on"], reason=data["reason"])

    if request.method == "POST" and apply_action(form, act):
        messages.success(request, _("%(name)s was dissolved.") % {"name": org.name})
        return redirect("orgs:detail", org.pk)
    context = {
        "org": org,
        "form": form,
        "blockers": dissolve_problems(org, today()),
        "committee": committee_of(org),
    }
    return render(request, "orgs/dissolve.html", context)


def _require_merge_rights(user: Any, plan: MergePlan) -> None:
    """Only the office over every organization involved may merge them."""
    involved = [*plan.sources]
    if plan.target is not None:
        involved.append(plan.target)
    if plan.new_target is not None:
        involved.append(plan.new_target.parent)
    if not all(has_perm(user, "org.manage", o) for o in involved):
        raise PermissionDenied


def _merge_form_page(request: HttpRequest, scope: Organization, form: MergeForm) -> HttpResponse:
    return render(request, "orgs/merge.html", {"org": scope, "form": form})


def _preview(
    request: HttpRequest, scope: Organization, form: MergeForm, plan: MergePlan, *, stale: bool = False
) -> HttpResponse:
    context = {
        "org": scope,
        "form": form,
        "plan": plan,
        "fingerprint": plan.fingerprint,
        "stale": stale,
        "source_lines": [(s, *plan.count(s)) for s in plan.sources],
        "child_lines": [(c, *plan.count(c)) for c in plan.moving_children],
    }
    return render(request, "orgs/merge_preview.html", context)


@login_required
def merge(request: HttpRequest, org_id: int) -> HttpResponse:
    """Step one: choose what to merge; a valid choice shows the preview."""
    scope = _managed(request, org_id)
    form = MergeForm(scope, request.user, request.POST or None)
    if request.method == "POST" and not request.POST.get("edit") and form.is_valid():
        plan = form.plan()
        _require_merge_rights(request.user, plan)
        if plan.ok:
            return _preview(request, scope, form, plan)
        for problem in plan.problems:
            form.add_error(None, problem)
    return _merge_form_page(request, scope, form)


@login_required
@require_POST
def merge_confirm(request: HttpRequest, org_id: int) -> HttpResponse:
    """Step two: apply the previewed merge, unless the tree changed since the preview."""
    scope = _managed(request, org_id)
    form = MergeForm(scope, request.user, request.POST)
    if not form.is_valid():
        return _merge_form_page(request, scope, form)
    plan = form.plan()
    _require_merge_rights(request.user, plan)
    try:
        target = do_merge_organizations(request.user, plan, expected_fingerprint=request.POST.get("fingerprint", ""))
    except StalePlan as stale:
        if stale.fresh.ok:
            return _preview(request, scope, form, stale.fresh, stale=True)
        problems = stale.fresh.problems
    except ValidationError as error:
        problems = error.messages
    else:
        messages.success(request, _("The merge was recorded."))
        return redirect("orgs:detail", target.pk)
    for problem in problems:
        form.add_error(None, problem)
    return _merge_form_page(request, scope, form)
