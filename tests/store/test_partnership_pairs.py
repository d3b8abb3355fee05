"""A need and an offer are partners once: the second proposal is refused by the store, not only by a page."""
import pytest
from sqlalchemy import func, insert, select
from sqlalchemy.exc import IntegrityError

from store import create_need, create_offer, create_partnership, update_partnership
from store.engine import make_engine
from store.errors import InvalidRecord
from store.migrate import current_revision, upgrade
from store.schema import audit_log, partnership
from store.writes import insert_record
from tests.store.conftest import ADMIN, FOCAL_AFG, HALO, NEED, OFFER


def count(store, table) -> int:
    with store.engine.connect() as conn:
        return conn.execute(select(func.count()).select_from(table)).scalar_one()


@pytest.fixture
def pair(store):
    need = create_need(store, FOCAL_AFG, NEED)
    offer = create_offer(store, HALO, OFFER)
    return {"need_id": need["id"], "offer_id": offer["id"]}


def test_proposing_the_same_pair_twice_is_refused_and_writes_nothing(store, pair):
    first = create_partnership(store, FOCAL_AFG, pair)
    rows, entries = count(store, partnership), count(store, audit_log)
    with pytest.raises(InvalidRecord) as refused:
        create_partnership(store, HALO, {**pair, "notes": "proposed again from the offer's side"})
    assert refused.value.problems == {"offer_id": f"this need and this offer are already partners (partnership {first['id']})"}
    assert (count(store, partnership), count(store, audit_log)) == (rows, entries)


def test_an_edit_cannot_turn_one_partnership_into_a_copy_of_another(store, pair):
    create_partnership(store, FOCAL_AFG, pair)
    other_offer = create_offer(store, HALO, {**OFFER, "modality": "funding"})
    other = create_partnership(store, FOCAL_AFG, {**pair, "offer_id": other_offer["id"]})
    with pytest.raises(InvalidRecord, match="already partners"):
        update_partnership(store, ADMIN, other["id"], {"offer_id": pair["offer_id"]}, other["version"])
    assert update_partnership(store, ADMIN, other["id"], {"notes": "still its own pair"}, other["version"])["version"] == 2


def test_the_database_refuses_the_pair_even_past_the_page_check(store, pair):
    create_partnership(store, FOCAL_AFG, pair)
    with pytest.raises(IntegrityError), store.engine.begin() as conn:
        insert_record(conn, partnership, {**pair, "status": "proposed", "targets_age_gender_sensitive": False,
                                          "dialogue_dates": []}, "two sessions at once")
    assert count(store, partnership) == 1


def test_a_database_holding_a_pair_twice_stops_at_the_migration_with_the_pair_named(database_url):
    engine = make_engine(database_url)
    upgrade(engine, "0003")
    with engine.begin() as conn:
        stamp = {"created_by": "x", "updated_by": "x", "version": 1, "created_at": func.now(), "updated_at": func.now()}
        need_id = insert_record(conn, partnership.metadata.tables["need"], {
            "state_name": "Afghanistan", "iso3": "AFG", "area": "clearance", "description": "d", "period": "2026",
            "is_reference": False, "status": "open"}, "x")
        offer_id = insert_record(conn, partnership.metadata.tables["offer"], {
            "provider_kind": "organisation", "provider_name": "HALO Trust", "modality": "funding", "areas": ["clearance"],
            "targets": ["any"], "status": "open", "is_reference": False}, "x")
        for _ in range(2):
            conn.execute(insert(partnership).values(need_id=need_id, offer_id=offer_id, status="proposed",
                                                    targets_age_gender_sensitive=False, dialogue_dates=[], **stamp))
    with pytest.raises(RuntimeError, match=f"need {need_id} with offer {offer_id}"):
        upgrade(engine)
    assert current_revision(engine) == "0003"
    engine.dispose()
