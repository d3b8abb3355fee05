"""Every test run keeps the registry it opens in its own temporary folder, never in the user's store."""
import os

import pytest


@pytest.fixture(scope="session", autouse=True)
def _temporary_store(tmp_path_factory):
    # Pages open the store (SQLite at MBC_STORE_PATH by default); tests that need a fresh one set their own.
    if "MBC_STORE_PATH" not in os.environ and "DATABASE_URL" not in os.environ:
        os.environ["MBC_STORE_PATH"] = str(tmp_path_factory.mktemp("store") / "store.sqlite3")
    yield
