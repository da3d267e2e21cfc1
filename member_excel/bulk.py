"""Insert many rows of a model quickly and get their ids back; update many by id.

Django's bulk_create builds a model instance per row and compiles each value
through several layers of expression handling: for 50,000 members and their
50,000 audit rows that was over half the import's time. Here the caller
gives plain values, column by column; dates, times and JSON go through their
field's own get_db_prep_save, everything else is passed as is, and each
chunk is one multi-row INSERT … RETURNING id (SQLite 3.35+ returns the ids
in the order of the VALUES rows, which Django's bulk_create relies on as
well). On PostgreSQL the ids are taken from the table's sequence first and
the rows are sent with COPY, several times faster than any INSERT.

Updates are one statement per row sent with executemany (pipelined by
psycopg), instead of bulk_update's CASE expressions, which grow with the
number of rows times the number of fields.
"""

from collections.abc import Iterable, Iterator, Sequence
from typing import Any

from django.db import DEFAULT_DB_ALIAS, connections, models

# Keys per IN (…) and rows per chunk of work: far below every parameter limit.
CHUNK = 2000
# 1000 rows of up to 30 columns stay below the parameter limits of SQLite (32,766) and PostgreSQL (65,535).
ROWS_PER_INSERT = 1000
# Values of these fields need the database's own form; the rest are str, int, bool or None already.
_ADAPTED = {"DateField", "DateTimeField", "JSONField"}


def _column(field: Any) -> str:
    return str(field.column)


def chunked(items: Iterable[Any], size: int = CHUNK) -> Iterator[list[Any]]:
    batch: list[Any] = []
    for item in items:
        batch.append(item)
        if len(batch) == size:
            yield batch
            batch = []
    if batch:
        yield batch


def insert_rows(model: type[models.Model], attnames: Sequence[str], rows: Sequence[Sequence[Any]]) -> list[int]:
    """INSERT `rows` (values in the order of `attnames`) and return the new ids in the same order.

    Fields left out take their default, computed once: only for fields whose default is a constant.
    """
    connection = connections[DEFAULT_DB_ALIAS]
    by_attname = {f.attname: f for f in model._meta.concrete_fields}
    given = [by_attname[name] for name in attnames]
    missing = [f for f in model._meta.concrete_fields if not f.primary_key and f.attname not in attnames]
    defaults = [f.get_db_prep_save(f.get_default(), connection) for f in missing]
    prepare = [
        (lambda value, f=f: f.get_db_prep_save(value, connection)) if f.get_internal_type() in _ADAPTED else None
        for f in given
    ]

    def prepared(chunk: Sequence[Sequence[Any]]) -> Iterator[list[Any]]:
        for row in chunk:
            yield [value if prep is None else prep(value) for prep, value in zip(prepare, row, strict=True)] + defaults

    quote = connection.ops.quote_name
    table, pk = quote(model._meta.db_table), _column(model._meta.pk)
    columns = ", ".join(quote(_column(f)) for f in given + missing)
    if connection.vendor == "postgresql":
        return _copy(connection, table, pk, columns, len(rows), prepared(rows))
    row_placeholder = "(" + ", ".join(["%s"] * (len(given) + len(missing))) + ")"
    ids: list[int] = []
    with connection.cursor() as cursor:
        for start in range(0, len(rows), ROWS_PER_INSERT):
            chunk = rows[start : start + ROWS_PER_INSERT]
            params = [value for row in prepared(chunk) for value in row]
            placeholders = ", ".join([row_placeholder] * len(chunk))
            cursor.execute(
                f"INSERT INTO {table} ({columns}) VALUES {placeholders} RETURNING {quote(pk)}",
                params,
            )
            ids.extend(pk for (pk,) in cursor.fetchall())
    return ids


def _copy(connection: Any, table: str, pk: str, columns: str, count: int, rows: Iterator[list[Any]]) -> list[int]:
    """PostgreSQL: take `count` ids from the table's sequence, then COPY the rows with them."""
    if not count:
        return []
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT nextval(pg_get_serial_sequence(%s, %s)) FROM generate_series(1, %s)",
            [table.strip('"'), pk, count],
        )
        ids = [value for (value,) in cursor.fetchall()]
        # The raw driver cursor does COPY; errors still become Django's (IntegrityError…).
        with (
            connection.wrap_database_errors,
            cursor.cursor.copy(f"COPY {table} ({connection.ops.quote_name(pk)}, {columns}) FROM STDIN") as copy,
        ):
            for pk_value, row in zip(ids, rows, strict=True):
                copy.write_row([pk_value, *row])
    return ids


def update_rows(model: type[models.Model], attnames: Sequence[str], rows: Sequence[Sequence[Any]]) -> None:
    """UPDATE by id: each row holds the values of `attnames`, then the id."""
    connection = connections[DEFAULT_DB_ALIAS]
    by_attname = {f.attname: f for f in model._meta.concrete_fields}
    fields = [by_attname[name] for name in attnames]
    adapted = [f if f.get_internal_type() in _ADAPTED else None for f in fields]
    quote = connection.ops.quote_name
    assignments = ", ".join(f"{quote(_column(f))} = %s" for f in fields)
    sql = f"UPDATE {quote(model._meta.db_table)} SET {assignments} WHERE {quote(_column(model._meta.pk))} = %s"
    params = [
        [
            value if f is None else f.get_db_prep_save(value, connection)
            for f, value in zip(adapted, row[:-1], strict=True)
        ]
        + [row[-1]]
        for row in rows
    ]
    with connection.cursor() as cursor:
        cursor.executemany(sql, params)
