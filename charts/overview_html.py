"""The overview's headline figures and its table of every state shown, as HTML.

The headlines are drawn with the map, and the table with the ranked bars, each in one element instead
of a dozen Streamlit elements (metrics, captions, columns, a data grid): Streamlit renders every element
again on each rerun, and those made most of the cost of a filter change; the data grid's scripts were
also a third of the page's first load. The markup is written by the templates in charts/templates, which
escape every text: it is data, never markup.
"""
from __future__ import annotations

from functools import cache

import pandas as pd
from markupsafe import Markup

from charts.templating import environment, render
from charts.world_svg import TEMPLATES
from domain.overview import Headline, Metric, legend_positions
from domain.sources import source_label, web_address
from i18n import NOT_REPORTED, _


def cited_source(source: object, titles: dict[str, str]) -> dict[str, str | None]:
    """How a source is shown (the `source` macro of charts/templates/_macros.html.j2): a dataset's title
    (`titles` maps dataset names to titles), a web address as a link named by its site, else its text."""
    if isinstance(source, str) and source in titles:
        return {"href": None, "text": titles[source]}
    href = web_address(source)
    if href:
        return {"href": href, "text": source_label(href)}
    return {"href": None, "text": source if isinstance(source, str) and source else _(NOT_REPORTED)}


@cache
def _macros():
    return environment(TEMPLATES).get_template("_macros.html.j2").module


def source_link(source: str, titles: dict[str, str]) -> Markup:
    """A source as the overview shows it (cited_source), as markup."""
    return _macros().source(cited_source(source, titles))


def make_headlines_html(headlines: list[Headline], titles: dict[str, str]) -> Markup:
    """Each headline's label, value, as of and source (all already translated), side by side."""
    return Markup(render(TEMPLATES, "headlines.html.j2", headlines=[(h, cited_source(h.source, titles)) for h in headlines],
                         as_of=_("as of {year}"), source_line=_("Source: {source}"), not_reported=_(NOT_REPORTED)))


def paragraph(text: str, kind: str = "mbc-note") -> Markup:
    return Markup(render(TEMPLATES, "paragraph.html.j2", text=text, kind=kind))


def make_ranked_and_table_html(bars: Markup, table: Markup, source: str) -> Markup:
    """The ranked bars (with their source line) beside the table of every state shown, each under its heading;
    one below the other on a narrow screen. `bars` and `table` are markup the templates made; `source` is text."""
    return Markup(render(TEMPLATES, "ranked_and_table.html.j2", bars=bars, table=table, source=source,
                         highest=_("Highest figures"), every=_("All states shown")))


def make_table_html(binned: pd.DataFrame, metric: Metric) -> Markup:
    """Every state shown: name (opens the state), figure, as of, source (a link named
    by its site), legend bin, region and ISO3. Headers sort (missing figures last)."""
    missing = _(NOT_REPORTED)
    # The figure column sorts by value; a categorical one (the outlook) by its legend's order.
    sort_keys = (binned["bin"].map(legend_positions(metric)).where(binned["value"].notna()) if metric.categorical
                 else binned["value"])

    def shown(text: object) -> str:
        return missing if pd.isna(text) else str(text)

    rows = []
    beside = zip(*(binned.get(c, pd.Series(pd.NA, index=binned.index))
                   for c in ("beside_text", "beside_as_of", "beside_source_url")), strict=True)
    for iso3, state, region, sort, text, as_of, url, label, (other, other_as_of, other_url) in zip(
            binned["iso3"], binned["state"], binned["region"], sort_keys, binned["value_text"], binned["as_of"],
            binned["source_url"], binned["bin"], beside, strict=True):
        cited = cited_source(url, {})
        # The other source's figure for the same thing, under the leading one's source: both kept, both labelled.
        other_cited = None if pd.isna(other) else {
            "text": _("other source: {value}, as of {date}").format(value=other, date=shown(other_as_of)),
            **{f"source_{k}": v for k, v in cited_source(other_url, {}).items()}}
        rows.append((iso3, state, shown(text), None if pd.isna(sort) else sort, shown(as_of), cited["href"], cited["text"],
                     shown(_(label)), shown(region), other_cited))
    headers = [_("State"), _(metric.label), _("As of"), _("Source"), _("Legend bin"), _("Region"), "ISO3"]
    return Markup(render(TEMPLATES, "states_table.html.j2", label=_(metric.label), headers=headers, rows=rows))
