"""A zoomable regional map of one state and its neighbours, drawn by pydeck from shipped boundaries.

The base map is a local style with one background layer (static/map_style.json), so nothing is
fetched. Further layers (for example hazard areas a state publishes) go in `extra_layers`.
"""
from __future__ import annotations

import json
import math
from collections.abc import Sequence

import pydeck as pdk

from domain.geography import Neighbourhood

MAP_STYLE = "app/static/map_style.json"  # relative, like the overview's base map, so a base path still works
SELECTED_COLOUR = "#b2182b"  # the state shown, on the dashboard's map and the pack's alike
SELECTED = [int(SELECTED_COLOUR[i:i + 2], 16) for i in (1, 3, 5)] + [220]
NEIGHBOUR = [210, 210, 210, 255]
BORDER = [255, 255, 255, 255]
TILE = 512  # pixels of the whole world at zoom 0


def mercator_y(lat: float) -> float:
    """Web Mercator's y of a latitude, in radians: both regional maps size their view with it."""
    return math.log(math.tan(math.pi / 4 + math.radians(lat) / 2))


def _zoom(neighbourhood: Neighbourhood, width_px: int, height_px: int) -> float:
    """The zoom at which the view box fits the map (web Mercator)."""
    lon_span = (neighbourhood.east - neighbourhood.west) / 360
    lat_span = (mercator_y(neighbourhood.north) - mercator_y(neighbourhood.south)) / (2 * math.pi)
    return max(0.0, min(math.log2(width_px / TILE / lon_span), math.log2(height_px / TILE / lat_span)))


def make_regional_map(neighbourhood: Neighbourhood, extra_layers: Sequence[pdk.Layer] = (), width_px: int = 700,
                      height_px: int = 420) -> pdk.Deck:
    shapes = neighbourhood.shapes.assign(
        fill=[SELECTED if selected else NEIGHBOUR for selected in neighbourhood.shapes["is_selected"]]
    )
    layer = pdk.Layer(
        "GeoJsonLayer", json.loads(shapes[["iso3", "name", "fill", "geometry"]].to_json()), id="countries",
        pickable=True, stroked=True, filled=True, get_fill_color="properties.fill", get_line_color=BORDER,
        line_width_min_pixels=1,
    )
    view = pdk.ViewState(
        longitude=(neighbourhood.west + neighbourhood.east) / 2, latitude=(neighbourhood.south + neighbourhood.north) / 2,
        zoom=_zoom(neighbourhood, width_px, height_px),
    )
    return pdk.Deck(layers=[layer, *extra_layers], initial_view_state=view, map_style=MAP_STYLE,
                    tooltip={"text": "{name}"}, map_provider=None)
