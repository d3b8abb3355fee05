"""AppTest: the registry's database goes away while the app runs, and comes back.

The app reaches PostgreSQL through a TCP proxy these tests stop (new connections refused, open ones cut) and start
again. While it is stopped, reading pages render from the embedded data with a notice, a save says it could not be
saved and keeps what was typed; once it is back, the same save works without restarting anything. Without
PostgreSQL, a SQLite store file that cannot be opened stands for a database that cannot be reached.
"""
from __future__ import annotations

import json
import os
import uuid
from pathlib import Path

import pytest
from sqlalchemy.engine import make_url
from sqlalchemy.schema import CreateSchema, DropSchema
from streamlit.testing.v1 import AppTest

from data_loaders.registry import LOADERS
from store import create_offer, list_import_batches, list_needs, list_offers, list_partnerships, open_store
from store.engine import make_engine
from store.slides import list_slides
from store.users import add_user
from tests.store.conftest import HALO
from tests.tcp_proxy import TcpProxy
from ui import cached
from ui.cached import cached_store

ROOT = Path(__file__).resolve().parents[1]
APP = str(ROOT / "dashboard.py")
PASSWORD = "only for this test store"
TEST_DATABASE_URL = os.environ.get("TEST_DATABASE_URL")
needs_postgresql = pytest.mark.skipif(not TEST_DATABASE_URL, reason="needs PostgreSQL: set TEST_DATABASE_URL")

NOTICE = ("The registry's database cannot be reached: showing the reference needs and announced offers from the "
          "embedded data; editing is unavailable until it is back.")
NOT_SAVED = "Could not be saved: the registry's database cannot be reached. Your text is kept; try again when it is back."
UNREACHABLE = "the registry's database cannot be reached"
SEEDED_NEEDS = len(LOADERS["stated_needs"]())
OFFER = {"provider_kind": "organisation", "provider_name": "HALO Trust", "modality": "funding", "areas": ["clearance"],
         "targets": ["KHM"], "amount": "5,000,000", "currency": "USD", "usd_million": "5", "period": "2010-2030"}


@pytest.fixture
def database(monkeypatch):
    """A fresh PostgreSQL schema the app reaches through a proxy (DATABASE_URL), and a store the test reaches
    directly (to look at what was written while the app cannot), with an admin."""
    base = make_url(TEST_DATABASE_URL)
    schema = f"test_{uuid.uuid4().hex[:12]}"
    admin = make_engine(base.render_as_string(hide_password=False))
    with admin.begin() as conn:
        conn.execute(CreateSchema(schema))
    proxy = TcpProxy((base.host or "127.0.0.1", base.port or 5432))
    proxy.start()
    in_schema = {"options": f"-csearch_path={schema}"}
    through_proxy = base.set(host="127.0.0.1", port=proxy.port).update_query_dict(in_schema)
    monkeypatch.setenv("DATABASE_URL", through_proxy.render_as_string(hide_password=False))
    monkeypatch.setattr(cached, "STORE_RETRY_SECONDS", 0)  # a failed first open is tried again at the next run
    cached_store.clear()
    direct = open_store(base.update_query_dict(in_schema).render_as_string(hide_password=False))
    add_user(direct, "ana", PASSWORD, "admin", by="test")
    yield proxy, direct
    if proxy.running:
        proxy.stop()
    cached_store.clear()
    direct.close()
    with admin.begin() as conn:
        conn.execute(DropSchema(schema, cascade=True))
    admin.dispose()


def sign_in(at: AppTest, username: str = "ana") -> AppTest:
    at.text_input(key="sign_in_username").input(username)
    at.text_input(key="sign_in_password").input(PASSWORD)
    at.button(key="sign_in_submit").click().run()
    assert not at.exception, [e.message for e in at.exception]
    return at


def open_app() -> AppTest:
    at = AppTest.from_file(APP, default_timeout=60)
    at.run()
    assert not at.exception, [e.message for e in at.exception]
    return at


def go(at: AppTest, page: str, **params: str) -> AppTest:
    for key, value in params.items():
        at.query_params[key] = value
    at.switch_page(page).run()
    assert not at.exception, [e.message for e in at.exception]
    return at


def alerts(at: AppTest, kind: str) -> list[str]:
    return [e.value for e in at.get(kind)]


def shown(at: AppTest) -> str:
    """Every text the run wrote, sidebar included, Markdown escapes removed."""
    return "\n".join(e.value for kind in ("markdown", "caption", "error", "warning", "info", "success")
                     for e in at.get(kind)).replace("\\", "")


