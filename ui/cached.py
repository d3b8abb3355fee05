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
from config import BOUNDARIES_FILE, DATA_DIR, MEETINGS_FILE, ROOT
from data_loaders.editions import Edition, EditionError, edition_dir, editions, in_force, load_edition_table
from data_loaders.provenance import read_provenance
from data_loaders.validated import LOADER_CODE, PACKAGES, load_validated, table_inputs, table_names, write_frame
from disk_cache import content_key, load_or_build
from domain.convention_meetings import ConventionMeeting, meetings_from_frame
from domain.country import CountryProfile, build_country_profile
from domain.outlook import OutlookAssumptions
from domain.overview import METRICS, OverviewFilters
from domain.panel import ReferenceTables, build_state_panel, build_world_panel
from domain.reporting.figures import Article7Rows, article7_rows, with_article7
from domain.reporting.published import PublishedReport
from i18n import DEFAULT_LANGUAGE, using_language
from ui.clock import as_of_date
from ui.overview_view import OverviewView, build_overview_view

if TYPE_CHECKING:
    import geopandas as gpd

    from domain.geography import Neighbourhood
    from store import Store


# --- data editions: what each figure was on a date ------------------------------------------------------------

@st.cache_resource(show_spinner=False)  # the index changes only with data/ (a rebuild, then a restart)
def cached_editions() -> tuple[Edition, ...]:
    return editions()


def edition_for(on: dt.date | None) -> Edition | None:
    """The edition a view as of `on` reads: None for data/ itself (today's tables, and any date the newest edition
    is already in force). A date before the first edition raises EditionError (ui.as_of refuses such dates)."""
    held = cached_editions()
    if on is None or not held or on >= held[-1].day:
        return None
    if (edition := in_force(held, on)) is None:
        raise EditionError(f"no data edition is held from before {held[0].day.isoformat()}")
    return edition


def _edition(edition_id: str) -> Edition:
    return next(e for e in cached_editions() if e.id == edition_id)


@st.cache_resource(show_spinner=False)  # a shipped file, read-only
def cached_convention_meetings() -> tuple[ConventionMeeting, ...]:
    """The Convention's meetings with their dates (data/calendar), oldest first. Validated once per content and kept
    on disk as the reference tables are: every page's sidebar lists them, and a start should not load pandera."""
    def validate() -> pd.DataFrame:
        from data_loaders.convention_meetings import load_convention_meetings

        return load_convention_meetings()

    inputs = (MEETINGS_FILE, ROOT / "data_loaders" / "convention_meetings.py", *LOADER_CODE)
    return meetings_from_frame(load_or_build("convention-meetings", content_key(inputs, PACKAGES), validate,
                                             write_frame, pd.read_parquet))


@st.cache_data(show_spinner=False)
def _cached_table(name: str, edition_id: str) -> pd.DataFrame:
    if not edition_id:
        return load_validated(name)
    return load_edition_table(name, _edition(edition_id))


def cached_table(name: str, on: dt.date | None = None) -> pd.DataFrame:
    """The table as it stood on `on` (its edition then); for None, as of the date this run shows (ui.clock.as_of_date,
    today's data when none is asked for). Cached per edition, never per date. Cached builds pass `on` themselves:
    their keys must name it."""
    edition = edition_for(on or as_of_date())
    return _cached_table(name, "" if edition is None else edition.id)


def cached_tables(reports: str = "", on: dt.date | None = None) -> ReferenceTables:
    """The reference tables as they stood on `on` (today's for None); with the figures of the published Article 7
    reports `reports` names (published_reports_key), or the compiled figures alone for ""."""
    tables = ReferenceTables(**{f.name: cached_table(f.name, on) for f in dataclasses.fields(ReferenceTables)})
    return with_article7(tables, cached_article7_rows(reports, on)) if reports else tables


# Built in English whatever the reader's language: the results are shared by every session (pages translate them).
@st.cache_data(show_spinner=False)
def cached_panel(on: dt.date, pace_years: int = 3, max_estimate_age: int = 5, reports: str = "") -> pd.DataFrame:
    with using_language(DEFAULT_LANGUAGE):
        return build_state_panel(cached_tables(reports, on), on, OutlookAssumptions(pace_years, max_estimate_age))


def cached_provenance(on: dt.date | None = None) -> dict[str, dict]:
    """Each table's provenance as the edition in force on `on` wrote it (for None: as of the date this run shows)."""
    edition = edition_for(on or as_of_date())
    return _cached_provenance("" if edition is None else edition.id)


@st.cache_resource(show_spinner=False)  # read-only, and read several times a run: shared, not unpickled each time
def _cached_provenance(edition_id: str) -> dict[str, dict]:
    folder = DATA_DIR if not edition_id else edition_dir(_edition(edition_id))
    return {name: read_provenance(name, folder) for name in table_names(folder)}


