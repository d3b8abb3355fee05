"""The store as it stood on a date and what changed between two dates, on records written through the store's own
write paths on days the test sets."""
import datetime as dt

import pytest
from sqlalchemy import delete, event, insert, update

from domain.changes import RegistryChange
from domain.state_page import SECTION_KEYS
from store import (
    audit,
    commit_import,
    create_report,
    get_need,
    ia,
    imports,
    list_needs,
    list_offers,
    list_partnerships,
    list_reports,
    preview_import,
    publish_page,
    publish_report,
    reports,
    return_page,
    save_page_draft,
    seed,
    state_pages,
    submit_page,
    submit_report,
    writes,
)
from store.history import published_page_as_of, records_as_of, registry_changes, reports_published
from store.ia import create_ia_event, ia_events_published_by, seed_ia_history
from store.schema import audit_log, import_batch, need
from store.seed import seed_reference
from store.writes import create_need, create_offer, create_partnership, fetch_row, insert_record, update_need
from store.writes import update_partnership as update_pair
from tests.store.conftest import ADMIN, FOCAL_AFG, FOCAL_COL, NEED, NORWAY, OFFER
from tests.store.test_reports import complete, write

D0, D1, D2, D3, D4, D5 = (dt.date(2026, 3, day) for day in range(1, 7))
CLOCKED = (audit, writes, imports, ia, reports, seed, state_pages)


class Clock:
    def __init__(self):
        self.at = dt.datetime(2026, 2, 1, 12)

    def set(self, day: dt.date, time: dt.time = dt.time(12)) -> None:
        self.at = dt.datetime.combine(day, time)


@pytest.fixture
def clock(monkeypatch):
    """Every write path's clock (each module imports store.base.now by name) reads the time the test sets."""
    clock = Clock()
    for module in CLOCKED:
        monkeypatch.setattr(module, "now", lambda: clock.at)
    return clock


def test_needs_offers_and_partnerships_stand_as_they_were_read_on_each_day(store, clock):
    seen = {}

    def snapshot(day):
        seen[day] = {"need": list_needs(store), "offer": list_offers(store), "partnership": list_partnerships(store)}

    clock.set(D1)
    afg = create_need(store, FOCAL_AFG, NEED)
    snapshot(D1)
    clock.set(D2)
    col = create_need(store, FOCAL_COL, {**NEED, "iso3": "COL", "description": "victim assistance centre"})
    halo = create_offer(store, ADMIN, OFFER)
    update_need(store, FOCAL_AFG, afg["id"], {"description": "survey of three districts"}, 1)
    pair = create_partnership(store, ADMIN, {"need_id": afg["id"], "offer_id": halo["id"]})
    snapshot(D2)
    clock.set(D3)
    update_need(store, FOCAL_AFG, afg["id"], {"status": "met", "urgency": "low"}, 2)
    update_pair(store, ADMIN, pair["id"], {"status": "agreed", "dialogue_dates": ["2026-03-04"]}, 1)
    create_offer(store, NORWAY, {"modality": "funding", "areas": ["victim_assistance"], "targets": ["COL"]})
    snapshot(D3)

    for table in ("need", "offer", "partnership"):
        assert records_as_of(store, table, D0) == []
        for day in (D1, D2, D3):
            assert records_as_of(store, table, day) == seen[day][table], (table, day)
        assert records_as_of(store, table, D5) == seen[D3][table]
    [then] = records_as_of(store, "need", D1)
    assert (then["id"], then["description"], then["status"], then["version"]) == (
        afg["id"], "survey of two districts", "open", 1)
    assert [row["id"] for row in records_as_of(store, "need", D2)] == [col["id"], afg["id"]]
    [pair_then] = records_as_of(store, "partnership", D2)
    assert (pair_then["status"], pair_then["dialogue_dates"], pair_then["updated_at"]) == (
        "proposed", [], dt.datetime(2026, 3, 3, 12))


