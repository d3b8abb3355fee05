"""The pack's index page: the dashboard's overview (headlines, a world map per metric, the ranked states).

The live page's metric selectbox becomes a plain <select> that shows one metric's panel (assets/pack.js);
its filters keep their defaults: States Parties, every region.
"""
from __future__ import annotations

import pandas as pd
from markupsafe import Markup

from charts.overview import make_ranked_bar_figure, make_world_map_figure
from domain.overview import (
    METRICS,
    NO_DATA,
    Metric,
    OverviewFilters,
    compute_headlines,
    compute_metric_bins,
    filter_states,
    legend_order,
)
from domain.state_names import state_name
from i18n import N_, NOT_REPORTED, _, translate_message
from pack.data import PackData
from pack.html import Cell, TableView, chart, link, render_template, table

TOP = 15  # as many states as the dashboard's "Highest figures" chart
BIN = {"bin": lambda label: Cell(_(label))}


def _headlines(data: PackData, states: pd.DataFrame) -> list[dict]:
    cards = []
    for headline in compute_headlines(states, data.tables["global_figures"], data.tables["global_casualties"],
                                      data.provenance["article5"]["date_compiled"]):
        source = link(headline.source) if headline.source.startswith("http") else Cell(
            f"data/{headline.source}.csv" if headline.source else _(NOT_REPORTED))
        as_of = _("as of {year}").format(year=translate_message(headline.as_of or NOT_REPORTED))
        cards.append({"label": translate_message(headline.label), "value": translate_message(headline.value),
                      "source": [Cell(as_of), source]})
    return cards


def _localized(binned: pd.DataFrame) -> pd.DataFrame:
    """State names and the domain's words (value text, year, region) in the pack's language, as the live page
    shows them; the bins stay English because the map translates its legend itself."""
    translated = {column: binned[column].map(translate_message, na_action="ignore")
                  for column in ("value_text", "as_of", "region")}
    return binned.assign(state=[state_name(i, n) for i, n in zip(binned["iso3"], binned["state"], strict=True)], **translated)


def _ranked(binned: pd.DataFrame, metric: Metric) -> pd.DataFrame:
    """Highest figure first (categories in legend order); states with no figure last, by name."""
    if metric.categorical:
        key = binned["bin"].map({label: i for i, label in enumerate(legend_order(metric))})
        return binned.assign(_key=key).sort_values(["_key", "state"]).drop(columns="_key")
    value = pd.to_numeric(binned["value"], errors="coerce")
    return binned.assign(_key=value).sort_values(["_key", "state"], ascending=[False, True], na_position="last"
                                                 ).drop(columns="_key")


def _bins_table(binned: pd.DataFrame, metric: Metric) -> TableView:
    rows = [{"bin": label, "count": len(group), "states": ", ".join(sorted(group["state"]))}
            for label in legend_order(metric) if len(group := binned[binned["bin"] == label])]
    return table(pd.DataFrame(rows), {"bin": N_("Legend bin"), "count": N_("States"), "states": N_("Which")}, BIN)


def _world_map(binned: pd.DataFrame, metric: Metric, data: PackData):
    """The dashboard's map with its legend title above the bins: beside them, it pushes "No data" off a page
    1,100 pixels wide, and a static page has no wider layout to fall back on."""
    figure = make_world_map_figure(binned, metric, small_states=data.small_states)
    return figure.update_layout(legend_title_side="top")


def _metric_panel(data: PackData, states: pd.DataFrame, metric: Metric, built: set[str], first: bool) -> dict:
    binned = _localized(compute_metric_bins(states, metric))
    label = _(metric.label)
    with_data = int(binned["value"].notna().sum())
    sources = [f"{data.provenance[metric.dataset]['title']} (data/{metric.dataset}.csv)", _("Natural Earth 1:50m boundaries")]
    source_line = [Cell(_("Data source: {titles}. Compiled {date}; each row links its own source.").format(
        titles="; ".join(sources), date=data.compiled_on()))]
    bins = "; ".join(f"{_(name)}: {n}" for name in legend_order(metric) if (n := int((binned["bin"] == name).sum())))
    map_alt = _("World map of {metric} for {total} States Parties; {count} have a figure. States per legend bin: {bins} "
                "({no_data} is grey: not reported, never zero).").format(
        metric=label, total=len(binned), count=with_data, bins=bins, no_data=_(NO_DATA))
    ranked = _ranked(binned, metric)
    top = ranked.dropna(subset=["value"]).head(TOP)
    bar_alt = _("Bar chart of the {count} States Parties with the highest {metric}: {figures}.").format(
        count=len(top), metric=label,
        figures=", ".join(f"{state} {value}" for state, value in zip(top["state"], top["value_text"], strict=True)))
    columns = {"page": N_("State"), "iso3": "ISO3", "region": N_("Region"), "value_text": metric.label,
               "as_of": N_("As of"), "source_url": N_("Source"), "bin": N_("Legend bin")}
    names = dict(zip(binned["iso3"], binned["state"], strict=True))
    state_cell = {"page": lambda iso3: Cell(names[iso3], f"country/{iso3}.html" if iso3 in built else None),
                  "source_url": link, **BIN}
    caption = _("{count} of {total} States Parties have a figure; grey means no figure was found in the sources (never "
                "zero). Figures are the latest each state has, so their years differ: hover, or see the table, for each "
                "year.").format(count=with_data, total=len(binned))
    ranked_chart = chart(f"ranked-{metric.key}", make_ranked_bar_figure(binned, metric, TOP), bar_alt, source_line,
                         table(top, {"state": N_("State"), "value_text": metric.label, "as_of": N_("As of"),
                                     "source_url": N_("Source")}, {"source_url": link})) if len(top) else None
    return {
        "key": metric.key, "hidden": not first, "label": label, "caption": caption,
        "map": chart(f"map-{metric.key}", _world_map(binned, metric, data), map_alt, source_line,
                     _bins_table(binned, metric)),
        "highest": _("Highest figures"), "ranked_chart": ranked_chart,
        "no_figure": _("No state shown has a figure: not reported."),
        "all_ranked": _("All States Parties, ranked"), "table": table(ranked.assign(page=ranked["iso3"]), columns, state_cell),
    }


def render_overview_body(data: PackData, built: list[str]) -> Markup:
    """The index page's body, in the current language."""
    states = filter_states(data.panel, OverviewFilters())
    names = {iso3: state_name(iso3, name) for iso3, name in zip(data.panel["iso3"], data.panel["state"], strict=True)}
    return render_template(
        "overview.html.j2", title=_("Where contamination remains, and what is needed"),
        headlines=_headlines(data, states), metric_label=_("Metric"),
        options=[(key, _(metric.label)) for key, metric in METRICS.items()],
        panels=[_metric_panel(data, states, metric, set(built), i == 0) for i, metric in enumerate(METRICS.values())],
        states_heading=_("State Party pages in this pack ({count})").format(count=len(built)),
        states=[Cell(names[iso3], f"country/{iso3}.html") for iso3 in sorted(built, key=lambda code: names[code])],
    )
