"""The full-text engines: SQLite's FTS5 and PostgreSQL's text search, behind one small interface."""

from django.db import connection

from search.engines.base import Engine, Query, Row


def engine() -> Engine:
    if connection.vendor == "postgresql":
        from search.engines.postgres import PostgresEngine

        return PostgresEngine()
    from search.engines.sqlite import SqliteEngine

    return SqliteEngine()


__all__ = ["Engine", "Query", "Row", "engine"]
