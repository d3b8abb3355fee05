"""The /meetings page's data and table: IA and stakeholder meetings across States, each linked to its State's page.

Read fresh from the store on every run (a State may have just planned one); while its database cannot be
reached, the compiled IA events from the embedded data."""
from __future__ import annotations

import pandas as pd
import streamlit as st

from domain.meetings import compiled_events
from domain.overview import REGIONS
from domain.state_page import IA_EVENT_KINDS, IA_STATUSES, IAEvent
from i18n import N_, NOT_REPORTED, _, current_language
from store import Actor, StoreUnavailable
from ui.cached import cached_store, cached_table
from ui.clock import as_of_date, view_date
from ui.components import render_downloads
from ui.state_content import ia_events_as_of

# The State's page beside its name: at 1280 px the columns after the summary are off screen.
HEADERS = {"date": N_("Date"), "state": N_("State"), "page": N_("State's page"), "region": N_("Region"),
           "kind": N_("Kind"), "status": N_("Status"), "venue": N_("Venue"), "summary": N_("Summary"),
           "source": N_("Source"), "source_url": N_("Source link")}
ENTERED_BY_THE_STATE = N_("entered by the State on its IA platform")
MEETINGS_DOWN = N_("The registry's database cannot be reached: showing the compiled Individualised Approach events from "
                   "the embedded data; meetings the States have planned are listed again once it is back.")


def read_ia_events(actor: Actor | None) -> tuple[list[IAEvent], bool]:
    """The IA events the person may see (published ones; pending ones of their State, or all for an admin), and
    whether they come from the store; while it cannot be reached, the compiled events (all published)."""
    try:
        from store.ia import list_ia_events

        if (day := as_of_date()) is not None:  # as they stood then: what was published by that day
            return ia_events_as_of(cached_store(), day), True
        return list_ia_events(cached_store(), actor=actor), True
    except StoreUnavailable:
        return compiled_events(cached_table("individualised_approach"), view_date().isoformat()), False


def render_meetings(frame: pd.DataFrame, as_of: str, key: str = "meetings") -> None:
    """The meetings shown, their codes worded in the reader's language, every cell text (st.dataframe draws no
    HTML); the link opens the State's page. Downloadable as CSV and XLSX with source and as-of columns."""
    language = current_language()
    lang = "" if language == "en" else f"&lang={language}"
    shown = frame.assign(
        kind=frame["kind"].map(lambda k: _(IA_EVENT_KINDS.get(k, k))),
        status=frame["status"].map(lambda s: _(IA_STATUSES.get(s, s))),
        region=frame["region"].map(lambda r: _(r) if isinstance(r, str) and r in REGIONS else r),
        source=frame["source"].where(frame["source"].astype(bool), _(ENTERED_BY_THE_STATE)),
        page=frame["page"] + lang,
    )[list(HEADERS)]
    config = {column: st.column_config.Column(_(label)) for column, label in HEADERS.items()}
    config["source_url"] = st.column_config.LinkColumn(_(HEADERS["source_url"]), display_text=r"https?://(?:www\.)?([^/]+)")
    config["page"] = st.column_config.LinkColumn(_(HEADERS["page"]), display_text=_("open"))
    st.dataframe(shown, hide_index=True, width="stretch", key=key, column_config=config, placeholder=_(NOT_REPORTED))
    render_downloads(shown.drop(columns="page").assign(as_of=as_of), key, N_("these meetings"))