def needs_table(at: AppTest):
    return next(d for d in at.dataframe if d.proto.id.endswith("needs_table"))


def select_row(at: AppTest, row: int) -> AppTest:
    """Rerun as the browser does after a row of the needs table is selected (as test_app_needs_presenter does)."""
    states = at._tree.get_widget_states()
    widget = states.widgets.add()
    widget.id = needs_table(at).proto.id
    widget.string_value = json.dumps({"selection": {"rows": [row], "columns": []}})
    at._run(states)
    assert not at.exception, [e.message for e in at.exception]
    return at


@needs_postgresql
def test_a_registry_save_while_the_database_is_gone_keeps_the_text_and_works_once_it_is_back(database):
    proxy, store = database
    need = list_needs(store, iso3="KHM")[0]
    app = sign_in(open_app())
    go(app, "app_pages/registry.py")
    app.selectbox(key="need_record").select(need["id"]).run()
    app.text_area(key="need_f_notes").input("typed while the database was away")

    proxy.stop()
    app.button(key="need_save").click().run()
    assert not app.exception, [e.message for e in app.exception]
    assert NOT_SAVED in alerts(app, "error")
    assert app.text_area(key="need_f_notes").value == "typed while the database was away"
    assert NOTICE in alerts(app, "warning")
    assert len(app.dataframe[0].value) == SEEDED_NEEDS  # the reference needs, from the embedded data
    assert list_needs(store, iso3="KHM")[0]["notes"] == need["notes"]  # nothing written

    proxy.start()
    app.button(key="need_save").click().run()
    assert not app.exception, [e.message for e in app.exception]
    assert f"Saved need {need['id']} (version {need['version'] + 1})." in alerts(app, "success")
    assert NOTICE not in alerts(app, "warning")
    assert list_needs(store, iso3="KHM")[0]["notes"] == "typed while the database was away"


@needs_postgresql
def test_reading_pages_render_while_the_database_is_gone(database):
    proxy, _store = database
    signed_in = sign_in(open_app())
    proxy.stop()
    for page, params in (("app_pages/overview.py", {}), ("app_pages/country.py", {"iso3": "AGO"}),
                         ("app_pages/needs.py", {"current": "0"}), ("app_pages/gaps.py", {}),
                         ("app_pages/registry.py", {}), ("app_pages/slides.py", {}), ("app_pages/sources.py", {})):
        go(signed_in, page, **params)
        assert signed_in.title and signed_in.title[0].value.strip()
        assert UNREACHABLE in shown(signed_in).casefold(), page  # at least in the sidebar, where the account is
    go(signed_in, "app_pages/needs.py", current="0")
    assert NOTICE in alerts(signed_in, "warning")
    assert len(needs_table(signed_in).value) == SEEDED_NEEDS

    visitor = open_app()  # a new browser session: overview, a State Party, never the database
    assert UNREACHABLE not in shown(visitor).casefold()
    go(visitor, "app_pages/country.py", iso3="KHM")
    assert UNREACHABLE not in shown(visitor).casefold()
    go(visitor, "app_pages/needs.py", current="0")
    assert NOTICE in alerts(visitor, "warning")
    go(visitor, "app_pages/registry.py")
    assert NOTICE in alerts(visitor, "warning") and len(visitor.dataframe[0].value) == SEEDED_NEEDS
    sign_in(visitor)  # signing in needs the database: said so, no traceback
    assert any(UNREACHABLE in w.casefold() for w in alerts(visitor.sidebar, "warning"))
    assert "sign_in_username" in [t.key for t in visitor.text_input]

    presenting = open_app()
    presenting.query_params["present"] = "1"
    presenting.run()
    assert not presenting.exception, [e.message for e in presenting.exception]
    assert any("Slides are unavailable" in m for m in alerts(presenting, "markdown"))


@needs_postgresql
def test_an_app_started_while_the_database_is_gone_reads_it_once_it_is_back(database):
    proxy, store = database
    seeded_offers = len(list_offers(store))  # the announced offers, as the embedded data has them too
    create_offer(store, HALO, OFFER)  # a record only the database has
    proxy.stop()
    cached_store.clear()  # as a server starting now
    app = go(open_app(), "app_pages/registry.py")
    assert NOTICE in alerts(app, "warning") and len(app.dataframe[1].value) == seeded_offers

    proxy.start()
    app.run()
    assert not app.exception, [e.message for e in app.exception]
    assert NOTICE not in alerts(app, "warning")
    assert len(app.dataframe[1].value) == seeded_offers + 1


