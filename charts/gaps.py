"""Figures of the Gaps page: deadlines against remaining area, casualties against support."""
from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go

from charts.country import localize_separators
from charts.overview import FONT
from i18n import _, format_decimal, format_number

OUTLOOK_COLORS = {"off pace": "#D55E00", "cannot be computed": "#999999", "on pace": "#0072B2"}  # Okabe-Ito
HOVER = "<b>%{customdata[1]}</b><br>%{customdata[2]}<extra></extra>"


def make_deadline_bubble_figure(states: pd.DataFrame) -> go.Figure:
    """Remaining area against years to the deadline; bubble size = uncovered needs, colour = outlook.

    `states`: iso3, state, years_left, ap_contamination_km2, estimate_as_of, uncovered_needs, outlook."""
    figure = go.Figure()
    for outlook, color in OUTLOOK_COLORS.items():
        rows = states[states["outlook"] == outlook]
        if rows.empty:
            continue
        text = [_("{area} km² (as of {year}); {years} years to the deadline; {count} uncovered needs; {outlook}").format(
                    area=format_decimal(a, 1), year=y, years=format_decimal(t, 1), count=n, outlook=_(outlook))
                for a, y, t, n in zip(rows["ap_contamination_km2"], rows["estimate_as_of"], rows["years_left"],
                                      rows["uncovered_needs"], strict=True)]
        figure.add_trace(go.Scatter(
            x=rows["years_left"], y=rows["ap_contamination_km2"], mode="markers+text", name=f"{_(outlook)} ({len(rows)})",
            text=rows["iso3"], textposition="top center", customdata=list(zip(rows["iso3"], rows["state"], text, strict=True)),
            hovertemplate=HOVER,
            marker=dict(color=color, size=12 + 6 * rows["uncovered_needs"].clip(upper=10), opacity=0.75,
                        line=dict(color="white", width=1)),
        ))
    figure.update_layout(
        margin=dict(l=0, r=10, t=10, b=0), height=480, font=FONT, clickmode="event+select",
        xaxis=dict(title=_("years left to the Article 5 deadline"), zeroline=True),
        yaxis=dict(title=_("remaining anti-personnel mined area (km², log scale)"), type="log"),
        legend=dict(orientation="h", yanchor="top", y=-0.15, x=0, title=_("Completion outlook")),
    )
    return localize_separators(figure)


def make_casualties_support_figure(trends: pd.DataFrame) -> go.Figure:
    """Change in casualties against change in support over the same two years; top left = rising while falling."""
    figure = go.Figure()
    for flagged, name, color in ((True, _("casualties rising, support falling"), "#b2182b"),
                                 (False, _("other states"), "#4393c3")):
        rows = trends[trends["rising_while_support_falls"] == flagged]
        text = [_("{first}-{last}: casualties {before} -> {now}; support US$ {support_before} m -> {support_now} m").format(
                    first=p, last=y, before=format_number(c0), now=format_number(c1), support_before=format_decimal(s0, 1),
                    support_now=format_decimal(s1, 1))
                for p, y, c0, c1, s0, s1 in zip(rows["previous_year"], rows["year"], rows["casualties_total_before"],
                                                rows["casualties_total"], rows["support_usd_million_before"],
                                                rows["support_usd_million"], strict=True)]
        figure.add_trace(go.Scatter(
            x=rows["support_change"] * 100, y=rows["casualties_change"] * 100, mode="markers+text", name=f"{name} ({len(rows)})",
            text=rows["iso3"], textposition="top center", customdata=list(zip(rows["iso3"], rows["iso3"], text, strict=True)),
            hovertemplate=HOVER, marker=dict(color=color, size=14, line=dict(color="white", width=1)),
        ))
    figure.add_hline(y=0, line=dict(color="#777777", width=1))
    figure.add_vline(x=0, line=dict(color="#777777", width=1))
    figure.update_layout(
        margin=dict(l=0, r=10, t=10, b=0), height=420, font=FONT, clickmode="event+select",
        xaxis=dict(title=_("change in support received (%)")), yaxis=dict(title=_("change in casualties (%)")),
        legend=dict(orientation="h", yanchor="top", y=-0.15, x=0),
    )
    return localize_separators(figure)


def make_state_series_figure(casualties: pd.DataFrame, support: pd.DataFrame, state: str) -> go.Figure:
    """One state's casualties (bars) and support received (line, right axis) by year."""
    figure = go.Figure()
    figure.add_trace(go.Bar(x=casualties["year"], y=casualties["casualties_total"], name=_("casualties"), marker_color="#ef8a62",
                            hovertemplate=f"%{{x}}: %{{y:,}} {_('casualties')}<extra></extra>"))
    figure.add_trace(go.Scatter(x=support["year"], y=support["usd_million"], name=_("support received (US$ million)"),
                                mode="lines+markers", yaxis="y2", line=dict(color="#5e3c99", width=3),
                                hovertemplate=_("{year}: US$ {amount} million").format(year="%{x}", amount="%{y:,.1f}")
                                + "<extra></extra>"))
    figure.update_layout(
        margin=dict(l=0, r=10, t=30, b=0), height=360, font=FONT, title=dict(text=state, x=0),
        xaxis=dict(dtick=1, tickformat="d"), yaxis=dict(title=_("casualties")),
        yaxis2=dict(title=_("US$ million"), overlaying="y", side="right", rangemode="tozero"),
        legend=dict(orientation="h", yanchor="top", y=-0.15, x=0),
    )
    return localize_separators(figure)
