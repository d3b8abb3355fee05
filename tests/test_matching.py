"""The matching engine and coverage arithmetic on small hand-made cases with known answers."""
import numpy as np
import pandas as pd
import pytest

from domain.coverage import compute_gaps, compute_need_coverage, list_unoffered_needs
from domain.matching import explain, match_needs_and_offers


def needs(*rows):
    columns = ["need_id", "iso3", "region", "area", "amount", "currency", "usd_million", "period", "status"]
    defaults = dict(iso3="KHM", region="Asia", area="clearance", amount=10.0, currency="USD", usd_million=10.0,
                    period="2026-2028", status="open")
    return pd.DataFrame([{**defaults, **row} for row in rows])[columns]


def offers(*rows):
    columns = ["offer_id", "provider_key", "modality", "areas", "targets", "amount", "currency", "usd_million", "period",
               "status"]
    defaults = dict(provider_key="NOR", modality="funding", areas=["clearance"], targets=["any"], amount=5.0,
                    currency="USD", usd_million=5.0, period="2026", status="open")
    return pd.DataFrame([{**defaults, **row} for row in rows])[columns]


NO_HISTORY = pd.DataFrame({"provider_key": pd.Series(dtype=object), "iso3": pd.Series(dtype=object)})


def test_the_offer_naming_the_state_beats_the_regional_and_the_open_one():
    result = match_needs_and_offers(needs({"need_id": 1}), offers(
        {"offer_id": 10, "targets": ["any"]}, {"offer_id": 11, "targets": ["Asia"]}, {"offer_id": 12, "targets": ["KHM"]},
    ), NO_HISTORY).pairs
    assert result["offer_id"].tolist() == [12, 11, 10]
    assert result["rank_for_need"].tolist() == [1, 2, 3]
    assert result["target_kind"].tolist() == ["state", "region", "any"]
    # target 3/2/1 + funding fits 1 + half the need covered 2*0.5 + periods overlap 1
    assert result["score"].tolist() == [6.0, 5.0, 4.0]


def test_incompatible_pairs_are_never_proposed():
    result = match_needs_and_offers(needs({"need_id": 1}), offers(
        {"offer_id": 10, "areas": ["victim_assistance"]},  # another area
        {"offer_id": 11, "targets": ["LAO"]},  # another state
        {"offer_id": 12, "targets": ["Africa"]},  # another region
        {"offer_id": 13, "period": "2020-2022"},  # periods do not overlap
        {"offer_id": 14, "status": "withdrawn"},
        {"offer_id": 15, "period": "to be agreed"},  # no period stated: still compatible
    ), NO_HISTORY)
    assert result.pairs["offer_id"].tolist() == [15]
    assert not result.pairs["periods_overlap"].iloc[0]
    assert result.needs["compatible_offers"].tolist() == [1]


def test_amount_modality_and_history_change_the_order_and_say_why():
    history = pd.DataFrame({"provider_key": ["JPN"], "iso3": ["KHM"]})
    both = offers(
        {"offer_id": 20, "provider_key": "NOR", "amount": 20.0, "usd_million": 20.0},  # covers all
        {"offer_id": 21, "provider_key": "JPN", "amount": 7.5, "usd_million": 7.5},  # 75 %, but supported KHM before
        {"offer_id": 22, "provider_key": "SWE", "modality": "training", "areas": ["stockpile_destruction"]},
    )
    need_rows = needs({"need_id": 1}, {"need_id": 2, "area": "stockpile_destruction"})
    result = match_needs_and_offers(need_rows, both, history)
    first = result.pairs[result.pairs["need_id"] == 1]
    # any state 1 + funding fits 1 + amount 2 x share + periods overlap 1 (+ history 1)
    assert first["offer_id"].tolist() == [21, 20]
    assert first["score"].tolist() == [1 + 1 + 2 * 0.75 + 1 + 1, 1 + 1 + 2 + 1]
    reasons = explain(first, result.needs, result.offers).tolist()
    assert "covers 75% of the amount (USD)" in reasons[0] and "provider has supported this state before" in reasons[0]
    assert "covers the whole amount (USD)" in reasons[1] and "supported" not in reasons[1]
    training = result.pairs[result.pairs["need_id"] == 2]
    assert not training["modality_fits"].iloc[0]
    assert "training rarely serves this area" in explain(training, result.needs, result.offers).iloc[0]


def test_amounts_in_different_currencies_are_not_compared():
    result = match_needs_and_offers(
        needs({"need_id": 1, "currency": "EUR", "usd_million": np.nan}),
        offers({"offer_id": 1, "currency": "NOK", "usd_million": np.nan}, {"offer_id": 2, "currency": "EUR", "amount": 2.5,
                                                                             "usd_million": np.nan}),
        NO_HISTORY,
    ).pairs.set_index("offer_id")
    assert np.isnan(result.at[1, "share_covered"]) and result.at[1, "compared_in"] == ""
    assert result.at[2, "share_covered"] == 0.25 and result.at[2, "compared_in"] == "EUR"