@st.cache_data(show_spinner=False, max_entries=8)
def cached_world_panel(on: dt.date, reports: str = "") -> pd.DataFrame:
    def build() -> pd.DataFrame:
        with using_language(DEFAULT_LANGUAGE):
            return build_world_panel(cached_tables(reports, on), cached_table("states_not_party", on), on)

    if reports:  # the store's reports are no shipped file: kept in memory, per set of reports published
        return build()
    # Kept on disk per day and per content of every table (of the edition in force that day) and of the domain
    # code: most starts skip assembling it.
    edition = edition_for(on)
    folder = DATA_DIR if edition is None else edition_dir(edition)
    inputs = ({path for name in table_names(folder) for path in table_inputs(name, folder)}
              | set((ROOT / "domain").glob("*.py")))
    # An older edition's panel under its own name: keeping it never removes today's (load_or_build keeps one per name).
    name = "world-panel" if edition is None else f"edition-{edition.id}-world-panel"
    return load_or_build(name, f"{content_key(inputs, PACKAGES)}-{on.isoformat()}", build, write_frame, pd.read_parquet)


@st.cache_data(show_spinner=False)
def cached_country_profile(iso3: str, on: dt.date, reports: str = "") -> CountryProfile:
    with using_language(DEFAULT_LANGUAGE):
        return build_country_profile(iso3, cached_world_panel(on, reports), cached_tables(reports, on),
                                     cached_table("support_pairs", on), cached_table("states_not_party", on))


# --- published Article 7 reports ------------------------------------------------------------------------------

def published_reports_key(on: dt.date | None = None) -> str:
    """Which Article 7 reports are published (by the end of `on`, when given), in a few characters: part of the key
    of everything built from them, so a report published since the last run shows on this one, and nothing built
    from another set is shown. One query without the reports' content, on every run; "" when none is published or
    the store cannot be reached (the compiled figures alone, as the rest of the product reads while the database
    is down)."""
    from store import StoreUnavailable
    from store.reports import list_reports

    try:
        store = cached_store()
        published = [i for i in list_reports(store, None)
                     if i.status == "published" and (on is None or i.published_at.date() <= on)]
        if not published:
            return ""
        # Published reports are final: their number and the newest one name the set (in this database: the store a
        # process opens can change, in tests at least).
        newest = max(published, key=lambda i: (i.published_at, i.id))
        key = hashlib.sha256(f"{store.engine.url}|{len(published)}|{newest.id}|{newest.published_at.isoformat()}"
                             .encode()).hexdigest()[:20]
        cached_published_reports(key, on)  # read now: the pages' cached builds read them from here, never the store
        return key
    except StoreUnavailable:
        return ""


# Shared, not copied: every build reads them and none changes them. A set of reports is read once, while it is the
# one published; a store that fails meanwhile raises here, and nothing is kept under its key.
@st.cache_resource(show_spinner=False, max_entries=4)
def cached_published_reports(key: str, on: dt.date | None = None) -> tuple[PublishedReport, ...]:
    """The published reports `key` names (published_reports_key), as the domain reads them: those published by the
    end of `on`, when given."""
    from store.reports import published_reports

    names = pd.concat([_cached_table("states_parties", ""), _cached_table("states_not_party", "")]).drop_duplicates("iso3")
    names = dict(zip(names["iso3"], names["state"], strict=True))
    return tuple(PublishedReport(
        stored.report, names.get(stored.info.iso3, stored.info.iso3), stored.info.published_at.date(),
        stored.info.submitted_at.date() if stored.info.submitted_at else None, _day(stored.info.sent_at),
        stored.info.entered_by_isu, _day(stored.info.source_document_date)) for stored in published_reports(cached_store())
        if on is None or stored.info.published_at.date() <= on)


def _day(iso: str | None) -> dt.date | None:
    return dt.date.fromisoformat(iso) if iso else None


@st.cache_data(show_spinner=False, max_entries=4)
def cached_article7_rows(reports: str, on: dt.date | None = None) -> Article7Rows:
    with using_language(DEFAULT_LANGUAGE):
        return article7_rows(cached_published_reports(reports, on))


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
        return build_overview_view(cached_world_panel(on, reports), cached_table("global_figures", on),
                                   cached_table("global_casualties", on),
                                   cached_provenance(on)["article5"]["date_compiled"], cached_world_outline(),
                                   METRICS[metric_key], filters)


def cached_compiled_date(on: dt.date | None = None) -> str:
    """When the reference data was compiled (from the provenance sidecars of the edition in force on `on`; for None,
    as of the date this run shows), shown beside every source line."""
    return ", ".join(sorted({p["date_compiled"] for p in cached_provenance(on).values()}))

