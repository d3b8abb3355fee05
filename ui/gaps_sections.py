"""The Gaps page's views. Each renders its figure or grid with sources and returns what was clicked."""
from __future__ import annotations

import datetime as dt
from urllib.parse import urlencode

import pandas as pd
import streamlit as st

from charts.gaps import make_casualties_support_figure, make_deadline_bubble_figure, make_state_series_figure
from domain.history import rank_casualties
from domain.membership import MEMBERSHIP_LABELS
from domain.overview import NO_OBLIGATION
from i18n import N_, _, format_date
from ui.cached import cached_compiled_date
from ui.components import render_chart, render_downloads, render_source_line, render_table, select_columns
from ui.localize import translate_columns
from ui.presenter import fit_to_slide, slide_height
from ui.url_state import with_language

CHART_CONFIG = {"displaylogo": False}


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
    st.caption(_("{drawn} of {total} states with an open Article 5 obligation have both a deadline and a remaining-area "
                 "estimate; bubble size = needs no agreed or funded partnership covers. "
                 "Click a bubble to open the state.").format(drawn=len(drawn), total=len(open_art5)))
    data = select_columns(drawn, {"state": N_("State"), "years_left": N_("Years left"),
                                  "ap_contamination_km2": N_("AP mined area (km²)"), "estimate_as_of": N_("Area as of"),
                                  "uncovered_needs": N_("Uncovered needs"), "outlook": N_("Outlook")})
    event = render_chart(fit_to_slide(make_deadline_bubble_figure(drawn)), key="pace_chart", on_select="rerun",
                         selection_mode="points", config=CHART_CONFIG, data=data,
                         alt=_("Bubble chart of remaining anti-personnel mined area against years left to the Article 5 "
                               "deadline for {count} states; bubble size is the number of uncovered needs, colour the "
                               "completion outlook.").format(count=len(drawn)))
    render_source_line([_("Article 5 table and land release history (Landmine Monitor, Mine Action Review)"),
                        _("needs in the registry")])
    missing = open_art5[~open_art5["iso3"].isin(drawn["iso3"])]
    words = ["extension_status", "contamination_band", "outlook", "outlook_reason"]
    st.subheader(_("Not drawn: no deadline or no area estimate ({count})").format(count=len(missing)))
    # The source before the long text: at 1440 px the text would push it out of view.
    render_table(select_columns(translate_columns(missing, words), {
        "state": N_("State"), "article5_deadline": N_("Deadline"), "article5_source_url": N_("Source"),
        "extension_status": N_("Extensions"), "contamination_band": N_("Band"), "outlook_reason": N_("Why no outlook")}),
        key="not_drawn", as_of=cached_compiled_date(), link_columns=(_("Source"),))
    behind = open_art5[open_art5["outlook"].isin(["off pace", "cannot be computed"])]
    st.subheader(_("Off pace, or the pace cannot be computed ({count})").format(count=len(behind)))
    table = select_columns(translate_columns(behind, words), {
        "state": N_("State"), "iso3": "ISO3", "outlook": N_("Outlook"), "article5_deadline": N_("Deadline"),
        "article5_source_url": N_("Source"), "outlook_reason": N_("Why")})
    render_table(table, key="off_pace", as_of=cached_compiled_date(), link_columns=(_("Source"),))
    return event


