"""The database's own full-text index over search documents, one per backend.

SQLite: an FTS5 table whose content is the documents table itself (external
content), so that snippet() and highlight() show the stored text with its
accents. The index is fed by triggers with "đ" written as "d"; the unicode61
tokenizer (remove_diacritics 2) folds every other Vietnamese letter and the
case, so "nguyen van duc" finds "Nguyễn Văn Đức". A third column indexes
each document's place in the tree (SearchDocument.scope), so that the match
itself is limited to what the user may read (see search.engines.sqlite).
Prefix indexes for 2 to 7 characters (a Vietnamese syllable has at most
seven letters) let a word still being typed match as fast as a whole one.

PostgreSQL: a text search configuration that runs every word through
`unaccent` then `simple` (no stemming: Vietnamese words are syllables), a
generated tsvector column (title weighted A, text B) and a GIN index.
ts_headline with the same configuration highlights the stored text.

Punctuation inside codes ("05-NQ/CB", "20/11/2026") splits words on both
backends alike.
"""

from django.db import migrations

# The same folding on both sides of the trigger: keep in step with search.engines.sqlite.INDEXED.
SQLITE_FOLD = "replace(replace({0}, 'đ', 'd'), 'Đ', 'D')"

SQLITE_FORWARD = [
    """CREATE VIRTUAL TABLE search_fts USING fts5(
        title, body, scope,
        content='search_searchdocument', content_rowid='id',
        tokenize='unicode61 remove_diacritics 2', prefix='2 3 4 5 6 7'
    )""",
    f"""CREATE TRIGGER search_fts_insert AFTER INSERT ON search_searchdocument BEGIN
        INSERT INTO search_fts(rowid, title, body, scope)
        VALUES (new.id, {SQLITE_FOLD.format("new.title")}, {SQLITE_FOLD.format("new.body")}, new.scope);
    END""",
    f"""CREATE TRIGGER search_fts_delete AFTER DELETE ON search_searchdocument BEGIN
        INSERT INTO search_fts(search_fts, rowid, title, body, scope)
        VALUES ('delete', old.id, {SQLITE_FOLD.format("old.title")}, {SQLITE_FOLD.format("old.body")}, old.scope);
    END""",
    f"""CREATE TRIGGER search_fts_update AFTER UPDATE ON search_searchdocument
        WHEN old.title IS NOT new.title OR old.body IS NOT new.body OR old.scope IS NOT new.scope BEGIN
        INSERT INTO search_fts(search_fts, rowid, title, body, scope)
        VALUES ('delete', old.id, {SQLITE_FOLD.format("old.title")}, {SQLITE_FOLD.format("old.body")}, old.scope);
        INSERT INTO search_fts(rowid, title, body, scope)
        VALUES (new.id, {SQLITE_FOLD.format("new.title")}, {SQLITE_FOLD.format("new.body")}, new.scope);
    END""",
]
SQLITE_BACKWARD = [
    "DROP TRIGGER IF EXISTS search_fts_update",
    "DROP TRIGGER IF EXISTS search_fts_delete",
    "DROP TRIGGER IF EXISTS search_fts_insert",
    "DROP TABLE IF EXISTS search_fts",
]

# Characters that PostgreSQL's parser would keep inside one token (paths, hyphenated words, versions, e-mail).
PG_SPLIT = "translate({0}, '/-.:_@+', '       ')"

POSTGRES_FORWARD = [
    "CREATE EXTENSION IF NOT EXISTS unaccent",
    """DO $$ BEGIN
        IF NOT EXISTS (SELECT 1 FROM pg_ts_config WHERE cfgname = 'chibo_search') THEN
            CREATE TEXT SEARCH CONFIGURATION chibo_search (COPY = simple);
            ALTER TEXT SEARCH CONFIGURATION chibo_search
                ALTER MAPPING FOR asciiword, asciihword, hword_asciipart, word, hword, hword_part
                WITH unaccent, simple;
        END IF;
    END $$""",
    f"""ALTER TABLE search_searchdocument ADD COLUMN search_vector tsvector GENERATED ALWAYS AS (
        setweight(to_tsvector('chibo_search'::regconfig, {PG_SPLIT.format("title")}), 'A')
        || setweight(to_tsvector('chibo_search'::regconfig, {PG_SPLIT.format("body")}), 'B')
    ) STORED""",
    "CREATE INDEX search_doc_vector ON search_searchdocument USING gin (search_vector)",
]
POSTGRES_BACKWARD = [
    "DROP INDEX IF EXISTS search_doc_vector",
    "ALTER TABLE search_searchdocument DROP COLUMN IF EXISTS search_vector",
    "DROP TEXT SEARCH CONFIGURATION IF EXISTS chibo_search",
]


def _run(statements: dict[str, list[str]]):  # type: ignore[no-untyped-def]
    def run(apps, schema_editor) -> None:  # type: ignore[no-untyped-def]
        for sql in statements.get(schema_editor.connection.vendor, []):
            schema_editor.execute(sql)

    return run


class Migration(migrations.Migration):
    dependencies = [("search", "0001_documents")]

    operations = [
        migrations.RunPython(
            _run({"sqlite": SQLITE_FORWARD, "postgresql": POSTGRES_FORWARD}),
            _run({"sqlite": SQLITE_BACKWARD, "postgresql": POSTGRES_BACKWARD}),
        )
    ]