def test_a_day_ends_at_midnight_utc(store, clock):
    clock.set(D1, dt.time(23, 59, 59))
    created = create_need(store, FOCAL_AFG, NEED)
    clock.set(D2, dt.time(0, 0, 0))
    update_need(store, FOCAL_AFG, created["id"], {"urgency": "low"}, 1)
    [on_d1] = records_as_of(store, "need", D1)
    assert (on_d1["urgency"], on_d1["version"], on_d1["updated_at"]) == ("high", 1, dt.datetime(2026, 3, 2, 23, 59, 59))
    [on_d2] = records_as_of(store, "need", D2)
    assert (on_d2["urgency"], on_d2["version"], on_d2["updated_at"]) == ("low", 2, dt.datetime(2026, 3, 3))


def _delete_need(store, need_id):
    """No page deletes a need yet; a delete as store.slides and store.users write one: the whole row as `old`."""
    with store.engine.begin() as conn:
        row = fetch_row(conn, need, need_id)
        conn.execute(delete(need).where(need.c.id == need_id))
        audit.write_audit(conn, "need", need_id, row["version"], "delete", ADMIN.username, row, None)


def test_a_deleted_record_stands_until_the_day_it_was_deleted(store, clock):
    clock.set(D1)
    kept = create_need(store, FOCAL_AFG, NEED)
    gone = create_need(store, FOCAL_COL, {**NEED, "iso3": "COL"})
    clock.set(D2)
    update_need(store, FOCAL_COL, gone["id"], {"description": "survey of one district"}, 1)
    on_d2 = list_needs(store)
    clock.set(D3)
    _delete_need(store, gone["id"])

    assert records_as_of(store, "need", D1) == [gone, kept]
    assert records_as_of(store, "need", D2) == on_d2
    assert records_as_of(store, "need", D3) == [kept]


def test_a_record_whose_create_was_never_audited_stands_from_its_own_created_at(store, clock):
    clock.set(D2)
    values = {"iso3": "AFG", "state_name": "Afghanistan", "area": "clearance", "description": "written before the audit",
              "period": "2020", "status": "open", "is_reference": False}
    stamp = {"created_by": "old", "updated_by": "old", "created_at": dt.datetime(2026, 3, 3, 9),
             "updated_at": dt.datetime(2026, 3, 3, 9)}
    with store.engine.begin() as conn:
        first = conn.execute(insert(need).values(**values, **stamp, version=1).returning(need.c.id)).scalar_one()
        # Edited once before the audit too: its version 2 came from an unaudited change.
        second = conn.execute(insert(need).values(**values, **stamp, version=2).returning(need.c.id)).scalar_one()
    clock.set(D4)
    update_need(store, ADMIN, first, {"status": "met"}, 1)
    update_need(store, ADMIN, second, {"status": "met"}, 2)

    assert records_as_of(store, "need", D1) == []
    as_of_d3 = {row["id"]: row for row in records_as_of(store, "need", D3)}
    assert {(row["status"], row["version"], row["updated_at"], row["updated_by"]) for row in as_of_d3.values()} == {
        ("open", 1, dt.datetime(2026, 3, 3, 9), "old"), ("open", 2, None, None)}
    assert as_of_d3[first]["version"] == 1
    assert records_as_of(store, "need", D4) == list_needs(store)


def test_an_unknown_table_is_refused(store):
    with pytest.raises(KeyError):
        records_as_of(store, "app_user", D1)


UPLOAD = ("iso3,state,need_category,description,amount_usd_million,period,source_url,notes\n"
          "KHM,Cambodia,clearance,history test: border belt,12,2026,https://example.org/khm,\n")


