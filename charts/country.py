"""Figures of the State Party page: casualties, land release, the completion outlook, support received.

Chart words are translated when the figure is built; numbers in hovers follow the language's separators."""
from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go

from charts.overview import FONT
from domain.country import Projection
from i18n import _, current_language, format_month_year, localize_number

KILLED, INJURED, TOTAL_ONLY, OTHER_SOURCE = "#b2182b", "#ef8a62", "#999999", "#2166ac"


def _source() -> str:
    return _("source: {source}").format(source="%{customdata[0]}")


def localize_separators(figure: go.Figure) -> go.Figure:
    """plotly's d3 formats (%{y:,}) use the separators given here: decimal then thousands."""
    if current_language() != "en":
        figure.update_layout(separators=localize_number("1,000.5")[-2] + localize_number("1,000.5")[1])
    return figure


def _layout(figure: go.Figure, y_title: str, height: int = 340) -> go.Figure:
    localize_separators(figure)
    figure.update_layout(
        margin=dict(l=0, r=10, t=10, b=0), height=height, font=FONT, barmode="stack", hovermode="closest",
        legend=dict(orientation="h", yanchor="top", y=-0.15, x=0), yaxis_title=y_title,
        xaxis=dict(dtick=1, tickformat="d", title=None),
    )
    return figure


def _others(rows: pd.DataFrame, value: str, unit: str) -> go.Scatter:
    """Figures from sources that do not lead their year, drawn beside the bar, never added to it."""
    return go.Scatter(
        x=rows["year"], y=rows[value], mode="markers", name=_("Other source's figure"),
        marker=dict(symbol="diamond", size=12, color=OTHER_SOURCE, line=dict(color="white", width=1)),
        customdata=rows[["source_name"]], hovertemplate=f"%{{x}}: %{{y:,}} {unit}<br>{_source()}<extra></extra>",
    )


def make_casualties_figure(casualties: pd.DataFrame) -> go.Figure:
    """Killed and injured stacked where the split is known; the total alone (grey) where it is not."""
    lead = casualties[casualties["leads"]]
    split = lead.dropna(subset=["killed", "injured"])
    total_only = lead[lead["killed"].isna() | lead["injured"].isna()]
    figure = go.Figure()
    for name, word, column, color in ((_("Killed"), _("killed"), "killed", KILLED),
                                      (_("Injured"), _("injured"), "injured", INJURED)):
        figure.add_trace(go.Bar(
            x=split["year"], y=split[column], name=name, marker_color=color, customdata=split[["source_name"]],
            hovertemplate=f"%{{x}}: %{{y:,}} {word}<br>{_source()}<extra></extra>",
        ))
    if len(total_only):
        figure.add_trace(go.Bar(
            x=total_only["year"], y=total_only["casualties_total"], name=_("Total (killed/injured not reported)"),
            marker_color=TOTAL_ONLY, customdata=total_only[["source_name"]],
            hovertemplate=f"%{{x}}: %{{y:,}} {_('casualties')}<br>{_source()}<extra></extra>",
        ))
    others = casualties[~casualties["leads"]]
    if len(others):
        figure.add_trace(_others(others, "casualties_total", _("casualties")))
    return _layout(figure, _("casualties (killed + injured)"))


def make_release_figure(releases: pd.DataFrame) -> go.Figure:
    lead = releases[releases["leads"]]
    figure = go.Figure(go.Bar(
        x=lead["year"], y=lead["land_released_km2"], name=_("Land released"), marker_color="#1b7837",
        customdata=lead[["source_name"]], hovertemplate=f"%{{x}}: %{{y:,.2f}} km²<br>{_source()}<extra></extra>",
    ))
    others = releases[~releases["leads"]]
    if len(others):
        figure.add_trace(_others(others, "land_released_km2", "km²"))
    return _layout(figure, _("land released (km²)"))


def make_outlook_figure(projection: Projection, deadline_label: str) -> go.Figure:
    """Remaining area falling at the assumed pace, against the Article 5 deadline."""
    start, end = projection.start_year, projection.projected_completion_year
    figure = go.Figure(go.Scatter(
        x=[start, end], y=[projection.remaining_km2, 0], mode="lines+markers", name=_("Projected remaining area"),
        line=dict(color="#2166ac", width=4, dash="dot"), marker=dict(size=10),
        hovertemplate=_("{year}: {area} km² remaining").format(year="%{x:.1f}", area="%{y:,.1f}") + "<extra></extra>",
    ))
    figure.add_vline(x=projection.deadline_year, line=dict(color="#b2182b", width=3),
                     annotation_text=_("Article 5 deadline {date}").format(date=deadline_label),
                     annotation_position="top left")
    figure.add_annotation(x=end, y=0, text=_("projected completion {year}").format(year=format_month_year(end)),
                          showarrow=True, ax=60, ay=-40)
    localize_separators(figure)
    low, high = min(start, projection.deadline_year) - 0.5, max(end, projection.deadline_year) + 0.5
    figure.update_layout(margin=dict(l=0, r=10, t=30, b=0), height=300, font=FONT, showlegend=False,
                         yaxis=dict(title=_("km² remaining"), rangemode="tozero"),
                         xaxis=dict(range=[low, high], tickformat="d", title=None))
    return figure


def make_support_figure(totals: pd.DataFrame) -> go.Figure:
    reported = totals.dropna(subset=["usd_million"])
    figure = go.Figure(go.Bar(
        x=reported["year"], y=reported["usd_million"], name=_("Support received"), marker_color="#5e3c99",
        customdata=reported["source_url"].fillna("").to_frame(),
        hovertemplate=(_("{year}: US${amount} million").format(year="%{x}", amount="%{y:,.2f}")
                       + "<br>%{customdata[0]}<extra></extra>"),
    ))
    return _layout(figure, _("US$ million (recipient totals)"))
