"""The Gaps page's views. Each renders its figure or grid with sources and returns what was clicked."""
from __future__ import annotations

import datetime as dt

import pandas as pd
import streamlit as st

from charts.gaps import make_casualties_support_figure, make_deadline_bubble_figure, make_state_series_figure
from domain.history import rank_casualties
from domain.membership import MEMBERSHIP_LABELS
from ui.components import render_chart, render_downloads, render_source_line, render_table, select_columns

CHART_CONFIG = {"displaylogo": False}
COMPILED = "2026-11-27"


def selected_state(event) -> str | None:
    """The ISO3 a chart point (first customdata item) or a grid row (its iso3 cell) names, if any."""
    if not event:
        return None
    if isinstance(event, str):
        return event
    points = (event.get("selection") or {}).get("points") or []
    return (points[0].get("customdata") or [None])[0] if points else None


def render_pace_view(panel: pd.DataFrame):
    open_art5 = panel[panel["has_article5"] & ~panel["article5_completed"]]
    drawn = open_art5.dropna(subset=["years_left", "ap_contamination_km2"])
    drawn = drawn[drawn["ap_contamination_km2"] > 0]
    st.caption(f"{len(drawn)} of {len(open_art5)} states with an open Article 5 obligation have both a deadline and a "
               "remaining-area estimate; bubble size = needs no agreed or funded partnership covers. Click a bubble to "
               "open the state.")
    event = render_chart(make_deadline_bubble_figure(drawn), key="pace_chart", on_select="rerun",
                            selection_mode="points", config=CHART_CONFIG)
    render_source_line(["Article 5 table and land release history (Landmine Monitor, Mine Action Review)",
                        "needs in the registry"], COMPILED)
    missing = open_art5[~open_art5["iso3"].isin(drawn["iso3"])]
    st.subheader(f"Not drawn: no deadline or no area estimate ({len(missing)})")
    render_table(select_columns(missing, {"state": "State", "article5_deadline": "Deadline", "extension_status": "Extensions",
                                          "contamination_band": "Band", "outlook_reason": "Why no outlook"}), key="not_drawn")
    behind = open_art5[open_art5["outlook"].isin(["off pace", "cannot be computed"])]
    st.subheader(f"Off pace, or the pace cannot be computed ({len(behind)})")
    table = select_columns(behind, {"state": "State", "iso3": "ISO3", "outlook": "Outlook", "outlook_reason": "Why",
                                    "article5_deadline": "Deadline", "article5_source_url": "Source"})
    render_table(table, key="behind", link_columns=("Source",))
    render_downloads(table.assign(as_of=COMPILED), "off_pace", "this list")
    return event


def render_casualties_view(trends: pd.DataFrame, casualties: pd.DataFrame, support: pd.DataFrame, panel: pd.DataFrame):
    flagged = trends[trends["rising_while_support_falls"]]
    st.caption(f"{len(trends)} states have casualty and support figures for two or more of the same years; "
               f"{len(flagged)} saw casualties rise while support fell between their last two such years. "
               "Top left = rising casualties, falling support. Click a point to open the state.")
    event = render_chart(make_casualties_support_figure(trends), key="casualties_chart", on_select="rerun",
                            selection_mode="points", config=CHART_CONFIG)
    render_source_line(["Casualties (Landmine Monitor leads where sources differ)", "International support by recipient"], COMPILED)
    names = panel.set_index("iso3")["state"]
    choices = list(trends["iso3"])
    if choices:
        iso3 = st.selectbox("One state over time", choices, format_func=lambda c: names.get(c, c), key="series_state")
        lead = rank_casualties(casualties[casualties["iso3"] == iso3])
        render_chart(make_state_series_figure(lead[lead["leads"]], support[support["iso3"] == iso3].dropna(subset=["usd_million"]),
                                                 names.get(iso3, iso3)), key="series_chart", config=CHART_CONFIG)
    table = trends.rename(columns={"casualties_total": "casualties", "casualties_total_before": "casualties before",
                                   "support_usd_million": "support (US$ m)", "support_usd_million_before": "support before (US$ m)"})
    render_downloads(table.assign(as_of=table["year"]), "casualties_against_support", "these figures")
    return event


