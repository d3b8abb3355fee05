"""Where the store lives and how to connect; nothing here connects until `make_engine` is called."""
from __future__ import annotations

import os
from pathlib import Path

from sqlalchemy import Engine, create_engine, event
from sqlalchemy.engine import make_url

# Outside the git tree so a checkout, a `git clean` or a deploy never carries or wipes the data.
DEFAULT_SQLITE_PATH = Path.home() / ".local" / "share" / "mbc-dashboard" / "store.sqlite3"


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
        return engine
    return create_engine(parsed, pool_pre_ping=True)


def _sqlite_pragmas(dbapi_connection, _record) -> None:
    # SQLite leaves foreign keys off unless asked, on every connection.
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.close()
