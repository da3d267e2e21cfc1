"""The search itself: the user's words, their rights and the filters, as one ranked page and its counts.

A fixed number of queries whatever the data: the user's scope (accounts.
permissions), their cells, the organizations they may filter on, the counts
by kind and year, and the page of results with organization names and
highlights.
"""

import datetime as dt
import math
import re
from dataclasses import dataclass, field
from typing import Any

from django.db.models import Q
from django.urls import reverse
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

from accounts.permissions import orgs_visible
from orgs.models import Organization, OrgKind
from search import rights
from search.engines import Query, Row, engine
from search.engines.base import MARK_END, MARK_START
from search.models import Kind, Source
from search.terms import Terms, parse

PAGE_SIZE = 20
MAX_PAGE = 50


@dataclass
class Filters:
    kind: str = ""
    year: int | None = None
    org_id: int | None = None
    page: int = 1


@dataclass
class Hit:
    row: Row
    title: SafeString
    snippet: SafeString
    url: str

    @property
    def kind_label(self) -> str:
        return str(Kind(self.row.kind).label)


@dataclass
class Facet:
    value: Any
    label: str
    count: int
    selected: bool
    url: str = ""


@dataclass
class Results:
    terms: Terms
    filters: Filters
    hits: list[Hit] = field(default_factory=list)
    total: int = 0
    kinds: list[Facet] = field(default_factory=list)
    years: list[Facet] = field(default_factory=list)
    orgs: list[Organization] = field(default_factory=list)
    org: Organization | None = None

    @property
    def pages(self) -> int:
        return min(MAX_PAGE, max(1, math.ceil(self.total / PAGE_SIZE)))

    @property
    def has_previous(self) -> bool:
        return self.filters.page > 1

    @property
    def has_next(self) -> bool:
        return self.filters.page < self.pages


def marked(text: str) -> SafeString:
    """Escape `text`, then turn the engine's highlight markers into <mark> tags, always balanced."""
    out: list[str] = []
    open_ = False
    for piece in re.split(f"([{MARK_START}{MARK_END}])", str(escape(text))):
        if piece in (MARK_START, MARK_END):
            # A marker out of turn is dropped rather than left to unbalance the page.
            if (piece == MARK_START) != open_:
                out.append("</mark>" if open_ else "<mark>")
                open_ = not open_
        else:
            out.append(piece)
    if open_:
        out.append("</mark>")
    return mark_safe("".join(out))


def filter_orgs(user: Any, reach: rights.Reach) -> list[Organization]:
    """Organizations offered as a filter: those granted and the level below them, and the user's cells."""
    if reach.everything:
        return list(Organization.objects.exclude(kind=OrgKind.CELL).order_by("path"))
    q = Q(pk__in=[cell.id for cell in reach.all_cells])
    if reach.paths:
        q |= Q(path__in=reach.paths) | Q(parent__path__in=reach.paths)
    return list(orgs_visible(user).filter(q).order_by("path"))


def _selected_org(user: Any, options: list[Organization], org_id: int | None) -> Organization | None:
    if org_id is None:
        return None
    for org in options:
        if org.pk == org_id:
            return org
    return orgs_visible(user).filter(pk=org_id).first()


def _filter_sql(search_engine: Any, filters: Filters, org: Organization | None) -> tuple[str, list[Any]]:
    parts: list[str] = []
    params: list[Any] = []
    if org is not None:
        sql, more = search_engine.prefix("d.org_path", org.path)
        parts.append(sql)
        params += more
    if filters.kind:
        parts.append("d.kind = %s")
        params.append(filters.kind)
    if filters.year:
        parts.append("d.day >= %s AND d.day < %s")
        params += [dt.date(filters.year, 1, 1), dt.date(filters.year + 1, 1, 1)]
    return " AND ".join(parts) or "1 = 1", params


def _facets(counts: list[tuple[str, int | None, int]], filters: Filters) -> tuple[list[Facet], list[Facet], int]:
    by_kind: dict[str, int] = {}
    by_year: dict[int, int] = {}
    total = 0
    for kind, year, count in counts:
        if not filters.year or year == filters.year:
            by_kind[kind] = by_kind.get(kind, 0) + count
        if year and (not filters.kind or kind == filters.kind):
            by_year[year] = by_year.get(year, 0) + count
        if (not filters.year or year == filters.year) and (not filters.kind or kind == filters.kind):
            total += count
    kinds = [
        Facet(value, str(label), by_kind[value], value == filters.kind)
        for value, label in Kind.choices
        if by_kind.get(value) or value == filters.kind
    ]
    years = [Facet(year, str(year), by_year[year], year == filters.year) for year in sorted(by_year, reverse=True)]
    return kinds, years, total


def search(user: Any, text: str | None, filters: Filters) -> Results:
    terms = parse(text)
    results = Results(terms, filters)
    reach = rights.reach_for(user)
    results.orgs = filter_orgs(user, reach)
    results.org = _selected_org(user, results.orgs, filters.org_id)
    if not terms.ok:
        return results
    if reach.is_empty:
        return results
    search_engine = engine()
    rights_sql, rights_params = rights.condition(reach, search_engine.prefix)
    org_id = results.org.pk if results.org else None

    def query(only: Filters) -> Query:
        sql, params = _filter_sql(search_engine, only, results.org)
        return Query(terms, reach, org_id, (f"{rights_sql} AND {sql}", [*rights_params, *params]))

    # Counts by kind and year ignore the kind and year chosen, so that the other choices show theirs.
    results.kinds, results.years, results.total = _facets(search_engine.facets(query(Filters())), filters)
    if not results.total:
        return results
    filters.page = min(filters.page, results.pages)
    rows = search_engine.page(query(filters), PAGE_SIZE, (filters.page - 1) * PAGE_SIZE)
    results.hits = [Hit(row, marked(row.title), marked(row.snippet), link(row, reach)) for row in rows]
    return results


def _guidance_link(row: Row, reach: rights.Reach, guidance_id: int, anchor: str) -> str:
    """The guidance page for those who read the issuer; otherwise the page of one of their cells under it."""
    if reach.reads_subtree_of(row.org_path):
        return reverse("guidance:detail", args=[guidance_id]) + anchor
    for cell in reach.all_cells:
        fits = not row.cell_types or f",{cell.cell_type}," in row.cell_types
        if cell.path.startswith(row.org_path) and fits:
            month = f"?month={row.day:%Y-%m}" if row.day else ""
            return reverse("guidance:for_cell", args=[cell.id]) + month + anchor
    return reverse("guidance:detail", args=[guidance_id]) + anchor


def link(row: Row, reach: rights.Reach) -> str:
    """Where a result leads: the page that shows the record (or the file itself)."""
    if row.source == Source.MINUTES:
        return reverse("records:meeting", args=[row.parent_id]) + "#minutes"
    if row.source == Source.RESOLUTION:
        return reverse("records:meeting", args=[row.parent_id]) + "#resolution"
    if row.source == Source.GUIDANCE:
        return _guidance_link(row, reach, row.object_id, "")
    if row.source == Source.GUIDANCE_ITEM:
        return _guidance_link(row, reach, row.parent_id or 0, f"#item-{row.object_id}")
    if row.source == Source.GUIDANCE_FILE:
        return reverse("guidance:item_file", args=[row.object_id])
    if row.source == Source.MEETING_DOCUMENT:
        return reverse("preparation:document", args=[row.object_id])
    if row.source == Source.TASK_EVIDENCE:
        return reverse("records:task", args=[row.parent_id])
    return reverse("members:detail", args=[row.object_id])
