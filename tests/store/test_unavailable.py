"""A database that cannot be reached is one clear error, StoreUnavailable, raised at once (or after the connect
timeout), never a hang; any other database error stays what it is; the store works again once the database is back."""
from __future__ import annotations

import os
import socket
import time

import psycopg
import pytest
from sqlalchemy import exc, text
from sqlalchemy.engine import make_url

from store import StoreError, StoreUnavailable, create_need, list_needs, open_store
from store import engine as store_engine
from store.engine import make_engine
from tests.store.conftest import FOCAL_AFG, NEED
from tests.tcp_proxy import TcpProxy, free_port

TEST_DATABASE_URL = os.environ.get("TEST_DATABASE_URL")
needs_postgresql = pytest.mark.skipif(not TEST_DATABASE_URL, reason="needs PostgreSQL: set TEST_DATABASE_URL")


def test_a_port_that_refuses_is_store_unavailable_at_once():
    started = time.monotonic()
    with pytest.raises(StoreUnavailable) as raised:
        open_store(f"postgresql://postgres@127.0.0.1:{free_port()}/test")
    assert time.monotonic() - started < 5
    assert isinstance(raised.value, StoreError)  # pages that catch every refusal of the store catch this one too
    assert str(raised.value).startswith("the registry's database cannot be reached")
    assert isinstance(raised.value.__cause__, psycopg.OperationalError)  # the driver's own error stays its cause


def test_a_server_that_never_answers_fails_after_the_connect_timeout(monkeypatch):
    monkeypatch.setattr(store_engine, "CONNECT_TIMEOUT", 2)  # libpq's shortest
    with socket.socket() as silent:  # accepts TCP connections (the kernel does) and never says a word
        silent.bind(("127.0.0.1", 0))
        silent.listen(8)
        started = time.monotonic()
        with pytest.raises(StoreUnavailable):
            open_store(f"postgresql://postgres@127.0.0.1:{silent.getsockname()[1]}/test")
    assert time.monotonic() - started < 10


def test_a_sqlite_file_that_cannot_be_opened_is_store_unavailable(tmp_path):
    with pytest.raises(StoreUnavailable):
        open_store(f"sqlite:///{tmp_path}")  # a folder, not a file


def test_other_database_errors_stay_what_they_are(tmp_path):
    engine = make_engine(f"sqlite:///{tmp_path / 'store.sqlite3'}")
    with pytest.raises(exc.OperationalError) as raised, engine.connect() as conn:
        conn.execute(text("select * from no_such_table"))
    assert not isinstance(raised.value, StoreUnavailable)
    engine.dispose()


@needs_postgresql
def test_the_store_says_unavailable_while_the_database_is_away_and_works_again_once_it_is_back(database_url):
    if not database_url.startswith("postgresql"):
        pytest.skip("a TCP proxy stands between the store and PostgreSQL")
    url = make_url(database_url)
    proxy = TcpProxy((url.host or "127.0.0.1", url.port or 5432))
    proxy.start()
    direct = open_store(database_url, seed=False)
    through = open_store(url.set(host="127.0.0.1", port=proxy.port).render_as_string(hide_password=False), seed=False)
    try:
        assert list_needs(through) == []
        proxy.stop()  # the pooled connection is cut, and new ones are refused
        with pytest.raises(StoreUnavailable):
            list_needs(through)
        with pytest.raises(StoreUnavailable):
            create_need(through, FOCAL_AFG, NEED)
        assert list_needs(direct) == []  # nothing written
        proxy.start()
        assert list_needs(through) == []  # no restart: the pool connects again
        create_need(through, FOCAL_AFG, NEED)
        assert len(list_needs(direct)) == 1
    finally:
        if proxy.running:
            proxy.stop()
        through.close()
        direct.close()
