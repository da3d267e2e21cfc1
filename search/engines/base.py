"""What both engines do: count the matches by kind and year, and return one ranked page with highlights.

Highlights come back wrapped in \\x02 … \\x03, characters that never occur in
indexed text (search.sources.clean_text drops them), so that the page can
escape the text and only then turn the markers into <mark> tags.
"""

import datetime as dt
from dataclasses import dataclass
from typing import Any

from django.db import connection

from search.rights import Reach
from search.terms import Terms

Fragment = tuple[str, list[Any]]
MARK_START = "\x02"
MARK_END = "\x03"

# The columns every page row carries, in this order.
ROW_COLUMNS = (
    "d.id, d.source, d.kind, d.object_id, d.parent_id, d.organization_id, o.name, d.org_path, d.day, d.cell_types"
)


@dataclass
class Query:
    """What to find: the words, the user's reach, the organization filtered on, and the SQL condition
    on the documents table (`d`) that says what the user may read and what the filters keep."""

    terms: Terms
    reach: Reach
    org_id: int | None
    where: Fragment


@dataclass
class Row:
    id: int
    source: str
    kind: str
    object_id: int
    parent_id: int | None
    organization_id: int
    org_name: str
    org_path: str
    day: dt.date | None
    cell_types: str
    title: str
    snippet: str
    score: float


class Engine:
    vendor = ""

    def prefix(self, column: str, path: str) -> Fragment:
        """SQL true when `column` (a materialized path) starts with `path`, using its index."""
        raise NotImplementedError

    def facets(self, query: "Query") -> list[tuple[str, int | None, int]]:
        """(kind, year or None, number of matches) of the documents the query finds."""
        raise NotImplementedError

    def page(self, query: "Query", limit: int, offset: int) -> list[Row]:
        """The best `limit` matches after `offset`, best first, with highlighted title and snippet."""
        raise NotImplementedError

    def _fetch(self, sql: str, params: list[Any]) -> list[tuple[Any, ...]]:
        with connection.cursor() as cursor:
            cursor.execute(sql, params)
            return cursor.fetchall()


def as_date(value: Any) -> dt.date | None:
    if value is None or isinstance(value, dt.date):
        return value
    return dt.date.fromisoformat(str(value))
