"""The State Party panel on the real data/ and on small hand-made tables."""
import dataclasses
import datetime as dt

import pandas as pd
import pytest

from data_loaders.registry import LOADERS
from domain.membership import compute_membership
from domain.outlook import OutlookAssumptions, compute_outlook, compute_pace, decimal_year
from domain.panel import ReferenceTables, build_state_panel, survivors_lower_bound
from domain.preference import split_primary

TODAY = dt.date(2026, 11, 27)


@pytest.fixture(scope="module")
def tables() -> ReferenceTables:
    return ReferenceTables(**{f.name: LOADERS[f.name]() for f in dataclasses.fields(ReferenceTables)})


@pytest.fixture(scope="module")
def panel(tables) -> pd.DataFrame:
    return build_state_panel(tables, TODAY).set_index("iso3")


def test_panel_has_one_row_per_state_that_ever_joined(panel):
    assert len(panel) == 166
    assert panel.index.is_unique


def test_five_withdrawals_have_taken_effect_by_the_reference_date(panel):
    withdrawn = set(panel.index[panel["membership_status"] == "withdrawn"])
    assert withdrawn == {"EST", "FIN", "LVA", "LTU", "POL"}


def test_membership_depends_on_the_date(tables):
    states = tables.states_parties.set_index("iso3")
    assert compute_membership(states, dt.date(2025, 1, 1))["FIN"] == "state_party"
    assert compute_membership(states, dt.date(2025, 8, 1))["FIN"] == "withdrawing"
    assert compute_membership(states, dt.date(2026, 1, 10))["FIN"] == "withdrawn"
    assert compute_membership(states, dt.date(1998, 1, 1))["FIN"] == "not_party"


def test_angola_figures_match_the_reference(panel):
    angola = panel.loc["AGO"]
    assert angola["article5_deadline"] == "2030-12-31"
    assert angola["extensions_granted"] == 3
    assert angola["ap_contamination_km2"] == 67.43
    assert angola["contamination_band"] == "large"
    assert angola["estimate_as_of"] == 2023
    assert angola["article5_source_url"] == "https://apopo.org/?p=205344"
    assert angola["latest_release_km2"] == 13.81 and angola["latest_release_year"] == 2022


def test_missing_figures_stay_missing_not_zero(panel):
    assert pd.isna(panel.loc["AFG", "ap_contamination_km2"])
    assert pd.isna(panel.loc["NOR", "casualties_total"])
    assert pd.isna(panel.loc["NOR", "support_latest_usd_million"])
    assert not panel.loc["NOR", "has_article5"]
    assert panel.loc["NOR", "outlook"] == "not applicable"
    assert panel.loc["NOR", "extension_status"] == "no Article 5 obligation"


def test_passed_deadline_is_shown_passed_with_extension_not_reported(panel):
    chad = panel.loc["TCD"]
    assert bool(chad["deadline_passed"])
    assert chad["extension_status"] == "deadline passed; extension not reported"
    assert chad["outlook"] == "cannot be computed"
    assert "has passed" in chad["outlook_reason"]


def test_completion_declared_after_new_contamination_keeps_the_obligation(panel):
    assert panel.loc["GBR", "outlook"] == "completed"
    # Guinea-Bissau declared completion in 2012 and has a 2027 deadline for contamination found later.
    assert not panel.loc["GNB", "article5_completed"]


def test_disagreeing_land_release_figures_keep_both_labelled(tables):
    history = tables.article5_history
    primary = split_primary(history, ["iso3", "year"], "land_released_km2").set_index(["iso3", "year"])
    cambodia_2015 = primary.loc[("KHM", 2015)]
    assert cambodia_2015["land_released_km2"] == 147.0  # Landmine Monitor figure leads
    assert cambodia_2015["land_released_km2_alternatives"] == "125.18 (docslib.org)"


def test_disagreeing_casualty_figures_keep_every_source(tables):
    primary = split_primary(tables.casualties, ["iso3", "year"], "casualties_total", notes="notes").set_index(["iso3", "year"])
    colombia_2023 = primary.loc[("COL", 2023)]
    others = colombia_2023["casualties_total_alternatives"]
    assert others.count("(") == 2  # three sources for one year: one shown, two kept beside it


def _row(**overrides):
    row = {
        "has_article5": True, "article5_completed": False, "completion_declared": pd.NA,
        "article5_deadline": "2030-12-31", "deadline_passed": False, "ap_contamination_km2": 40.0,
        "estimate_as_of": 2024, "pace_km2_per_year": 10.0, "pace_first_year": 2022, "pace_last_year": 2024,
        "pace_years_used": 3, "latest_release_year": 2024,
    }
    return pd.Series({**row, **overrides})


@pytest.mark.parametrize(
    "overrides, outlook, reason",
    [
        ({}, "on pace", "4.0 years needed"),
        ({"ap_contamination_km2": 100.0}, "off pace", "10.0 years needed"),
        ({"has_article5": False}, "not applicable", "no Article 5"),
        ({"article5_completed": True, "completion_declared": 2020}, "completed", "2020"),
        ({"article5_deadline": pd.NA}, "cannot be computed", "deadline is not reported"),
        ({"deadline_passed": True}, "cannot be computed", "has passed"),
        ({"ap_contamination_km2": pd.NA}, "cannot be computed", "no estimate"),
        ({"estimate_as_of": 2015}, "cannot be computed", "older than 5 years"),
        ({"pace_km2_per_year": pd.NA, "latest_release_year": pd.NA}, "cannot be computed", "no land release"),
        ({"pace_km2_per_year": pd.NA, "latest_release_year": 2012}, "cannot be computed", "from 2012"),
        ({"pace_km2_per_year": 0.0}, "cannot be computed", "no land was released"),
    ],
)
def test_outlook_says_on_pace_off_pace_or_why_not(overrides, outlook, reason):
    result = compute_outlook(_row(**overrides), TODAY, OutlookAssumptions())
    assert result["outlook"] == outlook
    assert reason in result["outlook_reason"]


