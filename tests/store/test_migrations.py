"""Migrations: a fresh database reaches the latest version; a 0001 database upgrades with its rows kept."""
import datetime as dt
import hashlib

import pytest
from sqlalchemy import MetaData, insert, inspect, select

from domain.reporting.report import Section
from store.base import Store
from store.engine import make_engine
from store.errors import NotFound
from store.ia import create_ia_event, ia_event_review, list_ia_events, publish_ia_event, read_ia_document
from store.migrate import current_revision, upgrade
from store.reports import create_report, get_report, list_reports, save_section
from store.schema import metadata
from store.state_pages import save_page_draft
from tests.store.conftest import ADMIN, FOCAL_AFG

HEAD = "0008"
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


def test_upgrading_from_0006_keeps_the_last_published_version_of_each_ia_event_public(database_url):
    engine = make_engine(database_url)
    upgrade(engine, "0006")
    old = MetaData()
    old.reflect(engine)
    event = {"iso3": "AFG", "kind": "follow_up", "status": "planned", "summary": "", "source": None,
             "source_url": None, "comment": None}
    document = {"content_type": "application/pdf", "size": 3, "sha256": hashlib.sha256(b"pdf").hexdigest(),
                "data": b"pdf",
                "uploaded_by": "x"}
    day = dt.datetime(2025, 1, 1)
    with engine.begin() as conn:
        events, documents, audit = old.tables["ia_event"], old.tables["ia_document"], old.tables["audit_log"]
        conn.execute(insert(events), [
            {**STAMP, **event, "id": 1, "date": "2030-01", "venue": "Kabul", "review_status": "published"},
            {**STAMP, **event, "id": 2, "date": "2030-02", "venue": "Herat, moved", "review_status": "pending",
             "version": 2, "updated_by": "fp_afg"},
            {**STAMP, **event, "id": 3, "date": "2030-03", "venue": "never published", "review_status": "pending"},
            {**STAMP, **event, "id": 4, "date": "2030-04", "venue": "Mazar, moved", "review_status": "returned",
             "version": 3},
        ])
        conn.execute(insert(documents), [
            {**document, "id": 1, "event_id": 1, "filename": "a.pdf", "uploaded_at": day},
            {**document, "id": 2, "event_id": 2, "filename": "before.pdf", "uploaded_at": day},
            {**document, "id": 3, "event_id": 2, "filename": "since.pdf", "uploaded_at": day + dt.timedelta(days=2)},
        ])
        created = {k: v for k, v in event.items() if k != "comment"}
        conn.execute(insert(audit), [
            {"table_name": "ia_event", "record_id": 2, "record_version": 1, "action": "create", "actor": "ana",
             "at": day, "new": {**created, "date": "2030-02", "venue": "Herat", "review_status": "published"}},
            {"table_name": "ia_event", "record_id": 2, "record_version": 2, "action": "update", "actor": "fp_afg",
             "at": day + dt.timedelta(days=2), "new": {"venue": "Herat, moved", "review_status": "pending"}},
            {"table_name": "ia_event", "record_id": 4, "record_version": 1, "action": "create", "actor": "fp_afg",
             "at": day, "new": {**created, "date": "2030-04", "venue": "Mazar", "review_status": "pending"}},
            {"table_name": "ia_event", "record_id": 4, "record_version": 2, "action": "update", "actor": "ana",
             "at": day, "new": {"review_status": "published"}},
            {"table_name": "ia_event", "record_id": 4, "record_version": 3, "action": "update", "actor": "fp_afg",
             "at": day + dt.timedelta(days=1), "new": {"venue": "Mazar, moved", "review_status": "returned"}},
        ])

    upgrade(engine)

    assert current_revision(engine) == HEAD
    store = Store(engine)
    public = list_ia_events(store, "AFG")
    assert [(e.id, e.venue, [d.filename for d in e.documents]) for e in public] == [
        (1, "Kabul", ["a.pdf"]), (2, "Herat", ["before.pdf"]), (4, "Mazar", [])]
    mine = list_ia_events(store, "AFG", FOCAL_AFG)
    assert [(e.id, e.venue, len(e.documents)) for e in mine] == [
        (1, "Kabul", 1), (2, "Herat, moved", 2), (3, "never published", 0), (4, "Mazar, moved", 0)]
    review = ia_event_review(store, FOCAL_AFG, 2)
    assert review["pending_changes"] and review["published"].venue == "Herat" and review["published_by"] == "ana"
    assert read_ia_document(store, 2)[1] == b"pdf"
    with pytest.raises(NotFound):
        read_ia_document(store, 3)
    publish_ia_event(store, ADMIN, 2)
    assert [d.filename for d in list_ia_events(store, "AFG")[1].documents] == ["before.pdf", "since.pdf"]
    engine.dispose()


def test_upgrading_from_0007_keeps_the_rows_and_adds_article_7_reports(database_url):
    engine = make_engine(database_url)
    upgrade(engine, "0007")
    old = MetaData()
    old.reflect(engine)
    assert "a7_report" not in old.tables
    with engine.begin() as conn:
        conn.execute(insert(old.tables["need"]).values(
            id=1, state_name="Afghanistan", iso3="AFG", area="clearance", description="kept", period="2025",
            is_reference=False, **STAMP))
        conn.execute(insert(old.tables["state_page_version"]).values(
            id=1, iso3="AFG", status="draft", content={"order": []}, **STAMP))
        conn.execute(insert(old.tables["audit_log"]).values(
            table_name="need", record_id=1, record_version=1, action="create", actor="x", at=STAMP["created_at"],
            new={"description": "kept"}))

    upgrade(engine)

    assert current_revision(engine) == HEAD
    new = MetaData()
    new.reflect(engine)
    with engine.connect() as conn:
        assert conn.execute(select(new.tables["need"].c.description)).scalar_one() == "kept"
        assert conn.execute(select(new.tables["state_page_version"].c.content)).scalar_one() == {"order": []}
        assert conn.execute(select(new.tables["audit_log"].c.actor)).scalar_one() == "x"
    store = Store(engine)
    assert list_reports(store, ADMIN) == []
    created = create_report(store, FOCAL_AFG, "AFG", 2025)
    save_section(store, FOCAL_AFG, "AFG", 2025, "J", Section(values={"killed": "3"}), created.versions["J"])
    assert get_report(store, ADMIN, "AFG", 2025).report.section("J").values["killed"] == 3
    engine.dispose()
