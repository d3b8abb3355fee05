"""A server killed in the middle of an import leaves nothing partial: the import is one transaction, so the store holds
the whole file or none of it (no batch without its rows, no row without its audit entry), and works on afterwards."""
from __future__ import annotations

import signal
import subprocess
import sys
import time
from pathlib import Path
from select import select as wait_readable

from sqlalchemy import func, select

from store import commit_import, list_import_batches, list_needs, preview_import
from store.schema import audit_log, import_batch, need
from tests.store.conftest import ADMIN

ROOT = Path(__file__).resolve().parents[2]
HEADER = "iso3,state,need_category,description,amount_usd_million,period,source_url,notes"
ROWS = 20_000
KILL_AFTER = 1_000  # rows inserted (and not committed) when the importing process reports, and is killed
# The import as a server runs it (store.imports), in its own process; it says when it is well inside the transaction.
IMPORTER = f"""
import sys

from store import Actor, commit_import, imports, open_store, preview_import

url, path = sys.argv[1:]
store = open_store(url, seed=False)
preview = preview_import(store, open(path, "rb").read(), "big.csv")
assert preview.ok and len(preview.added) == {ROWS}, preview.problems[:3]
insert_record, written = imports.insert_record, 0


def counted(*args, **kwargs):
    global written
    record_id = insert_record(*args, **kwargs)
    written += 1
    if written == {KILL_AFTER}:
        print("inside the transaction", flush=True)
    return record_id


imports.insert_record = counted
commit_import(store, Actor("ana", "admin"), preview)
print("committed", flush=True)
"""


def _big_file(path: Path) -> Path:
    rows = [f"AFG,Afghanistan,clearance,survey of district {number},1.5,2026,https://example.org/afg,generated"
            for number in range(ROWS)]
    path.write_text("\n".join([HEADER, *rows]), encoding="utf-8")
    return path


def _wait_for(process: subprocess.Popen, line: str, seconds: float) -> list[str]:
    """Lines the process printed until `line` (it is then still running), within `seconds`."""
    printed, deadline = [], time.monotonic() + seconds
    while time.monotonic() < deadline:
        ready, _, _ = wait_readable([process.stdout], [], [], deadline - time.monotonic())
        if not ready:
            break
        printed.append(process.stdout.readline().strip())
        if printed[-1] == line or not printed[-1]:
            break
    return printed


def _whole_or_nothing(store) -> None:
    """Every import batch has exactly the rows it counts, and every row of a batch its audit entry."""
    with store.engine.connect() as conn:
        for batch in conn.execute(select(import_batch)).mappings():
            rows = conn.execute(select(need.c.id).where(need.c.import_batch_id == batch["id"])).scalars().all()
            assert len(rows) == batch["added"], batch
            audited = conn.execute(select(func.count()).select_from(audit_log).where(
                audit_log.c.import_batch_id == batch["id"], audit_log.c.action == "create")).scalar_one()
            assert audited == len(rows), batch
        orphans = conn.execute(select(func.count()).select_from(need).where(
            need.c.import_batch_id.is_not(None), need.c.import_batch_id.not_in(select(import_batch.c.id)))).scalar_one()
        assert orphans == 0


def test_a_process_killed_mid_import_leaves_the_whole_file_or_nothing(store, database_url, tmp_path):
    path = _big_file(tmp_path / "big.csv")
    process = subprocess.Popen([sys.executable, "-c", IMPORTER, database_url, str(path)], cwd=ROOT, text=True,
                               stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    try:
        printed = _wait_for(process, "inside the transaction", seconds=120)
        assert printed[-1:] == ["inside the transaction"], (printed, process.poll() and process.stderr.read())
        process.send_signal(signal.SIGKILL)  # as a server killed: no rollback, no cleanup, no goodbye
        process.wait(timeout=30)
    finally:
        if process.poll() is None:
            process.kill()
            process.wait()
    assert process.returncode == -signal.SIGKILL
    assert "committed" not in process.stdout.read()

    # Nothing of it: the transaction died with the process (SQLite rolls its journal back on the next open).
    assert list_import_batches(store) == [] and list_needs(store) == []
    with store.engine.connect() as conn:
        assert conn.execute(select(func.count()).select_from(audit_log)).scalar_one() == 0
    _whole_or_nothing(store)

    # And the store is not left locked or broken: the next import goes through whole.
    small = f"{HEADER}\nKHM,Cambodia,clearance,completion plan,2,2026,https://example.org/khm,\n".encode()
    commit_import(store, ADMIN, preview_import(store, small, "small.csv"))
    assert len(list_needs(store)) == 1
    _whole_or_nothing(store)
