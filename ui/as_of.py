"""The date a reader views the data as of (`?as_of=YYYY-MM-DD`): read once per run, shown in a banner with the way back.

The router reads it before any page draws (ui.clock.view_date then answers with it). Once asked for, the date stays
with the reader as they move between pages, until they go back to today; a link or a slide that names its own date
(or none) is drawn as it says.
"""
from __future__ import annotations

import datetime as dt

import streamlit as st

from data_loaders.editions import in_force
from domain.convention_meetings import shown_at
from i18n import N_, _, current_language, format_date
from ui.cached import cached_convention_meetings, cached_editions
from ui.clock import VIEW_DATE, as_of_date, today
from ui.components import plain
from ui.url_state import AS_OF, opened_from_url, presenting

NOT_A_DATE = N_("'{value}' is not a date (YYYY-MM-DD): the data is shown as it stands today.")
AFTER_TODAY = N_("{day} is after today: the data is shown as it stands today.")
BEFORE_FIRST = N_("The dashboard holds its data as it stood from {first} on; {day} is earlier, so the data is shown as "
                  "it stands today.")
_REFUSED = "_as_of_refused"  # the message for a date the URL named but cannot be shown, for this run


def read_as_of() -> None:
    """Take this run's date from the URL, or keep the one asked for earlier in the session."""
    st.session_state.pop(_REFUSED, None)
    raw = st.query_params.get(AS_OF)
    if raw is None:
        kept = st.session_state.get(VIEW_DATE)
        if kept is not None and not opened_from_url():
            st.query_params[AS_OF] = kept.isoformat()  # a page switch drops it: written back, the link names it
        else:
            st.session_state.pop(VIEW_DATE, None)
        return
    day, refused = parse_as_of(raw, today(), cached_editions()[0].day if cached_editions() else None)
    if refused:
        st.session_state[_REFUSED] = refused
        st.session_state.pop(VIEW_DATE, None)
        del st.query_params[AS_OF]
    else:
        st.session_state[VIEW_DATE] = day


def parse_as_of(raw: str, on: dt.date, first: dt.date | None) -> tuple[dt.date | None, str | None]:
    """The date a URL's text asks for, or the reason it cannot be shown (translated)."""
    try:
        day = dt.date.fromisoformat(raw.strip())
    except ValueError:
        return None, _(NOT_A_DATE).format(value=plain(raw[:40]))  # shown as typed: Markdown escaped
    if day > on:
        return None, _(AFTER_TODAY).format(day=format_date(day))
    if first is None or day < first:
        return None, _(BEFORE_FIRST).format(first=format_date(first) if first else "—", day=format_date(day))
    return day, None


def back_to_today() -> None:
    st.session_state.pop(VIEW_DATE, None)
    st.query_params.pop(AS_OF, None)


def render_as_of_banner(editing: bool = False) -> None:
    """Above every page: the date shown and its edition, with the way back; or why a date asked for is not shown."""
    refused = st.session_state.get(_REFUSED)
    if refused:
        st.warning(refused, icon=":material/history:")
    day = as_of_date()
    if day is None:
        return
    edition = in_force(cached_editions(), day)  # never None: read_as_of refuses days before the first
    meeting = next((m for m in cached_convention_meetings() if shown_at(m) == day), None)
    name = meeting.name_in(current_language()) if meeting else ""
    title = (_("As shown at the {meeting}: the data as it stood on {day}") if meeting else
             _("As the data stood on {day}")).format(meeting=name, day=format_date(day))
    edition_line = _("Figures from the data edition of {edition}, with the Article 7 reports and the States' pages "
                     "published by that day.").format(edition=format_date(edition.day))
    with st.container(key="as_of_banner", border=True):
        if presenting():  # one line on a projector: the date and its edition, the way back beside them
            text, back = st.columns([6, 1], vertical_alignment="center")
            text.markdown(":material/history: **" + plain(title) + "** · " + plain(
                _("data edition of {edition}").format(edition=format_date(edition.day))))
            back.button(_("Today"), key="as_of_back", icon=":material/today:", on_click=back_to_today,
                        help=_("Back to today"))
            return
        text, back = st.columns([5, 1], vertical_alignment="center")
        text.markdown(":material/history: **" + plain(title) + "**")
        text.caption(" ".join([edition_line, _("Editing always works on today's data.")] if editing else [edition_line]))
        back.button(_("Back to today"), key="as_of_back", icon=":material/today:", on_click=back_to_today)


def _show(day: dt.date | None) -> None:
    if day is None or day >= today():
        back_to_today()
    else:
        st.query_params[AS_OF] = day.isoformat()
        st.session_state[VIEW_DATE] = day


def _picked() -> None:
    _show(st.session_state.get("as_of_pick"))


def _meeting_picked() -> None:
    meeting = next((m for m in cached_convention_meetings() if m.key == st.session_state.get("as_of_meeting")), None)
    if meeting is not None:
        _show(shown_at(meeting))


def render_as_of_picker() -> None:
    """In the sidebar: show the data as it stood on a date since the first edition held."""
    held = cached_editions()
    if not held:
        return
    with st.popover(_("Data as of…"), icon=":material/history:", width="stretch"):
        st.session_state["as_of_pick"] = as_of_date() or today()
        st.date_input(_("Show the data as it stood on"), min_value=held[0].day, max_value=today(), key="as_of_pick",
                      on_change=_picked, format="YYYY-MM-DD")
        meetings = [m for m in cached_convention_meetings() if held[0].day <= shown_at(m) <= today()]
        if meetings:
            names = {m.key: m.name_in(current_language()) for m in meetings}
            st.selectbox(_("As shown at a meeting of the Convention"), list(names), index=None,
                         format_func=names.get, key="as_of_meeting",
                         on_change=_meeting_picked, placeholder=_("Choose a meeting"))
        st.caption(_("Dated data editions held: {days}. Meetings before the first one came before the data held here; "
                     "the Changes page still starts from them.").format(
                         days=", ".join(format_date(e.day) for e in held)))
