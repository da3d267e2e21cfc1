"""The commune office's overview of its cells' months."""

from dateutil.relativedelta import relativedelta
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render

from accounts.permissions import access_org, orgs_visible
from core.dates import today
from orgs.models import OrgKind
from overview.forms import MonthRangeForm
from overview.queries import GOOD_ATTENDANCE, default_range, month_grid


def _month_param(day) -> str:  # type: ignore[no-untyped-def]
    return f"{day.year:04d}-{day.month:02d}"


@login_required
def grid(request: HttpRequest, org_id: int) -> HttpResponse:
    """Cells (rows) × months (columns) of a commune, for its office and readers; cell members see their own pages."""
    commune = access_org(request.user, org_id, "org.view_members")
    if commune.kind != OrgKind.COMMUNE:
        raise Http404
    day = today()
    default = default_range(day)
    form = MonthRangeForm(request.GET, default)
    first, last = (form.cleaned_data["start"], form.cleaned_data["end"]) if form.is_valid() else default
    span = (last.year - first.year) * 12 + last.month - first.month + 1
    shift = relativedelta(months=span)
    result = month_grid(orgs_visible(request.user, "org.view_members"), commune, first, last, day)
    context = {
        "grid": result,
        "good": GOOD_ATTENDANCE,
        "form": form,
        "first": first,
        "last": last,
        "first_param": _month_param(first),
        "last_param": _month_param(last),
        "earlier": (_month_param(first - shift), _month_param(last - shift)),
        "later": (_month_param(first + shift), _month_param(last + shift)),
    }
    return render(request, "overview/grid.html", context)
