"""Migrations: a fresh database reaches the latest version; a 0001 database upgrades with its rows kept."""
import datetime as dt

from sqlalchemy import MetaData, insert, inspect, select

from store.base import Store
from store.engine import make_engine
from store.ia import create_ia_event, list_ia_events
from store.migrate import current_revision, upgrade
from store.schema import metadata
from store.state_pages import save_page_draft
from tests.store.conftest import ADMIN, FOCAL_AFG

HEAD = "0006"
STAMP = {"created_at": dt.datetime(2025, 1, 1), "created_by": "x", "updated_at": dt.datetime(2025, 1, 1),
         "updated_by": "x", "version": 1}


def test_a_fresh_database_is_migrated_to_the_latest_version(store):
    assert current_revision(store.engine) == HEAD
    tables = set(inspect(store.engine).get_table_names())
    assert {"need", "offer", "partnership", "app_user", "audit_log", "import_batch", "support_record"} <= tables


def test_the_migrations_build_exactly_the_tables_the_code_declares(store):
    found = inspect(store.engine)
    for table in metadata.sorted_tables:
        assert {c["name"] for c in found.get_columns(table.name)} == set(table.columns.keys()), table.name
    assert "ix_audit_log_record" in {i["name"] for i in found.get_indexes("audit_log")}


def test_upgrading_from_0001_keeps_the_rows_and_adds_action_21_fields(database_url):
    engine = make_engine(database_url)
    upgrade(engine, "0001")
    old = MetaData()
    old.reflect(engine)
    with engine.begin() as conn:
        conn.execute(insert(old.tables["need"]).values(
            id=1, state_name="Angola", iso3="AGO", area="clearance", description="kept", period="2025",
            is_reference=False, **STAMP))
        conn.execute(insert(old.tables["offer"]).values(
            id=1, provider_kind="state", provider_name="Norway", provider_iso3="NOR", modality="funding",
            areas=["clearance"], targets=["any"], status="open", is_reference=False, **STAMP))
        conn.execute(insert(old.tables["partnership"]).values(id=1, need_id=1, offer_id=1, status="agreed", **STAMP))
    assert current_revision(engine) == "0001"

    upgrade(engine)

    assert current_revision(engine) == HEAD
    new = MetaData()
    new.reflect(engine)
    with engine.connect() as conn:
        need = conn.execute(select(new.tables["need"])).mappings().one()
        row = conn.execute(select(new.tables["partnership"])).mappings().one()
    assert need["description"] == "kept"
    assert (row["status"], row["need_id"], row["offer_id"]) == ("agreed", 1, 1)
    assert row["targets_age_gender_sensitive"] is False
    assert row["dialogue_dates"] == []
    assert row["need_side_responsibilities"] is None
    engine.dispose()


def test_upgrading_from_0005_keeps_the_rows_and_adds_state_pages_and_the_ia_platform(database_url):

    engine = make_engine(database_url)
    upgrade(engine, "0005")
    old = MetaData()
    old.reflect(engine)
    assert "ia_event" not in old.tables
    with engine.begin() as conn:
        conn.execute(insert(old.tables["need"]).values(
            id=1, state_name="Afghanistan", iso3="AFG", area="clearance", description="kept", period="2025",
            is_reference=False, **STAMP))
        conn.execute(insert(old.tables["slide"]).values(id=1, position=1, title="kept", view="/gaps", **STAMP))

    upgrade(engine)

    assert current_revision(engine) == HEAD
    new = MetaData()
    new.reflect(engine)
    assert {"state_page_version", "ia_event", "ia_document"} <= set(new.tables)
    with engine.connect() as conn:
        assert conn.execute(select(new.tables["need"].c.description)).scalar_one() == "kept"
        assert conn.execute(select(new.tables["slide"].c.title)).scalar_one() == "kept"
    store = Store(engine)
    assert save_page_draft(store, FOCAL_AFG, "AFG", {}, None)["version"] == 1
    event = create_ia_event(store, ADMIN, {"iso3": "AFG", "kind": "launch", "date": "2026-06", "venue": "Geneva",
                                           "status": "planned", "summary": ""})
    assert list_ia_events(store, "AFG") == [event]
    engine.dispose()
