"""What the pack's templates draw from: cells, tables, charts and the page shell, all written by autoescaping
Jinja2 templates (pack/templates, through charts.templating).

Nothing here writes markup: values go to the templates as text, links only to http(s) addresses
(domain.sources.web_address), and a missing figure reads "not reported", never blank or 0. Interface text is
translated into the language the pack is built in (`i18n.using_language`); data stays as its source wrote it.
"""
from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from pathlib import Path

import pandas as pd
from markupsafe import Markup

from charts.templating import render
from domain.sources import source_label, web_address
from i18n import NOT_REPORTED, _, current_language, format_figure, translate_message

TEMPLATES = Path(__file__).parent / "templates"


@dataclass(frozen=True)
class Cell:
    """Text, and the address it links to (None: plain text)."""
    text: str
    href: str | None = None


@dataclass(frozen=True)
class TableView:
    headers: list[str]
    rows: list[list[Cell]]


@dataclass(frozen=True)
class ChartView:
    id: str
    json: Markup  # the figure's JSON, made safe inside <script> by figure_json
    alt: str
    source: list[Cell]  # the source line: text, or as-of and a link
    data: TableView
    show: str  # "Show the data", translated


def is_missing(value: object) -> bool:
    return value is None or (not isinstance(value, (str, list, tuple)) and pd.isna(value))


def link(url: object, text: str | None = None) -> Cell:
    """A cited page; anything but an http(s) address (javascript:, data:, a publication's name) stays text."""
    address = web_address(url)
    if address is None:
        return Cell(_(NOT_REPORTED) if is_missing(url) else str(url))
    return Cell(text if text is not None else source_label(address), address)


def as_of_and_source(as_of: object, source_url: object) -> list[Cell]:
    """The line under a figure: its year and its source, or "no source: not reported"."""
    parts = [] if is_missing(as_of) else [Cell(_("as of {year}").format(year=translate_message(str(as_of))))]
    if isinstance(source_url, str) and source_url:
        parts.append(link(source_url))
    return parts or [Cell(_("no source: not reported"))]


def text_cell(value: object) -> Cell:
    return Cell(format_figure(value))


def table(frame: pd.DataFrame, columns: Mapping[str, str], cells: Mapping[str, Callable[[object], Cell]] | None = None
          ) -> TableView:
    """`columns` (name -> N_-marked header) of `frame`; missing cells read "not reported", never blank or 0."""
    cells = cells or {}
    rows = [[Cell(_(NOT_REPORTED)) if is_missing(value) else cells.get(name, text_cell)(value)
             for name, value in zip(columns, record, strict=True)]
            for record in frame[list(columns)].itertuples(index=False)]
    return TableView([_(header) for header in columns.values()], rows)


def figure_json(figure) -> str:
    """A plotly figure as JSON safe inside a <script> element: '<', '>' and '&' never appear literally."""
    return figure.to_json().replace("&", "\\u0026").replace("<", "\\u003c").replace(">", "\\u003e")


def chart(chart_id: str, figure, alt: str, source: list[Cell], data: TableView) -> ChartView:
    """A figure drawn by assets/pack.js, its alternative text, its source line and a "show the data" table."""
    return ChartView(chart_id, Markup(figure_json(figure)), alt, source, data, _("Show the data"))


def render_template(name: str, **context: object) -> Markup:
    """A template of pack/templates, as markup another template may include unescaped."""
    return Markup(render(TEMPLATES, name, **context))


def page(title: str, body: Markup, root: str, snapshot_note: str) -> str:
    """A whole page; `root` is the relative way back to the pack's folder ("" or "../")."""
    return render(TEMPLATES, "page.html.j2", language=current_language(), title=title, body=body, root=root,
                  snapshot_note=snapshot_note, overview=_("Overview"), all_states=_("All States Parties"))
