"""The committees' gap views on small hand-made data: casualties against support, reporting completeness."""
import datetime as dt

import pandas as pd

from domain.gaps import compute_casualties_against_support, compute_reporting_completeness, count_uncovered_needs

MONITOR = "https://www.the-monitor.org/x"


def casualties(rows):
    frame = pd.DataFrame(rows, columns=["iso3", "year", "casualties_total"])
    return frame.assign(source_url=MONITOR, notes="", source_row=range(len(frame)))


def support(rows):
    return pd.DataFrame(rows, columns=["iso3", "year", "usd_million"]).assign(source_url=MONITOR)


def test_rising_casualties_while_support_falls_compares_the_same_years():
    result = compute_casualties_against_support(
        casualties([("AAA", 2020, 10), ("AAA", 2021, 20), ("AAA", 2023, 99), ("BBB", 2020, 10), ("BBB", 2021, 10)]),
        support([("AAA", 2020, 5.0), ("AAA", 2021, 2.0), ("BBB", 2020, 5.0), ("BBB", 2021, 9.0), ("CCC", 2021, 1.0)]),
    ).set_index("iso3")
    assert list(result.index) == ["AAA", "BBB"]  # CCC has no casualties; AAA's 2023 has no support figure
    assert result.at["AAA", "year"] == 2021 and result.at["AAA", "previous_year"] == 2020
    assert result.at["AAA", "casualties_direction"] == "rising" and result.at["AAA", "support_direction"] == "falling"
    assert result.at["AAA", "rising_while_support_falls"]
    assert result.at["BBB", "casualties_direction"] == "stable" and not result.at["BBB", "rising_while_support_falls"]


def test_a_state_with_one_common_year_has_no_trend():
    result = compute_casualties_against_support(casualties([("AAA", 2020, 10)]), support([("AAA", 2020, 5.0)]))
    assert result.empty


def panel(**overrides):
    row = dict(iso3="AAA", state="A", has_article5=True, article5_completed=False, article5_deadline="2030",
               deadline_passed=False, estimate_as_of=2024, needs_total=2, casualties_year=2025,
               survivors_estimate_year=2010, significant_survivors=True, ia_events=1)
    return pd.DataFrame([{**row, **overrides}]).astype({"estimate_as_of": "Int64", "casualties_year": "Int64",
                                                        "survivors_estimate_year": "Int64", "needs_total": "Int64"})


def test_completeness_says_year_stale_missing_or_not_applicable():
    grid = compute_reporting_completeness(panel(), dt.date(2026, 11, 27)).iloc[0]
    assert grid["contamination_estimate"] == "2024" and grid["deadline"] == "current"
    assert grid["victim_assistance_data"] == "stale (2010)" and grid["casualty_data"] == "2025"
    assert grid["gaps"] == 1
    empty = compute_reporting_completeness(panel(has_article5=False, estimate_as_of=pd.NA, casualties_year=pd.NA,
                                                 significant_survivors=False, needs_total=0, article5_deadline=None),
                                           dt.date(2026, 11, 27)).iloc[0]
    assert empty["contamination_estimate"] == "no obligation" and empty["deadline"] == "no obligation"
    assert empty["casualty_data"] == "not reported" and empty["victim_assistance_data"] == "no obligation"
    assert empty["gaps"] == 2  # no casualty data, no needs stated


def test_a_passed_deadline_counts_as_a_gap():
    grid = compute_reporting_completeness(panel(deadline_passed=True), dt.date(2026, 11, 27)).iloc[0]
    assert grid["deadline"] == "passed, extension not reported" and grid["gaps"] == 2


def test_uncovered_needs_counts_partly_covered_and_uncountable_needs():
    coverage = pd.DataFrame({"iso3": ["AAA", "AAA", "AAA", "BBB"], "share_covered": [1.0, 0.5, float("nan"), 1.0]})
    assert count_uncovered_needs(coverage).to_dict() == {"AAA": 2}
