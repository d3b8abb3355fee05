"""The regional map of one state for the pack: plotly geo on the shipped base map, showing the dashboard's view.

The dashboard draws this with pydeck from the boundaries; the pack uses plotly geo so the one base map
(assets/world_50m.js) serves every page and nothing else has to be shipped.
"""
from __future__ import annotations

import math

import pandas as pd
import plotly.graph_objects as go

from charts.overview import FONT
from charts.regional_map import SELECTED_COLOUR as SELECTED
from charts.regional_map import mercator_y
from domain.geography import Neighbourhood

HEIGHT = 420
ASPECT = 2.6  # width / height of the chart on a page about 1,100 pixels wide


def compute_view_ranges(view: Neighbourhood) -> tuple[list[float], list[float]]:
    """Longitude and latitude ranges holding `select_neighbourhood`'s view, widened east and west to the
    chart's shape: plotly geo keeps a map's proportions, so an unwidened view would leave a narrow map."""
    height = mercator_y(view.north) - mercator_y(view.south)
    half_width = max(math.degrees(height * ASPECT), view.east - view.west) / 2
    centre = (view.west + view.east) / 2
    half_width = min(half_width, 180)
    return [centre - half_width, centre + half_width], [view.south, view.north]


def make_regional_map_figure(name: str, iso3: str, neighbourhood: Neighbourhood, small_states: pd.DataFrame) -> go.Figure:
    """The state in red among its neighbours, as far around it as the dashboard's regional map shows."""
    # The name and code go in as the trace's name and meta, not into the template: plotly reads a template as markup.
    hover = "<b>%{fullData.name}</b> (%{meta})<extra></extra>"
    figure = go.Figure(go.Choropleth(
        locations=[iso3], z=[1], locationmode="ISO-3", colorscale=[[0, SELECTED], [1, SELECTED]], showscale=False,
        marker_line_color="white", marker_line_width=0.6, hovertemplate=hover, name=name, meta=iso3,
    ))
    dot = small_states[small_states["iso3"] == iso3]
    if len(dot):  # too small to see (or no shape in the base map, like Tuvalu): a dot marks it
        figure.add_trace(go.Scattergeo(lon=dot["lon"], lat=dot["lat"], mode="markers", name=name, hovertemplate=hover, meta=iso3,
                                       marker=dict(size=12, color=SELECTED, line=dict(color="#444444", width=1))))
    lon_range, lat_range = compute_view_ranges(neighbourhood)
    figure.update_geos(
        resolution=50, projection_type="mercator", lonaxis_range=lon_range, lataxis_range=lat_range,
        showframe=False, showcoastlines=True, coastlinecolor="#9e9e9e", showland=True, landcolor="#e6e6e6",
        showcountries=True, countrycolor="#ffffff", showocean=False, showlakes=False,  # the base map has no ocean layer
    )
    figure.update_layout(margin=dict(l=0, r=0, t=0, b=0), height=HEIGHT, font=FONT, showlegend=False)
    return figure
