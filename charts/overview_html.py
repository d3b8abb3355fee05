"""The overview's headline figures and captions as HTML, shown in one element with the map.

One element instead of a dozen (four metrics, their notes, captions and columns): Streamlit renders
every element again on each rerun, and those made most of the cost of a filter change. Every text
placed in the markup is escaped: it is data, never markup.
"""
from __future__ import annotations

from html import escape

from domain.overview import Headline
from domain.preference import source_label
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
