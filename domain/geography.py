"""The neighbourhood of one state on the shipped boundaries: what a regional map shows around it."""
from __future__ import annotations

from dataclasses import dataclass

import geopandas as gpd
import pandas as pd
from shapely.geometry import box

MAIN_PART_SHARE = 0.25  # parts smaller than this share of the largest one (far islands, overseas lands) don't set the view
EQUAL_AREA = "EPSG:6933"  # to compare part sizes fairly at every latitude
MIN_SPAN_DEGREES = 6.0  # small states still show their neighbours
MARGIN = 0.25  # around the state, as a share of its span ...
MAX_MARGIN_DEGREES = 8.0  # ... but large states need no more than this to show their neighbours
CONTEXT = 1.0  # shapes are kept this many view spans beyond the view, so a wide map or a zoom-out is not bare


@dataclass(frozen=True)
class Neighbourhood:
    shapes: gpd.GeoDataFrame  # iso3, name, is_state, is_selected, geometry (clipped to the view and its context)
    west: float
    south: float
    east: float
    north: float


def select_neighbourhood(world: gpd.GeoDataFrame, iso3: str) -> Neighbourhood | None:
    """The view around the state and the shapes in and around it; None when the boundaries lack the state."""
    own = world[(world["iso3"] == iso3) & world.geometry.notna()]
    if own.empty:
        return None
    parts = own.geometry.explode(index_parts=False)
    areas = parts.to_crs(EQUAL_AREA).area
    west, south, east, north = parts[areas >= MAIN_PART_SHARE * areas.max()].total_bounds
    width, height = max(east - west, MIN_SPAN_DEGREES), max(north - south, MIN_SPAN_DEGREES)
    centre_x, centre_y = (west + east) / 2, (south + north) / 2
    half_w = width / 2 + min(width * MARGIN, MAX_MARGIN_DEGREES)
    half_h = height / 2 + min(height * MARGIN, MAX_MARGIN_DEGREES)
    view = (max(centre_x - half_w, -180), max(centre_y - half_h, -85), min(centre_x + half_w, 180), min(centre_y + half_h, 85))
    span = max(view[2] - view[0], view[3] - view[1]) * CONTEXT
    context = (max(view[0] - span, -180), max(view[1] - span, -85), min(view[2] + span, 180), min(view[3] + span, 85))
    shapes = world[world.geometry.notna()].clip(box(*context))
    shapes = shapes[~shapes.geometry.is_empty].assign(is_selected=lambda f: f["iso3"] == iso3)
    return Neighbourhood(shapes.reset_index(drop=True), *view)


SMALL_STATE_KM2 = 2_500  # below this a state is a few pixels or less on a world map


def compute_small_state_points(world: gpd.GeoDataFrame, max_km2: float = SMALL_STATE_KM2) -> pd.DataFrame:
    """iso3, lon, lat of states too small to see on a world map, so the map can mark them with a dot."""
    states = world[world["is_state"] & world.geometry.notna()]
    area_km2 = states.geometry.to_crs(EQUAL_AREA).area / 1e6
    small = states[area_km2 < max_km2]
    points = small.geometry.representative_point()  # inside the shape, unlike a centroid of scattered islands
    return pd.DataFrame({"iso3": small["iso3"].to_numpy(), "lon": points.x.round(3).to_numpy(),
                         "lat": points.y.round(3).to_numpy()})