@needs_postgresql
def test_a_slide_save_and_an_import_while_the_database_is_gone_keep_what_was_typed(database):
    proxy, store = database
    app = go(sign_in(open_app()), "app_pages/slides.py")
    first = list_slides(store)[0]
    next(t for t in app.text_input if t.label == "Title").input("Typed while away")
    proxy.stop()
    next(b for b in app.button if b.label == "Save").click().run()
    assert not app.exception, [e.message for e in app.exception]
    assert NOT_SAVED in alerts(app, "error")
    assert next(t for t in app.text_input if t.label == "Title").value == "Typed while away"
    assert list_slides(store)[0]["title"] == first["title"]
    proxy.start()
    next(b for b in app.button if b.label == "Save").click().run()
    assert not app.exception, [e.message for e in app.exception]
    assert list_slides(store)[0]["title"] == "Typed while away"

    go(app, "app_pages/import_data.py")
    header = "iso3,state,need_category,description,amount_usd_million,period,source_url,notes"
    upload = f"{header}\nAFG,Afghanistan,clearance,survey of two districts,1.5,2026,https://example.org/afg,\n".encode()
    app.file_uploader(key="import_file").set_value(("new.csv", upload, "text/csv")).run()
    proxy.stop()
    app.button(key="import_commit").click().run()
    assert not app.exception, [e.message for e in app.exception]
    assert NOT_SAVED in alerts(app, "error")
    assert "import_commit" in [b.key for b in app.button]  # the preview stays, ready to commit again
    assert len(list_needs(store)) == SEEDED_NEEDS and not [b for b in list_import_batches(store) if b["kind"] == "upload"]
    proxy.start()
    app.button(key="import_commit").click().run()
    assert not app.exception, [e.message for e in app.exception]
    assert len(list_needs(store)) == SEEDED_NEEDS + 1


@needs_postgresql
def test_a_partnership_proposed_while_the_database_is_gone_is_not_saved_and_is_once_it_is_back(database):
    proxy, store = database
    create_offer(store, HALO, OFFER)
    app = go(sign_in(open_app()), "app_pages/needs.py", area="clearance", current="0")
    table = needs_table(app).value
    select_row(app, int(table.index[(table["iso3"] == "KHM") & (table["offers that fit"] > 0)][0]))
    proxy.stop()
    app.button(key="propose").click().run()
    assert not app.exception, [e.message for e in app.exception]
    assert NOT_SAVED in alerts(app, "error")
    assert list_partnerships(store) == []
    proxy.start()
    app.button(key="propose").click().run()
    assert not app.exception, [e.message for e in app.exception]
    assert len(list_partnerships(store)) == 1



def test_an_app_whose_store_file_cannot_be_opened_reads_the_embedded_data_until_it_can(unreachable_store):
    where = unreachable_store
    app = go(open_app(), "app_pages/registry.py")
    assert NOTICE in alerts(app, "warning") and len(app.dataframe[0].value) == SEEDED_NEEDS
    sign_in(app)
    assert any(UNREACHABLE in w.casefold() for w in alerts(app.sidebar, "warning"))
    go(app, "app_pages/import_data.py")  # admins only: a visitor is asked to sign in, no traceback
    go(app, "app_pages/slides.py")
    assert any("Slides are unavailable" in w for w in alerts(app, "warning"))

    where.rmdir()  # the file can be made now: the next run opens (and seeds) the store
    add_user(open_store(), "ana", PASSWORD, "admin", by="test")
    go(app, "app_pages/registry.py")
    assert NOTICE not in alerts(app, "warning") and where.is_file()
    sign_in(app)
    assert app.button(key="need_save").label == "Add need"


def test_a_store_that_failed_to_open_is_tried_again_after_a_pause_not_on_every_run(tmp_path, monkeypatch):
    import store
    from store import StoreUnavailable

    tries, now = [], [1000.0]

    def unreachable(url):
        tries.append(url)
        raise StoreUnavailable()

    monkeypatch.delenv("DATABASE_URL", raising=False)
    monkeypatch.setenv("MBC_STORE_PATH", str(tmp_path / "store.sqlite3"))
    monkeypatch.setattr(store, "open_store", unreachable)
    monkeypatch.setattr(cached, "monotonic", lambda: now[0])
    cached_store.clear()
    try:
        for seconds in (0, 1, 9.9, 10, 15, 20.5):
            now[0] = 1000 + seconds
            with pytest.raises(StoreUnavailable):
                cached_store()
        assert len(tries) == 3  # at 0 s, then at 10 s, then at 20.5 s: the runs between failed at once
    finally:
        cached_store.clear()
