"""PostgreSQL: the generated tsvector column, ts_rank, and ts_headline over the stored text (see migration 0002)."""

from typing import Any

from search.engines.base import MARK_END, MARK_START, ROW_COLUMNS, Engine, Fragment, Query, Row, as_date
from search.terms import Terms

QUERY = "to_tsquery('chibo_search', %s)"
# Normalization 1: divide by 1 + log(length), so that a long PDF does not win on size alone.
RANK = f"ts_rank(d.search_vector, {QUERY}, 1)"
TITLE_OPTIONS = f"StartSel={MARK_START}, StopSel={MARK_END}, HighlightAll=true"
SNIPPET_OPTIONS = (
    f'StartSel={MARK_START}, StopSel={MARK_END}, MaxWords=30, MinWords=12, MaxFragments=2, FragmentDelimiter=" … "'
)
# ts_headline reads the whole text it is given: past this the snippet is taken from the beginning only.
HEADLINE_CHARS = 50_000


def query_expression(terms: Terms) -> str:
    """tsquery text: every word (already folded, letters and digits only) joined by &, the last as a prefix."""
    lexemes = [f"'{word}'" for word in terms.words]
    if terms.prefix_last:
        lexemes[-1] += ":*"
    return " & ".join(lexemes)


class PostgresEngine(Engine):
    vendor = "postgresql"

    def prefix(self, column: str, path: str) -> Fragment:
        # Paths hold digits and slashes only: nothing to escape. The index uses varchar_pattern_ops.
        return f"{column} LIKE %s", [path + "%"]

    def facets(self, query: Query) -> list[tuple[str, int | None, int]]:
        sql, params = query.where
        rows = self._fetch(
            f"""SELECT d.kind, EXTRACT(YEAR FROM d.day)::int, COUNT(*) FROM search_searchdocument d
                WHERE d.search_vector @@ {QUERY} AND {sql} GROUP BY 1, 2""",
            [query_expression(query.terms), *params],
        )
        return [(kind, year, count) for kind, year, count in rows]

    def page(self, query: Query, limit: int, offset: int) -> list[Row]:
        sql, params = query.where
        expression = query_expression(query.terms)
        rows = self._fetch(
            f"""WITH page AS (
                    SELECT d.id, {RANK} AS score FROM search_searchdocument d
                    WHERE d.search_vector @@ {QUERY} AND {sql}
                    ORDER BY score DESC, d.id LIMIT %s OFFSET %s
                )
                SELECT {ROW_COLUMNS},
                    ts_headline('chibo_search', d.title, {QUERY}, %s),
                    ts_headline('chibo_search', left(d.body, {HEADLINE_CHARS}), {QUERY}, %s),
                    page.score
                FROM page
                JOIN search_searchdocument d ON d.id = page.id
                JOIN orgs_organization o ON o.id = d.organization_id
                ORDER BY page.score DESC, d.id""",
            [
                expression,
                expression,
                *params,
                limit,
                offset,
                expression,
                TITLE_OPTIONS,
                expression,
                SNIPPET_OPTIONS,
            ],
        )
        return [_row(row) for row in rows]


def _row(row: tuple[Any, ...]) -> Row:
    values = list(row)
    values[8] = as_date(values[8])
    values[12] = float(values[12])
    return Row(*values)
