"""Changes: what changed between two dates (default: since the last Convention meeting), by State or by area, each line
with its sources and the State's page as the data stood on both dates; dates and grouping in the URL."""
import datetime as dt

import streamlit as st

from domain.changes import by_area, by_state
from domain.convention_meetings import last_meeting_before, shown_at
from domain.state_names import state_name
from i18n import N_, _, current_language, format_date
from ui.cached import cached_convention_meetings, cached_table
from ui.changes_sections import (
    BEFORE_FIRST,
    STORE_DOWN,
    period_line,
    read_changes,
    render_changes_download,
    render_counts,
    render_groups,
)
from ui.clock import today, view_date
from ui.components import plain, render_store_down, translated
from ui.presenter import hidden_when_presenting, render_filter_summary, slide_title
from ui.url_state import UrlParam, presenting, read_url_state, write_url_state

EARLIEST = dt.date(1999, 3, 1)  # the Convention's entry into force
GROUPS = {"state": N_("State"), "area": N_("Area")}
NOT_A_DAY = N_("The address's '{field}' date '{value}' is not a day from {earliest} to today (YYYY-MM-DD): {day} is "
               "used instead.")

meetings = [m for m in cached_convention_meetings() if shown_at(m) <= today()][::-1]  # newest first
last = last_meeting_before(meetings, view_date())
defaults = {"from": shown_at(last) if last else EARLIEST, "to": view_date()}


def _day(raw: str) -> dt.date:
    day = dt.date.fromisoformat(raw)
    if not EARLIEST <= day <= today():
        raise ValueError(day)  # a day the date inputs cannot show: refused, and said
    return day


# Always written: a shared link names its period, whatever "the last meeting" is when it is opened.
parties = cached_table("states_parties")
state_names = {code: state_name(code, name) for code, name in zip(parties["iso3"], parties["state"], strict=True)}
PARAMS = [UrlParam("from", defaults["from"], cast=_day, always=True), UrlParam("to", defaults["to"], cast=_day, always=True),
          UrlParam("group", "state", tuple(GROUPS)),
          # Some States only (a State Party page links its own); none chosen: every State.
          UrlParam("states", (), tuple(sorted(state_names, key=state_names.get)))]

# 1. Read the view from the URL
read_url_state(PARAMS)
refused = [(param.key, raw) for param in PARAMS[:2] if (raw := param.rejected()) is not None]
state = st.session_state
for key, default in defaults.items():
    # Another page's "from"/"to" (the meetings page's may be blank or later than today) is not this page's.
    if not isinstance(state.get(key), dt.date) or not EARLIEST <= state[key] <= today():
        state[key] = default
by_key = {m.key: m for m in meetings}
state["changes_meeting"] = next((m.key for m in meetings if shown_at(m) == state["from"]), None)


def _from_meeting() -> None:
    if meeting := by_key.get(state["changes_meeting"]):
        state["from"] = shown_at(meeting)


st.title(slide_title(_("Changes between two dates")))
with hidden_when_presenting("changes_filters"):
    row = st.columns([3, 2, 2], vertical_alignment="bottom")
    row[0].selectbox(_("Since a meeting of the Convention"), list(by_key), key="changes_meeting", on_change=_from_meeting,
                     format_func=lambda key: f"{format_date(shown_at(by_key[key]))} · {by_key[key].name_in(current_language())}",
                     placeholder=_("Choose a meeting"))
    row[1].date_input(_("From"), key="from", format="YYYY-MM-DD", min_value=EARLIEST, max_value=today())
    row[2].date_input(_("To"), key="to", format="YYYY-MM-DD", min_value=EARLIEST, max_value=today())
    row = st.columns([1, 2], vertical_alignment="bottom")
    row[0].segmented_control(_("Group by"), list(GROUPS), format_func=translated(GROUPS, GROUPS.get), key="group",
                             required=True)
    row[1].multiselect(_("States"), PARAMS[3].choices, format_func=state_names.get, key="states",
                       placeholder=_("Every State"))
write_url_state(PARAMS)
start, end, group = state["from"] or defaults["from"], state["to"] or defaults["to"], state["group"]
chosen = state["states"]
render_filter_summary([_("{start} to {end}").format(start=format_date(start), end=format_date(end)),
                       ", ".join(state_names[code] for code in chosen),
                       _("by {group}").format(group=_(GROUPS[group]).lower())])
for key, raw in refused:
    st.warning(_(NOT_A_DAY).format(field=key, value=plain(raw[:40]), earliest=format_date(EARLIEST),
                                   day=format_date(defaults[key])), icon=":material/event_busy:")
if start > end:
    st.error(_("'From' ({start}) is after 'To' ({end}): choose a From date on or before the To date.").format(
        start=format_date(start), end=format_date(end)), icon=":material/event_busy:")
    st.stop()

# 2. Get data and compute
read = read_changes(start, end, tuple(chosen))
note = _(BEFORE_FIRST).format(date=format_date(read.baseline)) if read.baseline > start else ""
if not read.stored:
    render_store_down(STORE_DOWN)

# 3. Render: the period, counts per area, then each group's lines
if presenting():  # one line on a slide (the whole on hover), so the first State's changes are on the screen
    st.caption(plain(" ".join(filter(None, [note, period_line(read, start, end)]))))
else:
    if note:
        st.info(note, icon=":material/history:")
    st.markdown(plain(period_line(read, start, end)))
render_counts(read.changes)
if not read.changes:
    st.info(_("No change recorded from {start} to {end}.").format(start=format_date(start), end=format_date(end)))
else:
    render_groups(by_state(read.changes) if group == "state" else by_area(read.changes), group, (read.baseline, end))
    render_changes_download(read.changes, start, end)
