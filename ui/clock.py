"""Today's date, read once per page run: every date-dependent cache is keyed by it.

A server runs for days; a cache keyed without the date would keep the day it started (deadlines
passed, years left). The router (and the overview's fragment, whose rerun is a run of its own) reads
the system date once at the start of each run; everything drawn in that run then uses that one date,
so a run that crosses midnight never mixes two days. Tests move `system_date` to check this.
"""
from __future__ import annotations

import datetime as dt

import streamlit as st
from streamlit.runtime.scriptrunner import get_script_run_ctx

RUN_DATE = "_run_date"


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
