"""The overview's domain (filters, legend bins, headlines) and its world map figure.

Small hand-made panels for the rules, then the real data/ for the counts the page shows.
"""
from __future__ import annotations

import dataclasses
import datetime as dt

import numpy as np
import pandas as pd
import pytest

from charts.legend import NO_DATA_COLOR, tooltip_lines
from charts.overview import make_ranked_bar_figure, make_world_map_figure
from charts.overview_html import make_table_html
from data_loaders.registry import LOADERS
from domain.overview import (
    METRICS,
    NO_DATA,
    REGIONS,
    OverviewFilters,
    compute_headlines,
    compute_metric_bins,
    filter_states,
    legend_order,
    top_states,
)
from domain.panel import ReferenceTables, build_world_panel
from i18n import format_counts, using_language

NNBSP = "\u202f"  # French groups thousands with a narrow no-break space (CLDR)

TODAY = dt.date(2026, 11, 27)

# Column -> dtype as build_world_panel produces them (only the columns the overview reads).
PANEL_DTYPES = {
    "iso3": "string", "state": "string", "region": "string", "membership_status": "string",
    "has_article5": bool, "article5_completed": bool, "significant_survivors": bool,
    "years_left": "Float64", "article5_deadline": "string",
    "ap_contamination_km2": "Float64", "estimate_as_of": "Int64", "completion_declared": "Int64",
    "article5_source_url": "string", "outlook": object,
    "casualties_total": "Int64", "casualties_year": "Int64", "casualties_source_url": "string",
    "survivors_at_least": "Int64", "survivors_estimate": "string", "survivors_estimate_year": "Int64",
    "va_source_url": "string",
    "support_latest_usd_million": "Float64", "support_latest_year": "Int64", "support_source_url": "string",
    "needs_total": "Int64",
}
DEFAULTS = {
    "region": "Africa", "membership_status": "state_party", "has_article5": False, "article5_completed": False,
    "significant_survivors": False, "outlook": "not applicable", "needs_total": 0,
}


def make_panel(*rows: dict) -> pd.DataFrame:
    """A panel with one row per dict; columns not given are missing (NA), as in the real panel."""
    records = []
    for i, row in enumerate(rows):
        record = {column: pd.NA for column in PANEL_DTYPES}
        record.update(DEFAULTS)
        record.update(iso3=f"S{i:02d}", state=f"State {i}")
        record.update(row)
        records.append(record)
    frame = pd.DataFrame.from_records(records, columns=list(PANEL_DTYPES))
    return frame.astype(PANEL_DTYPES)


def bins_by_iso3(frame: pd.DataFrame, metric: str) -> pd.DataFrame:
    return compute_metric_bins(frame, METRICS[metric]).set_index("iso3")


# ---------------------------------------------------------------------------------------------
# filter_states


@pytest.fixture
def mixed() -> pd.DataFrame:
    return make_panel(
        dict(iso3="AGO", region="Africa", membership_status="state_party", has_article5=True, years_left=4.1,
             significant_survivors=True),
        dict(iso3="KHM", region="Asia", membership_status="state_party", has_article5=True, years_left=-0.5,
             significant_survivors=True),
        dict(iso3="GBR", region="Europe", membership_status="state_party", has_article5=True, article5_completed=True),
        dict(iso3="NOR", region="Europe", membership_status="state_party"),
        dict(iso3="XWD", region="Europe", membership_status="withdrawing", has_article5=True, years_left=12.0),
        dict(iso3="XNF", region="Oceania", membership_status="not_yet_in_force"),
        dict(iso3="FIN", region="Europe", membership_status="withdrawn"),
        dict(iso3="USA", region="Americas", membership_status="not_party", significant_survivors=True),
        dict(iso3="PER", region="Americas", membership_status="state_party", has_article5=True, years_left=pd.NA),
    )


def shown(frame: pd.DataFrame, **filters) -> set[str]:
    return set(filter_states(frame, OverviewFilters(**filters))["iso3"])


def test_default_filters_show_states_parties_including_withdrawing_and_not_yet_in_force(mixed):
    assert shown(mixed) == {"AGO", "KHM", "GBR", "NOR", "XWD", "XNF", "PER"}


