"""Everything the overview shows for one view (metric, filters, language), computed in one place.

ui.cached keeps each view: presenters and committees flip between a few views, and each flip would
otherwise recompute the same frames and redraw the same map.
"""
from __future__ import annotations

from dataclasses import dataclass

import pandas as pd
from markupsafe import Markup

from charts.overview_html import make_table_html
from charts.world_svg import WorldOutline, make_ranked_bars_html, make_world_view
from domain.overview import Headline, Metric, OverviewFilters, compute_headlines, compute_metric_bins, filter_states
from i18n import _, translate_message
from ui.localize import localize_states, translate_columns


@dataclass(frozen=True)
class OverviewView:
    binned: pd.DataFrame  # one row per state shown: value, its text, bin, as of, source
    headlines: list[Headline]  # translated
    with_data: int  # states shown that have a figure
    map_view: dict  # how this view colours the world outline (charts.world_svg.make_world_view)
    bars_markup: Markup  # made by charts' templates: goes into another template unescaped
    table_markup: Markup  # "All states shown"
    table: pd.DataFrame  # the same rows for the downloads, columns named in the view's language


def build_overview_view(panel: pd.DataFrame, global_figures: pd.DataFrame, global_casualties: pd.DataFrame,
                        article5_compiled: str, outline: WorldOutline, metric: Metric, filters: OverviewFilters) -> OverviewView:
    """In the language of the run (ui.cached sets it from the view's key)."""
    states = filter_states(panel, filters)
    # Names, bins and value words in the chosen language; the legend's bin labels are translated by the charts.
    binned = translate_columns(localize_states(compute_metric_bins(states, metric)),
                               ["value_text", "as_of", "region", "beside_text"])
    headlines = [Headline(*(translate_message(part) for part in (h.label, h.value, h.as_of)), h.source)
                 for h in compute_headlines(states, global_figures, global_casualties, article5_compiled)]
    table = translate_columns(binned, ["bin"]).rename(columns={
        "state": _("State"), "iso3": "ISO3", "region": _("Region"), "value_text": _(metric.label), "as_of": _("As of"),
        "source_url": _("Source"), "bin": _("Legend bin"), "beside_text": _("Other source: figure"),
        "beside_as_of": _("Other source: as of"), "beside_source_url": _("Other source")}).drop(columns=["value"])
    return OverviewView(
        binned=binned, headlines=headlines, with_data=int(binned["value"].notna().sum()),
        map_view=make_world_view(binned, metric, outline, zoom_to_states=bool(filters.regions)),
        bars_markup=make_ranked_bars_html(binned, metric), table_markup=make_table_html(binned, metric), table=table,
    )
