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
# The casualties-against-support axes are symmetric log scales: Yemen's +5,270 % support and +2,325 % casualties
# (2023-2024) on a linear scale squashed the other twelve States, all within -75 % and +630 %, into a corner.
# SYMLOG_UNIT_PCT is where the scale turns from about linear to logarithmic; ticks are labelled in true percent.
SYMLOG_UNIT_PCT = 10.0
SYMLOG_TICKS_PCT = (-100, 0, 50, 200, 1000, 5000, 20000, 100000)  # far enough apart for 1.5x type on a slide
# A change beyond this is labelled with its true value beside its code: the log scale shows it far smaller.
MARKED_CHANGE_PCT = 1000.0
# The legend under the figure, pinned to its bottom edge so it never lies over the x axis's title.
LEGEND_BELOW = dict(orientation="h", yref="container", yanchor="bottom", y=0, x=0)


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
        # Two lines: at 1.5x type on a slide one line was longer than the plot is tall.
        yaxis=dict(title=_("AP mined area (km²)") + "<br>" + _("log scale"), type="log", automargin=True),
        legend={**LEGEND_BELOW, "title": _("Completion outlook")},
    )
    return localize_separators(figure)


def _signed_percent(change: float) -> str:
    return ("+" if change > 0 else "") + format_percent(change)


def symlog(percent: pd.Series | float):
    """A change in percent on a symmetric log scale: sign(v) · log10(1 + |v| / SYMLOG_UNIT_PCT)."""
    return np.sign(percent) * np.log10(1 + np.abs(percent) / SYMLOG_UNIT_PCT)


def _symlog_axis(title: str, percent: pd.Series) -> dict:
    """An axis over `percent` (true values) drawn on the symmetric log scale, ticked in true percent, with room
    around the points for their markers and labels."""
    low, high = float(symlog(min(-100.0, percent.min()))), float(symlog(max(100.0, percent.max())))
    pad = (high - low) * 0.06
    ticks = [t for t in SYMLOG_TICKS_PCT if low - pad <= symlog(t) <= high + pad]
    return dict(title=title, range=[low - pad, high + pad], tickvals=[float(symlog(t)) for t in ticks],
                ticktext=[_signed_percent(t / 100) for t in ticks], automargin=True, zeroline=False)


def make_casualties_support_figure(trends: pd.DataFrame) -> go.Figure:
    """Change in casualties against change in support over the same two years; top left = rising while falling.

    Both axes are symmetric log scales (true percent on the ticks and in the hover), so every State's point is
    inside the plot at its true place however extreme one is; a change beyond ±MARKED_CHANGE_PCT is an open
    triangle labelled with its true values."""
    figure = go.Figure()
    for flagged, name, color in ((True, _("casualties rising, support falling"), "#b2182b"),
                                 (False, _("other states"), "#4393c3")):
        rows = trends[trends["rising_while_support_falls"] == flagged]
        extreme = ((rows["support_change"] * 100).abs() > MARKED_CHANGE_PCT) | (
            (rows["casualties_change"] * 100).abs() > MARKED_CHANGE_PCT)
        for marked, group in ((False, rows[~extreme]), (True, rows[extreme])):
            if marked and group.empty:
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
            labels = ([_("{iso3}: support {support}, casualties {casualties}").format(
                           iso3=i, support=_signed_percent(sc), casualties=_signed_percent(cc))
                       for i, sc, cc in zip(group["iso3"], group["support_change"], group["casualties_change"], strict=True)]
                      if marked else list(group["iso3"]))
            figure.add_trace(go.Scatter(
                x=symlog(group["support_change"] * 100), y=symlog(group["casualties_change"] * 100), mode="markers+text",
                cliponaxis=False, name=(_("{name}, change beyond ±{limit} %").format(
                    name=name, limit=format_number(MARKED_CHANGE_PCT)) if marked else name) + f" ({len(group)})",
                text=labels, textposition=["middle left" if v > 0 else "middle right" for v in group["support_change"]]
                if marked else "top center",
                customdata=list(zip(group["iso3"], group["iso3"], text, strict=True)), hovertemplate=HOVER,
                marker=dict(color=color, size=16 if marked else 14, symbol="triangle-up-open" if marked else "circle",
                            line=dict(color=color if marked else "white", width=2 if marked else 1)),
            ))
    figure.add_hline(y=0, line=dict(color="#777777", width=1))
    figure.add_vline(x=0, line=dict(color="#777777", width=1))
    figure.update_layout(
        margin=MARGIN, height=420, font=FONT, clickmode="event+select", legend=LEGEND_BELOW,
        # Titles on two lines: at 1.5x type on a slide one line was longer than the plot is tall.
        xaxis=_symlog_axis(_("change in support received (%)") + "<br>" + _("symmetric log scale"),
                           trends["support_change"] * 100),
        yaxis=_symlog_axis(_("change in casualties (%)") + "<br>" + _("symmetric log scale"),
                           trends["casualties_change"] * 100),
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
