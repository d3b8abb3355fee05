"""The overview's headline figures and its table of every state shown, as HTML.

The headlines are drawn with the map, and the table with the ranked bars, each in one element instead
of a dozen Streamlit elements (metrics, captions, columns, a data grid): Streamlit renders every element
again on each rerun, and those made most of the cost of a filter change; the data grid's scripts were
also a third of the page's first load. Every text placed in the markup is escaped: it is data, never markup.
"""
from __future__ import annotations

from html import escape

import pandas as pd

from charts.world_svg import state_attributes
from domain.overview import Headline, Metric, legend_positions
from domain.sources import source_label
from i18n import NOT_REPORTED, _


def source_link(source: str, titles: dict[str, str]) -> str:
    """A dataset's title (`titles` maps dataset names to titles), a web source as a link named by its site."""
    if source in titles:
        return escape(titles[source])
    if source.startswith(("https://", "http://")):
        return (f'<a href="{escape(source, quote=True)}" target="_blank" rel="noopener noreferrer">'
                f'{escape(source_label(source))}</a>')
    return escape(source or _(NOT_REPORTED))


def make_headlines_html(headlines: list[Headline], titles: dict[str, str]) -> str:
    """Each headline's label, value, as of and source (all already translated), side by side."""
    as_of, source = _("as of {year}"), escape(_("Source: {source}"))  # Babel does not look inside f-strings
    items = "".join(
        f'<div class="mbc-headline"><p class="mbc-headline-label">{escape(h.label)}</p>'
        f'<p class="mbc-headline-value">{escape(h.value)}</p>'
        f'<p class="mbc-note">{escape(as_of.format(year=h.as_of or _(NOT_REPORTED)))}</p>'
        f'<p class="mbc-note">{source.format(source=source_link(h.source, titles))}</p></div>'
        for h in headlines)
    return f'<div class="mbc-headlines">{items}</div>'


def paragraph(text: str, kind: str = "mbc-note") -> str:
    return f'<p class="{kind}">{escape(text)}</p>'


def make_ranked_and_table_html(bars: str, table: str, source: str) -> str:
    """The ranked bars (with their source line) beside the table of every state shown, each under its heading;
    one below the other on a narrow screen."""
    highest, every = _("Highest figures"), _("All states shown")
    return (f'<div class="mbc-split"><section data-group="bars"><h3>{escape(highest)}</h3>{bars}{paragraph(source)}'
            f'</section><section><h3>{escape(every)}</h3>{table}</section></div>')


def make_table_html(binned: pd.DataFrame, metric: Metric) -> str:
    """Every state shown: name (opens the state), figure, as of, source (a link named
    by its site), legend bin, region and ISO3. Headers sort (missing figures last)."""
    headers = [_("State"), _(metric.label), _("As of"), _("Source"), _("Legend bin"), _("Region"), "ISO3"]
    head = "".join(f'<button type="button" class="mbc-th" role="columnheader" data-col="{i}">{escape(h)}</button>'
                   for i, h in enumerate(headers))
    missing = escape(_(NOT_REPORTED))
    # The figure column sorts by value; a categorical one (the outlook) by its legend's order.
    sort_keys = binned["bin"].map(legend_positions(metric)).where(binned["value"].notna()) if metric.categorical else binned["value"]

    def cell(text: object, sort: object = None) -> str:
        shown = missing if pd.isna(text) else escape(str(text))
        key = "" if sort is None or pd.isna(sort) else f' data-sort="{sort:g}"'
        return f'<span role="cell"{key}>{shown}</span>'

    rows = "".join(
        f'<div class="mbc-tr" role="row"><span role="cell"><span class="mbc-state mbc-name" {state_attributes(iso3)}>'
        f'{escape(state)}</span></span>{cell(text, value)}{cell(as_of)}'
        f'<span role="cell">{source_link(url, {}) if isinstance(url, str) and url else missing}</span>'
        f'{cell(_(label))}{cell(region)}{cell(iso3)}</div>'
        for iso3, state, region, value, text, as_of, url, label in zip(
            binned["iso3"], binned["state"], binned["region"], sort_keys, binned["value_text"], binned["as_of"],
            binned["source_url"], binned["bin"]))
    return (f'<div class="mbc-table" role="table" aria-label="{escape(_(metric.label), quote=True)}" data-group="table">'
            f'<div class="mbc-tr mbc-thead" role="row">{head}</div><div class="mbc-tbody" role="rowgroup">{rows}</div></div>')
