"""The sections of the State Party page, in the cooperation committee's outline order.

Each takes the state's profile and renders one section; every figure shows its as-of and source,
and an empty section says "not reported".
"""
from __future__ import annotations

import pandas as pd
import streamlit as st

from charts.country import make_casualties_figure, make_outlook_figure, make_release_figure, make_support_figure
from charts.regional_map import make_regional_map
from charts.slide_images import make_state_slide
from config import NEED_AREAS
from domain.country import CountryProfile, Projection
from domain.geography import Neighbourhood
from domain.membership import MEMBERSHIP_LABELS
from domain.needs_filters import AREA_LABELS
from i18n import N_, _, format_decimal, translate_message
from ui.cached import cached_compiled_date
from ui.components import (
    LINK_ADDRESS, NOT_REPORTED, format_figure, plain, render_chart, render_figure, render_slide_images, render_table,
)
from ui.localize import state_name, translate_columns

CHART_CONFIG = {"displaylogo": False}
TREATY_DATES = {
    "signature_date": N_("signed"), "ratification_or_accession_date": N_("ratified or acceded"),
    "entry_into_force_date": N_("entry into force"), "withdrawal_notified_date": N_("withdrawal notified"),
    "withdrawal_effective_date": N_("withdrawal effective"),
}
# Landmine Monitor's contamination bands (config.CONTAMINATION_BANDS), as the page shows them.
BANDS = (N_("massive"), N_("large"), N_("medium"), N_("small"), N_("unknown"), N_("improvised mines, extent unknown"))


def _year(value) -> str | None:
    return None if value is None or pd.isna(value) else str(int(value))


def _not_reported(what: str) -> None:
    st.info(_("{what}: not reported in the sources we hold.").format(what=what), icon=":material/info:")


def _columns(frame: pd.DataFrame, columns: dict[str, str]) -> tuple[pd.DataFrame, dict[str, str]]:
    """`frame` with columns renamed to their translated labels, and the map from each English label to its header."""
    headers = {label: _(label) for label in columns.values()}
    return frame.rename(columns={column: headers[label] for column, label in columns.items()}), headers


def render_header(profile: CountryProfile) -> None:
    row = profile.panel
    name = state_name(profile.iso3, profile.name)
    st.title(name)
    status = _(MEMBERSHIP_LABELS[row["membership_status"]])
    if profile.treaty is not None:
        dates = [f"{_(label)} {profile.treaty[column]}" for column, label in TREATY_DATES.items()
                 if not pd.isna(profile.treaty[column])]
        st.markdown(f"**{plain(status)}** · {plain('; '.join(dates))} · [{_('UN Treaty Collection')}]({profile.treaty['source_url']})")
    else:
        note = profile.not_party["notes"] if profile.not_party is not None else _(NOT_REPORTED)
        st.markdown(f"**{plain(status)}** · {plain(note)}")
    obligations = ", ".join(_(o) for o in profile.obligations) or _("none in the data")
    newest = profile.newest_as_of
    st.caption(_("Obligations: {obligations} · region: {region} · newest figure on this page: {newest} · each figure shows "
                 "its own year and source").format(obligations=plain(obligations), region=plain(format_figure(row["region"])),
                                                   newest=newest or _(NOT_REPORTED)))


