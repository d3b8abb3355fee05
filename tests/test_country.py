"""The State Party page's domain: one state's profile, its outlook, its links, its neighbourhood, on small data."""
import dataclasses
import datetime as dt

import geopandas as gpd
import pandas as pd
import pytest
from shapely.geometry import box

from data_loaders.registry import LOADERS
from domain.country import build_country_profile, compute_projection
from domain.geography import select_neighbourhood
from domain.history import rank_casualties, release_rows
from domain.outlook import OutlookAssumptions
from domain.panel import ReferenceTables, build_world_panel
from domain.resources import collect_resources, publisher
from tests.helpers import row, write_source_csv

TODAY = dt.date(2026, 11, 27)
MONITOR = "https://www.the-monitor.org/angola"
NEWS = "https://news.example.org/angola"


def _rows():
    """Angola with rich, partly disagreeing data; Albania with almost nothing; the US never joined."""
    return {
        "states_parties": [row("states_parties"), row("states_parties", iso3="AGO", state="Angola", source_url=MONITOR)],
        "states_not_party": [row("states_not_party")],
        "article5": [row("article5", land_released_km2="10", land_released_year="2022", source_url=MONITOR)],
        "article5_history": [
            row("article5_history", iso3="AGO", state="Angola", year="2020", land_released_km2="8", cleared_km2="",
                source_url=MONITOR),
            row("article5_history", iso3="AGO", state="Angola", year="2021", land_released_km2="12", cleared_km2="",
                source_url=MONITOR),
            row("article5_history", iso3="AGO", state="Angola", year="2021", land_released_km2="15", cleared_km2="",
                source_url=NEWS),
        ],
        "casualties": [
            row("casualties", year="2023", casualties_total="40", source_url=NEWS, notes="national count"),
            row("casualties", year="2023", casualties_total="36", source_url=MONITOR, notes="Landmine Monitor"),
            row("casualties", year="2022", casualties_total="30", killed="", injured="", source_url=MONITOR),
        ],
        "victim_assistance": [row("victim_assistance", iso3="AGO", state="Angola", va_focal_point="Ministry of Social Action")],
        "support_by_recipient": [row("support_by_recipient")],
        "support_pairs": [
            row("support_pairs", recipient_iso3="AGO", recipient="Angola", year="2021", usd_million="3",
                notes="from donor profile table (partial: table continues)"),
            row("support_pairs", donor="Japan", recipient_iso3="AGO", recipient="Angola", year="2024", usd_million="5",
                notes="PLEDGE announced at a donor conference"),
        ],
        "stated_needs": [
            row("stated_needs", iso3="AGO", state="Angola", need_category="victim_assistance", period="2020-2025",
                amount_usd_million="", description="rehabilitation services"),
            row("stated_needs", iso3="AGO", state="Angola", need_category="clearance", period="2023", amount_usd_million="12"),
        ],
        "individualised_approach": [row("individualised_approach", iso3="AGO", state="Angola", date="2019-11")],
    }


@pytest.fixture(scope="module")
def small(tmp_path_factory):
    folder = tmp_path_factory.mktemp("small")
    tables = {name: LOADERS[name](write_source_csv(folder / f"{name}.csv", name, rows)) for name, rows in _rows().items()}
    reference = ReferenceTables(**{f.name: tables[f.name] for f in dataclasses.fields(ReferenceTables)})
    panel = build_world_panel(reference, tables["states_not_party"], TODAY)
    return panel, reference, tables


def _profile(small, iso3):
    panel, reference, tables = small
    return build_country_profile(iso3, panel, reference, tables["support_pairs"], tables["states_not_party"])


def test_disagreeing_casualty_figures_are_both_kept_and_the_monitor_leads(small):
    casualties = _profile(small, "AGO").casualties
    year = casualties[casualties["year"] == 2023]
    assert sorted(year["casualties_total"]) == [36, 40]
    assert year.loc[year["leads"], "casualties_total"].tolist() == [36]
    assert year["sources_differ"].all()
    assert not casualties.loc[casualties["year"] == 2022, "sources_differ"].any()


def test_land_release_joins_history_and_the_latest_figure_keeping_other_sources(small):
    releases = _profile(small, "AGO").releases
    assert releases.loc[releases["leads"], ["year", "land_released_km2"]].values.tolist() == [[2020, 8], [2021, 12], [2022, 10]]
    other = releases[~releases["leads"]]
    assert other[["year", "land_released_km2", "source_name"]].values.tolist() == [[2021, 15, "news.example.org"]]


def test_announcements_are_labelled_and_partial_tables_marked(small):
    pairs = _profile(small, "AGO").support_pairs.set_index("year")
    assert pairs.at[2024, "kind"] == "announced (not a recorded payment)"
    assert pairs.at[2021, "kind"] == "reported contribution"
    assert pairs.at[2021, "partial_table"] and not pairs.at[2024, "partial_table"]


def test_needs_keep_their_own_periods_in_area_order_and_missing_amounts_stay_missing(small):
    needs = _profile(small, "AGO").needs
    assert needs["need_category"].tolist() == ["clearance", "victim_assistance"]
    assert needs["period"].tolist() == ["2023", "2020-2025"]
    assert pd.isna(needs["amount_usd_million"].iloc[1])


def test_obligations_newest_year_and_treaty_facts(small):
    angola = _profile(small, "AGO")
    assert angola.obligations == ["Article 5 mine clearance", "victim assistance (significant numbers of survivors)"]
    assert angola.newest_as_of == 2024  # the pledge
    assert angola.ever_joined and angola.treaty["entry_into_force_date"] == "2000-08-01"