def test_status_groups_withdrawn_and_not_party_are_separate(mixed):
    assert shown(mixed, statuses=("Withdrawn",)) == {"FIN"}
    assert shown(mixed, statuses=("Not party",)) == {"USA"}
    assert shown(mixed, statuses=("Withdrawn", "Not party")) == {"FIN", "USA"}
    assert shown(mixed, statuses=()) == set()


def test_region_filter_keeps_only_the_regions_chosen(mixed):
    assert shown(mixed, regions=("Europe",)) == {"GBR", "NOR", "XWD"}
    assert shown(mixed, regions=("Europe", "Asia")) == {"GBR", "NOR", "XWD", "KHM"}
    assert shown(mixed, regions=("Europe",), statuses=("State Party", "Withdrawn")) == {"GBR", "NOR", "XWD", "FIN"}


def test_article5_only_excludes_completed_obligations(mixed):
    assert shown(mixed, article5_only=True) == {"AGO", "KHM", "XWD", "PER"}


def test_survivors_only_keeps_states_with_significant_numbers(mixed):
    assert shown(mixed, survivors_only=True) == {"AGO", "KHM"}
    assert shown(mixed, survivors_only=True, statuses=("Not party",)) == {"USA"}


def test_deadline_within_keeps_deadlines_up_to_n_years_and_drops_unknown_ones(mixed):
    assert shown(mixed, deadline_within_years=5) == {"AGO", "KHM"}  # passed deadlines are within any horizon
    assert shown(mixed, deadline_within_years=0) == {"KHM"}
    assert shown(mixed, deadline_within_years=20) == {"AGO", "KHM", "XWD"}  # PER has no deadline: excluded


def test_filters_keep_the_panel_columns_and_index(mixed):
    result = filter_states(mixed, OverviewFilters(regions=("Asia",)))
    assert list(result.columns) == list(mixed.columns)
    assert list(result.index) == [1]


# ---------------------------------------------------------------------------------------------
# compute_metric_bins


@pytest.mark.parametrize(
    "km2, expected",
    [(0.0, "under 5 (small)"), (4.9, "under 5 (small)"), (5.0, "5 to 20 (medium)"), (19.99, "5 to 20 (medium)"),
     (20.0, "20 to 100 (large)"), (99.9, "20 to 100 (large)"), (100.0, "over 100 (massive)"),
     (1_500.0, "over 100 (massive)")],
)
def test_contamination_bin_edges(km2, expected):
    frame = make_panel(dict(has_article5=True, ap_contamination_km2=km2, estimate_as_of=2023,
                            article5_source_url="https://a.example"))
    assert bins_by_iso3(frame, "contamination").iloc[0]["bin"] == expected


@pytest.mark.parametrize(
    "count, expected",
    [(0, "0"), (1, "1 to 49"), (49, "1 to 49"), (50, "50 to 199"), (199, "50 to 199"), (200, "200 to 999"),
     (999, "200 to 999"), (1000, "1,000 or more"), (12_000, "1,000 or more")],
)
def test_casualty_bin_edges_and_zero_is_a_figure_not_no_data(count, expected):
    frame = make_panel(dict(casualties_total=count, casualties_year=2023, casualties_source_url="https://c.example"))
    row = bins_by_iso3(frame, "casualties").iloc[0]
    assert row["bin"] == expected
    assert row["value"] == count
    assert row["value_text"] == f"{count:,}"


@pytest.mark.parametrize(
    "years, expected",
    [(-3.2, "deadline passed"), (-0.1, "deadline passed"), (0.1, "under 2"), (1.9, "under 2"), (2.0, "2 to 5"),
     (5.0, "5 to 10"), (9.9, "5 to 10"), (10.0, "10 or more"), (25.0, "10 or more")],
)
def test_years_left_bin_edges(years, expected):
    frame = make_panel(dict(has_article5=True, years_left=years, article5_deadline="2030-12-31",
                            article5_source_url="https://a.example"))
    assert bins_by_iso3(frame, "years_left").iloc[0]["bin"] == expected


