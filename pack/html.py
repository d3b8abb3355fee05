"""HTML building blocks for the pack: every text from data is escaped, every missing figure reads "not reported".

Nothing here trusts data: cells and labels go through `esc`, links keep only http(s) addresses.
"""
from __future__ import annotations

import html
from collections.abc import Callable, Mapping
from urllib.parse import urlparse

import pandas as pd

from domain.preference import source_label
from i18n import NOT_REPORTED, format_figure


def esc(value: object) -> str:
    """Text from data or sources as HTML text: `<script>` shows as typed, never runs."""
    return html.escape(str(value), quote=True)


def is_missing(value: object) -> bool:
    return value is None or (not isinstance(value, (str, list, tuple)) and pd.isna(value))


def link(url: object, text: str | None = None) -> str:
    """A link to a cited page; anything but an http(s) address (javascript:, data:) stays plain text."""
    if not isinstance(url, str) or urlparse(url).scheme not in ("http", "https"):
        return esc(NOT_REPORTED if is_missing(url) else url)
    return f'<a href="{esc(url)}" rel="noreferrer">{esc(text if text is not None else source_label(url))}</a>'


def as_of_and_source(as_of: object, source_url: object) -> str:
    """The line under a figure: its year and its source, or "no source: not reported"."""
    parts = [] if is_missing(as_of) else [f"as of {esc(as_of)}"]
    if isinstance(source_url, str) and source_url:
        parts.append(link(source_url))
    return " · ".join(parts) or f"no source: {NOT_REPORTED}"


Cell = Callable[[object], str]  # a value -> HTML for one cell


def table(frame: pd.DataFrame, columns: Mapping[str, str], cells: Mapping[str, Cell] | None = None,
          caption: str | None = None) -> str:
    """A plain HTML table of `columns` (name -> header); missing cells read "not reported", never blank or 0."""
    cells = cells or {}
    head = "".join(f'<th scope="col">{esc(header)}</th>' for header in columns.values())
    rows = []
    for record in frame[list(columns)].itertuples(index=False):
        row = []
        for name, value in zip(columns, record):
            shown = esc(NOT_REPORTED) if is_missing(value) else cells.get(name, lambda v: esc(format_figure(v)))(value)
            row.append(f"<td>{shown}</td>")
        rows.append(f"<tr>{''.join(row)}</tr>")
    title = f"<caption>{esc(caption)}</caption>" if caption else ""
    return f'<div class="table-wrap"><table>{title}<thead><tr>{head}</tr></thead><tbody>{"".join(rows)}</tbody></table></div>'


def number(decimals: int) -> Cell:
    return lambda value: esc(f"{float(value):,.{decimals}f}")


def figure_json(figure) -> str:
    """A plotly figure as JSON safe inside a <script> element: '<', '>' and '&' never appear literally."""
    return figure.to_json().replace("&", "\\u0026").replace("<", "\\u003c").replace(">", "\\u003e")


def chart(chart_id: str, figure, alt: str, source_line: str, data_table: str) -> str:
    """A figure drawn by assets/pack.js, its alternative text, its source line and a "show the data" table."""
    return (
        f'<figure class="chart">'
        f'<div class="plot" id="{esc(chart_id)}" role="img" aria-label="{esc(alt)}"></div>'
        f'<script type="application/json" id="{esc(chart_id)}-json">{figure_json(figure)}</script>'
        f'<figcaption>{esc(alt)}<br><span class="source">{source_line}</span></figcaption>'
        f'<details><summary>Show the data</summary>{data_table}</details>'
        f'</figure>'
    )


def not_reported(what: str) -> str:
    return f'<p class="not-reported">{esc(what)}: {NOT_REPORTED} in the sources we hold.</p>'


def page(title: str, body: str, root: str, snapshot_note: str) -> str:
    """A whole page; `root` is the relative way back to the pack's folder ("" or "../")."""
    return f"""<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{esc(title)}</title>
<link rel="icon" href="data:,">
<link rel="stylesheet" href="{root}assets/pack.css">
</head>
<body>
<p class="snapshot" role="note">{snapshot_note}</p>
<nav><a href="{root}index.html">Overview</a> · <a href="{root}index.html#states">All State Parties</a></nav>
<main>
{body}
</main>
<script src="{root}assets/world_50m.js"></script>
<script src="{root}assets/plotly.min.js"></script>
<script src="{root}assets/pack.js"></script>
</body>
</html>
"""
