"""Every test run keeps the registry it opens, and its disk cache, in its own temporary folders, never the user's."""
import os

import pytest


@pytest.fixture(scope="session", autouse=True)
def _temporary_store(tmp_path_factory):
    # Pages open the store (SQLite at MBC_STORE_PATH by default); tests that need a fresh one set their own.
    if "MBC_STORE_PATH" not in os.environ and "DATABASE_URL" not in os.environ:
        os.environ["MBC_STORE_PATH"] = str(tmp_path_factory.mktemp("store") / "store.sqlite3")
    # Validated tables and the projected map are kept between runs (disk_cache.py): not in the user's cache.
    os.environ.setdefault("MBC_CACHE_DIR", str(tmp_path_factory.mktemp("cache")))
    yield


@pytest.fixture
def unreachable_store(tmp_path, monkeypatch):
    """The store's database cannot be reached (a folder where the SQLite file should be); yields that path, which a
    test may turn into a file's place again (rmdir) to bring the store back."""
    from ui import cached

    where = tmp_path / "store.sqlite3"
    where.mkdir()
    monkeypatch.delenv("DATABASE_URL", raising=False)
    monkeypatch.setenv("MBC_STORE_PATH", str(where))
    monkeypatch.setattr(cached, "STORE_RETRY_SECONDS", 0)
    cached.cached_store.clear()
    yield where
    cached.cached_store.clear()