@pytest.mark.parametrize("metric", [key for key in METRICS])
def test_a_missing_value_goes_to_no_data_reading_not_reported_never_zero(metric):
    # Every figure missing, for a state with an open Article 5 obligation; needs_total 0, outlook "not applicable".
    frame = make_panel(dict(iso3="NON", has_article5=True))
    row = bins_by_iso3(frame, metric).loc["NON"]
    assert row["bin"] == NO_DATA
    assert row["value_text"] == "not reported"
    assert pd.isna(row["value"])
    assert pd.isna(row["as_of"])
    assert pd.isna(row["source_url"])


@pytest.mark.parametrize("metric", ["contamination", "years_left", "outlook"])
def test_no_obligation_is_its_own_bin_not_no_data(metric):
    binned = bins_by_iso3(make_panel(dict(iso3="NOR", outlook="not applicable")), metric)
    assert (binned.loc["NOR", "bin"], binned.loc["NOR", "value_text"]) == ("no Article 5 obligation",) * 2
    assert pd.isna(binned.loc["NOR", "value"]) and pd.isna(binned.loc["NOR", "source_url"])


@pytest.mark.parametrize("metric", ["contamination", "years_left"])
def test_a_completion_declared_after_the_last_estimate_supersedes_it(metric):
    # Croatia: completion declared 2026; its last estimate, 204.4 km² as of 2021, is no longer remaining area.
    frame = make_panel(dict(iso3="HRV", has_article5=True, article5_completed=True, completion_declared=2026,
                            ap_contamination_km2=204.4, estimate_as_of=2021, years_left=-0.75,
                            article5_deadline="2026-03-01", article5_source_url="https://hina.hr/news/11582955"),
                       dict(iso3="KHM", has_article5=True, ap_contamination_km2=800.0, estimate_as_of=2022,
                            years_left=4.1, article5_deadline="2030-12-31", article5_source_url="https://k.example"))
    binned = bins_by_iso3(frame, metric)
    croatia = binned.loc["HRV"]
    assert (croatia["bin"], croatia["value_text"], croatia["as_of"]) == ("obligation completed",) * 2 + ("2026",)
    assert pd.isna(croatia["value"]) and croatia["source_url"] == "https://hina.hr/news/11582955"
    assert top_states(binned.reset_index(), METRICS[metric])["iso3"].tolist() == ["KHM"]


def test_missing_and_present_values_side_by_side():
    frame = make_panel(
        dict(iso3="AAA", has_article5=True, ap_contamination_km2=68.0, estimate_as_of=2022, article5_source_url="https://monitor.example/ago"),
        dict(iso3="BBB", has_article5=True, ap_contamination_km2=pd.NA, estimate_as_of=2021, article5_source_url="https://monitor.example/b"),
    )
    binned = bins_by_iso3(frame, "contamination")
    assert binned.loc["AAA", "bin"] == "20 to 100 (large)"
    assert binned.loc["AAA", "value_text"] == "68"
    assert binned.loc["AAA", "as_of"] == "2022"
    assert binned.loc["AAA", "source_url"] == "https://monitor.example/ago"
    # The state's other columns (as-of, source) do not leak into a figure that is missing.
    assert binned.loc["BBB", "bin"] == NO_DATA
    assert binned.loc["BBB", "value_text"] == "not reported"
    assert pd.isna(binned.loc["BBB", "as_of"]) and pd.isna(binned.loc["BBB", "source_url"])


def test_value_text_keeps_decimals_when_the_figure_has_them():
    frame = make_panel(dict(iso3="AAA", has_article5=True, ap_contamination_km2=1234.56, estimate_as_of=2024),
                       dict(iso3="BBB", support_latest_usd_million=0.5, support_latest_year=2023))
    assert bins_by_iso3(frame, "contamination").loc["AAA", "value_text"] == "1,234.56"
    support = bins_by_iso3(frame, "support")
    assert support.loc["BBB", "value_text"] == "0.50"
    assert support.loc["BBB", "bin"] == "under 1"
    assert support.loc["BBB", "as_of"] == "2023"


