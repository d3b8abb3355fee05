"""One process at a time migrates and seeds, so replicas starting together on one database end with one schema
and one seed: the first takes the lock and does the work, the others wait, then find it done and do nothing.

PostgreSQL: a session-level advisory lock on a connection of its own, held across the migration's transaction and
each seed's transaction (every one commits on its own connection, so a transaction-level lock could not cover them
all). SQLite: an OS lock (flock) on `<database file>.lock` beside the file. Either is released if the process
dies: with its connection, or with its open file. An in-memory SQLite database belongs to one process: no lock.
"""
from __future__ import annotations

import hashlib
from collections.abc import Iterator
from contextlib import contextmanager, nullcontext

from filelock import FileLock
from sqlalchemy import Connection, Engine, func, select

LOCK_NAME = "mbc-dashboard store start-up"


def advisory_key(schema: str) -> int:
    """pg_advisory_lock's bigint for the schema the store lives in: the first 8 bytes of a SHA-256, signed.

    Advisory locks are per database already; the schema is in the key so that stores in different schemas of one
    database (each store test has its own, tests/store/conftest.py) never wait for each other's start-up.
    """
    digest = hashlib.sha256(f"{LOCK_NAME}:{schema}".encode()).digest()
    return int.from_bytes(digest[:8], "big", signed=True)


@contextmanager
def startup_lock(engine: Engine) -> Iterator[None]:
    """Held around the start-up's migration and seeding; blocks until no other process holds it."""
    if engine.dialect.name == "postgresql":
        with _advisory_lock(engine):
            yield
        return
    path = _sqlite_file(engine)
    with FileLock(f"{path}.lock") if path else nullcontext():
        yield


@contextmanager
def _advisory_lock(engine: Engine) -> Iterator[None]:
    # AUTOCOMMIT: the lock is the session's, and this connection waits "idle", never "idle in transaction", while
    # the migration and the seeds run on other connections of the pool.
    with engine.connect().execution_options(isolation_level="AUTOCOMMIT") as conn:
        key = advisory_key(_current_schema(conn))
        conn.execute(select(func.pg_advisory_lock(key)))
        try:
            yield
        finally:
            conn.execute(select(func.pg_advisory_unlock(key)))


def _current_schema(conn: Connection) -> str:
    # The first schema on the search_path that exists: where Alembic creates the tables.
    return conn.execute(select(func.current_schema())).scalar() or ""


def _sqlite_file(engine: Engine) -> str | None:
    url = engine.url
    if engine.dialect.name != "sqlite" or url.database in (None, "", ":memory:") or url.query.get("mode") == "memory":
        return None
    return url.database