def render_national_context(profile: CountryProfile) -> None:
    st.header(_("1. National context"))
    row = profile.panel
    left, middle, right = st.columns(3)
    render_figure(left, _("Casualties, latest year"), format_figure(row["casualties_total"]), row["casualties_year"],
                  row["casualties_source_url"], help=_("Killed and injured by mines and explosive remnants of war"))
    compared = _("{year} against {previous}").format(year=_year(row["casualties_year"]),
                                                     previous=_year(row["casualties_previous_year"]))
    render_figure(middle, _("Trend against the year before"), _(row["casualties_trend"]),
                  compared if _year(row["casualties_previous_year"]) else None)
    render_figure(right, _("Survivors (estimate)"), format_figure(row["survivors_estimate"]), row["survivors_estimate_year"],
                  row["va_source_url"])
    differ = sorted(profile.casualties.loc[profile.casualties["sources_differ"], "year"].unique())
    if differ:
        st.warning(_("Sources differ on casualties for {years}: every source's figure is listed below. Landmine Monitor's "
                     "figure leads where it has one.").format(years=", ".join(map(str, differ))),
                   icon=":material/compare_arrows:")
    if profile.casualties.empty:
        _not_reported(_("Casualties by year"))
    else:
        render_chart(make_casualties_figure(profile.casualties), key="casualties_chart", config=CHART_CONFIG,
                     alt=_("Bar chart of casualties per year in {state}: killed and injured stacked where the split is "
                           "known; the table below lists every source's figure.").format(state=state_name(profile.iso3, profile.name)))
        table, h = _columns(profile.casualties, {
            "year": N_("Year"), "casualties_total": N_("Casualties"), "killed": N_("Killed"), "injured": N_("Injured"),
            "civilian_share_pct": N_("Civilians (%)"), "child_casualties": N_("Children"),
            "female_casualties": N_("Women and girls"), "source_url": N_("Source"), "leads": N_("Figure shown"),
            "notes": N_("Notes")})
        counts = [h["Casualties"], h["Killed"], h["Injured"], h["Civilians (%)"], h["Children"], h["Women and girls"]]
        render_table(table[[h["Year"], *counts, h["Source"], h["Figure shown"], h["Notes"]]], key=f"casualties_{profile.iso3}",
                     as_of=h["Year"], link_columns=(h["Source"],), formats=dict.fromkeys(counts, "%d"))
        st.caption(_("Data source: casualties (data/casualties.csv). Where two sources give a year, both rows are listed; "
                     "'Figure shown' marks the one in the chart's bars, the other is the diamond."))
    plan = row.get("national_disability_plan")
    if isinstance(plan, str):
        st.markdown(_("**National disability or victim assistance plan:** {plan}").format(plan=plain(plan)))


def render_implementation(profile: CountryProfile) -> None:
    st.header(_("2. Status of implementation (Article 5)"))
    row = profile.panel
    if not row["has_article5"]:
        st.write(_("No Article 5 clearance obligation in the data: no mined area under the state's control is reported."))
        return
    deadline, years_left = row["article5_deadline"], row["years_left"]
    left_text = "" if pd.isna(years_left) else (
        _("{years} years left").format(years=format_decimal(years_left, 1)) if years_left >= 0 else _("deadline passed"))
    extension = translate_message(row["extension_status"])
    columns = st.columns(3)
    render_figure(columns[0], _("Article 5 deadline"), format_figure(deadline), None, row["article5_source_url"],
                  help=_("{extensions}; precision: {precision}").format(
                      extensions=extension, precision=format_figure(row["deadline_precision"])))
    columns[0].caption(plain(f"{extension}{'; ' + left_text if left_text else ''}"))
    band = format_figure(row["contamination_band"])
    render_figure(columns[1], _("Remaining AP mined area"), format_figure(row["ap_contamination_km2"], "km²"),
                  row["estimate_as_of"], row["article5_source_url"], help=_("Contamination band: {band}").format(band=band))
    columns[1].caption(_("band: {band}").format(band=plain(band)))
    render_figure(columns[2], _("Latest land release"), format_figure(row["latest_release_km2"], "km²"),
                  row["latest_release_year"], row["latest_release_source_url"])
    if not pd.isna(row["latest_release_alternatives"]):
        columns[2].caption(_("other sources for that year: {figures} km²").format(
            figures=plain(row["latest_release_alternatives"])))
    if isinstance(row["article5_notes"], str):
        with st.expander(_("What the source notes say (extensions, other figures)")):
            st.markdown(plain(row["article5_notes"]))
    if profile.releases.empty:
        _not_reported(_("Land release by year"))
    else:
        st.subheader(_("Land release history"))
        render_chart(make_release_figure(profile.releases), key="release_chart", config=CHART_CONFIG,
                     alt=_("Bar chart of land released per year in {state}; the table below lists every source's figure.").format(
                         state=state_name(profile.iso3, profile.name)))
        table, h = _columns(profile.releases, {
            "year": N_("Year"), "land_released_km2": N_("Land released (km²)"), "cleared_km2": N_("Of which cleared (km²)"),
            "ap_mines_destroyed": N_("AP mines destroyed"), "source_url": N_("Source"), "leads": N_("Figure shown")})
        amounts = [h["Land released (km²)"], h["Of which cleared (km²)"], h["AP mines destroyed"]]
        render_table(table[[h["Year"], *amounts, h["Source"], h["Figure shown"]]], key=f"land_release_{profile.iso3}",
                     as_of=h["Year"], link_columns=(h["Source"],), formats={**dict.fromkeys(amounts[:2], "%.2f"), amounts[2]: "%d"})
        st.caption(_("Data source: land release (data/article5_history.csv, data/article5.csv). Where two sources give a "
                     "year, both rows are listed; the other source's figure is the diamond."))