def test_no_stated_need_is_no_data_not_a_need_of_zero():
    frame = make_panel(dict(iso3="ZER", needs_total=0), dict(iso3="ONE", needs_total=1), dict(iso3="TEN", needs_total=12))
    binned = bins_by_iso3(frame, "needs")
    assert binned.loc["ZER", "bin"] == NO_DATA
    assert binned.loc["ZER", "value_text"] == "not reported"
    assert binned.loc["ONE", "bin"] == "1"
    assert binned.loc["TEN", "bin"] == "10 or more"
    assert binned["source_url"].isna().all()  # needs come from many statements: the table links each


def test_outlook_is_categorical_and_not_applicable_is_no_obligation():
    frame = make_panel(
        dict(iso3="OFF", has_article5=True, outlook="off pace", estimate_as_of=2024, article5_source_url="https://a.example/off"),
        dict(iso3="ONP", has_article5=True, outlook="on pace", estimate_as_of=2023, article5_source_url="https://a.example/on"),
        dict(iso3="CAN", has_article5=True, outlook="cannot be computed"),
        dict(iso3="DON", has_article5=True, article5_completed=True, outlook="completed"),
        dict(iso3="NAP", outlook="not applicable", estimate_as_of=2020, article5_source_url="https://a.example/nap"),
    )
    binned = bins_by_iso3(frame, "outlook")
    assert binned["bin"].to_dict() == {"OFF": "off pace", "ONP": "on pace", "CAN": "cannot be computed",
                                       "DON": "completed", "NAP": "no Article 5 obligation"}
    assert binned.loc["OFF", "value_text"] == "off pace"
    assert binned.loc["OFF", "as_of"] == "2024" and binned.loc["OFF", "source_url"] == "https://a.example/off"
    assert binned.loc["NAP", "value_text"] == "no Article 5 obligation" and pd.isna(binned.loc["NAP", "source_url"])


def test_survivors_show_the_source_wording_and_bin_on_the_lower_bound():
    frame = make_panel(
        dict(iso3="AFG", survivors_at_least=52000, survivors_estimate="52000-60000", survivors_estimate_year=2019,
             va_source_url="https://va.example/afg"),
        dict(iso3="ALB", survivors_at_least=510, survivors_estimate="at least 510", survivors_estimate_year=2021,
             va_source_url="https://va.example/alb"),
    )
    binned = bins_by_iso3(frame, "survivors")
    assert binned.loc["AFG", "value_text"] == "52,000-60,000"  # the source's wording, its numbers grouped
    assert binned.loc["AFG", "bin"] == "50,000 or more"
    assert binned.loc["AFG", "as_of"] == "2019" and binned.loc["AFG", "source_url"] == "https://va.example/afg"
    assert binned.loc["ALB", "value_text"] == "at least 510"
    with using_language("fr"):
        assert bins_by_iso3(frame, "survivors").loc["AFG", "value_text"] == format_counts("52000-60000")
        assert format_counts("52000-60000") == f"52{NNBSP}000-60{NNBSP}000"
    assert binned.loc["ALB", "bin"] == "under 1,000"


def test_each_row_carries_its_own_as_of_and_source():
    frame = make_panel(
        dict(iso3="AAA", casualties_total=10, casualties_year=2021, casualties_source_url="https://c.example/a"),
        dict(iso3="BBB", casualties_total=300, casualties_year=2024, casualties_source_url="https://c.example/b"),
    )
    binned = bins_by_iso3(frame, "casualties")
    assert binned[["as_of", "source_url"]].to_dict("index") == {
        "AAA": {"as_of": "2021", "source_url": "https://c.example/a"},
        "BBB": {"as_of": "2024", "source_url": "https://c.example/b"},
    }
    assert list(binned.columns) == ["state", "region", "value", "value_text", "bin", "as_of", "source_url"]


def test_every_bin_is_in_the_legend_order_and_no_data_comes_last():
    for metric in METRICS.values():
        order = legend_order(metric)
        assert order[-1] == NO_DATA and len(order) == len(set(order))
        assert len(metric.colors) == len(metric.labels), metric.key
        if not metric.categorical:
            assert len(metric.edges) == len(metric.labels), metric.key


