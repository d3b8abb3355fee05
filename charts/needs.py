"""The donors' map: where needs no partnership covers are, drawn on the locally served base map."""
from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go

from charts.overview import FONT, WORLD_GEO, WORLD_LATITUDES
from i18n import _

HOVER = "<b>%{customdata[0]}</b><br>%{customdata[1]}<extra></extra>"


def make_uncovered_needs_map(per_state: pd.DataFrame, small_states: pd.DataFrame | None = None) -> go.Figure:
    """`per_state`: iso3, state, needs, uncovered. Colour = needs not fully covered; states with none stated are not drawn."""
    text = [_("{uncovered} of {needs} needs not fully covered").format(uncovered=u, needs=n)
            for u, n in zip(per_state["uncovered"], per_state["needs"], strict=True)]
    customdata = [[s, t, i] for s, t, i in zip(per_state["state"], text, per_state["iso3"], strict=True)]
    scale = dict(colorscale="Oranges", zmin=0, zmax=max(1, int(per_state["uncovered"].max() or 1)))
    figure = go.Figure(go.Choropleth(
        locations=per_state["iso3"], z=per_state["uncovered"], locationmode="ISO-3", customdata=customdata,
        hovertemplate=HOVER, marker_line_color="white", marker_line_width=0.4,
        colorbar=dict(title=_("uncovered needs"), thickness=14, len=0.8), **scale,
    ))
    dots = per_state.merge(small_states, on="iso3") if small_states is not None else per_state.iloc[:0]
    if not dots.empty:
        figure.add_trace(go.Scattergeo(
            lon=dots["lon"], lat=dots["lat"], mode="markers", showlegend=False, hovertemplate=HOVER,
            customdata=[c for c, iso3 in zip(customdata, per_state["iso3"], strict=True) if iso3 in set(dots["iso3"])],
            marker=dict(size=9, color=dots["uncovered"], line=dict(color="#444444", width=0.8), **scale),
        ))
    figure.update_geos(**WORLD_GEO, lataxis_range=WORLD_LATITUDES)
    figure.update_layout(margin=dict(l=0, r=0, t=0, b=0), height=420, font=FONT, clickmode="event+select")
    return figure
