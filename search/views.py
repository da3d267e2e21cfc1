"""The search page: one box across minutes, resolutions, guidance, attached documents and members."""

from typing import Any

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.http import urlencode

from search.forms import SearchForm
from search.queries import Results, search


def _url(params: dict[str, Any], **changes: Any) -> str:
    merged = {**params, **changes}
    return "?" + urlencode({key: value for key, value in merged.items() if value not in (None, "")})


def _links(results: Results) -> dict[str, Any]:
    """Query strings for the filters and pages, each keeping the rest of the search."""
    filters = results.filters
    params = {"q": results.terms.text, "kind": filters.kind, "year": filters.year, "org": filters.org_id}
    for facet in results.kinds:
        facet.url = _url(params, kind="" if facet.selected else facet.value, page=None)
    for facet in results.years:
        facet.url = _url(params, year="" if facet.selected else facet.value, page=None)
    return {
        "all_kinds_url": _url(params, kind="", page=None),
        "all_years_url": _url(params, year="", page=None),
        "previous_url": _url(params, page=filters.page - 1),
        "next_url": _url(params, page=filters.page + 1),
    }


@login_required
def search_page(request: HttpRequest) -> HttpResponse:
    form = SearchForm(request.GET)
    results = search(request.user, form.query_text(), form.filters())
    context = {"form": form, "results": results, **_links(results)}
    template = "search/_results.html" if request.htmx else "search/page.html"  # type: ignore[attr-defined]
    return render(request, template, context)
