"""The overview's world map and ranked bar chart, drawn from the binned metric frame.

Chart words are translated here, when the figure is built, into the language of the run."""
from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go

from charts.legend import hover_fields, legend_colors
from domain.overview import Metric, legend_order, top_states
from i18n import _

FONT = dict(family="Source Sans Pro, sans-serif", size=16)
# The plotly world maps' base layer (the overview's slide image, the needs map): land from the 1:50m base map
# shipped in static/ (no coastlines, borders, ocean or lakes, which that file does not carry), Antarctica cut off.
WORLD_GEO = dict(resolution=50, projection_type="natural earth", showframe=False, showcoastlines=False,
                 showland=True, landcolor="#f4f4f4", showcountries=False, showocean=False, showlakes=False)
WORLD_LATITUDES = [-58, 85]


def _hover() -> str:
    """state, value, as of, source (plotly fills the %{...} fields)."""
    return ("<b>%{customdata[0]}</b><br>%{customdata[1]}<br>" + _("as of {date}").format(date="%{customdata[2]}")
            + "<br>" + _("source: {source}").format(source="%{customdata[3]}") + "<extra></extra>")


def make_world_map_figure(binned: pd.DataFrame, metric: Metric, zoom_to_states: bool = False,
                          small_states: pd.DataFrame | None = None) -> go.Figure:
    """One choropleth trace per legend bin; shapes come from the locally served 1:50m base map.

    States in `small_states` (iso3, lon, lat) also get a dot in their bin's colour: at world zoom their
    shape is a pixel or less (Tuvalu has none in the base map)."""
    colors = legend_colors(metric)
    hover = _hover()
    figure = go.Figure()
    for label in legend_order(metric):
        rows = binned[binned["bin"] == label]
        if rows.empty:
            continue
        figure.add_trace(
            go.Choropleth(
                locations=rows["iso3"], z=[1] * len(rows), locationmode="ISO-3", name=f"{_(label)} ({len(rows)})",
                colorscale=[[0, colors[label]], [1, colors[label]]], showscale=False, showlegend=True,
                marker_line_color="white", marker_line_width=0.4, customdata=hover_fields(rows), hovertemplate=hover,
                legendgroup=label,
            )
        )
        dots = rows.merge(small_states, on="iso3") if small_states is not None else rows.iloc[:0]
        if not dots.empty:
            figure.add_trace(go.Scattergeo(
                lon=dots["lon"], lat=dots["lat"], mode="markers", name=_(label), legendgroup=label, showlegend=False,
                marker=dict(size=9, color=colors[label], line=dict(color="#444444", width=0.8)),
                customdata=hover_fields(dots), hovertemplate=hover,
            ))
    figure.update_geos(**WORLD_GEO, **({"fitbounds": "locations"} if zoom_to_states else {"lataxis_range": WORLD_LATITUDES}))
    figure.update_layout(
        margin=dict(l=0, r=0, t=0, b=0), height=480, font=FONT, clickmode="event+select",
        legend=dict(title=dict(text=_(metric.label)), orientation="h", yanchor="top", y=-0.02, x=0),
    )
    return figure


def make_ranked_bar_figure(binned: pd.DataFrame, metric: Metric, top: int = 15) -> go.Figure:
    """The states with the highest figure; states with no figure are listed in the table, not here."""
    ranked = top_states(binned, metric, top)
    colors = legend_colors(metric)
    figure = go.Figure(
        go.Bar(
            x=ranked["value"] if not metric.categorical else [1] * len(ranked), y=ranked["state"], orientation="h",
            marker_color=[colors[b] for b in ranked["bin"]], text=ranked["value_text"], textposition="auto",
            customdata=hover_fields(ranked), hovertemplate=_hover(),
        )
    )
    figure.update_layout(
        margin=dict(l=0, r=10, t=10, b=0), height=max(240, 28 * len(ranked) + 40), font=FONT,
        yaxis=dict(autorange="reversed", title=None),
        xaxis=dict(title=_(metric.unit) if metric.unit else None, visible=not metric.categorical),
    )
    return figure
