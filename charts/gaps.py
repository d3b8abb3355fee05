"""Figures of the Gaps page: deadlines against remaining area, casualties against support."""
from __future__ import annotations

import numpy as np
import pandas as pd
import plotly.graph_objects as go

from charts.country import localize_separators
from charts.overview import FONT
from i18n import _, format_decimal, format_number, format_percent

OUTLOOK_COLORS = {"off pace": "#D55E00", "cannot be computed": "#999999", "on pace": "#0072B2"}  # Okabe-Ito
HOVER = "<b>%{customdata[1]}</b><br>%{customdata[2]}<extra></extra>"
# Room for the labels above the highest bubble and for the axis titles: plotly clips text at the plot area and
# pushes no margin for a title when the margin is zero (both were cut off at 1280 x 720).
MARGIN = dict(l=10, r=20, t=40, b=10)
# Changes beyond ±700 % are drawn at that edge, marked, with their true value in the label: Yemen's +5,270 %
# support and +2,325 % casualties (2023-2024) squashed the other twelve States into a corner, while 700 % keeps
# every other State at its true place (the largest: Ukraine's support, +629 %).
CHANGE_LIMIT_PCT = 700.0


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
            hovertemplate=HOVER, cliponaxis=False,
            marker=dict(color=color, size=12 + 6 * rows["uncovered_needs"].clip(upper=10), opacity=0.75,
                        line=dict(color="white", width=1)),
        ))
    figure.update_layout(
        margin=MARGIN, height=480, font=FONT, clickmode="event+select",
        xaxis=dict(title=_("years left to the Article 5 deadline"), zeroline=True, automargin=True),
        yaxis=dict(title=_("remaining anti-personnel mined area (km², log scale)"), type="log", automargin=True),
        legend=dict(orientation="h", yanchor="top", y=-0.15, x=0, title=_("Completion outlook")),
    )
    return localize_separators(figure)


def _signed_percent(change: float) -> str:
    return ("+" if change > 0 else "") + format_percent(change)


def _axis_range(shown: pd.Series) -> list[float]:
    """The shown values with room around them for the markers and their labels."""
    low, high = min(-100.0, float(shown.min())), max(0.0, float(shown.max()))
    pad = (high - low) * 0.08
    return [low - pad, high + pad]


def make_casualties_support_figure(trends: pd.DataFrame, limit: float = CHANGE_LIMIT_PCT) -> go.Figure:
    """Change in casualties against change in support over the same two years; top left = rising while falling.

    A change beyond ±`limit` % is drawn at that edge with an open triangle and labelled with its true value, so
    one extreme State leaves the others readable and every point stays inside the plot."""
    figure = go.Figure()
    x_all, y_all = trends["support_change"] * 100, trends["casualties_change"] * 100
    for flagged, name, color in ((True, _("casualties rising, support falling"), "#b2182b"),
                                 (False, _("other states"), "#4393c3")):
        rows = trends[trends["rising_while_support_falls"] == flagged]
        x, y = rows["support_change"] * 100, rows["casualties_change"] * 100
        clipped = (x.abs() > limit) | (y.abs() > limit)
        for beyond, group in ((False, rows[~clipped]), (True, rows[clipped])):
            if beyond and group.empty:
                continue
            text = [_("{first}-{last}: casualties {before} -> {now} ({casualties_change}); support US$ {support_before} m "
                      "-> {support_now} m ({support_change})").format(
                        first=p, last=t, before=format_number(c0), now=format_number(c1), support_before=format_decimal(s0, 1),
                        support_now=format_decimal(s1, 1), casualties_change=_signed_percent(cc),
                        support_change=_signed_percent(sc))
                    for p, t, c0, c1, s0, s1, cc, sc in zip(
                        group["previous_year"], group["year"], group["casualties_total_before"], group["casualties_total"],
                        group["support_usd_million_before"], group["support_usd_million"], group["casualties_change"],
                        group["support_change"], strict=True)]
            gx, gy = group["support_change"] * 100, group["casualties_change"] * 100
            labels = ([_("{iso3}: support {support}, casualties {casualties}").format(
                           iso3=i, support=_signed_percent(sc), casualties=_signed_percent(cc))
                       for i, sc, cc in zip(group["iso3"], group["support_change"], group["casualties_change"], strict=True)]
                      if beyond else list(group["iso3"]))
            figure.add_trace(go.Scatter(
                x=gx.clip(-limit, limit), y=gy.clip(-limit, limit), mode="markers+text", cliponaxis=False,
                name=(_("{name}, beyond ±{limit} % (drawn at the edge)").format(name=name, limit=format_number(limit))
                      if beyond else name) + f" ({len(group)})",
                text=labels, textposition=["middle left" if v > 0 else "middle right" for v in gx] if beyond else "top center",
                customdata=list(zip(group["iso3"], group["iso3"], text, strict=True)), hovertemplate=HOVER,
                marker=dict(color=color, size=16 if beyond else 14, symbol="triangle-up-open" if beyond else "circle",
                            line=dict(color=color if beyond else "white", width=2 if beyond else 1)),
            ))
    figure.add_hline(y=0, line=dict(color="#777777", width=1))
    figure.add_vline(x=0, line=dict(color="#777777", width=1))
    for add_line, values in ((figure.add_vline, x_all), (figure.add_hline, y_all)):
        for edge in sorted(set(np.sign(values[values.abs() > limit]) * limit)):  # where extreme points are drawn
            add_line(float(edge), line=dict(color="#777777", width=1, dash="dash"))
    x_shown, y_shown = x_all.clip(-limit, limit), y_all.clip(-limit, limit)
    figure.update_layout(
        margin=MARGIN, height=420, font=FONT, clickmode="event+select",
        xaxis=dict(title=_("change in support received (%)"), range=_axis_range(x_shown), automargin=True),
        yaxis=dict(title=_("change in casualties (%)"), range=_axis_range(y_shown), automargin=True),
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
