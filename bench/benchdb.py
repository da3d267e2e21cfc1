"""A fresh, empty database for one benchmark run: a SQLite file under bench/out, or a PostgreSQL database."""

import os
from pathlib import Path

OUT = Path(__file__).resolve().parent / "out"


def fresh_database(kind: str, name: str) -> str:
    """The DATABASE_URL of an empty database called `name` (bench/out/<name>.sqlite3 or <name> on the server).

    The PostgreSQL server is $BENCH_PG_URL, or the local one.
    """
    OUT.mkdir(parents=True, exist_ok=True)
    if kind == "sqlite":
        path = OUT / f"{name}.sqlite3"
        for suffix in ("", "-wal", "-shm"):
            Path(f"{path}{suffix}").unlink(missing_ok=True)
        return f"sqlite:///{path}"
    import psycopg

    server = os.environ.get("BENCH_PG_URL", "postgres://postgres@127.0.0.1:5432")
    with psycopg.connect(f"{server}/postgres", autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}"')
        conn.execute(f'CREATE DATABASE "{name}"')
    return f"{server}/{name}"