COMPLETENESS_HELP = {
    "contamination_estimate": "Year of the remaining-area estimate; stale when older than 5 years",
    "deadline": "Whether the Article 5 deadline is current",
    "casualty_data": "Latest year with a casualty figure",
    "victim_assistance_data": "Year of the survivors estimate, for states with significant numbers of survivors",
}


def render_completeness_view(grid: pd.DataFrame, on: dt.date):
    st.caption(f"What information exists for each State Party, as of {on:%d %B %Y}: a year, 'stale (year)' when "
               "older than 5 years, 'not reported', or 'no obligation'. States with the most gaps first. "
               "Select a row to open the state.")
    config = {column: st.column_config.TextColumn(help=text) for column, text in COMPLETENESS_HELP.items()}
    event = st.dataframe(grid, hide_index=True, width="stretch", key="completeness", on_select="rerun",
                         selection_mode="single-row", column_config=config, height=520)
    render_source_line(["Article 5 table", "casualties", "victim assistance", "stated needs",
                        "Individualised Approach events"], COMPILED)
    render_downloads(grid.assign(as_of=on.isoformat()), "reporting_completeness", "the grid")
    rows = event.selection.rows if event else []
    return grid.iloc[rows[0]]["iso3"] if rows else None


PANEL_COLUMNS = {
    "state": "State", "iso3": "ISO3", "membership_status": "Status", "article5_deadline": "Art. 5 deadline",
    "years_left": "Years left", "extension_status": "Extensions", "ap_contamination_km2": "AP mined area (km²)",
    "estimate_as_of": "Area as of", "contamination_band": "Band", "latest_release_km2": "Land released (km²)",
    "latest_release_year": "Released in", "outlook": "Outlook", "outlook_reason": "Why", "casualties_total": "Casualties",
    "casualties_year": "Casualties year", "casualties_trend": "Trend", "survivors_estimate": "Survivors (estimate)",
    "survivors_estimate_year": "Survivors as of", "support_latest_usd_million": "Support received (US$ m)",
    "support_latest_year": "Support year", "needs_total": "Needs stated", "ia_events": "IA events",
    "article5_source_url": "Art. 5 source", "casualties_source_url": "Casualties source", "support_source_url": "Support source",
}
PANEL_FORMATS = {"Years left": "%.1f", "Area as of": "%d", "Released in": "%d", "Casualties year": "%d",
                 "Survivors as of": "%d", "Support year": "%d"}


def render_panel_view(panel: pd.DataFrame, show: str, on: dt.date):
    panel = panel.assign(membership_status=panel["membership_status"].map(MEMBERSHIP_LABELS))
    if show == "Article 5 obligations":
        panel = panel[panel["has_article5"] & ~panel["article5_completed"]]
    elif show == "Significant numbers of survivors":
        panel = panel[panel["significant_survivors"]]
    st.caption(f"{len(panel)} states, membership as of {on:%d %B %Y}. 'not reported' means no figure was found in the "
               "sources; it is never zero. Where two sources disagree, the Landmine Monitor figure is shown and the other "
               "is kept on the State Party page.")
    table = select_columns(panel, PANEL_COLUMNS)
    render_table(table, key="panel", link_columns=("Art. 5 source", "Casualties source", "Support source"), formats=PANEL_FORMATS)
    render_downloads(table, f"state_party_panel_{on.isoformat()}", "the panel")
    render_source_line(["States Parties (UN Treaty Collection)", "Article 5", "land release", "casualties",
                        "victim assistance", "support by recipient", "stated needs"], COMPILED)
    return None
