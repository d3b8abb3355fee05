"""Published Article 7 reports as figures: rows shaped like the reference tables, merged so the panel uses a report's
figure where it is newer, keeps both where a year has two, and never fills a figure a report does not give."""
from __future__ import annotations

import dataclasses
import datetime as dt

import pandas as pd
import pytest

from data_loaders.registry import LOADERS
from domain.panel import ReferenceTables, build_state_panel
from domain.reporting.figures import article7_rows, with_article7
from domain.reporting.published import PublishedReport
from domain.reporting.report import Section, empty_report
from domain.sources import article7_link, is_article7_link, source_label, web_address

TODAY = dt.date(2026, 11, 27)
PUBLISHED = dt.date(2026, 5, 2)
AREA = {"area_id": "A-1", "admin_code": "AO01", "status": "confirmed", "mine_types": ["PMN-2"]}


def published(iso3: str = "AGO", year: int = 2025, *, sizes: tuple[float, ...] = (), j: dict | None = None,
              c_status: str = "changed", j_status: str = "changed", since: int | None = None,
              state: str = "Angola", on: dt.date = PUBLISHED) -> PublishedReport:
    report = empty_report(iso3, year)
    report.sections["C"] = Section(c_status, since if c_status == "unchanged" else None, {},
                                   {"areas": [{**AREA, "area_id": f"A-{n}", "size_m2": size} for n, size in enumerate(sizes)]})
    report.sections["J"] = Section(j_status, since if j_status == "unchanged" else None, dict(j or {}), {})
    return PublishedReport(report, state, on)


@pytest.fixture(scope="module")
def tables() -> ReferenceTables:
    return ReferenceTables(**{f.name: LOADERS[f.name]() for f in dataclasses.fields(ReferenceTables)})


def panel_with(tables: ReferenceTables, *reports: PublishedReport) -> pd.DataFrame:
    return build_state_panel(with_article7(tables, article7_rows(reports)), TODAY).set_index("iso3")


def test_a_report_gives_rows_shaped_like_the_reference_tables_citing_its_page():
    rows = article7_rows([published(sizes=(40_000_000.0, 5_500_000.0), j={
        "cancelled_m2": 1_000_000.0, "reduced_m2": 500_000.0, "cleared_m2": 250_000.0, "killed": 4, "injured": 11,
        "casualties_female": 3, "casualties_male": 12, "casualties_children": 6, "casualties_adults": 9})])
    link = "/reporting?iso3=AGO&year=2025&published=2026-05-02"
    area = rows.mined_area.iloc[0]
    assert (area["iso3"], area["ap_contamination_km2"], area["estimate_as_of"], area["source_url"]) == \
        ("AGO", 45.5, 2025, link)
    release = rows.releases.iloc[0]
    assert (release["year"], release["land_released_km2"], release["cleared_km2"]) == (2025, 1.75, 0.25)
    assert pd.isna(release["ap_mines_destroyed"])  # Form G lists nothing: not reported, not 0
    casualty = rows.casualties.iloc[0]
    assert (casualty["casualties_total"], casualty["killed"], casualty["injured"]) == (15, 4, 11)
    assert (casualty["female_casualties"], casualty["child_casualties"]) == (3, 6)
    assert source_label(link) == "Article 7 report 2025 (Angola), published 2 May 2026"
    assert web_address(link) == link


def test_only_the_reports_own_links_become_links():
    assert is_article7_link(article7_link("AGO", 2025, PUBLISHED))
    for address in ("/reporting?iso3=AGO&year=2025", "/reporting?iso3=AGO&year=2025&published=2026-05-02&x=1",
                    "javascript:/reporting?iso3=AGO&year=2025&published=2026-05-02", "//evil.example/reporting"):
        assert web_address(address) is None, address


def test_a_newer_report_leads_labelled_and_the_compiled_figure_stays_beside_it(tables):
    angola = panel_with(tables, published(sizes=(30_000_000.0,), j={"cleared_m2": 4_000_000.0, "killed": 2,
                                                                     "injured": 5})).loc["AGO"]
    link = article7_link("AGO", 2025, PUBLISHED)
    assert (angola["ap_contamination_km2"], angola["estimate_as_of"], angola["contamination_source_url"]) == (30.0, 2025, link)
    assert (angola["other_contamination_km2"], angola["other_estimate_as_of"]) == (67.43, 2023)
    assert angola["other_contamination_source_url"] == "https://apopo.org/?p=205344"
    assert angola["article5_source_url"] == "https://apopo.org/?p=205344"  # the deadline keeps its own source
    assert (angola["latest_release_km2"], angola["latest_release_year"], angola["latest_release_source_url"]) == (4.0, 2025, link)
    assert (angola["casualties_total"], angola["casualties_year"], angola["casualties_source_url"]) == (7, 2025, link)
    assert int(angola["newest_as_of"]) == 2025


