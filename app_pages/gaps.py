"""Gaps (committees): who is off pace, where casualties rise while support falls, where information is missing."""

import streamlit as st

from domain.gaps import compute_casualties_against_support, compute_reporting_completeness, count_uncovered_needs
from i18n import N_, _
from ui.cached import cached_panel, cached_tables, published_reports_key
from ui.clock import as_of_date, view_date
from ui.components import render_store_down, translated
from ui.gaps_sections import render_casualties_view, render_completeness_view, render_pace_view, render_panel_view, selected_state
from ui.localize import localize_states
from ui.presenter import hidden_when_presenting, render_filter_summary, slide_title
from ui.registry_data import read_registry
from ui.url_state import UrlParam, read_url_state, with_language, write_url_state

VIEWS = {"pace": N_("Deadlines and pace"), "casualties": N_("Casualties and support"),
         "completeness": N_("Reporting completeness"), "table": N_("All States Parties")}
# Also the values in the URL (`?show=`): English there, translated on screen.
SHOW = (N_("All"), N_("Article 5 obligations"), N_("Significant numbers of survivors"))
PARAMS = [UrlParam("view", "pace", tuple(VIEWS)), UrlParam("show", "All", SHOW)]

# 1. Read the view from the URL
read_url_state(PARAMS)
st.title(slide_title(_("Gaps: where the Convention's work is off track")))
with hidden_when_presenting("gaps_view"):  # on a slide, the view's name and choice in one line instead
    st.segmented_control(_("View"), list(VIEWS), format_func=translated(VIEWS, VIEWS.get), key="view", required=True)
    view = st.session_state["view"]
    if view == "table":
        st.segmented_control(_("Show"), SHOW, key="show", required=True, format_func=translated(SHOW))
write_url_state(PARAMS)
render_filter_summary([_(VIEWS[view]), _(st.session_state["show"]) if view == "table" else ""])

# 2. Get data and compute, 3. render the chosen view; a click on a state opens its page
on = view_date()
reports = published_reports_key(as_of_date())  # the published Article 7 reports whose figures the views use
panel = localize_states(cached_panel(on, reports=reports))
if view == "pace":
    registry = read_registry()
    if not registry.stored:
        render_store_down()
    uncovered = count_uncovered_needs(registry.coverage)
    clicked = render_pace_view(panel.assign(uncovered_needs=panel["iso3"].map(uncovered).fillna(0).astype(int)))
elif view == "casualties":
    tables = cached_tables(reports)
    trends = compute_casualties_against_support(tables.casualties, tables.support_by_recipient)
    clicked = render_casualties_view(trends, tables.casualties, tables.support_by_recipient, panel)
elif view == "completeness":
    clicked = render_completeness_view(compute_reporting_completeness(panel, on), on)
else:
    clicked = render_panel_view(panel, st.session_state["show"], on)
if iso3 := selected_state(clicked):
    st.switch_page("app_pages/country.py", query_params=with_language({"iso3": iso3}))
