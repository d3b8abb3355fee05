"""Server-side PNG and PDF of the overview map and of a state's charts, sized for a slide (16:9).

Rendered by kaleido in the machine's Chromium with plotly.js from the plotly package, the base map from
static/ and MathJax off, so nothing is fetched.
"""
from __future__ import annotations

import warnings
from functools import cache
from html import escape

import plotly.graph_objects as go
import plotly.io as pio
from plotly.subplots import make_subplots

from config import ROOT
from i18n import _

SLIDE = {"width": 1600, "height": 900}
FORMATS = ("png", "pdf")


@cache
def _start_renderer() -> None:
    import kaleido  # imported here: only an export needs it

    pio.defaults.topojson = (ROOT / "static").as_uri() + "/"  # the base map the dashboard serves, from disk
    kaleido.start_sync_server(mathjax=False, silence_warnings=True)  # MathJax would come from a CDN


def figure_to_image(figure: go.Figure, image_format: str) -> bytes:
    if image_format not in FORMATS:
        raise ValueError(f"format must be one of {FORMATS}, not {image_format!r}")
    _start_renderer()
    with warnings.catch_warnings():
        # plotly warns that its per-call options go unused: the running server already has them.
        warnings.filterwarnings("ignore", message="The kopts argument is ignored")
        return pio.to_image(figure, format=image_format, **SLIDE)


def _titled(figure: go.Figure, title: str, source: str) -> go.Figure:
    # Plotly reads a title as markup: the title (a state's name) goes in escaped, its weight set by the font.
    figure.update_layout(title=dict(text=escape(title), x=0.01, font=dict(size=28, weight="bold")),
                         margin=dict(t=90, b=110, l=60, r=30))
    # Below everything, the legend included: the slide says where its figures come from.
    figure.add_annotation(text=source, xref="paper", yref="paper", x=0, y=0, yshift=-100, yanchor="bottom",
                          showarrow=False, xanchor="left", font=dict(size=14, color="#333333"))
    return figure


def make_overview_slide(world_map: go.Figure, title: str, source: str) -> go.Figure:
    """The overview's map as shown (metric, filters), with a title and its sources on the slide."""
    slide = go.Figure(world_map)
    slide.update_layout(legend=dict(font=dict(size=16)), font=dict(size=18))
    return _titled(slide, title, source)


def make_state_slide(charts: dict[str, go.Figure], title: str, source: str) -> go.Figure:
    """Up to four of a state's charts (name -> figure) side by side; sections without data are left out."""
    names = list(charts)[:4]
    rows, cols = (1, max(1, len(names))) if len(names) <= 2 else (2, 2)
    slide = make_subplots(rows=rows, cols=cols, subplot_titles=names, horizontal_spacing=0.08, vertical_spacing=0.16)
    for index, name in enumerate(names):
        row, col = divmod(index, cols)
        for trace in charts[name].data:
            slide.add_trace(trace.update(showlegend=False), row=row + 1, col=col + 1)
    slide.update_layout(barmode="stack", font=dict(size=16), plot_bgcolor="white")
    if not names:
        slide.add_annotation(text=_("not reported"), x=0.5, y=0.5, xref="paper", yref="paper", showarrow=False)
    return _titled(slide, title, source)