def test_the_same_year_with_two_figures_keeps_both_and_the_compiled_leads(tables):
    history = tables.article5_history
    year = int(history.loc[history["iso3"] == "KHM", "year"].max())
    compiled = history[(history["iso3"] == "KHM") & (history["year"] == year)]["land_released_km2"].iloc[0]
    cambodia = panel_with(tables, published("KHM", year, j={"cleared_m2": 1_234_000.0}, state="Cambodia")).loc["KHM"]
    assert cambodia["latest_release_year"] == year and cambodia["latest_release_km2"] == compiled
    assert "Article 7 report" in cambodia["latest_release_alternatives"] and "1.23" in cambodia["latest_release_alternatives"]
    angola = panel_with(tables, published(year=2023, sizes=(70_000_000.0,))).loc["AGO"]
    assert (angola["ap_contamination_km2"], angola["contamination_source_url"]) == (67.43, "https://apopo.org/?p=205344")
    assert (angola["other_contamination_km2"], angola["other_estimate_as_of"]) == (70.0, 2023)
    assert angola["other_contamination_source_url"] == article7_link("AGO", 2023, PUBLISHED)


def test_an_older_report_leaves_the_compiled_figure_alone(tables):
    angola = panel_with(tables, published(year=2020, sizes=(90_000_000.0,))).loc["AGO"]
    assert (angola["ap_contamination_km2"], angola["estimate_as_of"]) == (67.43, 2023)
    assert pd.isna(angola["other_contamination_km2"])


def test_a_figure_a_report_does_not_give_stays_missing(tables):
    before = build_state_panel(tables, TODAY).set_index("iso3")
    silent = [published(sizes=()), published("AFG", 2025, c_status="not_applicable", j_status="not_applicable",
                                              sizes=(1_000_000.0,), j={"killed": 3, "injured": 4}, state="Afghanistan"),
              published("YEM", 2025, j={"killed": 3}, state="Yemen")]  # a part alone is no total
    rows = article7_rows(silent)
    assert rows.mined_area.empty and rows.releases.empty and rows.casualties.empty
    after = panel_with(tables, *silent)
    assert pd.isna(after.loc["AFG", "ap_contamination_km2"])
    columns = ["ap_contamination_km2", "estimate_as_of", "casualties_total", "casualties_year", "latest_release_km2"]
    pd.testing.assert_frame_equal(after[columns], before[columns])


def test_a_form_marked_unchanged_dates_its_figures_to_the_year_last_reported():
    rows = article7_rows([published(year=2025, sizes=(8_000_000.0,), c_status="unchanged", since=2022,
                                    j={"cleared_m2": 1_000_000.0}, j_status="unchanged")])
    assert rows.mined_area["estimate_as_of"].tolist() == [2022]
    assert rows.releases["year"].tolist() == [2022]
    # The report of that year, published too, is the one cited for it.
    both = article7_rows([published(year=2022, sizes=(8_000_000.0,)),
                          published(year=2025, sizes=(8_000_000.0,), c_status="unchanged", since=2022)])
    assert both.mined_area["source_url"].tolist() == [article7_link("AGO", 2022, PUBLISHED)]


def test_a_state_with_no_compiled_area_gets_its_reports_figure_and_nothing_else(tables):
    assert "AFG" in set(tables.article5["iso3"]) and "JOR" not in set(tables.article5["iso3"])
    afghanistan = panel_with(tables, published("AFG", 2025, sizes=(2_500_000.0,), state="Afghanistan")).loc["AFG"]
    assert (afghanistan["ap_contamination_km2"], afghanistan["estimate_as_of"]) == (2.5, 2025)
    assert pd.isna(afghanistan["other_contamination_km2"])  # the compiled table had no area for it
    fed = with_article7(tables, article7_rows([published("JOR", 2025, sizes=(1_000_000.0,), state="Jordan")]))
    jordan = build_state_panel(fed, TODAY).set_index("iso3").loc["JOR"]
    assert jordan["has_article5"] and jordan["ap_contamination_km2"] == 1.0
    assert pd.isna(jordan["article5_deadline"]) and jordan["extension_status"] == "number of extensions not reported"
    assert len(fed.article5) == len(tables.article5) + 1


def test_no_report_leaves_the_tables_as_compiled(tables):
    fed = with_article7(tables, article7_rows([]))
    pd.testing.assert_frame_equal(fed.casualties, tables.casualties)
    pd.testing.assert_frame_equal(fed.article5_history, tables.article5_history)
    assert fed.article5["contamination_source_url"].equals(tables.article5["source_url"])
