"""Where the store lives and how to connect; nothing here connects until `make_engine` is called."""
from __future__ import annotations

import os
from pathlib import Path

from sqlalchemy import Engine, create_engine, event, exc
from sqlalchemy.engine import ExceptionContext, make_url

from store.errors import StoreUnavailable

# Outside the git tree so a checkout, a `git clean` or a deploy never carries or wipes the data.
DEFAULT_SQLITE_PATH = Path.home() / ".local" / "share" / "mbc-dashboard" / "store.sqlite3"
# Seconds PostgreSQL has to answer a new connection: an unreachable host fails a page in this time, never hangs it.
CONNECT_TIMEOUT = 5


def database_url() -> str:
    """DATABASE_URL if set (PostgreSQL in production), else the SQLite file at MBC_STORE_PATH."""
    if url := os.environ.get("DATABASE_URL"):
        return url
    path = Path(os.environ.get("MBC_STORE_PATH") or DEFAULT_SQLITE_PATH).expanduser()
    return f"sqlite:///{path}"


def make_engine(url: str) -> Engine:
    parsed = make_url(url)
    # Plain postgresql:// would pick psycopg2, which we do not ship; psycopg 3 is pinned.
    if parsed.drivername in ("postgres", "postgresql"):
        parsed = parsed.set(drivername="postgresql+psycopg")
    if parsed.get_backend_name() == "sqlite":
        if parsed.database and parsed.database != ":memory:":
            Path(parsed.database).expanduser().parent.mkdir(parents=True, exist_ok=True)
        engine = create_engine(parsed, connect_args={"timeout": 30})
        event.listen(engine, "connect", _sqlite_pragmas)
    else:
        # pre_ping: a connection the server dropped (a restart, a network cut) is replaced at checkout, so the store
        # works again as soon as the database is back, without restarting the app.
        engine = create_engine(parsed, pool_pre_ping=True, connect_args={"connect_timeout": CONNECT_TIMEOUT})
    event.listen(engine, "handle_error", _unreachable)
    return engine


def _unreachable(context: ExceptionContext) -> None:
    """Every error of the engine passes here: one that says the database cannot be reached becomes StoreUnavailable,
    which pages know how to say; any other error is left as it is."""
    if context.is_pre_ping:
        return  # the pool replaces the dead connection; if the new one fails, that failure comes here next
    connecting = context.connection is None  # a new connection failed: refused, timed out, no such host
    cannot_connect = connecting and isinstance(context.sqlalchemy_exception, exc.OperationalError | exc.InterfaceError)
    no_file = "unable to open database file" in str(context.original_exception)  # SQLite
    if context.is_disconnect or cannot_connect or no_file:
        raise StoreUnavailable() from context.original_exception


def _sqlite_pragmas(dbapi_connection, _record) -> None:
    # SQLite leaves foreign keys off unless asked, on every connection.
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.close()