# ---------------------------------------------------------------------------------------------
# compute_headlines


def global_tables():
    figures = pd.DataFrame({
        "indicator": ["Total mine action funding (LM2024)",
                      "International donor mine action funding, 'more than' (LM2024)",
                      "International donor mine action funding, 'more than' (LM2025)",
                      "Share of international mine action funding received by Ukraine (LM2026)"],
        "year": [2023, 2023, 2024, 2025], "value": [1030.0, 700.0, 760.0, 33.0],
        "source_url": ["https://f.example/total", "https://f.example/2023", "https://f.example/2024", "https://f.example/ukr"],
    }).astype({"indicator": "string", "year": "Int64", "value": "Float64", "source_url": "string"})
    casualties = pd.DataFrame({
        "indicator": ["casualties_total", "casualties_total", "casualties_total_revised", "child_casualties"],
        "year": [2022, 2023, 2024, 2025], "value": [4710.0, 5757.0, 9999.0, 1498.0],
        "source_url": ["https://k.example/2022", "https://k.example/2023", "https://k.example/rev", "https://k.example/child"],
    }).astype({"indicator": "string", "year": "Int64", "value": "Float64", "source_url": "string"})
    return figures, casualties


def test_headlines_count_obligations_sum_areas_and_quote_the_world_figures():
    states = make_panel(
        dict(iso3="AAA", has_article5=True, ap_contamination_km2=1200.5, estimate_as_of=2018),
        dict(iso3="BBB", has_article5=True, ap_contamination_km2=30.0, estimate_as_of=2024),
        dict(iso3="CCC", has_article5=True, ap_contamination_km2=pd.NA),
        dict(iso3="DDD", has_article5=True, article5_completed=True, ap_contamination_km2=500.0, estimate_as_of=2010),
        dict(iso3="EEE", has_article5=False),
    )
    obligations, area, casualties, support = compute_headlines(states, *global_tables(), "2026-01-31")
    assert obligations.label == "Clearance obligations" and obligations.value == "3 states"
    assert area.value == "1,230 km²"  # 1200.5 + 30; the completed state's 500 is not counted
    assert area.as_of == "sum of 2 national estimates from 2018 to 2024; 1 states without one"
    assert casualties.label == "Casualties, world"
    assert casualties.value == "5,757"  # latest casualties_total, not the later revised series
    assert casualties.as_of == "2023 (Landmine Monitor 2024, as reported by k.example)"
    assert casualties.source == "https://k.example/2023"
    assert support.label == "International support, world"
    assert support.value == "> US$ 760 m"  # latest "International donor ..." row, not the total or a share
    assert support.as_of == "2024 (Landmine Monitor 2025, as reported by f.example)"
    assert support.source == "https://f.example/2024"


def test_a_world_figure_from_the_monitors_own_site_names_only_the_monitor():
    figures, casualties = global_tables()
    casualties.loc[1, "source_url"] = "https://www.the-monitor.org/reports/landmine-monitor-2024/casualties"
    states = make_panel(dict(iso3="AAA", has_article5=False))
    _obligations, _area, from_monitor, quoted = compute_headlines(states, figures, casualties, "2026-01-31")
    assert from_monitor.as_of == "2023 (Landmine Monitor 2024)"
    assert quoted.as_of == "2024 (Landmine Monitor 2025, as reported by f.example)"


def test_headlines_on_empty_inputs_say_not_reported():
    states = make_panel(dict(iso3="AAA", has_article5=False)).iloc[0:0]
    figures, casualties = global_tables()
    headlines = compute_headlines(states, figures.iloc[0:0], casualties.iloc[0:0], "2026-01-31")
    assert [h.value for h in headlines] == ["0 states", "not reported", "not reported", "not reported"]
    assert headlines[1].as_of == "no estimate in the states shown"
    assert headlines[2].label == "Casualties" and headlines[2].as_of == "" and headlines[2].source == ""


