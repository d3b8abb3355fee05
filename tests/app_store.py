"""A fresh SQLite store that the pages under AppTest open too: set as the app's store, dropped from the app's
cache before and after, so no test sees another's rows."""
from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from store import Store, open_store
from ui.cached import cached_store


@contextmanager
def app_store(tmp_path: Path, monkeypatch) -> Iterator[Store]:
    monkeypatch.delenv("DATABASE_URL", raising=False)
    monkeypatch.delenv("MBC_DOCUMENTS_DIR", raising=False)
    monkeypatch.setenv("MBC_STORE_PATH", str(tmp_path / "store.sqlite3"))
    cached_store.clear()  # the app opens the store once per process: make it open this one
    opened = open_store()
    try:
        yield opened
    finally:
        cached_store.clear()
        opened.close()
