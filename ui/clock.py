"""Today's date, read once per page run: every date-dependent cache is keyed by it.

A server runs for days; a cache keyed without the date would keep the day it started (deadlines
passed, years left). The router (and the overview's fragment, whose rerun is a run of its own) reads
the system date once at the start of each run; everything drawn in that run then uses that one date,
so a run that crosses midnight never mixes two days. Tests move `system_date` to check this.

A reader may ask for the data as it stood on an earlier date (`?as_of=YYYY-MM-DD`, ui.as_of reads it): pages that
read figures draw them as of `view_date()`; pages that edit work on `today()` whatever the reader looks at.
"""
from __future__ import annotations

import datetime as dt

import streamlit as st
from streamlit.runtime.scriptrunner import get_script_run_ctx

RUN_DATE = "_run_date"
VIEW_DATE = "_view_date"  # set by ui.as_of for this run: the date asked for, or absent for today


def system_date() -> dt.date:
    return dt.date.today()


def start_run() -> dt.date:
    """Read the date for this run; called first thing in a run."""
    st.session_state[RUN_DATE] = system_date()
    return st.session_state[RUN_DATE]


def today() -> dt.date:
    """This run's date; outside any page run (the warm-up at server start), the system's."""
    if get_script_run_ctx(suppress_warning=True) is None or RUN_DATE not in st.session_state:
        return system_date()
    return st.session_state[RUN_DATE]


def view_date() -> dt.date:
    """The date this run's figures are drawn as of: the one the reader asked for (ui.as_of), else today."""
    if get_script_run_ctx(suppress_warning=True) is not None and st.session_state.get(VIEW_DATE):
        return st.session_state[VIEW_DATE]
    return today()


def as_of_date() -> dt.date | None:
    """The earlier date asked for, or None when the run shows today's data."""
    return st.session_state.get(VIEW_DATE) if get_script_run_ctx(suppress_warning=True) is not None else None
