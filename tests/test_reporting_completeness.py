"""The reporting-completeness grid: per State Party and year, on time (by 30 April after the year, 180 days after
entry into force for an initial report), late, missing or not yet due, and the forms marked unchanged."""
from __future__ import annotations

import datetime as dt

import pandas as pd

from domain.reporting.completeness import (
    COVER,
    DOCUMENT,
    LATE,
    MISSING,
    NOT_PARTY,
    NOT_YET_DUE,
    ON_TIME,
    SENT,
    SUBMITTED,
    compute_completeness,
    count_statuses,
    report_years,
)
from domain.reporting.published import PublishedReport
from domain.reporting.report import Section, empty_report

TODAY = dt.date(2026, 3, 1)
STATES = pd.DataFrame({
    "iso3": ["AGO", "KHM", "FIN", "NEW"], "state": ["Angola", "Cambodia", "Finland", "Newland"],
    "entry_into_force_date": ["2003-01-01", "2000-01-01", "2012-07-01", "2025-06-01"],
    "withdrawal_effective_date": [None, None, "2024-01-10", None]})


def report(iso3: str, year: int, *, submitted: str | None = None, sent: str | None = None, cover: str | None = None,
           initial: bool = False, isu: str | None = None, unchanged: dict | None = None, not_applicable=()):
    content = empty_report(iso3, year, initial)
    content.sections["cover"] = Section(values={"date_of_submission": cover})
    for form, since in (unchanged or {}).items():
        content.sections[form] = Section("unchanged", since)
    for form in not_applicable:
        content.sections[form] = Section("not_applicable")
    day = lambda text: dt.date.fromisoformat(text) if text else None  # noqa: E731
    return PublishedReport(content, {"AGO": "Angola", "KHM": "Cambodia", "NEW": "Newland"}[iso3], dt.date(2025, 12, 1),
                           day(submitted), day(sent), isu is not None, day(isu))


def cell(grid: pd.DataFrame, iso3: str, year: int) -> pd.Series:
    return grid[(grid["iso3"] == iso3) & (grid["year"] == year)].iloc[0]


def test_on_time_is_by_30_april_after_the_year_by_the_date_it_was_sent():
    reports = [report("AGO", 2023, submitted="2024-04-30"), report("AGO", 2024, submitted="2025-04-20", sent="2025-05-02"),
               report("KHM", 2023, cover="2024-03-01")]
    grid = compute_completeness(reports, STATES, range(2023, 2026), TODAY)
    assert (cell(grid, "AGO", 2023)["status"], cell(grid, "AGO", 2023)["date_used"]) == (ON_TIME, SUBMITTED)
    late = cell(grid, "AGO", 2024)  # submitted here in time, but sent through the official channel after 30 April
    assert (late["status"], late["reported_on"], late["date_used"], late["due"]) == (
        LATE, dt.date(2025, 5, 2), SENT, dt.date(2025, 4, 30))
    assert (cell(grid, "KHM", 2023)["status"], cell(grid, "KHM", 2023)["date_used"]) == (ON_TIME, COVER)
    assert cell(grid, "KHM", 2024)["status"] == MISSING  # due 30 April 2025, nothing published here
    assert cell(grid, "AGO", 2025)["status"] == NOT_YET_DUE  # due 30 April 2026, after today
    assert cell(grid, "AGO", 2024)["link"] == "/reporting?iso3=AGO&year=2024&published=2025-12-01"


def test_a_report_the_isu_entered_is_dated_by_the_states_own_document():
    grid = compute_completeness([report("AGO", 2024, submitted="2025-09-01", isu="2025-04-10")], STATES,
                                range(2024, 2025), TODAY)
    assert (cell(grid, "AGO", 2024)["status"], cell(grid, "AGO", 2024)["date_used"]) == (ON_TIME, DOCUMENT)


def test_an_initial_report_is_due_180_days_after_entry_into_force():
    grid = compute_completeness([report("NEW", 2025, initial=True, submitted="2025-12-20")], STATES, range(2024, 2026),
                                TODAY)
    assert (cell(grid, "NEW", 2025)["status"], cell(grid, "NEW", 2025)["due"]) == (LATE, dt.date(2025, 11, 28))
    assert cell(grid, "NEW", 2024)["status"] == NOT_PARTY  # not yet in force: nothing was due


def test_years_from_entry_into_force_to_withdrawal_and_states_never_party_in_the_range_have_no_row():
    grid = compute_completeness([report("AGO", 2024)], STATES, range(2024, 2026), TODAY)
    assert "FIN" not in set(grid["iso3"])  # its withdrawal took effect in January 2024: party in none of these years
    with_finland = compute_completeness([report("AGO", 2023)], STATES, range(2022, 2025), TODAY)
    assert cell(with_finland, "FIN", 2023)["status"] == MISSING and cell(with_finland, "FIN", 2024)["status"] == NOT_PARTY


def test_forms_marked_unchanged_and_not_applicable_are_listed():
    grid = compute_completeness([report("AGO", 2024, submitted="2025-03-01", unchanged={"A": 2019, "E": 2020},
                                        not_applicable=("B", "H"))], STATES, range(2024, 2025), TODAY)
    angola = cell(grid, "AGO", 2024)
    assert (angola["unchanged"], angola["not_applicable"]) == ("A (2019), E (2020)", "B, H")


def test_the_range_runs_from_the_first_report_to_the_last_year_due_and_counts_every_status():
    assert report_years([], TODAY) == range(0)
    assert report_years([report("AGO", 2022), report("KHM", 2023)], TODAY) == range(2022, 2026)
    grid = compute_completeness([report("AGO", 2024, submitted="2025-03-01")], STATES, range(2024, 2026), TODAY)
    counts = count_statuses(grid).set_index("year")
    assert counts.loc[2024, ON_TIME] == 1 and counts.loc[2024, MISSING] == 1 and counts.loc[2025, NOT_YET_DUE] == 3
    assert counts.loc[2024, LATE] == 0  # every status has its column, none stated is 0 States
