"""All Streamlit caching in one place, wrapping Streamlit-free loaders and domain functions."""
from __future__ import annotations

import dataclasses
import datetime as dt

import geopandas as gpd
import pandas as pd
import streamlit as st

from data_loaders.boundaries import load_boundaries
from data_loaders.provenance import read_provenance
from data_loaders.registry import LOADERS, SOURCES
from domain.country import CountryProfile, build_country_profile
from domain.geography import Neighbourhood, compute_small_state_points, select_neighbourhood
from domain.outlook import OutlookAssumptions
from domain.panel import ReferenceTables, build_state_panel, build_world_panel
from store import Store, open_store


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


@st.cache_data(show_spinner=False)
def cached_country_profile(iso3: str, on: dt.date | None = None) -> CountryProfile:
    return build_country_profile(iso3, cached_world_panel(on), cached_tables(), cached_table("support_pairs"),
                                 cached_table("states_not_party"))


@st.cache_resource(show_spinner=False)  # read-only shapes shared by every session; not copied per call
def cached_boundaries() -> gpd.GeoDataFrame:
    return load_boundaries()


@st.cache_data(show_spinner=False)
def cached_neighbourhood(iso3: str) -> Neighbourhood | None:
    return select_neighbourhood(cached_boundaries(), iso3)


@st.cache_resource(show_spinner=False)  # one engine, one migration run and one seed check per process
def cached_store() -> Store:
    return open_store()


@st.cache_data(show_spinner=False)
def cached_small_states() -> pd.DataFrame:
    return compute_small_state_points(cached_boundaries())


def cached_compiled_date() -> str:
    """When the reference data was compiled (from the provenance sidecars), shown beside every source line."""
    return ", ".join(sorted({p["date_compiled"] for p in cached_provenance().values()}))
