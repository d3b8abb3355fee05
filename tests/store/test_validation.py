"""Form values follow the validation command's rules; a refused record names each field and writes nothing."""
import pytest

from store import (
    InvalidRecord,
    commit_import,
    create_need,
    create_offer,
    create_partnership,
    list_needs,
    preview_import,
    record_history,
    update_need,
)
from tests.store.conftest import ADMIN, FOCAL_AFG, NEED, OFFER

STATED = b"""iso3,state,need_category,description,amount_usd_million,period,source_url,notes
TUR,Turkey,clearance,border clearance,,2022-2025,https://example.org/tur,
"""


def test_every_problem_is_named_by_field_and_nothing_is_written(store):
    bad = {**NEED, "area": "demining", "amount": "1,5", "source_url": "www.example.org", "period": " ", "colour": "red"}
    with pytest.raises(InvalidRecord) as refused:
        create_need(store, FOCAL_AFG, bad)
    problems = refused.value.problems
    assert set(problems) == {"area", "amount", "source_url", "period", "colour"}
    assert "allowed: clearance" in problems["area"]
    assert "ambiguous" in problems["amount"]
    assert "http://" in problems["source_url"]
    assert problems["period"] == "a value is required"
    assert list_needs(store) == []


def test_numbers_and_words_are_read_as_the_validation_command_reads_them(store):
    created = create_need(store, ADMIN, {**NEED, "area": "Risk education", "status": "Partly met"})
    assert (created["amount"], created["usd_million"]) == (1_500_000, 1.5)  # US$ known: millions derived
    assert (created["area"], created["status"]) == ("risk_education", "partly_met")


def test_ambiguous_country_names_are_refused_not_guessed(store):
    with pytest.raises(InvalidRecord) as refused:
        create_need(store, ADMIN, {**NEED, "iso3": "Congo"})
    assert "ISO3" in refused.value.problems["iso3"]


def test_an_amount_needs_its_currency_and_a_negative_amount_is_refused(store):
    with pytest.raises(InvalidRecord) as refused:
        create_need(store, ADMIN, {**NEED, "currency": "", "usd_million": -2})
    assert set(refused.value.problems) == {"currency", "usd_million"}


def test_an_update_is_validated_too(store):
    created = create_need(store, ADMIN, NEED)
    with pytest.raises(InvalidRecord, match="status"):
        update_need(store, ADMIN, created["id"], {"status": "done"}, 1)


def test_offer_targets_take_states_regions_or_any(store):
    offer = create_offer(store, ADMIN, {**OFFER, "targets": "Colombia; africa, KHM"})
    assert offer["targets"] == ["COL", "Africa", "KHM"]
    with pytest.raises(InvalidRecord) as refused:
        create_offer(store, ADMIN, {**OFFER, "targets": ["any", "COL"], "modality": "cash", "areas": []})
    assert set(refused.value.problems) == {"targets", "modality", "areas"}


def test_an_organisation_provider_cannot_be_a_state(store):
    with pytest.raises(InvalidRecord, match="provider kind 'state'"):
        create_offer(store, ADMIN, {**OFFER, "provider_name": "Norway"})


def test_a_partnership_checks_years_and_dialogue_dates(store):
    need = create_need(store, ADMIN, NEED)
    offer = create_offer(store, ADMIN, OFFER)
    with pytest.raises(InvalidRecord) as refused:
        create_partnership(store, ADMIN, {"need_id": need["id"], "offer_id": offer["id"], "commitment_from_year": 2027,
                                          "commitment_to_year": 2025, "dialogue_dates": ["2026-02-30"]})
    assert set(refused.value.problems) == {"commitment_to_year", "dialogue_dates"}
    link = create_partnership(store, ADMIN, {
        "need_id": need["id"], "offer_id": offer["id"], "need_side_responsibilities": "access, permits",
        "offer_side_responsibilities": "two survey teams", "targets": "40 km² released by 2027, women on every team",
        "targets_age_gender_sensitive": "yes", "commitment_from_year": "2025", "commitment_to_year": 2027,
        "dialogue_dates": "2026-06-01, 2025-12-01"})
    assert link["dialogue_dates"] == ["2025-12-01", "2026-06-01"]
    assert link["targets_age_gender_sensitive"] is True and link["status"] == "proposed"


def test_a_partnership_must_join_records_that_exist(store):
    with pytest.raises(InvalidRecord) as refused:
        create_partnership(store, ADMIN, {"need_id": 7, "offer_id": 8})
    assert refused.value.problems == {"need_id": "no need 7"}


def test_editing_a_reference_need_keeps_the_name_its_source_stated(store):
    commit_import(store, ADMIN, preview_import(store, STATED, "needs.csv"))
    need = list_needs(store)[0]
    edited = update_need(store, ADMIN, need["id"], {"status": "met"}, need["version"])
    assert (edited["state_name"], edited["status"]) == ("Turkey", "met")
    assert [e["new"] for e in record_history(store, "need", need["id"])][-1] == {"status": "met"}


@pytest.mark.parametrize("typed", ["next year", "soon", "multi-year"])
def test_a_period_no_one_can_date_is_refused_with_the_expected_form_named(store, typed):
    with pytest.raises(InvalidRecord) as refused:
        create_need(store, FOCAL_AFG, {**NEED, "period": typed})
    assert refused.value.problems == {"period": f"'{typed}' is not a period we can read: write a year (2026), "
                                                "a range (2026-2028) or 'from 2026'"}
    with pytest.raises(InvalidRecord) as refused:
        create_offer(store, ADMIN, {**OFFER, "period": typed})
    assert set(refused.value.problems) == {"period"}
    assert list_needs(store) == []


@pytest.mark.parametrize("typed", ["2026", "2026-2028", "from 2026", "Sep 2026 to 2028", "to 2027"])
def test_the_written_forms_of_a_period_are_accepted(store, typed):
    assert create_need(store, FOCAL_AFG, {**NEED, "period": typed})["period"] == typed
