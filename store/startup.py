"""Open the store: connect, apply pending migrations, seed reference data, the default slides and the
compiled Individualised Approach history on first start,
under a lock that lets one process at a time do it (store/startup_lock.py)."""
from __future__ import annotations

from store.base import Store
from store.engine import database_url, make_engine
from store.ia import seed_ia_history
from store.migrate import upgrade
from store.seed import seed_reference
from store.slides import seed_default_slides
from store.startup_lock import startup_lock


def open_store(url: str | None = None, *, seed: bool = True) -> Store:
    """The store at `url` (default: DATABASE_URL or the SQLite file), migrated to the latest version."""
    store = Store(make_engine(url or database_url()))
    # Replicas may start at once on one database: one at a time migrates and seeds; the next finds it all done.
    with startup_lock(store.engine):
        upgrade(store.engine)
        if seed:
            seed_reference(store)
            seed_default_slides(store)
            seed_ia_history(store)
    return store
