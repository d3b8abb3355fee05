"""All Streamlit caching in one place, wrapping Streamlit-free loaders and domain functions."""
from __future__ import annotations

import dataclasses
import datetime as dt

import pandas as pd
import streamlit as st

from data_loaders.provenance import read_provenance
from data_loaders.registry import LOADERS, SOURCES
from domain.outlook import OutlookAssumptions
from domain.panel import ReferenceTables, build_state_panel, build_world_panel


@st.cache_data(show_spinner=False)
def cached_table(name: str) -> pd.DataFrame:
    return LOADERS[name]()


def cached_tables() -> ReferenceTables:
    return ReferenceTables(**{f.name: cached_table(f.name) for f in dataclasses.fields(ReferenceTables)})


@st.cache_data(show_spinner=False)
def cached_panel(on: dt.date, pace_years: int = 3, max_estimate_age: int = 5) -> pd.DataFrame:
    return build_state_panel(cached_tables(), on, OutlookAssumptions(pace_years, max_estimate_age))


@st.cache_data(show_spinner=False)
def cached_provenance() -> dict[str, dict]:
    return {name: read_provenance(name) for name in SOURCES}


@st.cache_data(show_spinner=False)
def cached_world_panel(on: dt.date | None = None) -> pd.DataFrame:
    return build_world_panel(cached_tables(), cached_table("states_not_party"), on or dt.date.today())
