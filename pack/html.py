"""HTML building blocks for the pack: every text from data is escaped, every missing figure reads "not reported".

Nothing here trusts data: cells and labels go through `esc`, links keep only http(s) addresses. Interface text
is translated into the language the pack is built in (`i18n.using_language`); data stays as its source wrote it.
"""
from __future__ import annotations

import html
from collections.abc import Callable, Mapping
from urllib.parse import urlparse

import pandas as pd

from domain.sources import source_label
from domain.countries import country_name
from i18n import NOT_REPORTED, _, current_language, format_decimal, format_figure, localize_number, translate_message


def esc(value: object) -> str:
    """Text from data or sources as HTML text: `<script>` shows as typed, never runs."""
    return html.escape(str(value), quote=True)


def element(tag: str, text: str, attributes: str = "") -> str:
    """`<tag>text</tag>` with the text escaped; interface text is built with `_()` outside the f-string so the
    extractor (which does not look inside f-strings) finds its msgid."""
    return f"<{tag}{attributes}>{esc(text)}</{tag}>"


def marked_up(template: str, **values: object) -> str:
    """A translated template in the dashboard's Markdown ('**Label:** {value}') as HTML: its **bold** becomes
    <strong> before the values go in, escaped, so a value from data can never add markup."""
    parts = esc(template).split("**")
    html_template = "".join(f"<strong>{part}</strong>" if i % 2 else part for i, part in enumerate(parts))
    return html_template.format(**{name: esc(value) for name, value in values.items()})


def is_missing(value: object) -> bool:
    return value is None or (not isinstance(value, (str, list, tuple)) and pd.isna(value))


def link(url: object, text: str | None = None) -> str:
    """A link to a cited page; anything but an http(s) address (javascript:, data:) stays plain text."""
    if not isinstance(url, str) or urlparse(url).scheme not in ("http", "https"):
        return esc(_(NOT_REPORTED) if is_missing(url) else url)
    return f'<a href="{esc(url)}" rel="noreferrer">{esc(text if text is not None else source_label(url))}</a>'


def as_of_and_source(as_of: object, source_url: object) -> str:
    """The line under a figure: its year and its source, or "no source: not reported"."""
    parts = [] if is_missing(as_of) else [esc(_("as of {year}").format(year=translate_message(str(as_of))))]
    if isinstance(source_url, str) and source_url:
        parts.append(link(source_url))
    return " · ".join(parts) or esc(_("no source: not reported"))


def state_name(iso3: object, name: object) -> str:
    """A state's name in the pack's language: the data's own spelling in English, pycountry's translation otherwise."""
    if current_language() == "en" or not isinstance(iso3, str):
        return str(name)
    return country_name(iso3, current_language()) or str(name)


Cell = Callable[[object], str]  # a value -> HTML for one cell


def table(frame: pd.DataFrame, columns: Mapping[str, str], cells: Mapping[str, Cell] | None = None,
          caption: str | None = None) -> str:
    """A plain HTML table of `columns` (name -> N_-marked header); missing cells read "not reported", never blank or 0."""
    cells = cells or {}
    head = "".join(f'<th scope="col">{esc(_(header))}</th>' for header in columns.values())
    rows = []
    for record in frame[list(columns)].itertuples(index=False):
        row = []
        for name, value in zip(columns, record):
            shown = esc(_(NOT_REPORTED)) if is_missing(value) else cells.get(name, lambda v: esc(format_figure(v)))(value)
            row.append(f"<td>{shown}</td>")
        rows.append(f"<tr>{''.join(row)}</tr>")
    title = f"<caption>{esc(caption)}</caption>" if caption else ""
    return f'<div class="table-wrap"><table>{title}<thead><tr>{head}</tr></thead><tbody>{"".join(rows)}</tbody></table></div>'


def number(decimals: int) -> Cell:
    return lambda value: esc(format_decimal(float(value), decimals))


def year_number(decimals: int) -> Cell:
    """A (fractional) year such as 2027.2: no thousands separator, the language's decimal sign."""
    return lambda value: esc(localize_number(f"{float(value):.{decimals}f}"))


def figure_json(figure) -> str:
    """A plotly figure as JSON safe inside a <script> element: '<', '>' and '&' never appear literally."""
    return figure.to_json().replace("&", "\\u0026").replace("<", "\\u003c").replace(">", "\\u003e")


def chart(chart_id: str, figure, alt: str, source_line: str, data_table: str) -> str:
    """A figure drawn by assets/pack.js, its alternative text, its source line and a "show the data" table."""
    show = _("Show the data")
    return (
        f'<figure class="chart">'
        f'<div class="plot" id="{esc(chart_id)}" role="img" aria-label="{esc(alt)}"></div>'
        f'<script type="application/json" id="{esc(chart_id)}-json">{figure_json(figure)}</script>'
        f'<figcaption>{esc(alt)}<br><span class="source">{source_line}</span></figcaption>'
        f'<details>{element("summary", show)}{data_table}</details>'
        f'</figure>'
    )


def not_reported(what: str) -> str:
    return element("p", _("{what}: not reported in the sources we hold.").format(what=what), ' class="not-reported"')


def page(title: str, body: str, root: str, snapshot_note: str) -> str:
    """A whole page; `root` is the relative way back to the pack's folder ("" or "../")."""
    return f"""<!doctype html>
<html lang="{current_language()}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{esc(title)}</title>
<link rel="icon" href="data:,">
<link rel="stylesheet" href="{root}assets/pack.css">
</head>
<body>
<p class="snapshot" role="note">{snapshot_note}</p>
<nav><a href="{root}index.html">{esc(_("Overview"))}</a> · <a href="{root}index.html#states">{esc(_("All States Parties"))}</a></nav>
<main>
{body}
</main>
<script src="{root}assets/world_50m.js"></script>
<script src="{root}assets/plotly.min.js"></script>
<script src="{root}assets/pack.js"></script>
</body>
</html>
"""
