"""Roles: a focal point writes its own state's needs, a provider its own offers, anonymous nothing."""
import pytest
from sqlalchemy import func, select

from store import (
    PermissionDenied,
    create_need,
    create_offer,
    create_partnership,
    get_need,
    update_need,
    update_offer,
    update_partnership,
)
from store.schema import audit_log, need
from tests.store.conftest import ADMIN, FOCAL_AFG, FOCAL_COL, HALO, NEED, NORWAY, OFFER


def count(store, table):
    with store.engine.connect() as conn:
        return conn.execute(select(func.count()).select_from(table)).scalar_one()


def test_a_focal_point_cannot_create_or_edit_another_states_needs(store):
    afghan = create_need(store, FOCAL_AFG, NEED)
    entries = count(store, audit_log)
    with pytest.raises(PermissionDenied, match="only write needs of COL"):
        create_need(store, FOCAL_COL, NEED)
    with pytest.raises(PermissionDenied, match="only write needs of COL"):
        update_need(store, FOCAL_COL, afghan["id"], {"status": "withdrawn"}, afghan["version"])
    assert count(store, need) == 1 and count(store, audit_log) == entries
    assert get_need(store, afghan["id"])["status"] == "open"


def test_a_focal_point_cannot_move_its_need_to_another_state(store):
    afghan = create_need(store, FOCAL_AFG, NEED)
    with pytest.raises(PermissionDenied):
        update_need(store, FOCAL_AFG, afghan["id"], {"iso3": "COL"}, afghan["version"])
    assert get_need(store, afghan["id"])["iso3"] == "AFG"


def test_a_focal_points_need_defaults_to_its_state(store):
    created = create_need(store, FOCAL_COL, {k: v for k, v in NEED.items() if k != "iso3"})
    assert (created["iso3"], created["state_name"], created["author"]) == ("COL", "Colombia", "fp_col")


def test_a_provider_cannot_edit_another_providers_offer(store):
    offer = create_offer(store, HALO, OFFER)
    with pytest.raises(PermissionDenied, match="only write its own offers"):
        update_offer(store, NORWAY, offer["id"], {"status": "withdrawn"}, offer["version"])
    with pytest.raises(PermissionDenied):
        create_offer(store, NORWAY, OFFER)  # names HALO Trust as the provider
    assert update_offer(store, HALO, offer["id"], {"status": "matched"}, offer["version"])["status"] == "matched"


def test_a_providers_offer_defaults_to_its_name_and_kind(store):
    offer = create_offer(store, NORWAY, {k: v for k, v in OFFER.items() if not k.startswith("provider")})
    assert (offer["provider_kind"], offer["provider_name"], offer["provider_iso3"]) == ("state", "Norway", "NOR")


def test_a_provider_named_by_state_matches_its_code(store):
    offer = create_offer(store, NORWAY, {**OFFER, "provider_kind": "state", "provider_name": "NOR"})
    assert (offer["provider_name"], offer["provider_iso3"]) == ("Norway", "NOR")


def test_a_provider_cannot_write_needs_nor_a_focal_point_offers(store):
    with pytest.raises(PermissionDenied):
        create_need(store, HALO, NEED)
    with pytest.raises(PermissionDenied):
        create_offer(store, FOCAL_AFG, OFFER)


def test_anonymous_visitors_cannot_write(store):
    afghan = create_need(store, ADMIN, NEED)
    offer = create_offer(store, ADMIN, OFFER)
    entries = count(store, audit_log)
    for attempt in (
        lambda: create_need(store, None, NEED),
        lambda: update_need(store, None, afghan["id"], {"status": "met"}, 1),
        lambda: create_offer(store, None, OFFER),
        lambda: update_offer(store, None, offer["id"], {"status": "closed"}, 1),
        lambda: create_partnership(store, None, {"need_id": afghan["id"], "offer_id": offer["id"]}),
    ):
        with pytest.raises(PermissionDenied, match="sign in"):
            attempt()
    assert count(store, audit_log) == entries


def test_either_side_may_write_a_partnership_but_only_admin_moves_it_back(store):
    afghan = create_need(store, FOCAL_AFG, NEED)
    offer = create_offer(store, HALO, OFFER)
    link = create_partnership(store, FOCAL_AFG, {"need_id": afghan["id"], "offer_id": offer["id"]})
    link = update_partnership(store, HALO, link["id"], {"status": "agreed"}, link["version"])
    with pytest.raises(PermissionDenied):
        create_partnership(store, FOCAL_COL, {"need_id": afghan["id"], "offer_id": offer["id"]})
    with pytest.raises(PermissionDenied, match="only an admin may move"):
        update_partnership(store, FOCAL_AFG, link["id"], {"status": "proposed"}, link["version"])
    assert update_partnership(store, ADMIN, link["id"], {"status": "proposed"}, link["version"])["status"] == "proposed"