def test_area_headline_says_not_reported_when_no_obligated_state_has_an_estimate():
    states = make_panel(dict(iso3="AAA", has_article5=True), dict(iso3="BBB", has_article5=True))
    area = compute_headlines(states, *global_tables(), "2026-01-31")[1]
    assert area.value == "not reported"
    assert "0 km²" not in area.value


# ---------------------------------------------------------------------------------------------
# make_world_map_figure


@pytest.fixture
def binned_casualties() -> pd.DataFrame:
    frame = make_panel(
        dict(iso3="AGO", state="Angola", casualties_total=55, casualties_year=2023, casualties_source_url="https://c.example/ago"),
        dict(iso3="KHM", state="Cambodia", casualties_total=80, casualties_year=2024, casualties_source_url="https://c.example/khm"),
        dict(iso3="NOR", state="Norway", casualties_total=pd.NA),
        dict(iso3="ISL", state="Iceland", casualties_total=0, casualties_year=2022, casualties_source_url="https://c.example/isl"),
        dict(iso3="AFG", state="Afghanistan", casualties_total=1500, casualties_year=2024, casualties_source_url="https://c.example/afg"),
    )
    return compute_metric_bins(frame, METRICS["casualties"])


def test_map_has_one_choropleth_per_non_empty_bin_named_with_its_count(binned_casualties):
    figure = make_world_map_figure(binned_casualties, METRICS["casualties"])
    assert [t.type for t in figure.data] == ["choropleth"] * 4
    assert [t.name for t in figure.data] == ["0 (1)", "50 to 199 (2)", "1,000 or more (1)", "No data (1)"]
    assert all(t.locationmode == "ISO-3" and t.showlegend for t in figure.data)
    assert figure.layout.legend.title.text == METRICS["casualties"].label


def test_every_state_is_drawn_in_exactly_one_trace(binned_casualties):
    figure = make_world_map_figure(binned_casualties, METRICS["casualties"])
    drawn = [iso3 for trace in figure.data for iso3 in trace.locations]
    assert sorted(drawn) == sorted(binned_casualties["iso3"])
    assert len(drawn) == len(set(drawn))


def test_small_states_get_a_dot_in_their_bins_colour_grouped_with_its_legend_entry(binned_casualties):
    small = pd.DataFrame({"iso3": [binned_casualties["iso3"].iloc[0], "ZZZ"], "lon": [1.0, 2.0], "lat": [3.0, 4.0]})
    figure = make_world_map_figure(binned_casualties, METRICS["casualties"], small_states=small)
    dots = [t for t in figure.data if t.type == "scattergeo"]
    assert len(dots) == 1 and not dots[0].showlegend
    shape = next(t for t in figure.data if t.type == "choropleth" and binned_casualties["iso3"].iloc[0] in t.locations)
    assert dots[0].legendgroup == shape.legendgroup and dots[0].marker.color == shape.colorscale[0][1]
    assert dots[0].customdata[0][-1] == binned_casualties["iso3"].iloc[0]


def test_no_data_trace_is_grey_and_holds_the_missing_states(binned_casualties):
    figure = make_world_map_figure(binned_casualties, METRICS["casualties"])
    no_data = [t for t in figure.data if t.name.startswith(NO_DATA)]
    assert len(no_data) == 1
    assert list(no_data[0].locations) == ["NOR"]
    assert no_data[0].colorscale[0][1] == NO_DATA_COLOR and no_data[0].colorscale[-1][1] == NO_DATA_COLOR


def test_no_data_trace_is_absent_when_every_state_has_a_figure(binned_casualties):
    complete = binned_casualties[binned_casualties["bin"] != NO_DATA]
    figure = make_world_map_figure(complete, METRICS["casualties"])
    assert not any(t.name.startswith(NO_DATA) for t in figure.data)


def test_hover_shows_state_value_as_of_and_source(binned_casualties):
    figure = make_world_map_figure(binned_casualties, METRICS["casualties"])
    hover = {row[0]: list(row) for trace in figure.data for row in trace.customdata}
    assert hover["Angola"] == ["Angola", "55", "2023", "https://c.example/ago", "AGO"]
    assert hover["Iceland"][:4] == ["Iceland", "0", "2022", "https://c.example/isl"]
    assert hover["Norway"][:4] == ["Norway", "not reported", "not reported", "see the Sources page"]
    template = figure.data[0].hovertemplate
    assert "as of %{customdata[2]}" in template and "source: %{customdata[3]}" in template


