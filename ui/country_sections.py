"""The sections of the State Party page, in the cooperation committee's outline order.

Each takes the state's profile and renders one section; every figure shows its as-of and source,
and an empty section says "not reported".
"""
from __future__ import annotations

import pandas as pd
import streamlit as st

from charts.country import make_casualties_figure, make_outlook_figure, make_release_figure, make_support_figure
from charts.regional_map import make_regional_map
from config import NEED_AREAS
from domain.country import CountryProfile, Projection
from domain.geography import Neighbourhood
from domain.membership import MEMBERSHIP_LABELS
from ui.components import LINK_ADDRESS, NOT_REPORTED, format_figure, plain, render_chart, render_figure, render_table

CHART_CONFIG = {"displaylogo": False}
TREATY_DATES = {
    "signature_date": "signed", "ratification_or_accession_date": "ratified or acceded",
    "entry_into_force_date": "entry into force", "withdrawal_notified_date": "withdrawal notified",
    "withdrawal_effective_date": "withdrawal effective",
}


def _year(value) -> str | None:
    return None if value is None or pd.isna(value) else str(int(value))


def _not_reported(what: str) -> None:
    st.info(f"{what}: not reported in the sources we hold.", icon=":material/info:")


def render_header(profile: CountryProfile) -> None:
    row = profile.panel
    st.title(profile.name)
    status = MEMBERSHIP_LABELS[row["membership_status"]]
    if profile.treaty is not None:
        dates = [f"{label} {profile.treaty[column]}" for column, label in TREATY_DATES.items()
                 if not pd.isna(profile.treaty[column])]
        st.markdown(f"**{plain(status)}** · {plain('; '.join(dates))} · [UN Treaty Collection]({profile.treaty['source_url']})")
    else:
        note = profile.not_party["notes"] if profile.not_party is not None else NOT_REPORTED
        st.markdown(f"**{plain(status)}** · {plain(note)}")
    obligations = ", ".join(profile.obligations) or "none in the data"
    newest = profile.newest_as_of
    st.caption(f"Obligations: {plain(obligations)} · region: {plain(format_figure(row['region']))} · "
               f"newest figure on this page: {newest or NOT_REPORTED} · each figure shows its own year and source")


def render_national_context(profile: CountryProfile) -> None:
    st.header("1. National context")
    row = profile.panel
    left, middle, right = st.columns(3)
    render_figure(left, "Casualties, latest year", format_figure(row["casualties_total"]), row["casualties_year"],
                  row["casualties_source_url"], help="Killed and injured by mines and explosive remnants of war")
    compared = f"{_year(row['casualties_year'])} against {_year(row['casualties_previous_year'])}"
    render_figure(middle, "Trend against the year before", row["casualties_trend"],
                  compared if _year(row["casualties_previous_year"]) else None)
    render_figure(right, "Survivors (estimate)", format_figure(row["survivors_estimate"]), row["survivors_estimate_year"],
                  row["va_source_url"])
    differ = sorted(profile.casualties.loc[profile.casualties["sources_differ"], "year"].unique())
    if differ:
        st.warning(f"Sources differ on casualties for {', '.join(map(str, differ))}: every source's figure is listed below. "
                   "Landmine Monitor's figure leads where it has one.", icon=":material/compare_arrows:")
    if profile.casualties.empty:
        _not_reported("Casualties by year")
    else:
        render_chart(make_casualties_figure(profile.casualties), key="casualties_chart", config=CHART_CONFIG)
        table = profile.casualties.rename(columns={
            "year": "Year", "casualties_total": "Casualties", "killed": "Killed", "injured": "Injured",
            "civilian_share_pct": "Civilians (%)", "child_casualties": "Children", "female_casualties": "Women and girls",
            "source_url": "Source", "leads": "Figure shown", "notes": "Notes"})
        counts = ["Casualties", "Killed", "Injured", "Civilians (%)", "Children", "Women and girls"]
        render_table(table[["Year", *counts, "Source", "Figure shown", "Notes"]], key="casualties_table",
                     link_columns=("Source",), formats=dict.fromkeys(counts, "%d"))
        st.caption("Data source: casualties (data/casualties.csv). Where two sources give a year, both rows are listed; "
                   "'Figure shown' marks the one in the chart's bars, the other is the diamond.")
    plan = row.get("national_disability_plan")
    if isinstance(plan, str):
        st.markdown(f"**National disability or victim assistance plan:** {plain(plan)}")


