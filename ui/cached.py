"""All Streamlit caching in one place, wrapping Streamlit-free loaders and domain functions."""
from __future__ import annotations

import dataclasses
import datetime as dt
from time import monotonic
from typing import TYPE_CHECKING

import pandas as pd
import streamlit as st

from charts.world_svg import WorldOutline, make_outline_svg, project_world, read_outline, write_outline
from config import BOUNDARIES_FILE, ROOT
from data_loaders.provenance import read_provenance
from data_loaders.validated import PACKAGES, load_validated, table_inputs, table_names, write_frame
from disk_cache import content_key, load_or_build
from domain.country import CountryProfile, build_country_profile
from domain.outlook import OutlookAssumptions
from domain.overview import METRICS, OverviewFilters
from domain.panel import ReferenceTables, build_state_panel, build_world_panel
from i18n import using_language
from ui.overview_view import OverviewView, build_overview_view

if TYPE_CHECKING:
    import geopandas as gpd

    from domain.geography import Neighbourhood
    from store import Store


@st.cache_data(show_spinner=False)
def cached_table(name: str) -> pd.DataFrame:
    return load_validated(name)


def cached_tables() -> ReferenceTables:
    return ReferenceTables(**{f.name: cached_table(f.name) for f in dataclasses.fields(ReferenceTables)})


@st.cache_data(show_spinner=False)
def cached_panel(on: dt.date, pace_years: int = 3, max_estimate_age: int = 5) -> pd.DataFrame:
    return build_state_panel(cached_tables(), on, OutlookAssumptions(pace_years, max_estimate_age))


@st.cache_resource(show_spinner=False)  # read-only, and read several times a run: shared, not unpickled each time
def cached_provenance() -> dict[str, dict]:
    return {name: read_provenance(name) for name in table_names()}


@st.cache_data(show_spinner=False)
def cached_world_panel(on: dt.date) -> pd.DataFrame:
    # Kept on disk per day and per content of every table and of the domain code: most starts skip assembling it.
    inputs = {path for name in table_names() for path in table_inputs(name)} | set((ROOT / "domain").glob("*.py"))
    return load_or_build("world-panel", f"{content_key(inputs, PACKAGES)}-{on.isoformat()}",
                         lambda: build_world_panel(cached_tables(), cached_table("states_not_party"), on),
                         write_frame, pd.read_parquet)


@st.cache_data(show_spinner=False)
def cached_country_profile(iso3: str, on: dt.date) -> CountryProfile:
    return build_country_profile(iso3, cached_world_panel(on), cached_tables(), cached_table("support_pairs"),
                                 cached_table("states_not_party"))


@st.cache_resource(show_spinner=False)  # read-only shapes shared by every session; not copied per call
def cached_boundaries() -> gpd.GeoDataFrame:
    # geopandas loads with the first shapes needed (a State Party's map, a new outline), not with every page.
    from data_loaders.boundaries import load_boundaries

    return load_boundaries()


@st.cache_data(show_spinner=False)
def cached_neighbourhood(iso3: str) -> Neighbourhood | None:
    from domain.geography import select_neighbourhood  # geopandas: see cached_boundaries

    return select_neighbourhood(cached_boundaries(), iso3)


# After the store failed to open (its database could not be reached), the next runs fail at once for this long
# rather than each waiting for the connect timeout; then the next run tries again.
STORE_RETRY_SECONDS = 10
_store_failed_at: dict[str, float] = {}  # database URL -> when opening it last failed (monotonic seconds)


@st.cache_resource(show_spinner=False)  # one engine, one migration run and one seed check per process
def cached_store() -> Store:
    """The store, opened once per process. While its database cannot be reached this raises StoreUnavailable, which
    Streamlit does not cache: a later run opens it once the database is back, without restarting the server. An
    opened store recovers by itself (its pool replaces connections the database dropped)."""
    # Loaded on first use: visitors who only read never need SQLAlchemy or Alembic.
    from store import StoreUnavailable, open_store
    from store.engine import database_url

    url = database_url()
    if url in _store_failed_at and monotonic() - _store_failed_at[url] < STORE_RETRY_SECONDS:
        raise StoreUnavailable()
    try:
        return open_store(url)
    except StoreUnavailable:
        _store_failed_at[url] = monotonic()
        raise


@st.cache_data(show_spinner=False)
def cached_reference_records() -> dict[str, list[dict]]:
    """The reference needs, announced offers and support records from the embedded data, as a fresh store holds
    them: what the registry's pages read while its database cannot be reached."""
    from store.seed import reference_records

    return reference_records()


@st.cache_data(show_spinner=False)
def cached_small_states() -> pd.DataFrame:
    from domain.geography import compute_small_state_points  # geopandas: see cached_boundaries

    return compute_small_state_points(cached_boundaries())


@st.cache_resource(show_spinner=False)  # read-only, shared by every session
def cached_world_outline() -> WorldOutline:
    # Projecting every shape takes half a second: done once per boundaries file and drawing code, kept on disk.
    inputs = (BOUNDARIES_FILE, ROOT / "data_loaders" / "boundaries.py", ROOT / "charts" / "world_svg.py",
              ROOT / "domain" / "geography.py")
    return load_or_build("world-outline", content_key(inputs, ("geopandas", "shapely", "pyproj")),
                         lambda: project_world(cached_boundaries(), cached_small_states()), write_outline, read_outline)


@st.cache_resource(show_spinner=False)  # read-only, shared by every session
def cached_outline_svg() -> str:
    return make_outline_svg(cached_world_outline())


# Shared, not copied: pages only read a view, and unpickling its frames was a tenth of each rerun's script time.
@st.cache_resource(show_spinner=False, max_entries=64)  # a view is about 100 KB, mostly its table
def cached_overview_view(metric_key: str, filters: OverviewFilters, language: str, on: dt.date) -> OverviewView:
    with using_language(language):
        return build_overview_view(cached_world_panel(on), cached_table("global_figures"), cached_table("global_casualties"),
                                   cached_provenance()["article5"]["date_compiled"], cached_world_outline(),
                                   METRICS[metric_key], filters)


def cached_compiled_date() -> str:
    """When the reference data was compiled (from the provenance sidecars), shown beside every source line."""
    return ", ".join(sorted({p["date_compiled"] for p in cached_provenance().values()}))

