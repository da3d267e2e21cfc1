from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db.models import Exists, OuterRef
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from accounts.permissions import (
    access_member,
    has_perm,
    members_visible,
    orgs_visible,
    scope_for,
)
from core.dates import today
from members.filters import MemberFilterForm
from members.models import Exemption

PAGE_SIZE = 50


@login_required
def member_list(request: HttpRequest) -> HttpResponse:
    scope = scope_for(request.user)
    if not (scope.is_superuser or scope.read_paths or scope.is_officer):
        raise PermissionDenied
    form = MemberFilterForm(request.GET or None)
    visible_orgs = orgs_visible(request.user, "org.view_members")
    members = form.filter(members_visible(request.user), visible_orgs)
    members = members.select_related("organization").annotate(
        exempt_now=Exists(Exemption.objects.as_of(today()).filter(member=OuterRef("pk")))
    )
    page = Paginator(members, PAGE_SIZE).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    context = {
        "form": form,
        "page": page,
        "query": query.urlencode(),
        "org": visible_orgs.filter(pk=form.cleaned_data.get("org")).first()
        if form.is_valid() and form.cleaned_data.get("org")
        else None,
    }
    template = "members/_rows.html" if request.htmx else "members/list.html"  # type: ignore[attr-defined]
    return render(request, template, context)


@login_required
def detail(request: HttpRequest, member_id: int) -> HttpResponse:
    member = access_member(request.user, member_id)
    context = {
        "member": member,
        "can_manage": has_perm(request.user, "member.manage", member),
        "exemptions": member.exemptions.all(),
        "transfers": member.transfers.select_related("from_org", "to_org"),
        "temporary_activities": member.temporary_activities.all(),
        "positions": member.positions.select_related("organization", "term").order_by("-valid_from"),
    }
    return render(request, "members/detail.html", context)
