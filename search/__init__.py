"""One search box across minutes, resolutions, guidance, attached documents and members.

- `search.sources`: what each record becomes in the index (title, text, organization, date, audience).
- `search.index` and `search.signals`: the index follows every write, in the writer's transaction;
  `manage.py rebuild_search_index` recomputes it after bulk loads.
- `search.tasks` and `search.extract`: the text of PDF and Word files, read once in the background worker.
- `search.rights`: what the user may find, as SQL on the documents table (the rules of accounts.permissions).
- `search.engines`: SQLite FTS5 (bm25, highlight, snippet) or PostgreSQL text search (ts_rank, ts_headline),
  both folding accents so that "nguyen van duc" finds "Nguyễn Văn Đức".
- `search.queries` and `search.views`: the results page, with counts by kind and year, in a fixed number
  of queries.
"""