def test_a_state_with_nothing_reported_has_empty_sections_not_zeros(small):
    albania = _profile(small, "ALB")
    assert albania.casualties.empty and albania.releases.empty and albania.needs.empty and albania.support_pairs.empty
    assert albania.newest_as_of is None
    assert pd.isna(albania.panel["casualties_total"])


def test_a_state_not_party_has_a_profile_without_treaty_dates(small):
    usa = _profile(small, "USA")
    assert not usa.ever_joined
    assert usa.not_party["notes"] == "never joined"
    assert usa.obligations == []


def test_projection_follows_the_chosen_pace_years_and_a_typed_rate(small):
    angola = _profile(small, "AGO")
    last_two = compute_projection(angola, TODAY, OutlookAssumptions(pace_years=2))
    assert last_two.pace_km2_per_year == pytest.approx(11.0)  # mean of 12 (2021, the leading figure) and 10 (2022)
    assert last_two.years_needed == pytest.approx(68 / 11, abs=0.05)
    assert last_two.start_year == 2023  # the 2022 estimate stands at the end of 2022
    typed = compute_projection(angola, TODAY, OutlookAssumptions(pace_km2_per_year=17))
    assert typed.pace_km2_per_year == 17 and typed.projected_completion_year == pytest.approx(2027.0)
    assert typed.outlook == "on pace" and "typed pace of 17" in typed.assumptions
    past = compute_projection(angola, TODAY, OutlookAssumptions(pace_km2_per_year=34))  # done by 2025: out of date
    assert past.outlook == "cannot be computed" and past.projected_completion_year is None


def test_projection_says_why_it_cannot_be_computed(small):
    stale = compute_projection(_profile(small, "AGO"), TODAY, OutlookAssumptions(max_estimate_age=2))
    assert stale.outlook == "cannot be computed" and "older than 2 years" in stale.reason
    assert stale.projected_completion_year is None and stale.deadline_year is not None
    none = compute_projection(_profile(small, "ALB"), TODAY, OutlookAssumptions())
    assert none.outlook == "not applicable" and none.deadline_year is None


def test_resources_are_only_cited_pages_grouped_by_publisher(small):
    _panel, reference, tables = small
    resources = collect_resources([reference.casualties, reference.article5_history, tables["states_parties"]], "AGO")
    assert resources["publisher"].tolist() == ["Landmine Monitor", "Other cited sources"]
    assert resources.set_index("url").at[MONITOR, "rows_citing"] == 5
    assert collect_resources([reference.casualties], "ALB").empty


@pytest.mark.parametrize("url, name", [
    ("http://archives.the-monitor.org/x", "Landmine Monitor"),
    ("https://www.mineactionreview.org/country/angola", "Mine Action Review"),
    ("https://www.apminebanconvention.org/en/states-parties/angola", "The Convention's website"),
    ("https://treaties.un.org/Pages/x", "UN Treaty Collection"),
    ("https://not-the-monitor.org.example.com/", "Other cited sources"),
])
def test_publisher_is_read_from_the_host(url, name):
    assert publisher(url) == name


def test_rank_casualties_prefers_a_monitor_note_without_a_monitor_url():
    rows = pd.DataFrame({"iso3": ["AGO", "AGO"], "year": [2023, 2023], "casualties_total": [5, 7],
                         "source_url": [NEWS, "https://other.example.org"], "notes": ["", "Landmine Monitor 2024"],
                         "source_row": [2, 3]})
    ranked = rank_casualties(rows)
    assert ranked.loc[ranked["leads"], "casualties_total"].tolist() == [7]


def test_release_rows_do_not_repeat_a_figure_both_tables_hold():
    article5 = pd.DataFrame({"iso3": ["AGO"], "land_released_year": [2022], "land_released_km2": [10.0],
                             "ap_mines_destroyed": [pd.NA], "source_url": [MONITOR], "source_row": [2]})
    history = pd.DataFrame({"iso3": ["AGO"], "year": [2022], "land_released_km2": [10.0], "cleared_km2": [pd.NA],
                            "ap_mines_destroyed": [pd.NA], "source_url": [MONITOR], "source_row": [5]})
    assert len(release_rows(article5, history)) == 1


def _world():
    shapes = {"AAA": box(0, 0, 10, 10), "BBB": box(10, 0, 20, 10), "CCC": box(100, 50, 110, 60), "TNY": box(20, 0, 20.1, 0.1)}
    return gpd.GeoDataFrame({"iso3": list(shapes), "name": list(shapes), "is_state": True}, geometry=list(shapes.values()),
                            crs="EPSG:4326")


def test_neighbourhood_holds_the_state_and_its_neighbours_but_not_far_states():
    around = select_neighbourhood(_world(), "AAA")
    assert {"AAA", "BBB"} <= set(around.shapes["iso3"]) and "CCC" not in set(around.shapes["iso3"])
    assert around.shapes.set_index("iso3").at["AAA", "is_selected"]
    assert around.west < 0 < 10 < around.east


def test_a_tiny_state_still_shows_its_neighbours_and_a_missing_one_gives_none():
    tiny = select_neighbourhood(_world(), "TNY")
    assert {"TNY", "BBB"} <= set(tiny.shapes["iso3"])
    assert tiny.east - tiny.west >= 6
    assert select_neighbourhood(_world(), "ZZZ") is None
