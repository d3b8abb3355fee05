"""Everything the pack's pages draw from, loaded once through the project's own loaders and domain layer."""
from __future__ import annotations

import dataclasses
import datetime as dt
import json
from collections.abc import Mapping
from dataclasses import dataclass, field

import geopandas as gpd
import pandas as pd

from config import ROOT
from data_loaders.boundaries import load_boundaries
from data_loaders.provenance import read_provenance
from data_loaders.registry import LOADERS, SOURCES
from domain.country import CountryProfile, Projection, build_country_profile, compute_projection
from domain.geography import compute_small_state_points
from domain.outlook import OutlookAssumptions
from domain.panel import ReferenceTables, build_world_panel
from domain.state_page import IAEvent, PublishedPage
from i18n import format_date

BASE_MAP = ROOT / "static" / "world_50m.json"


@dataclass(frozen=True)
class PackData:
    on: dt.date  # the day figures like "years left" are computed for: the build day
    tables: dict[str, pd.DataFrame]
    reference: ReferenceTables
    panel: pd.DataFrame  # the world panel, one row per state
    provenance: dict[str, dict]
    boundaries: gpd.GeoDataFrame
    small_states: pd.DataFrame  # iso3, lon, lat of states too small to see on a world map
    # What the States published on their own pages and their IA events (ISO3 -> ...), read from the store by the
    # pack's caller (the pack never opens the store); empty: compiled content only, the reference data's IA events.
    state_pages: Mapping[str, PublishedPage] = field(default_factory=dict)
    ia_events: Mapping[str, tuple[IAEvent, ...]] = field(default_factory=dict)

    @property
    def compiled(self) -> str:
        """The compile date(s) of the reference data, from the provenance sidecars."""
        return ", ".join(sorted({p["date_compiled"] for p in self.provenance.values()}))

    def compiled_on(self) -> str:
        """`compiled` in words, in the current language: 27 November 2026 / 27 novembre 2026."""
        return ", ".join(format_date(day) for day in self.compiled.split(", "))

    @property
    def states(self) -> list[str]:
        """Every state that ever joined, in data/states_parties.csv order."""
        return list(self.tables["states_parties"]["iso3"])

    def profile(self, iso3: str) -> CountryProfile:
        return build_country_profile(iso3, self.panel, self.reference, self.tables["support_pairs"],
                                     self.tables["states_not_party"])

    def projection(self, profile: CountryProfile) -> Projection:
        """The outlook under the dashboard's default assumptions (the pack has no controls to change them)."""
        return compute_projection(profile, self.on, OutlookAssumptions())


def load_pack_data(on: dt.date) -> PackData:
    tables = {name: load() for name, load in LOADERS.items()}
    reference = ReferenceTables(**{f.name: tables[f.name] for f in dataclasses.fields(ReferenceTables)})
    boundaries = load_boundaries()
    return PackData(
        on=on, tables=tables, reference=reference,
        panel=build_world_panel(reference, tables["states_not_party"], on),
        provenance={name: read_provenance(name) for name in SOURCES},
        boundaries=boundaries, small_states=compute_small_state_points(boundaries),
    )


def base_map_script() -> str:
    """assets/world_50m.js: the base map handed to plotly.js as a global, since a page opened from disk may not fetch.

    plotly.js 3 (plotly.py 7.1) reads `window.PlotlyGeoAssets.topojson[<scope>_<resolution>m]` before fetching
    and keeps an existing PlotlyGeoAssets when it loads (checked in package_data/plotly.min.js)."""
    topojson = json.loads(BASE_MAP.read_text(encoding="utf-8"))
    return f"window.PlotlyGeoAssets = {{topojson: {{world_50m: {json.dumps(topojson, separators=(',', ':'))}}}}};\n"