def render_outlook(projection: Projection, deadline: str) -> None:
    st.markdown(f"**{plain(_(projection.outlook))}** — {plain(translate_message(projection.reason))}")
    st.caption(plain(translate_message(projection.assumptions)))
    if projection.projected_completion_year is not None and projection.deadline_year is not None:
        points = pd.DataFrame({_("Year"): [projection.start_year, projection.projected_completion_year, projection.deadline_year],
                               _("Remaining area (km²)"): [projection.remaining_km2, 0.0, None],
                               _("Point"): [_("estimate"), _("projected completion"), _("Article 5 deadline")]})
        render_chart(make_outlook_figure(projection, deadline), key="outlook_chart", config=CHART_CONFIG, data=points,
                     alt=_("Line from the remaining area ({area} km² at the end of the estimate year) down to zero at the "
                           "projected completion ({end}), beside the Article 5 deadline ({deadline}).").format(
                         area=format_figure(projection.remaining_km2), end=format_figure(projection.projected_completion_year),
                         deadline=deadline))


def render_needs(profile: CountryProfile) -> None:
    st.header(_("3. Needs and challenges"))
    st.caption(_("Each need as the state or a source stated it. Amounts cover different periods (multi-year plans, "
                 "one-year gaps) and some are parts of others, so they are never added up."))
    for area in NEED_AREAS:
        needs = profile.needs[profile.needs["need_category"] == area]
        st.subheader(_("{area} ({count})").format(area=_(AREA_LABELS[area]).capitalize(), count=len(needs)))
        if needs.empty:
            st.caption(_(NOT_REPORTED))
            continue
        table, h = _columns(needs, {"description": N_("Need"), "amount_usd_million": N_("US$ million"),
                                    "period": N_("Period"), "source_url": N_("Source"), "notes": N_("Notes")})
        render_table(table[list(h.values())], key=f"needs_{area}_{profile.iso3}", as_of=h["Period"],
                     link_columns=(h["Source"],), formats={h["US$ million"]: "%.2f"})


def render_map(profile: CountryProfile, neighbourhood: Neighbourhood | None) -> None:
    st.header(_("4. Maps"))
    name = state_name(profile.iso3, profile.name)
    if neighbourhood is None:
        _not_reported(_("A boundary for {state} in the shipped Natural Earth 1:50m map").format(state=name))
        return
    st.pydeck_chart(make_regional_map(neighbourhood), key="regional_map", height=420,
                    alt=_("Map of {state} (red) and its neighbours; drag to move, scroll or use + and - to zoom.").format(
                        state=state_name(profile.iso3, profile.name)))
    st.caption(_("{state} (red) and its neighbours. Boundaries: Natural Earth 1:50m (public domain), drawn locally. "
                 "Sub-national hazard areas: not reported (no state's published data is held yet).").format(state=plain(name)))


