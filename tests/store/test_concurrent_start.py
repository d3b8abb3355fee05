"""Four servers starting at once on one database end with one schema version and one seed, and none fails.

Each server is an OS process that imports the store first, says it is ready and waits; all four are then let go
together, so their migrations and seeds overlap. Without the start-up lock (store/startup_lock.py), on an empty
database three of the four fail creating tables the first created; on a migrated but unseeded one (a release that
brings a new seed) all four seed. SQLite: a new file. PostgreSQL (when TEST_DATABASE_URL is set): a new database.
"""
from __future__ import annotations

import os
import subprocess
import sys
import uuid
from pathlib import Path

import pytest
from alembic.script import ScriptDirectory
from filelock import FileLock, Timeout
from sqlalchemy import func, select, text
from sqlalchemy.engine import make_url

from data_loaders.registry import LOADERS
from store.engine import make_engine
from store.ia import compiled_history
from store.migrate import MIGRATIONS
from store.schema import ia_event, import_batch, need, offer, slide, support_record
from store.slides import DEFAULT_DECK
from store.startup import open_store
from store.startup_lock import advisory_key, startup_lock
from tests.store.conftest import BACKENDS

ROOT = Path(__file__).resolve().parents[2]
SERVERS = 4
SERVER = """
import sys
from store import open_store  # imported before the start, so that the four open the store at the same moment
print("ready", flush=True)
sys.stdin.readline()
open_store(sys.argv[1]).close()
"""
SEEDED = ["announced_offers", "default_slides", "individualised_approach", "stated_needs", "support_pairs"]


@pytest.fixture(params=BACKENDS)
def empty_database(request, tmp_path):
    if request.param == "sqlite":
        yield f"sqlite:///{tmp_path / 'store.sqlite3'}"
        return
    base = make_url(os.environ["TEST_DATABASE_URL"])
    name = f"test_start_{uuid.uuid4().hex[:12]}"
    server = make_engine(base.render_as_string(hide_password=False)).execution_options(isolation_level="AUTOCOMMIT")
    with server.connect() as conn:
        conn.execute(text(f'CREATE DATABASE "{name}"'))
    yield base.set(database=name).render_as_string(hide_password=False)
    with server.connect() as conn:
        conn.execute(text(f'DROP DATABASE "{name}" WITH (FORCE)'))
    server.dispose()


def start_together(url: str) -> list[subprocess.CompletedProcess]:
    servers = [subprocess.Popen([sys.executable, "-c", SERVER, url], cwd=ROOT, text=True, stdin=subprocess.PIPE,
                                stdout=subprocess.PIPE, stderr=subprocess.PIPE) for _ in range(SERVERS)]
    ready = [server.stdout.readline() for server in servers]
    if ready == ["ready\n"] * SERVERS:
        for server in servers:  # the same instant, give or take a few microseconds
            server.stdin.write("go\n")
            server.stdin.flush()
    results = []
    for server in servers:
        out, err = server.communicate(timeout=600)
        results.append(subprocess.CompletedProcess(server.args, server.returncode, out, err))
    return results


def assert_one_schema_and_one_seed(url: str) -> None:
    engine = make_engine(url)
    with engine.connect() as conn:
        assert conn.execute(text("SELECT version_num FROM alembic_version")).scalars().all() == [
            ScriptDirectory(str(MIGRATIONS)).get_current_head()]
        batches = conn.execute(select(import_batch.c.source, import_batch.c.added).where(import_batch.c.kind == "seed"))
        added = {}
        for source, rows in batches:
            assert source not in added, f"{source} seeded twice"
            added[source] = rows
        assert sorted(added) == SEEDED

        def count(table):
            return conn.execute(select(func.count()).select_from(table)).scalar_one()

        assert count(need) == added["stated_needs"] == len(LOADERS["stated_needs"]())
        assert count(support_record) == added["support_pairs"] == len(LOADERS["support_pairs"]())
        assert count(offer) == added["announced_offers"] > 0
        assert count(slide) == added["default_slides"] == len(DEFAULT_DECK)
        assert count(ia_event) == added["individualised_approach"] == len(compiled_history()) > 0
    engine.dispose()


def assert_every_server_started(results: list[subprocess.CompletedProcess]) -> None:
    for result in results:
        assert result.returncode == 0, result.stderr
        assert "Traceback" not in result.stderr, result.stderr


def test_four_servers_starting_at_once_on_an_empty_database(empty_database):
    assert_every_server_started(start_together(empty_database))
    assert_one_schema_and_one_seed(empty_database)


def test_four_servers_starting_at_once_on_a_migrated_database_not_yet_seeded(empty_database):
    open_store(empty_database, seed=False).close()
    assert_every_server_started(start_together(empty_database))
    assert_one_schema_and_one_seed(empty_database)


def test_the_lock_is_held_while_one_process_starts_and_only_for_its_own_store(database_url):
    engine = make_engine(database_url)
    with startup_lock(engine):
        if engine.dialect.name == "sqlite":
            with pytest.raises(Timeout):
                FileLock(f"{engine.url.database}.lock", timeout=0).acquire()
        else:
            with engine.connect() as other:  # another session, as another server's would be
                schema = other.execute(text("SELECT current_schema()")).scalar_one()
                try_lock = text("SELECT pg_try_advisory_lock(:key)")
                assert other.execute(try_lock, {"key": advisory_key(schema)}).scalar_one() is False
                # Another schema's store (another test's) does not wait.
                assert other.execute(try_lock, {"key": advisory_key(schema + "_other")}).scalar_one() is True
                other.execute(text("SELECT pg_advisory_unlock_all()"))
    engine.dispose()
