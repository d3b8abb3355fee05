"""The pack's index page: the dashboard's overview (headlines, a world map per metric, the ranked states).

The live page's metric selectbox becomes a plain <select> that shows one metric's panel (assets/pack.js);
its filters keep their defaults: States Parties, every region.
"""
from __future__ import annotations

import pandas as pd

from charts.overview import make_ranked_bar_figure, make_world_map_figure
from domain.overview import (
    METRICS, NO_DATA, Metric, OverviewFilters, compute_headlines, compute_metric_bins, filter_states, legend_order,
)
from pack.data import PackData
from pack.html import NOT_REPORTED, chart, esc, link, table

TOP = 15  # as many states as the dashboard's "Highest figures" chart


def _headlines(data: PackData, states: pd.DataFrame) -> str:
    cards = []
    for headline in compute_headlines(states, data.tables["global_figures"], data.tables["global_casualties"]):
        source = link(headline.source) if headline.source.startswith("http") else esc(
            f"data/{headline.source}.csv" if headline.source else NOT_REPORTED)
        cards.append(f'<div class="metric"><div class="label">{esc(headline.label)}</div>'
                     f'<div class="value">{esc(headline.value)}</div>'
                     f'<div class="source">as of {esc(headline.as_of or NOT_REPORTED)} · {source}</div></div>')
    return f'<div class="metrics">{"".join(cards)}</div>'


def _ranked(binned: pd.DataFrame, metric: Metric) -> pd.DataFrame:
    """Highest figure first (categories in legend order); states with no figure last, by name."""
    if metric.categorical:
        key = binned["bin"].map({label: i for i, label in enumerate(legend_order(metric))})
        return binned.assign(_key=key).sort_values(["_key", "state"]).drop(columns="_key")
    value = pd.to_numeric(binned["value"], errors="coerce")
    return binned.assign(_key=value).sort_values(["_key", "state"], ascending=[False, True], na_position="last"
                                                 ).drop(columns="_key")


def _bins_table(binned: pd.DataFrame, metric: Metric) -> str:
    rows = [{"bin": label, "count": len(group), "states": ", ".join(sorted(group["state"]))}
            for label in legend_order(metric) if len(group := binned[binned["bin"] == label])]
    return table(pd.DataFrame(rows), {"bin": "Legend bin", "count": "States", "states": "Which"})


def _world_map(binned: pd.DataFrame, metric: Metric, data: PackData):
    """The dashboard's map with its legend title above the bins: beside them, it pushes "No data" off a page
    1,100 pixels wide, and a static page has no wider layout to fall back on."""
    figure = make_world_map_figure(binned, metric, small_states=data.small_states)
    return figure.update_layout(legend_title_side="top")


def _metric_panel(data: PackData, states: pd.DataFrame, metric: Metric, built: set[str], first: bool) -> str:
    binned = compute_metric_bins(states, metric)
    with_data = int(binned["value"].notna().sum())
    sources = f"{data.provenance[metric.dataset]['title']} (data/{metric.dataset}.csv)"
    source_line = esc(f"Data source: {sources}; Natural Earth 1:50m boundaries. Compiled {data.compiled}; each row "
                      "links its own source.")
    bins = "; ".join(f"{label}: {n}" for label in legend_order(metric)
                     if (n := int((binned["bin"] == label).sum())))
    map_alt = (f"World map of {metric.label} for {len(binned)} States Parties; {with_data} have a figure. States per "
               f"legend bin: {bins} ({NO_DATA} is grey: not reported, never zero).")
    ranked = _ranked(binned, metric)
    top = ranked.dropna(subset=["value"]).head(TOP)
    bar_alt = (f"Bar chart of the {len(top)} States Parties with the highest {metric.label}: "
               + ", ".join(f"{state} {value}" for state, value in zip(top["state"], top["value_text"])) + ".")
    columns = {"page": "State", "iso3": "ISO3", "region": "Region", "value_text": metric.label, "as_of": "As of",
               "source_url": "Source", "bin": "Legend bin"}
    names = dict(zip(binned["iso3"], binned["state"]))
    state_cell = {"page": lambda iso3: (f'<a href="country/{esc(iso3)}.html">{esc(names[iso3])}</a>' if iso3 in built
                                        else esc(names[iso3])), "source_url": link}
    return (
        f'<section class="metric-panel" id="metric-{metric.key}" data-metric="{metric.key}"{"" if first else " hidden"}>'
        f"<h2>{esc(metric.label)}</h2>"
        f'<p class="caption">{with_data} of {len(binned)} States Parties have a figure; grey means no figure was found '
        "in the sources (never zero). Figures are the latest each state has, so their years differ: hover, or see "
        "the table, for each year.</p>"
        + chart(f"map-{metric.key}", _world_map(binned, metric, data), map_alt, source_line, _bins_table(binned, metric))
        + "<h3>Highest figures</h3>"
        + (chart(f"ranked-{metric.key}", make_ranked_bar_figure(binned, metric, TOP), bar_alt, source_line,
                 table(top, {"state": "State", "value_text": metric.label, "as_of": "As of", "source_url": "Source"},
                       {"source_url": link}))
           if len(top) else f'<p class="not-reported">No state shown has a figure: {NOT_REPORTED}.</p>')
        + f"<h3>All States Parties, ranked</h3>"
        + table(ranked.assign(page=ranked["iso3"]), columns, state_cell)
        + "</section>"
    )


def _state_list(data: PackData, built: list[str]) -> str:
    names = data.panel.set_index("iso3")["state"]
    items = "".join(f'<li><a href="country/{esc(iso3)}.html">{esc(names[iso3])}</a></li>'
                    for iso3 in sorted(built, key=lambda code: names[code]))
    return f'<h2 id="states">State Party pages in this pack ({len(built)})</h2><ul class="states">{items}</ul>'


def render_overview_body(data: PackData, built: list[str]) -> str:
    states = filter_states(data.panel, OverviewFilters())
    options = "".join(f'<option value="{key}">{esc(metric.label)}</option>' for key, metric in METRICS.items())
    panels = "".join(_metric_panel(data, states, metric, set(built), i == 0) for i, metric in enumerate(METRICS.values()))
    return (
        "<h1>Where contamination remains, and what is needed</h1>"
        + _headlines(data, states)
        + f'<p class="switcher"><label for="metric-switcher">Metric</label> '
          f'<select id="metric-switcher">{options}</select></p>'
        + panels + _state_list(data, built)
    )