def test_registry_changes_are_what_people_and_uploads_added_or_met_not_the_first_seed(store, clock):
    clock.set(D1)
    assert seed_reference(store) == ["stated_needs", "support_pairs", "announced_offers"]
    assert len(list_needs(store)) > 10 and len(list_offers(store)) > 10
    clock.set(D2)
    afg = create_need(store, FOCAL_AFG, NEED)
    norway = create_offer(store, NORWAY, {"modality": "funding", "areas": ["victim_assistance", "clearance"],
                                          "targets": ["AFG"], "source_url": "https://example.org/nor"})
    halo = create_offer(store, ADMIN, OFFER)
    clock.set(D3)
    create_partnership(store, ADMIN, {"need_id": afg["id"], "offer_id": norway["id"]})
    update_need(store, FOCAL_AFG, afg["id"], {"urgency": "low"}, 1)
    update_need(store, FOCAL_AFG, afg["id"], {"status": "met"}, 2)
    update_need(store, FOCAL_AFG, afg["id"], {"notes": "still met"}, 3)
    commit_import(store, ADMIN, preview_import(store, UPLOAD.encode(), "needs.csv"))

    assert registry_changes(store, D0, D1) == []
    day2 = [
        RegistryChange("need_added", "AFG", "Afghanistan", "clearance", D2, "survey of two districts", None),
        RegistryChange("offer_added", "NOR", "Norway", "victim_assistance", D2, "Norway: funding",
                       "https://example.org/nor"),
        RegistryChange("offer_added", None, "", "clearance", D2, "HALO Trust: technical expertise", None),
    ]
    day3 = [
        RegistryChange("partnership_added", "AFG", "Afghanistan", "clearance", D3, "Norway → Afghanistan", None),
        RegistryChange("need_met", "AFG", "Afghanistan", "clearance", D3, "survey of two districts", None),
        RegistryChange("need_added", "KHM", "Cambodia", "clearance", D3, "history test: border belt",
                       "https://example.org/khm"),
    ]
    assert halo["provider_iso3"] is None
    assert registry_changes(store, D1, D2) == day2
    assert registry_changes(store, D2, D3) == day3
    assert registry_changes(store, D0, D5) == day2 + day3
    assert registry_changes(store, D3, D5) == []
    assert registry_changes(store, D3, D1) == []


@pytest.mark.parametrize("kind, actor", [("seed", "migrator"), ("upload", "seed"), (None, "seed")])
def test_what_the_seed_wrote_is_not_news_by_its_batch_or_its_actor(store, clock, kind, actor):
    clock.set(D2)
    with store.engine.begin() as conn:
        batch = kind and conn.execute(insert(import_batch).values(
            kind=kind, source="stated_needs", filename="data/stated_needs.csv", sha256="0" * 64, actor=actor,
            at=clock.at, added=1, changed=0, unchanged=0).returning(import_batch.c.id)).scalar_one()
        insert_record(conn, need, {"iso3": "AFG", "state_name": "Afghanistan", "area": "clearance",
                                   "description": "seeded", "period": "2020", "is_reference": True}, actor, batch)
    created = create_need(store, FOCAL_AFG, NEED)
    assert [change.detail for change in registry_changes(store, D1, D2)] == [created["description"]]


def test_a_need_added_already_met_is_added_and_met(store, clock):
    clock.set(D2)
    create_need(store, FOCAL_AFG, {**NEED, "status": "met"})
    assert [change.kind for change in registry_changes(store, D1, D2)] == ["need_added", "need_met"]


def _page(text: str) -> dict:
    return {"texts": {"priorities": {"text": text, "language": "en"}}}


def _publish(store, text: str, version: int) -> None:
    save_page_draft(store, FOCAL_AFG, "AFG", _page(text), None)
    submit_page(store, FOCAL_AFG, "AFG", version)
    publish_page(store, ADMIN, "AFG", version)


def test_the_page_as_of_a_day_is_the_version_published_then(store, clock):
    clock.set(D1)
    _publish(store, "first", 1)
    clock.set(D3)
    save_page_draft(store, FOCAL_AFG, "AFG", _page("second"), None)
    submit_page(store, FOCAL_AFG, "AFG", 2)
    return_page(store, ADMIN, "AFG", 2, "say more")  # returned on D3, published on D4: shown from D4
    clock.set(D4)
    submit_page(store, FOCAL_AFG, "AFG", 2)
    publish_page(store, ADMIN, "AFG", 2)
    clock.set(D5)
    save_page_draft(store, FOCAL_AFG, "AFG", _page("third, a draft"), None)
    submit_page(store, FOCAL_AFG, "AFG", 3)

    def text(day):
        page = published_page_as_of(store, "AFG", day)
        return page and page.content.texts["priorities"].text

    assert [text(day) for day in (D0, D1, D2, D3, D4, D5)] == [None, "first", "first", "first", "second", "second"]
    assert published_page_as_of(store, "COL", D5) is None
    assert list(published_page_as_of(store, "AFG", D1).content.order) == list(SECTION_KEYS)


