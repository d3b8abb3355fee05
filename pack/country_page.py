"""One State Party's page for the pack: domain.country_page's model drawn through templates/country.html.j2.

The same sections, figures and tables as the dashboard, in the same (translated) wording; the outlook uses the
default assumptions since a static page has no controls. This module only turns each block into what the
template shows: cells formatted by their column's kind, charts made by the same factories as the dashboard's.
"""
from __future__ import annotations

from dataclasses import asdict

from markupsafe import Markup

from charts.country import make_casualties_figure, make_outlook_figure, make_release_figure, make_support_figure
from domain.country_page import (
    Chart,
    Column,
    CountryPage,
    Details,
    Figures,
    NotReported,
    Outlook,
    Provenance,
    StateMarkdown,
    Subheading,
    Table,
    Text,
    Timeline,
    TimelineEvent,
    Warning,
    build_country_page,
    document_line,
)
from domain.geography import select_neighbourhood
from domain.sources import web_address
from domain.state_page import markdown_html
from i18n import _, format_decimal, format_figure, localize_number
from pack.data import PackData
from pack.html import Cell, ChartView, TableView, as_of_and_source, chart, link, render_template, table, text_cell
from pack.regional_map import make_regional_map_figure

FIGURES = {"casualties": make_casualties_figure, "release": make_release_figure, "support": make_support_figure}


def _cell(column: Column):
    """How a value of this kind of column reads on the page (a missing one is handled by `table`)."""
    kinds = {
        "year": lambda value: Cell(str(int(value))),  # 2023, not "2,023"
        "number": lambda value: Cell(format_decimal(float(value), column.decimals)),
        "fractional_year": lambda value: Cell(localize_number(f"{float(value):.{column.decimals}f}")),
        "source": link,
        "page": lambda url: link(url, str(url)),
        "yes_no": lambda value: Cell(format_figure(bool(value))),
        "figure_shown": lambda leads: Cell(_("yes (bar)") if leads else _("no (diamond)")),
    }
    return kinds.get(column.kind, text_cell)


def table_view(model: Table) -> TableView:
    # The headers are already translated; `table` translates again, which leaves a translated text as it is.
    return table(model.frame, model.headers, {column.name: _cell(column) for column in model.columns})


def _chart(block: Chart, page: CountryPage, data: PackData) -> ChartView:
    if block.kind == "regional_map":
        figure = make_regional_map_figure(page.header.name, page.iso3, block.subject, data.small_states)
    elif block.kind == "outlook":
        figure = make_outlook_figure(block.subject, block.deadline)
    else:
        figure = FIGURES[block.kind](block.subject)
    source = [Cell(block.source_line)] if block.source_line else as_of_and_source(block.as_of, block.source_url)
    return chart(block.kind, figure, block.alt, source, table_view(block.data))


def _view(block, page: CountryPage, data: PackData) -> dict:
    """A block as the template reads it: its type and its fields, with figures, tables and charts prepared."""
    if isinstance(block, Figures):
        return {"type": "figures", "figures": [
            {"label": f.label, "value": f.value, "source": as_of_and_source(f.as_of, f.source_url), "note": f.note}
            for f in block.figures]}
    if isinstance(block, Table):
        return {"type": "table", "table": table_view(block)}
    if isinstance(block, Chart):
        return {"type": "chart", "chart": _chart(block, page, data)}
    if isinstance(block, Outlook):
        return {"type": "outlook", **asdict(block), "live": _("The live dashboard lets you change these.")}
    if isinstance(block, StateMarkdown):
        # markdown_html escapes any HTML in the text and links only http(s) addresses: safe to include as is.
        return {"type": "state_text", "label": block.label, "language": block.language, "note": block.language_note,
                "html": Markup(markdown_html(block.markdown))}
    if isinstance(block, Timeline):
        return {"type": "timeline", "groups": [
            {"title": title, "events": [_event(e) for e in events], "empty": block.nothing_upcoming}
            for title, events in ((block.upcoming_title, block.upcoming), (block.past_title, block.past))
            if events or title == block.upcoming_title],
            "documents_note": _("Documents are on the live dashboard, as downloads.")}
    kinds = {Subheading: "subheading", Text: "text", Warning: "warning", Details: "details", NotReported: "not_reported",
             Provenance: "provenance"}
    return {"type": kinds[type(block)], **asdict(block)}


def _event(event: TimelineEvent) -> dict:
    """An IA event for the template: its source linked only to an http(s) address; its documents named (a static
    page carries no file)."""
    address = web_address(event.source_url)
    return {"heading": f"{event.date} · {event.kind}", "status": event.status, "venue": event.venue,
            "summary": event.summary, "source": Cell(event.source),
            "link": None if event.by_state or address is None else link(address),
            "documents": [document_line(d) for d in event.documents]}


def render_country_body(data: PackData, iso3: str) -> tuple[str, Markup]:
    """(page title, page body) for one state, in the current language."""
    profile = data.profile(iso3)
    page = build_country_page(profile, data.projection(profile), select_neighbourhood(data.boundaries, iso3),
                              state_page=data.state_pages.get(iso3), ia_events=data.ia_events.get(iso3, ()),
                              today=data.on.isoformat())
    sections = [{"title": s.title, "blocks": [_view(b, page, data) for b in s.blocks]} for s in page.sections]
    treaty = link(page.header.treaty_url, page.header.treaty_label)
    if treaty.href is None:
        treaty = Cell(page.header.treaty_label)
    return page.header.name, render_template("country.html.j2", header=page.header, treaty=treaty, sections=sections)