def test_zoom_to_states_fits_the_map_to_the_states_drawn(binned_casualties):
    zoomed = make_world_map_figure(binned_casualties, METRICS["casualties"], zoom_to_states=True)
    assert zoomed.layout.geo.fitbounds == "locations"
    world = make_world_map_figure(binned_casualties, METRICS["casualties"])
    assert world.layout.geo.fitbounds in (None, False)
    assert tuple(world.layout.geo.lataxis.range) == (-58, 85)
    assert world.layout.geo.resolution == 50


def test_bins_keep_their_colours_whatever_the_other_bins(binned_casualties):
    metric = METRICS["casualties"]
    full = make_world_map_figure(binned_casualties, metric)
    only_afg = make_world_map_figure(binned_casualties[binned_casualties["iso3"] == "AFG"], metric)
    colour = {t.name.split(" (")[0]: t.colorscale[0][1] for t in full.data}
    assert only_afg.data[0].colorscale[0][1] == colour["1,000 or more"] == metric.colors[-1]


def test_ranked_bar_leaves_states_without_a_figure_out(binned_casualties):
    figure = make_ranked_bar_figure(binned_casualties, METRICS["casualties"])
    assert list(figure.data[0].y) == ["Afghanistan", "Cambodia", "Angola", "Iceland"]
    assert "Norway" not in list(figure.data[0].y)


def test_top_states_rank_by_figure_or_by_legend_order_and_drop_states_without_one(binned_casualties):
    ranked = top_states(binned_casualties, METRICS["casualties"], top=2)
    assert ranked["state"].tolist() == ["Afghanistan", "Cambodia"] and ranked["value"].dtype == float
    outlook = METRICS["outlook"]
    frame = pd.DataFrame({"state": ["B", "A", "C", "D"],
                          "bin": [outlook.labels[2], outlook.labels[0], outlook.labels[0], NO_DATA],
                          "value": [outlook.labels[2], outlook.labels[0], outlook.labels[0], None]})
    assert top_states(frame, outlook)["state"].tolist() == ["A", "C", "B"]


# ---------------------------------------------------------------------------------------------
# The real data/


@pytest.fixture(scope="module")
def world_panel() -> pd.DataFrame:
    tables = ReferenceTables(**{f.name: LOADERS[f.name]() for f in dataclasses.fields(ReferenceTables)})
    return build_world_panel(tables, LOADERS["states_not_party"](), TODAY)


def test_world_panel_has_every_state_party_and_every_state_not_party(world_panel):
    assert len(world_panel) == 197  # 166 that ever joined + 31 never party
    assert world_panel["iso3"].is_unique
    assert (world_panel["membership_status"] == "not_party").sum() == 31
    assert set(world_panel["region"]) <= set(REGIONS)
    assert world_panel["region"].notna().all()


def test_default_overview_shows_161_states_parties(world_panel):
    states = filter_states(world_panel, OverviewFilters())
    assert len(states) == 161
    assert not set(states["iso3"]) & {"EST", "FIN", "LVA", "LTU", "POL", "USA", "RUS", "CHN"}


def test_article5_filter_on_the_real_data_gives_the_31_open_obligations(world_panel):
    states = filter_states(world_panel, OverviewFilters(article5_only=True))
    assert len(states) == 31
    assert {"AGO", "KHM", "AFG"} <= set(states["iso3"]) and "GBR" not in set(states["iso3"])