def _submitted(store, iso3, actor, year=2025):
    create_report(store, actor, iso3, year)
    write(store, actor, iso3, year, complete(year))
    submit_report(store, actor, iso3, year, {})


def test_reports_published_in_a_period(store, clock):
    clock.set(D1)
    _submitted(store, "AFG", FOCAL_AFG)
    _submitted(store, "COL", FOCAL_COL)
    create_report(store, FOCAL_AFG, "AFG", 2024)  # a draft, never published
    clock.set(D2, dt.time(23, 59, 59))
    publish_report(store, ADMIN, "AFG", 2025)
    clock.set(D4, dt.time(0, 0, 0))
    publish_report(store, ADMIN, "COL", 2025)
    afg, col = (next(info for info in list_reports(store, ADMIN) if info.iso3 == iso3 and info.year == 2025)
                for iso3 in ("AFG", "COL"))

    assert reports_published(store, D0, D1) == []
    assert reports_published(store, D1, D2) == [afg]
    assert reports_published(store, D2, D3) == []
    assert reports_published(store, D3, D4) == [col]
    assert reports_published(store, D0, D5) == [afg, col]
    assert afg.published_at == dt.datetime(2026, 3, 3, 23, 59, 59)


def test_history_reads_in_a_fixed_number_of_queries(store, clock):
    clock.set(D1)
    for number in range(5):
        need_row = create_need(store, FOCAL_AFG, {**NEED, "description": f"need {number}"})
        update_need(store, FOCAL_AFG, need_row["id"], {"status": "met"}, 1)
    statements = []

    def count(*_):
        statements.append(1)

    event.listen(store.engine, "before_cursor_execute", count)
    try:
        assert len(records_as_of(store, "need", D1)) == 5
        assert len(registry_changes(store, D0, D1)) == 10
    finally:
        event.remove(store.engine, "before_cursor_execute", count)
    assert len(statements) == 3


def test_audit_rows_count_by_their_own_time(store, clock):
    """An entry's own `at` decides, whatever the record's tracking columns say."""
    clock.set(D2)
    created = create_need(store, FOCAL_AFG, NEED)
    with store.engine.begin() as conn:
        conn.execute(update(audit_log).where(audit_log.c.record_id == created["id"])
                     .values(at=dt.datetime.combine(D3, dt.time(8))))
    assert registry_changes(store, D1, D2) == []
    assert [change.day for change in registry_changes(store, D2, D3)] == [D3]
    assert records_as_of(store, "need", D2) == []
    assert records_as_of(store, "need", D3) == [get_need(store, created["id"])]


def test_ia_events_published_by_a_day_leave_out_later_ones_and_the_seeded_history(store, clock):
    seed_ia_history(store)  # compiled events: an as-of view reads them from the data edition instead
    event = {"kind": "follow_up", "venue": "Kabul", "status": "planned", "summary": "Follow-up with partners."}
    clock.set(D1)
    first = create_ia_event(store, ADMIN, {**event, "iso3": "AFG", "date": "2026-03-10"})  # an admin's is published
    clock.set(D3)
    create_ia_event(store, ADMIN, {**event, "iso3": "AFG", "date": "2026-05-10"})
    create_ia_event(store, ADMIN, {**event, "iso3": "COL", "date": "2026-05-11"})
    create_ia_event(store, FOCAL_AFG, {**event, "iso3": "AFG", "date": "2026-06-01"})  # waits for review
    assert ia_events_published_by(store, D0, "AFG") == []
    assert [e.date for e in ia_events_published_by(store, D2, "AFG")] == [first.date]
    assert [e.date for e in ia_events_published_by(store, D3, "AFG")] == ["2026-03-10", "2026-05-10"]
    assert [e.iso3 for e in ia_events_published_by(store, D5)] == ["AFG", "AFG", "COL"]