def test_ranking_does_not_depend_on_input_order_and_is_seen_from_both_sides():
    need_rows = needs({"need_id": 1}, {"need_id": 2, "iso3": "LAO", "amount": 5.0, "usd_million": 5.0})
    offer_rows = offers({"offer_id": 7, "targets": ["Asia"]}, {"offer_id": 8, "targets": ["Asia"]})
    forward = match_needs_and_offers(need_rows, offer_rows, NO_HISTORY).pairs
    backward = match_needs_and_offers(need_rows[::-1], offer_rows[::-1], NO_HISTORY).pairs
    pd.testing.assert_frame_equal(forward, backward)
    assert forward[forward["need_id"] == 1]["offer_id"].tolist() == [7, 8]  # a tie goes to the lower id
    by_offer = forward[forward["offer_id"] == 7].sort_values("rank_for_offer")
    assert by_offer["need_id"].tolist() == [2, 1]  # offer 7 covers all of need 2, half of need 1


def partnerships(*rows):
    defaults = dict(status="agreed", amount=4.0, currency="USD", usd_million=4.0)
    return pd.DataFrame([{**defaults, **row} for row in rows])


def test_partial_cover_and_several_partnerships_on_one_need():
    coverage = compute_need_coverage(
        needs({"need_id": 1}, {"need_id": 2}),
        partnerships({"need_id": 1, "offer_id": 1}, {"need_id": 1, "offer_id": 2, "amount": 3.0, "usd_million": 3.0},
                     {"need_id": 1, "offer_id": 3, "status": "proposed", "amount": 50.0, "usd_million": 50.0}),
    ).set_index("need_id")
    assert coverage.at[1, "covered"] == 7.0 and coverage.at[1, "share_covered"] == pytest.approx(0.7)
    assert coverage.at[1, "uncovered"] == pytest.approx(3.0) and coverage.at[1, "partnerships"] == 2  # proposed: not counted
    assert coverage.at[2, "covered"] == 0 and coverage.at[2, "coverage_note"] == "no agreed or funded partnership"


def test_mixed_currencies_without_usd_are_refused_not_added():
    coverage = compute_need_coverage(
        needs({"need_id": 1, "currency": "EUR", "amount": 10.0, "usd_million": np.nan}),
        partnerships({"need_id": 1, "offer_id": 1, "currency": "EUR", "amount": 2.0, "usd_million": np.nan},
                     {"need_id": 1, "offer_id": 2, "currency": "NOK", "amount": 30.0, "usd_million": np.nan}),
    ).iloc[0]
    assert np.isnan(coverage["covered"]) and np.isnan(coverage["share_covered"])
    assert coverage["coverage_note"] == "amounts in different currencies with no USD figure: not added"


def test_same_foreign_currency_is_added_in_that_currency():
    coverage = compute_need_coverage(
        needs({"need_id": 1, "currency": "EUR", "amount": 10.0, "usd_million": np.nan}),
        partnerships({"need_id": 1, "offer_id": 1, "currency": "EUR", "amount": 2.0, "usd_million": np.nan},
                     {"need_id": 1, "offer_id": 2, "currency": "EUR", "amount": 3.0, "usd_million": np.nan}),
    ).iloc[0]
    assert coverage["covered"] == 5.0 and coverage["covered_unit"] == "EUR" and coverage["uncovered"] == 5.0


def test_gaps_never_add_different_periods_or_currencies():
    coverage = compute_need_coverage(
        needs({"need_id": 1, "period": "2026"}, {"need_id": 2, "period": "2026"}, {"need_id": 3, "period": "2026-2030"},
              {"need_id": 4, "period": "2026", "currency": "EUR", "usd_million": np.nan}),
        partnerships({"need_id": 1, "offer_id": 1}),
    )
    gaps = compute_gaps(coverage).set_index(["iso3", "area", "currency", "period"])
    assert gaps.loc[("KHM", "clearance", "USD million", "2026"), "uncovered"] == 6.0 + 10.0  # needs 1 and 2: same year, USD
    assert gaps.loc[("KHM", "clearance", "USD million", "2026"), "needs"] == 2
    assert gaps.loc[("KHM", "clearance", "USD million", "2026-2030"), "uncovered"] == 10.0  # another period: apart
    assert gaps.loc[("KHM", "clearance", "EUR", "2026"), "uncovered"] == 10.0  # no USD figure: apart
    assert len(gaps) == 3


def test_needs_nobody_offered_for():
    need_rows = needs({"need_id": 1}, {"need_id": 2, "area": "national_legislation"})
    result = match_needs_and_offers(need_rows, offers({"offer_id": 1}), NO_HISTORY)
    coverage = compute_need_coverage(need_rows, partnerships({"need_id": 1, "offer_id": 1, "status": "proposed"}))
    unoffered = list_unoffered_needs(coverage, result.needs.set_index("need_id")["compatible_offers"])
    assert unoffered["need_id"].tolist() == [2]


def test_no_offers_means_no_pairs_and_every_need_unoffered():
    result = match_needs_and_offers(needs({"need_id": 1}), offers({"offer_id": 1}).iloc[:0], NO_HISTORY)
    assert result.pairs.empty and result.needs["compatible_offers"].tolist() == [0]
