"""All Streamlit caching in one place, wrapping Streamlit-free loaders and domain functions."""
from __future__ import annotations

import dataclasses
import datetime as dt
import hashlib
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
from domain.reporting.figures import Article7Rows, article7_rows, with_article7
from domain.reporting.published import PublishedReport
from i18n import DEFAULT_LANGUAGE, using_language
from ui.overview_view import OverviewView, build_overview_view

if TYPE_CHECKING:
    import geopandas as gpd

    from domain.geography import Neighbourhood
    from store import Store


@st.cache_data(show_spinner=False)
def cached_table(name: str) -> pd.DataFrame:
    return load_validated(name)


def cached_tables(reports: str = "") -> ReferenceTables:
    """The reference tables; with the figures of the published Article 7 reports `reports` names
    (published_reports_key), or the compiled figures alone for ""."""
    tables = ReferenceTables(**{f.name: cached_table(f.name) for f in dataclasses.fields(ReferenceTables)})
    return with_article7(tables, cached_article7_rows(reports)) if reports else tables


# Built in English whatever the reader's language: the results are shared by every session (pages translate them).
@st.cache_data(show_spinner=False)
def cached_panel(on: dt.date, pace_years: int = 3, max_estimate_age: int = 5, reports: str = "") -> pd.DataFrame:
    with using_language(DEFAULT_LANGUAGE):
        return build_state_panel(cached_tables(reports), on, OutlookAssumptions(pace_years, max_estimate_age))


@st.cache_resource(show_spinner=False)  # read-only, and read several times a run: shared, not unpickled each time
def cached_provenance() -> dict[str, dict]:
    return {name: read_provenance(name) for name in table_names()}


@st.cache_data(show_spinner=False, max_entries=8)
def cached_world_panel(on: dt.date, reports: str = "") -> pd.DataFrame:
    def build() -> pd.DataFrame:
        with using_language(DEFAULT_LANGUAGE):
            return build_world_panel(cached_tables(reports), cached_table("states_not_party"), on)

    if reports:  # the store's reports are no shipped file: kept in memory, per set of reports published
        return build()
    # Kept on disk per day and per content of every table and of the domain code: most starts skip assembling it.
    inputs = {path for name in table_names() for path in table_inputs(name)} | set((ROOT / "domain").glob("*.py"))
    return load_or_build("world-panel", f"{content_key(inputs, PACKAGES)}-{on.isoformat()}", build, write_frame,
                         pd.read_parquet)


@st.cache_data(show_spinner=False)
def cached_country_profile(iso3: str, on: dt.date, reports: str = "") -> CountryProfile:
    with using_language(DEFAULT_LANGUAGE):
        return build_country_profile(iso3, cached_world_panel(on, reports), cached_tables(reports),
                                     cached_table("support_pairs"), cached_table("states_not_party"))


# --- published Article 7 reports ------------------------------------------------------------------------------

def published_reports_key() -> str:
    """Which Article 7 reports are published, in a few characters: part of the key of everything built from them, so
    a report published since the last run shows on this one, and nothing built from another set is shown. One
    query without the reports' content, on every run; "" when none is published or the store cannot be reached
    (the compiled figures alone, as the rest of the product reads while the database is down)."""
    from store import StoreUnavailable
    from store.reports import list_reports

    try:
        store = cached_store()
        published = [i for i in list_reports(store, None) if i.status == "published"]
        if not published:
            return ""
        # Published reports are final: their number and the newest one name the set (in this database: the store a
        # process opens can change, in tests at least).
        newest = max(published, key=lambda i: (i.published_at, i.id))
        key = hashlib.sha256(f"{store.engine.url}|{len(published)}|{newest.id}|{newest.published_at.isoformat()}"
                             .encode()).hexdigest()[:20]
        cached_published_reports(key)  # read now: the pages' cached builds read them from here, never the store
        return key
    except StoreUnavailable:
        return ""


# Shared, not copied: every build reads them and none changes them. A set of reports is read once, while it is the
# one published; a store that fails meanwhile raises here, and nothing is kept under its key.
@st.cache_resource(show_spinner=False, max_entries=4)
def cached_published_reports(key: str) -> tuple[PublishedReport, ...]:
    """The published reports `key` names (published_reports_key), as the domain reads them."""
    from store.reports import published_reports

    names = pd.concat([cached_table("states_parties"), cached_table("states_not_party")]).drop_duplicates("iso3")
    names = dict(zip(names["iso3"], names["state"], strict=True))
    return tuple(PublishedReport(
        stored.report, names.get(stored.info.iso3, stored.info.iso3), stored.info.published_at.date(),
        stored.info.submitted_at.date() if stored.info.submitted_at else None, _day(stored.info.sent_at),
        stored.info.entered_by_isu, _day(stored.info.source_document_date)) for stored in published_reports(cached_store()))


def _day(iso: str | None) -> dt.date | None:
    return dt.date.fromisoformat(iso) if iso else None


@st.cache_data(show_spinner=False, max_entries=4)
def cached_article7_rows(reports: str) -> Article7Rows:
    with using_language(DEFAULT_LANGUAGE):
        return article7_rows(cached_published_reports(reports))


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
def cached_overview_view(metric_key: str, filters: OverviewFilters, language: str, on: dt.date,
                         reports: str = "") -> OverviewView:
    with using_language(language):
        return build_overview_view(cached_world_panel(on, reports), cached_table("global_figures"),
                                   cached_table("global_casualties"),
                                   cached_provenance()["article5"]["date_compiled"], cached_world_outline(),
                                   METRICS[metric_key], filters)


def cached_compiled_date() -> str:
    """When the reference data was compiled (from the provenance sidecars), shown beside every source line."""
    return ", ".join(sorted({p["date_compiled"] for p in cached_provenance().values()}))

