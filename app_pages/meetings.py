"""Meetings: every planned Individualised Approach and stakeholder meeting across States (for donors planning to
attend), held ones on request; filters in the URL."""
import datetime as dt

import streamlit as st

from domain.meetings import MeetingFilters, filter_meetings, meetings_frame
from domain.overview import REGIONS
from domain.state_names import state_name
from domain.state_page import IA_EVENT_KINDS
from i18n import _
from ui.auth import current_actor
from ui.cached import cached_compiled_date, cached_world_panel
from ui.clock import view_date
from ui.components import render_store_down, translated
from ui.meetings_sections import MEETINGS_DOWN, read_ia_events, render_meetings
from ui.url_state import UrlParam, read_url_state, write_url_state

on = view_date()
EARLIEST, LATEST = dt.date(1999, 3, 1), dt.date(2100, 12, 31)  # from the Convention's entry into force
panel = cached_world_panel(on).set_index("iso3")
names = {code: state_name(code, name) for code, name in panel["state"].items()}


def _in_range(day: dt.date) -> dt.date:
    if not EARLIEST <= day <= LATEST:
        raise ValueError(day)  # a date the widget cannot show: the URL's is ignored
    return day


PARAMS = [
    UrlParam("state", (), tuple(panel.index)), UrlParam("region", (), REGIONS), UrlParam("kind", (), tuple(IA_EVENT_KINDS)),
    UrlParam("held", False), UrlParam("from", None, cast=lambda raw: _in_range(dt.date.fromisoformat(raw))),
    UrlParam("to", None, cast=lambda raw: _in_range(dt.date.fromisoformat(raw))),
]

# 1. Read the view from the URL
read_url_state(PARAMS)
st.title(_("Meetings: Individualised Approach and stakeholder meetings"))
st.markdown(_("Every meeting the States have planned on their Individualised Approach platforms, for partners planning "
              "to attend: launches, follow-ups, in-country stakeholder meetings and committee meetings. Each row links "
              "to the State's page."))
row1 = st.columns(3)
row1[0].multiselect(_("State"), list(panel.index), key="state", format_func=lambda code: names.get(code, code),
                    placeholder=_("All States"))
row1[1].multiselect(_("Region"), REGIONS, key="region", format_func=translated(REGIONS), placeholder=_("All regions"))
row1[2].multiselect(_("Kind"), list(IA_EVENT_KINDS), key="kind", format_func=translated(IA_EVENT_KINDS, IA_EVENT_KINDS.get),
                    placeholder=_("Every kind"))
row2 = st.columns([2, 2, 3], vertical_alignment="bottom")
row2[0].date_input(_("From"), value=None, key="from", format="YYYY-MM-DD", min_value=EARLIEST, max_value=LATEST)
row2[1].date_input(_("To"), value=None, key="to", format="YYYY-MM-DD", min_value=EARLIEST, max_value=LATEST)
row2[2].checkbox(_("Also held and past meetings"), key="held")
write_url_state(PARAMS)
state = st.session_state

# 2. The meetings: from the store, or the compiled events while it cannot be reached
events, stored = read_ia_events(current_actor())
if not stored:
    render_store_down(MEETINGS_DOWN)
filters = MeetingFilters(tuple(state["state"]), tuple(state["region"]), tuple(state["kind"]), state["from"], state["to"],
                         state["held"])
shown = filter_meetings(meetings_frame(events, names, on.isoformat()), filters)
st.subheader(_("Meetings: {count}").format(count=len(shown)) if filters.include_held
             else _("Upcoming meetings: {count}").format(count=len(shown)))
if shown.empty and not filters.include_held:
    st.caption(_("No planned meeting matches these filters; tick “Also held and past meetings” to see the platforms' "
                 "history."))
render_meetings(shown, on.isoformat() if stored else cached_compiled_date())
st.caption(_("Source: the States' Individualised Approach platforms as published by the ISU, and the compiled record of "
             "past meetings (committee conclusions and statements, each row with its source). As of {date}.").format(
    date=on.isoformat() if stored else cached_compiled_date()))
