import datetime as dt

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from accounts.permissions import access_org, has_perm, orgs_visible
from committees.queries import positions_of
from members.queries import member_counts
from orgs.models import OrgVersion
from orgs.queries import tree_as_of


def _parse_day(raw: str | None) -> dt.date | None:
    try:
        return dt.date.fromisoformat(raw) if raw else None
    except ValueError:
        return None


@login_required
def tree(request: HttpRequest) -> HttpResponse:
    day = _parse_day(request.GET.get("on"))
    visible = orgs_visible(request.user)
    roots = tree_as_of(visible, day, member_counts(visible))
    context = {
        "roots": roots,
        "day": day,
        "bad_day": bool(request.GET.get("on")) and day is None,
    }
    return render(request, "orgs/tree.html", context)


@login_required
def detail(request: HttpRequest, org_id: int) -> HttpResponse:
    org = access_org(request.user, org_id)
    subtree = orgs_visible(request.user).filter(path__startswith=org.path)
    nodes = tree_as_of(subtree, None, member_counts(subtree))
    root = nodes[0] if nodes and nodes[0].org.pk == org.pk else None
    context = {
        "org": org,
        "ancestors": list(orgs_visible(request.user).filter(pk__in=org.ancestor_ids()).order_by("path")),
        "node": root,
        "versions": OrgVersion.objects.filter(organization=org).select_related("parent").order_by("-valid_from"),
        "positions": positions_of(org),
        "can_view_members": has_perm(request.user, "org.view_members", org),
        "can_manage": has_perm(request.user, "org.manage", org),
    }
    return render(request, "orgs/detail.html", context)
