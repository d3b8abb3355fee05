"""Where the store lives: DATABASE_URL, else a SQLite file outside the git tree; importing connects nowhere."""
import os
import subprocess
import sys
from pathlib import Path

from store.engine import DEFAULT_SQLITE_PATH, database_url, make_engine

ROOT = Path(__file__).resolve().parents[2]


def test_database_url_wins_then_the_store_path_then_the_default(monkeypatch, tmp_path):
    monkeypatch.delenv("DATABASE_URL", raising=False)
    monkeypatch.delenv("MBC_STORE_PATH", raising=False)
    assert database_url() == f"sqlite:///{DEFAULT_SQLITE_PATH}"
    assert ROOT not in DEFAULT_SQLITE_PATH.parents
    monkeypatch.setenv("MBC_STORE_PATH", str(tmp_path / "s.sqlite3"))
    assert database_url() == f"sqlite:///{tmp_path / 's.sqlite3'}"
    monkeypatch.setenv("DATABASE_URL", "postgresql://u@db/mbc")
    assert database_url() == "postgresql://u@db/mbc"


def test_a_plain_postgresql_url_uses_psycopg_3():
    assert make_engine("postgresql://u@db/mbc").dialect.driver == "psycopg"


def test_importing_the_store_opens_no_connection(tmp_path):
    path = tmp_path / "never.sqlite3"
    env = {**os.environ, "MBC_STORE_PATH": str(path)}
    env.pop("DATABASE_URL", None)
    subprocess.run([sys.executable, "-c", "import store, store.cli"], cwd=ROOT, env=env, check=True)
    assert not path.exists() and not path.parent.joinpath("never.sqlite3-journal").exists()
