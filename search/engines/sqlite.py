"""SQLite: FTS5 with bm25 ranking, highlight() and snippet() over the stored text (see migration 0002).

FTS5 cannot join its index with a B-tree filter cheaply: a common word
matches hundreds of thousands of documents, and checking each against the
rights filter takes seconds. So the match itself is narrowed to the
user's part of the tree, with the words of the `scope` column (o<id> for an
organization and everything under it, i<id> for the organization alone,
m<id> for a member's own record): FTS5 intersects a short list with a long
one quickly. The scope words only narrow; the rights condition in SQL
(search.rights) still decides what the user may read, as on PostgreSQL.
"""

from typing import Any

from search.engines.base import MARK_END, MARK_START, ROW_COLUMNS, Engine, Fragment, Query, Row, as_date
from search.rights import Reach, ancestor_ids
from search.terms import Terms

# What the triggers of migration 0002 feed the index with; kept in step with it.
INDEXED_TITLE = "replace(replace(title, 'đ', 'd'), 'Đ', 'D')"
INDEXED_BODY = "replace(replace(body, 'đ', 'd'), 'Đ', 'D')"
# A word in the title counts ten times a word in the text; the scope words count for nothing.
RANK = "bm25(search_fts, 10.0, 1.0, 0.0)"
SNIPPET_WORDS = 24

MATCHES = "FROM search_fts JOIN search_searchdocument d ON d.id = search_fts.rowid WHERE search_fts MATCH %s"


def text_expression(terms: Terms) -> str:
    """Every word (already folded, letters and digits only) in the title or the text, the last as a prefix."""
    phrases = [f'"{word}"' for word in terms.words]
    if terms.prefix_last:
        phrases[-1] += " *"
    return "{title body} : (" + " ".join(phrases) + ")"


def scope_words(reach: Reach) -> list[str]:
    """Scope words covering every document `reach` may read (and possibly a few more); [] for everything."""
    if reach.everything:
        return []
    words: set[str] = set()
    for path in reach.paths:
        words.add(f"o{path.strip('/').split('/')[-1]}")
        words.update(f"i{org_id}" for org_id in ancestor_ids(path))  # guidance published above
    for cell in reach.all_cells:
        words.add(f"o{cell.id}")
        words.update(f"i{org_id}" for org_id in ancestor_ids(cell.path))
    if reach.member_id:
        words.add(f"m{reach.member_id}")
    return sorted(words)


def match_expression(query: Query) -> str:
    parts = [text_expression(query.terms)]
    words = scope_words(query.reach)
    if words:
        parts.append("scope : (" + " OR ".join(words) + ")")
    if query.org_id:
        parts.append(f"scope : o{query.org_id}")
    return " AND ".join(parts)


class SqliteEngine(Engine):
    vendor = "sqlite"

    def prefix(self, column: str, path: str) -> Fragment:
        # A range rather than LIKE, which SQLite only runs on an index for case-insensitive columns.
        upper = path[:-1] + chr(ord(path[-1]) + 1)
        return f"({column} >= %s AND {column} < %s)", [path, upper]

    def facets(self, query: Query) -> list[tuple[str, int | None, int]]:
        sql, params = query.where
        rows = self._fetch(
            f"SELECT d.kind, substr(d.day, 1, 4), COUNT(*) {MATCHES} AND {sql} GROUP BY 1, 2",
            [match_expression(query), *params],
        )
        return [(kind, int(year) if year else None, count) for kind, year, count in rows]

    def page(self, query: Query, limit: int, offset: int) -> list[Row]:
        sql, params = query.where
        expression = match_expression(query)
        rows = self._fetch(
            f"""WITH page AS (
                    SELECT d.id AS id, {RANK} AS score {MATCHES} AND {sql}
                    ORDER BY score, d.id LIMIT %s OFFSET %s
                )
                SELECT {ROW_COLUMNS},
                    highlight(search_fts, 0, %s, %s),
                    snippet(search_fts, 1, %s, %s, '…', {SNIPPET_WORDS}),
                    page.score
                FROM page
                CROSS JOIN search_fts ON search_fts.rowid = page.id
                JOIN search_searchdocument d ON d.id = page.id
                JOIN orgs_organization o ON o.id = d.organization_id
                WHERE search_fts MATCH %s
                ORDER BY page.score, d.id""",
            [expression, *params, limit, offset, MARK_START, MARK_END, MARK_START, MARK_END, expression],
        )
        return [_row(row) for row in rows]


def _row(row: tuple[Any, ...]) -> Row:
    values = list(row)
    values[8] = as_date(values[8])
    # bm25 is lower for better matches; flip it so that both engines score higher-is-better.
    values[12] = -values[12]
    return Row(*values)