def render_implementation(profile: CountryProfile) -> None:
    st.header("2. Status of implementation (Article 5)")
    row = profile.panel
    if not row["has_article5"]:
        st.write("No Article 5 clearance obligation in the data: no mined area under the state's control is reported.")
        return
    deadline, years_left = row["article5_deadline"], row["years_left"]
    left_text = "" if pd.isna(years_left) else (f"{years_left:.1f} years left" if years_left >= 0 else "deadline passed")
    columns = st.columns(3)
    render_figure(columns[0], "Article 5 deadline", format_figure(deadline), None, row["article5_source_url"],
                  help=f"{row['extension_status']}; precision: {format_figure(row['deadline_precision'])}")
    columns[0].caption(plain(f"{row['extension_status']}{'; ' + left_text if left_text else ''}"))
    band = format_figure(row["contamination_band"])
    render_figure(columns[1], "Remaining AP mined area", format_figure(row["ap_contamination_km2"], "km²"),
                  row["estimate_as_of"], row["article5_source_url"], help=f"Contamination band: {band}")
    columns[1].caption(f"band: {plain(band)}")
    render_figure(columns[2], "Latest land release", format_figure(row["latest_release_km2"], "km²"),
                  row["latest_release_year"], row["latest_release_source_url"])
    if not pd.isna(row["latest_release_alternatives"]):
        columns[2].caption(f"other sources for that year: {plain(row['latest_release_alternatives'])} km²")
    if isinstance(row["article5_notes"], str):
        with st.expander("What the source notes say (extensions, other figures)"):
            st.markdown(plain(row["article5_notes"]))
    if profile.releases.empty:
        _not_reported("Land release by year")
    else:
        st.subheader("Land release history")
        render_chart(make_release_figure(profile.releases), key="release_chart", config=CHART_CONFIG)
        table = profile.releases.rename(columns={
            "year": "Year", "land_released_km2": "Land released (km²)", "cleared_km2": "Of which cleared (km²)",
            "ap_mines_destroyed": "AP mines destroyed", "source_url": "Source", "leads": "Figure shown"})
        amounts = ["Land released (km²)", "Of which cleared (km²)", "AP mines destroyed"]
        render_table(table[["Year", *amounts, "Source", "Figure shown"]], key="release_table", link_columns=("Source",),
                     formats={**dict.fromkeys(amounts[:2], "%.2f"), amounts[2]: "%d"})
        st.caption("Data source: land release (data/article5_history.csv, data/article5.csv). Where two sources give a "
                   "year, both rows are listed; the other source's figure is the diamond.")


def render_outlook(projection: Projection, deadline: str) -> None:
    st.markdown(f"**{plain(projection.outlook)}** — {plain(projection.reason)}")
    st.caption(plain(projection.assumptions))
    if projection.projected_completion_year is not None and projection.deadline_year is not None:
        render_chart(make_outlook_figure(projection, deadline), key="outlook_chart", config=CHART_CONFIG)


def render_needs(profile: CountryProfile) -> None:
    st.header("3. Needs and challenges")
    st.caption("Each need as the state or a source stated it. Amounts cover different periods (multi-year plans, "
               "one-year gaps) and some are parts of others, so they are never added up.")
    for area in NEED_AREAS:
        needs = profile.needs[profile.needs["need_category"] == area]
        st.subheader(f"{area.replace('_', ' ').capitalize()} ({len(needs)})")
        if needs.empty:
            st.caption(NOT_REPORTED)
            continue
        table = needs.rename(columns={"description": "Need", "amount_usd_million": "US$ million", "period": "Period",
                                      "source_url": "Source", "notes": "Notes"})
        render_table(table[["Need", "US$ million", "Period", "Source", "Notes"]], key=f"needs_{area}",
                     link_columns=("Source",), formats={"US$ million": "%.2f"})


def render_map(profile: CountryProfile, neighbourhood: Neighbourhood | None) -> None:
    st.header("4. Maps")
    if neighbourhood is None:
        _not_reported(f"A boundary for {profile.name} in the shipped Natural Earth 1:50m map")
        return
    st.pydeck_chart(make_regional_map(neighbourhood), key="regional_map", height=420)
    st.caption(f"{plain(profile.name)} (red) and its neighbours. Boundaries: Natural Earth 1:50m (public domain), "
               "drawn locally. Sub-national hazard areas: not reported (no state's published data is held yet).")


def render_individualised_approach(profile: CountryProfile) -> None:
    st.header("5. Individualised Approach")
    if profile.ia_events.empty:
        _not_reported("Individualised Approach meetings")
        return
    events = profile.ia_events.assign(source=profile.ia_events["source_url"].fillna(profile.ia_events["source"]))
    table = events.rename(columns={"date": "Date", "event": "Event", "venue": "Venue", "source": "Source", "notes": "Notes"})
    render_table(table[["Date", "Event", "Venue", "Source", "Notes"]], key="ia_table", link_columns=("Source",))


def render_partnerships(profile: CountryProfile) -> None:
    st.header("6. Partnerships")
    totals = profile.support_totals.dropna(subset=["usd_million"])
    if totals.empty:
        _not_reported("International support received")
    else:
        st.subheader("Support received per year")
        render_chart(make_support_figure(totals), key="support_chart", config=CHART_CONFIG)
        st.caption("Data source: international support by recipient (data/support_by_recipient.csv), Landmine Monitor's "
                   "recipient totals. Donor rows below are partial and never added up to make a total.")
    if profile.support_pairs.empty:
        _not_reported("Support by donor")
        return
    st.subheader("By donor and year")
    table = profile.support_pairs.rename(columns={
        "donor": "Donor", "year": "Year", "usd_million": "US$ million", "thematic_area": "Area", "kind": "Kind",
        "partial_table": "From a partial table", "sources_differ": "Sources differ", "source_url": "Source", "notes": "Notes"})
    render_table(table[["Donor", "Year", "US$ million", "Area", "Kind", "From a partial table", "Sources differ", "Source",
                        "Notes"]], key="pairs_table", link_columns=("Source",), formats={"US$ million": "%.2f"})


def render_contacts(profile: CountryProfile) -> None:
    st.header("7. Contacts")
    focal_point = profile.panel.get("va_focal_point")
    st.markdown(f"**Victim assistance focal point:** {plain(focal_point) if isinstance(focal_point, str) else NOT_REPORTED}")
    st.markdown(f"**National mine action authority:** {NOT_REPORTED}")


def render_resources(profile: CountryProfile) -> None:
    st.header("8. Additional resources")
    if profile.resources.empty:
        _not_reported("Cited pages")
        return
    st.caption("Only pages our data cites for this state, grouped by publisher.")
    table = profile.resources.rename(columns={"publisher": "Publisher", "url": "Page", "rows_citing": "Figures citing it"})
    render_table(table, key="resources_table", link_columns=("Page",), link_text=LINK_ADDRESS)
