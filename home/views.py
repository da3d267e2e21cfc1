from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from accounts.permissions import orgs_visible, scope_for
from audit.models import AuditEntry
from core.dates import today
from home.queries import cell_summaries, cells_below_minimum
from orgs.models import Organization, OrgKind
from preparation.queries import notices_for
from records.queries import tasks_for


@login_required
def home(request: HttpRequest) -> HttpResponse:
    """Each role's next steps: officers see their cells, offices their warnings, members their cell."""
    scope = scope_for(request.user)
    day = today()
    context: dict = {"day": day}
    if scope.officer_cell_ids:
        cells = Organization.objects.filter(pk__in=scope.officer_cell_ids).order_by("name")
        context["officer_cells"] = cell_summaries(cells, day)
    if scope.read_paths or scope.is_superuser:
        context["top_orgs"] = list(
            orgs_visible(request.user).filter(pk__in=_grant_roots(request.user)).order_by("path")
        )
        context["weak_cells"] = list(cells_below_minimum(scope)[:50])
        context["recent_audit"] = list(
            AuditEntry.objects.filter(org_path__startswith=scope.read_paths[0]).order_by("-at")[:8]
            if scope.read_paths
            else AuditEntry.objects.order_by("-at")[:8]
        )
    context["notices"] = notices_for(request.user)
    if request.user.member_id:
        context["my_tasks"] = list(tasks_for(request.user))
        member = request.user.member
        context["member"] = member
        context["cell"] = member.organization
    return render(request, "home/home.html", context)


def _grant_roots(user) -> list[int]:  # type: ignore[no-untyped-def]
    from accounts.models import Grant

    roots = list(Grant.objects.filter(user=user).values_list("organization_id", flat=True))
    if not roots and user.is_superuser:
        roots = list(
            Organization.objects.filter(parent__isnull=True, kind=OrgKind.PROVINCE).values_list("pk", flat=True)
        )
    return roots