@pytest.mark.parametrize("metric", list(METRICS))
def test_real_data_every_figure_shown_has_a_bin_and_every_missing_one_is_no_data(world_panel, metric):
    states = filter_states(world_panel, OverviewFilters(statuses=("State Party", "Withdrawn", "Not party")))
    binned = compute_metric_bins(states, METRICS[metric])
    assert len(binned) == len(states) == 197
    assert set(binned["bin"]) <= set(legend_order(METRICS[metric]))
    missing = binned["value"].isna() & ~binned["bin"].isin(METRICS[metric].statuses)
    assert (binned.loc[missing, "bin"] == NO_DATA).all()
    assert (binned.loc[~missing, "bin"] != NO_DATA).all()
    assert (binned.loc[missing, "value_text"] == "not reported").all()
    if metric != "needs":
        assert binned.loc[binned["value"].notna(), "source_url"].notna().all()
    completed = binned["bin"] == "obligation completed"
    assert binned.loc[completed, "source_url"].notna().all() and binned.loc[completed, "as_of"].notna().all()
    assert not np.any(binned.loc[missing, "value_text"].astype(str).isin(["0", "0.00", ""]))


def test_a_deadline_passed_days_ago_is_binned_deadline_passed():
    """A deadline passed five days ago is "deadline passed" with a negative figure, never "-0" in "under 2"
    (years_left rounded to 0.1 once made it -0.0)."""
    tables = ReferenceTables(**{f.name: LOADERS[f.name]() for f in dataclasses.fields(ReferenceTables)})
    panel = build_world_panel(tables, LOADERS["states_not_party"](), dt.date(2031, 1, 5))  # Angola: 2030-12-31
    angola = panel[panel["iso3"] == "AGO"]
    assert bool(angola["deadline_passed"].iloc[0])
    binned = compute_metric_bins(angola, METRICS["years_left"]).iloc[0]
    assert (binned["bin"], binned["value_text"], binned["as_of"]) == ("deadline passed", "-0.01", "2030-12-31")


def test_needs_as_of_is_not_the_number_of_needs():
    """A state's needs are counted, and their "as of" says their periods differ (it once read "as of 3",
    the count itself)."""
    frame = make_panel(dict(iso3="THR", needs_total=3))
    binned = bins_by_iso3(frame, "needs")
    assert binned.loc["THR", "value_text"] == "3"
    assert binned.loc["THR", "as_of"] == "periods differ per need"


def test_the_remaining_area_carries_the_other_sources_figure_beside_it_in_the_table_and_the_hover():
    link = "/reporting?iso3=AAA&year=2026&published=2026-12-02"
    frame = make_panel(
        dict(iso3="AAA", state="Aland", has_article5=True, ap_contamination_km2=800.0, estimate_as_of=2026),
        dict(iso3="BBB", state="Bland", has_article5=True, ap_contamination_km2=5.5, estimate_as_of=2023),
    ).assign(contamination_source_url=pd.array([link, "https://compiled.example/bbb"], dtype="string"),
             other_contamination_km2=pd.array([838.29, None], dtype="Float64"),
             other_estimate_as_of=pd.array([2024, None], dtype="Int64"),
             other_contamination_source_url=pd.array(["https://compiled.example/aaa", None], dtype="string"))
    binned = bins_by_iso3(frame, "contamination")
    assert binned.loc["AAA", ["beside_text", "beside_as_of", "beside_source_url"]].tolist() == [
        "838.29", "2024", "https://compiled.example/aaa"]
    assert binned.loc["BBB", ["beside_text", "beside_as_of", "beside_source_url"]].isna().all()  # nothing invented
    assert "beside_text" not in bins_by_iso3(frame, "casualties")  # a metric with one source per figure

    table = str(make_table_html(binned.reset_index(), METRICS["contamination"]))
    row = table[table.index('data-iso3="AAA"'):table.index('data-iso3="BBB"')]
    assert "Article 7 report 2026" in row and f'href="{link.replace("&", "&amp;")}"' in row
    assert "other source: 838.29, as of 2024" in row and 'href="https://compiled.example/aaa"' in row
    assert "other source" not in table[table.index('data-iso3="BBB"'):]
    tips = dict(zip(binned.index, tooltip_lines(binned.reset_index()), strict=True))
    assert tips["AAA"].splitlines()[-1] == "other source: 838.29, as of 2024, https://compiled.example/aaa"
    assert "other source" not in tips["BBB"]