def test_a_typed_pace_replaces_the_measured_one():
    result = compute_outlook(_row(ap_contamination_km2=100.0), TODAY, OutlookAssumptions(pace_km2_per_year=50.0))
    assert result["outlook"] == "on pace"
    assert result["years_needed"] == 2.0
    assert result["projected_completion_year"] == 2027.0


def test_pace_is_the_mean_of_the_last_n_years_with_data():
    releases = pd.DataFrame({
        "iso3": ["AAA"] * 5, "year": [2018, 2019, 2020, 2021, 2022], "land_released_km2": [100.0, 1.0, 2.0, None, 6.0],
    })
    pace = compute_pace(releases, OutlookAssumptions(pace_years=3, max_estimate_age=10), TODAY).loc["AAA"]
    assert pace["pace_km2_per_year"] == pytest.approx(3.0)
    assert (pace["pace_first_year"], pace["pace_last_year"], pace["pace_years_used"]) == (2019, 2022, 3)


def test_pace_uses_no_figure_older_than_the_age_its_caption_states():
    # Cambodia's case: figures for 2015, 2016 and 2023; in 2026, with figures older than 5 years not used, the
    # pace is 2023's alone, and the outlook says only one of the three years asked had a figure.
    releases = pd.DataFrame({"iso3": ["KHM"] * 3, "year": [2015, 2016, 2023], "land_released_km2": [90.0, 80.0, 40.0]})
    pace = compute_pace(releases, OutlookAssumptions(pace_years=3, max_estimate_age=5), TODAY).loc["KHM"]
    assert (pace["pace_km2_per_year"], pace["pace_first_year"], pace["pace_years_used"]) == (40.0, 2023, 1)
    none_recent = compute_pace(releases[releases["year"] < 2020], OutlookAssumptions(), TODAY)
    assert none_recent.empty
    result = compute_outlook(_row(ap_contamination_km2=400.0, pace_km2_per_year=40.0, pace_first_year=2023,
                                  pace_last_year=2023, pace_years_used=1), TODAY, OutlookAssumptions())
    assert result["outlook_reason"].endswith(
        "(pace from land release 2023: only 1 of the 3 years asked have a figure from the last 5 years); "
        "projected completion January 2035")


def test_a_year_only_deadline_counts_to_the_end_of_that_year():
    assert decimal_year("2030") == 2031.0
    assert decimal_year("2030-01-01") == 2030.0


@pytest.mark.parametrize(
    "text, low",
    [("52000-60000", 52000), ("at least 510", 510), ("2325", 2325), ("6,304", 6304), (None, None), ("unknown", None)],
)
def test_survivors_lower_bound_reads_only_what_the_source_states(text, low):
    value = survivors_lower_bound(text)
    assert (pd.isna(value) and low is None) or value == low


def test_needs_are_counted_per_area(panel, tables):
    needs = tables.stated_needs
    of_states_parties = needs[needs["iso3"].isin(panel.index)]  # not global rows, not Laos or Syria
    assert panel["needs_total"].sum() == len(of_states_parties) == 79
    areas = [c for c in panel.columns if c.startswith("needs_") and c not in ("needs_total", "needs_with_amount")]
    assert (panel[areas].sum(axis=1) == panel["needs_total"]).all()


def test_every_figure_in_the_panel_carries_its_source(panel):
    pairs = {
        "ap_contamination_km2": "article5_source_url",
        "latest_release_km2": "latest_release_source_url",
        "casualties_total": "casualties_source_url",
        "survivors_estimate": "va_source_url",
        "support_latest_usd_million": "support_source_url",
        "ia_latest_event": "ia_latest_source",
    }
    for figure, source in pairs.items():
        with_figure = panel[panel[figure].notna()]
        assert with_figure[source].notna().all(), figure


def test_outlook_reason_names_the_years_its_pace_comes_from():
    measured = compute_outlook(_row(), TODAY, OutlookAssumptions())
    assert "pace from land release 2022-2024" in measured["outlook_reason"]
    single = compute_outlook(_row(pace_first_year=2024, pace_years_used=1), TODAY, OutlookAssumptions(pace_years=1))
    assert "pace from land release 2024)" in single["outlook_reason"]
    typed = compute_outlook(_row(), TODAY, OutlookAssumptions(pace_km2_per_year=20.0))
    assert "typed pace" in typed["outlook_reason"]


def test_a_projected_completion_already_past_says_the_estimate_is_out_of_date():
    # 800 km² at the end of 2022, 362 km²/year: done by March 2025, before 27 November 2026, yet not declared.
    row = _row(ap_contamination_km2=800.0, estimate_as_of=2022, pace_km2_per_year=362.0)
    result = compute_outlook(row, TODAY, OutlookAssumptions())
    assert result["outlook"] == "cannot be computed"
    assert result["outlook_reason"] == ("at 362.00 km²/year the area estimated at the end of 2022 would have been released "
                                        "by March 2025, yet no completion is declared: the estimate is out of date")
    assert pd.isna(result["projected_completion_year"])