def render_individualised_approach(profile: CountryProfile) -> None:
    st.header(_("5. Individualised Approach"))
    if profile.ia_events.empty:
        _not_reported(_("Individualised Approach meetings"))
        return
    events = profile.ia_events.assign(source=profile.ia_events["source_url"].fillna(profile.ia_events["source"]))
    table, h = _columns(events, {"date": N_("Date"), "event": N_("Event"), "venue": N_("Venue"), "source": N_("Source"),
                                 "notes": N_("Notes")})
    render_table(table[list(h.values())], key=f"individualised_approach_{profile.iso3}", as_of=h["Date"],
                 link_columns=(h["Source"],))


def render_partnerships(profile: CountryProfile) -> None:
    st.header(_("6. Partnerships"))
    totals = profile.support_totals.dropna(subset=["usd_million"])
    if totals.empty:
        _not_reported(_("International support received"))
    else:
        st.subheader(_("Support received per year"))
        data, h = _columns(totals, {"year": N_("Year"), "usd_million": N_("US$ million"), "source_url": N_("Source")})
        render_chart(make_support_figure(totals), key="support_chart", config=CHART_CONFIG, data=data[list(h.values())],
                     alt=_("Bar chart of international support received per year by {state}, in US$ million "
                           "(recipient totals).").format(state=state_name(profile.iso3, profile.name)))
        st.caption(_("Data source: international support by recipient (data/support_by_recipient.csv), Landmine Monitor's "
                     "recipient totals. Donor rows below are partial and never added up to make a total."))
    if profile.support_pairs.empty:
        _not_reported(_("Support by donor"))
        return
    st.subheader(_("By donor and year"))
    table, h = _columns(translate_columns(profile.support_pairs, ["kind"]), {
        "donor": N_("Donor"), "year": N_("Year"), "usd_million": N_("US$ million"), "thematic_area": N_("Area"),
        "kind": N_("Kind"), "partial_table": N_("From a partial table"), "sources_differ": N_("Sources differ"),
        "source_url": N_("Source"), "notes": N_("Notes")})
    render_table(table[list(h.values())], key=f"support_by_donor_{profile.iso3}", as_of=h["Year"], link_columns=(h["Source"],),
                 formats={h["US$ million"]: "%.2f"})


def render_contacts(profile: CountryProfile) -> None:
    st.header(_("7. Contacts"))
    focal_point = profile.panel.get("va_focal_point")
    st.markdown(_("**Victim assistance focal point:** {contact}").format(
        contact=plain(focal_point) if isinstance(focal_point, str) else _(NOT_REPORTED)))
    st.markdown(_("**National mine action authority:** {contact}").format(contact=_(NOT_REPORTED)))


def render_resources(profile: CountryProfile) -> None:
    st.header(_("8. Additional resources"))
    if profile.resources.empty:
        _not_reported(_("Cited pages"))
        return
    st.caption(_("Only pages our data cites for this state, grouped by publisher."))
    table, h = _columns(translate_columns(profile.resources, ["publisher"]), {
        "publisher": N_("Publisher"), "url": N_("Page"), "rows_citing": N_("Figures citing it")})
    render_table(table, key=f"cited_pages_{profile.iso3}", as_of=cached_compiled_date(), link_columns=(h["Page"],), link_text=LINK_ADDRESS)


def render_state_slide_images(profile: CountryProfile) -> None:
    """A slide of the state's charts (casualties, land release, support), drawn on the server when asked for."""
    def slide():
        charts = {}
        if not profile.casualties.empty:
            charts[_("Casualties by year")] = make_casualties_figure(profile.casualties)
        if not profile.releases.empty:
            charts[_("Land release history")] = make_release_figure(profile.releases)
        totals = profile.support_totals.dropna(subset=["usd_million"])
        if not totals.empty:
            charts[_("Support received per year")] = make_support_figure(totals)
        title = f"{state_name(profile.iso3, profile.name)} · {_(MEMBERSHIP_LABELS[profile.panel['membership_status']])}"
        source = _("Data source: {titles}. Compiled {date}.").format(
            titles=_("casualties, land release and support by recipient (Landmine Monitor and the sources each row cites)"),
            date=cached_compiled_date())
        return make_state_slide(charts, title, source)

    render_slide_images(slide, f"{profile.iso3}_slide")