def render_casualties_view(trends: pd.DataFrame, casualties: pd.DataFrame, support: pd.DataFrame, panel: pd.DataFrame):
    flagged = trends[trends["rising_while_support_falls"]]
    st.caption(_("{count} states have casualty and support figures for two or more of the same years; {flagged} saw "
                 "casualties rise while support fell between their last two such years. Top left = rising casualties, "
                 "falling support. Click a point to open the state.").format(count=len(trends), flagged=len(flagged)))
    data = select_columns(trends, {"iso3": "ISO3", "previous_year": N_("From"), "year": N_("To"),
                               "casualties_total_before": N_("Casualties before"), "casualties_total": N_("Casualties"),
                               "support_usd_million_before": N_("Support before (US$ m)"),
                               "support_usd_million": N_("Support (US$ m)")})
    event = render_chart(fit_to_slide(make_casualties_support_figure(trends)), key="casualties_chart", on_select="rerun",
                         selection_mode="points", config=CHART_CONFIG, data=data,
                         alt=_("Scatter chart of the change in casualties against the change in support received over "
                               "the same two years for {count} states; {flagged} sit top left, casualties rising while "
                               "support falls.").format(count=len(trends), flagged=len(flagged)))
    render_source_line([_("Casualties (Landmine Monitor leads where sources differ)"),
                        _("International support by recipient")])
    names = panel.set_index("iso3")["state"]
    choices = list(trends["iso3"])
    if choices:
        iso3 = st.selectbox(_("One state over time"), choices, format_func=lambda c: names.get(c, c), key="series_state")
        lead = rank_casualties(casualties[casualties["iso3"] == iso3])
        paid = support[support["iso3"] == iso3].dropna(subset=["usd_million"])
        series = lead.loc[lead["leads"], ["year", "casualties_total"]].merge(paid[["year", "usd_million"]], on="year",
                                                                             how="outer")
        data = select_columns(series.sort_values("year"), {"year": N_("Year"), "casualties_total": N_("Casualties"),
                                                       "usd_million": N_("Support (US$ m)")})
        render_chart(make_state_series_figure(lead[lead["leads"]], paid, names.get(iso3, iso3)), key="series_chart",
                     config=CHART_CONFIG, data=data,
                     alt=_("Casualties per year (bars) and support received per year (line) for {state}.").format(
                         state=names.get(iso3, iso3)))
    table = trends.rename(columns={"casualties_total": "casualties", "casualties_total_before": "casualties before",
                                   "support_usd_million": "support (US$ m)",
                                   "support_usd_million_before": "support before (US$ m)"})
    render_downloads(table.assign(as_of=table["year"]), "casualties_against_support", N_("these figures"))
    return event


COMPLETENESS_HELP = {
    "contamination_estimate": N_("Year of the remaining-area estimate; stale when older than 5 years"),
    "deadline": N_("Whether the Article 5 deadline is current"),
    "casualty_data": N_("Latest year with a casualty figure"),
    "victim_assistance_data": N_("Year of the survivors estimate, for states with significant numbers of survivors"),
}
# The grid's column names are the domain's; headers shown are these.
COMPLETENESS_HEADERS = {
    "state": N_("state"), "contamination_estimate": N_("contamination estimate"), "deadline": N_("deadline"),
    "needs_stated": N_("needs stated"), "casualty_data": N_("casualty data"),
    "victim_assistance_data": N_("victim assistance data"), "ia_events": N_("IA events"), "gaps": N_("gaps"),
}


def render_completeness_view(grid: pd.DataFrame, on: dt.date):
    st.caption(_("What information exists for each State Party, as of {date}: a year, 'stale (year)' when older than 5 "
                 "years, 'not reported', or 'no obligation'. States with the most gaps first. Select a row to open the "
                 "state.").format(date=format_date(on)))
    grid = translate_columns(grid, ["contamination_estimate", "deadline", "casualty_data", "victim_assistance_data"])
    config = {column: st.column_config.TextColumn(_(COMPLETENESS_HEADERS[column]), help=_(text))
              for column, text in COMPLETENESS_HELP.items()}
    config |= {column: st.column_config.Column(_(label)) for column, label in COMPLETENESS_HEADERS.items()
               if column not in config}
    event = st.dataframe(grid, hide_index=True, width="stretch", key="completeness", on_select="rerun",
                         selection_mode="single-row", column_config=config, height=slide_height(520))
    render_source_line([_("Article 5 table"), _("casualties"), _("victim assistance"), _("stated needs"),
                        _("Individualised Approach events")])
    query = urlencode(with_language({}))
    st.markdown(_("The States' own Article 7 reports, year by year (on time, late, missing, forms marked unchanged): "
                  "[Article 7 reporting across States]({link})").format(link=f"/article7{'?' + query if query else ''}"))
    render_downloads(grid.assign(as_of=on.isoformat()), "reporting_completeness", N_("the grid"))
    rows = event.selection.rows if event else []
    return grid.iloc[rows[0]]["iso3"] if rows else None


# Each figure with its year and source beside it, and the Article 5 group (the first) ahead of long text,
# so at 1440 px the first figures are seen with their as-of and source, and later ones scroll in with theirs.
PANEL_COLUMNS = {
    "state": N_("State"), "iso3": "ISO3", "membership_status": N_("Status"), "article5_deadline": N_("Art. 5 deadline"),
    "ap_contamination_km2": N_("AP mined area (km²)"), "estimate_as_of": N_("Area as of"),
    "contamination_source_url": N_("Area source"), "article5_source_url": N_("Art. 5 source"),
    # A published Article 7 report's area beside the compiled one (or the compiled beside the report's newer one).
    "other_contamination_km2": N_("Other source's area (km²)"), "other_estimate_as_of": N_("Other area as of"),
    "other_contamination_source_url": N_("Other area source"),
    "years_left": N_("Years left"), "extension_status": N_("Extensions"),
    "contamination_band": N_("Band"), "latest_release_km2": N_("Land released (km²)"),
    "latest_release_year": N_("Released in"), "outlook": N_("Outlook"), "outlook_reason": N_("Why"),
    "casualties_total": N_("Casualties"), "casualties_year": N_("Casualties year"),
    "casualties_source_url": N_("Casualties source"), "casualties_trend": N_("Trend"),
    "survivors_estimate": N_("Survivors (estimate)"), "survivors_estimate_year": N_("Survivors as of"),
    "support_latest_usd_million": N_("Support received (US$ m)"), "support_latest_year": N_("Support year"),
    "support_source_url": N_("Support source"), "needs_total": N_("Needs stated"), "ia_events": N_("IA events"),
}
PANEL_FORMATS = {"Years left": "%.1f", "Area as of": "%d", "Other area as of": "%d", "Released in": "%d", "Casualties year": "%d",
                 "Survivors as of": "%d", "Support year": "%d"}
PANEL_LINKS = ("Area source", "Other area source", "Art. 5 source", "Casualties source", "Support source")


def render_panel_view(panel: pd.DataFrame, show: str, on: dt.date):
    # A state with no Article 5 obligation says so where its deadline would be: it has nothing to report there,
    # which "not reported" would misstate (the completeness grid says "no obligation" the same way).
    no_obligation = ~panel["has_article5"]
    panel = panel.assign(membership_status=panel["membership_status"].map(MEMBERSHIP_LABELS),
                         article5_deadline=panel["article5_deadline"].mask(no_obligation, NO_OBLIGATION),
                         extension_status=panel["extension_status"].mask(no_obligation, NO_OBLIGATION))
    if show == "Article 5 obligations":
        panel = panel[panel["has_article5"] & ~panel["article5_completed"]]
    elif show == "Significant numbers of survivors":
        panel = panel[panel["significant_survivors"]]
    st.caption(_("{count} states, membership as of {date}. 'not reported' means no figure was found in the sources; it is "
                 "never zero. Where two sources disagree, the Landmine Monitor figure is shown and the other is kept on the "
                 "State Party page.").format(count=len(panel), date=format_date(on)))
    panel = translate_columns(panel, ["membership_status", "article5_deadline", "extension_status", "contamination_band",
                                      "outlook", "outlook_reason", "casualties_trend"])
    table = select_columns(panel, PANEL_COLUMNS)
    render_table(table, key=f"state_party_panel_{on.isoformat()}", as_of=cached_compiled_date(),
                 link_columns=tuple(_(c) for c in PANEL_LINKS),
                 formats={_(column): number_format for column, number_format in PANEL_FORMATS.items()})
    render_source_line([_("States Parties (UN Treaty Collection)"), _("Article 5"), _("land release"), _("casualties"),
                        _("victim assistance"), _("support by recipient"), _("stated needs")])
    return None
