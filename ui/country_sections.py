"""The State Party page on the dashboard: draws domain.country_page's model, block by block, in outline order.

Thin on purpose: what a section holds (figures, tables, charts, "not reported") is decided once, in the model,
and drawn the same in the conference pack. Data text is escaped for Markdown (`plain`); links obey
domain.sources.web_address.
"""
from __future__ import annotations

from collections.abc import Callable

import pandas as pd
import streamlit as st

from charts.country import make_casualties_figure, make_outlook_figure, make_release_figure, make_support_figure
from charts.regional_map import make_regional_map
from charts.slide_images import make_state_slide
from domain.country import CountryProfile
from domain.country_page import (
    Chart,
    CountryPage,
    Details,
    Figures,
    Header,
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
    document_line,
)
from domain.membership import MEMBERSHIP_LABELS
from domain.sources import web_address
from domain.state_names import state_name
from domain.state_page import markdown_as_text
from i18n import _
from ui.cached import cached_compiled_date
from ui.components import (
    LINK_ADDRESS,
    LINK_HOST,
    figure_caption,
    plain,
    render_chart,
    render_figure,
    render_slide_images,
    render_table,
)
from ui.presenter import render_filter_summary

CHART_CONFIG = {"displaylogo": False}
SLIDE_CHARTS = ("outlook", "casualties", "release", "support")  # a slide's one chart: the first of these the page has
# On a slide the key figures sit between the header and the chart: the chart gets what they leave of the screen.
SLIDE_CHART_HEIGHT = 240
FIGURE_FACTORIES = {"casualties": make_casualties_figure, "release": make_release_figure, "support": make_support_figure}
DocumentReader = Callable[[int], bytes]  # an IA document's bytes by its id, read when its download is clicked


def render_country_page(page: CountryPage, outlook_controls: Callable[[], None] | None = None,
                        slide: bool = False, summary: list[str] = (), read_document: DocumentReader | None = None
                        ) -> None:
    """The header and every section; `outlook_controls` draws the outlook's widgets just before the outlook.
    On a `slide`, the summary (render_slide_summary, with the hidden controls' values in one line: `summary`) comes
    first and the sections follow without what it showed. `read_document` gives the IA documents' downloads
    (None: their names are listed without a download)."""
    shown = render_slide_summary(page, summary) if slide else ()
    if not slide:
        render_header(page.header)
    for section in page.sections:
        st.header(section.title)
        for block in section.blocks:
            if any(block is done for done in shown):
                continue
            if isinstance(block, Outlook) and block.adjustable and outlook_controls:
                outlook_controls()
            render_block(block, read_document)


def render_slide_summary(page: CountryPage, summary: list[str]) -> tuple:
    """The header, the key figures and one chart (the outlook, else casualties, land release or support) with its
    source, sized to sit on one screen; returns the blocks drawn, which the page then leaves out below."""
    render_header(page.header, caption=False)  # its line of obligations is said again in the sections below
    render_filter_summary(summary)
    blocks = [(section, block) for section in page.sections for block in section.blocks]
    charts = {block.kind: (section, block) for section, block in blocks if isinstance(block, Chart)}
    chosen = next((charts[kind] for kind in SLIDE_CHARTS if kind in charts), None)
    # The figures beside the chart's own section (the Article 5 figures for the outlook), else the page's first.
    figures = [block for section, block in blocks if isinstance(block, Figures)
               and (chosen is None or section is chosen[0])] or [b for _section, b in blocks if isinstance(b, Figures)]
    shown = tuple(figures[:1])
    for block in shown:
        render_block(block)
    if chosen is not None:
        render_model_chart(chosen[1], height=SLIDE_CHART_HEIGHT)
        shown += (chosen[1],)
    return shown


def render_header(header: Header, caption: bool = True) -> None:
    st.title(header.name)
    if header.note is None:
        label = _markdown_link(header.treaty_label, header.treaty_url)
        st.markdown(f"**{plain(header.status)}** · {plain(header.dates)} · {label}")
    else:
        st.markdown(f"**{plain(header.status)}** · {plain(header.note)}")
    if caption:
        st.caption(plain(header.caption))


def _markdown_link(text: str, url: object) -> str:
    address = web_address(url)
    return f"[{plain(text)}](<{address}>)" if address else plain(text)


def render_block(block, read_document: DocumentReader | None = None) -> None:
    if isinstance(block, Figures):
        for column, figure in zip(st.columns(max(3, len(block.figures))), block.figures, strict=False):
            render_figure(column, figure.label, figure.value, figure.as_of, figure.source_url, help=figure.help)
            if figure.note:
                column.caption(plain(figure.note))
    elif isinstance(block, Table):
        render_model_table(block)
    elif isinstance(block, Chart):
        render_model_chart(block)
    elif isinstance(block, Subheading):
        st.subheader(block.text)
    elif isinstance(block, Text):
        text = "".join(f"**{plain(part)}**" if bold else plain(part) for part, bold in block.parts)
        (st.caption if block.caption else st.markdown)(text)
    elif isinstance(block, Warning):
        st.warning(plain(block.text), icon=":material/compare_arrows:")
    elif isinstance(block, Details):
        with st.expander(block.summary):
            st.markdown(plain(block.text))
    elif isinstance(block, NotReported):
        if block.brief:
            st.caption(plain(block.text))
        else:
            st.info(plain(block.text), icon=":material/info:")
    elif isinstance(block, Outlook):
        st.markdown(f"**{plain(block.outlook)}** — {plain(block.reason)}")
        st.caption(plain(block.assumptions))
    elif isinstance(block, Provenance):
        st.caption(plain(block.text))
    elif isinstance(block, StateMarkdown):
        render_state_text(block)
    elif isinstance(block, Timeline):
        render_timeline(block, read_document)
    else:
        raise TypeError(f"no renderer for {type(block).__name__}")


def render_state_text(block: StateMarkdown) -> None:
    """The State's text as it wrote it: Markdown, with any HTML shown as text (never unsafe_allow_html)."""
    st.markdown(f"**{plain(block.label)}**")
    if block.language_note:
        st.caption(plain(block.language_note))
    st.markdown(markdown_as_text(block.markdown))


def render_timeline(block: Timeline, read_document: DocumentReader | None) -> None:
    """The State's Individualised Approach: upcoming events, then past ones, one bordered box each."""
    for title, events in ((block.upcoming_title, block.upcoming), (block.past_title, block.past)):
        if not events and title == block.past_title:
            continue
        st.subheader(title)
        if not events:
            st.caption(plain(block.nothing_upcoming))
        for event in events:
            with st.container(border=True):
                render_timeline_event(event, read_document)


def render_timeline_event(event: TimelineEvent, read_document: DocumentReader | None) -> None:
    st.markdown(f"**{plain(event.date)} · {plain(event.kind)}** · {plain(event.status)}")
    if event.venue:
        st.caption(plain(event.venue))
    if event.summary:
        st.markdown(plain(event.summary))
    address = web_address(event.source_url)
    source = plain(event.source)
    st.caption(f"{source} · [{plain(_('source'))}](<{address}>)" if address and not event.by_state else source)
    for document in event.documents:
        if read_document is None:
            st.caption(plain(document_line(document)))
            continue
        # The bytes are read only when clicked; served as an attachment under the type the store checked.
        st.download_button(document_line(document), lambda document_id=document.id: read_document(document_id),
                           file_name=document.filename, mime=document.content_type, icon=":material/download:",
                           key=f"ia_document_{document.id}", on_click="ignore")


def _shown(table: Table) -> tuple[pd.DataFrame, dict]:
    """The table's columns under their headers, and how st.dataframe should show each one."""
    frame = table.frame[[c.name for c in table.columns]].rename(columns=table.headers)
    links, formats, link_text = [], {}, LINK_HOST
    for column in table.columns:
        if column.kind in ("source", "page"):
            values = table.frame[column.name].dropna()
            # A cell that is not a web address (a publication's name, a javascript: address) stays text: the whole
            # column is shown as text rather than make it a link.
            if all(web_address(v) for v in values):
                links.append(column.header)
            link_text = LINK_ADDRESS if column.kind == "page" else link_text
        elif column.kind == "number":
            formats[column.header] = f"%.{column.decimals}f"
        elif column.kind == "integer":
            formats[column.header] = "localized"  # a count with thousands separators (1,211), unlike a year
    return frame, {"link_columns": tuple(links), "formats": formats, "link_text": link_text}


def render_model_table(table: Table) -> None:
    frame, options = _shown(table)
    as_of = table.headers.get(table.as_of) if table.as_of else cached_compiled_date()
    if table.as_of and table.as_of not in table.headers:  # an as-of column not shown, kept for the downloads
        as_of = table.frame[table.as_of]
    render_table(frame, key=table.key, as_of=as_of, **options)


def _figure(chart: Chart):
    if chart.kind == "outlook":
        return make_outlook_figure(chart.subject, chart.deadline)
    return FIGURE_FACTORIES[chart.kind](chart.subject)


def render_model_chart(chart: Chart, height: int | None = None) -> None:
    """The chart with its table or "Show the data" and its source line; `height` in pixels, else the figure's own."""
    if chart.kind == "regional_map":
        st.pydeck_chart(make_regional_map(chart.subject), key=chart.key, height=420, alt=chart.alt)
        with st.expander(_("Show the data")):
            st.dataframe(_shown(chart.data)[0], hide_index=True, width="stretch")
    elif chart.table_beside:
        render_chart(_sized(_figure(chart), height), key=chart.key, config=CHART_CONFIG, alt=chart.alt)
        render_model_table(chart.data)
    else:
        render_chart(_sized(_figure(chart), height), key=chart.key, config=CHART_CONFIG, alt=chart.alt,
                     data=_shown(chart.data)[0])
    if chart.source_line:
        st.caption(plain(chart.source_line))
    else:
        st.caption(figure_caption(chart.as_of, chart.source_url))


def _sized(figure, height: int | None):
    return figure.update_layout(height=height) if height else figure


def render_state_slide_images(profile: CountryProfile) -> None:
    """A slide of the state's charts (casualties, land release, support), drawn on the server when asked for."""
    def slide():
        charts = {}
        if not profile.casualties.empty:
            charts[_("Casualties by year")] = make_casualties_figure(profile.casualties)
        if not profile.releases.empty:
            charts[_("Land release history")] = make_release_figure(profile.releases)
        totals = profile.support_totals.dropna(subset=["usd_million"])
        if not totals.empty:
            charts[_("Support received per year")] = make_support_figure(totals)
        title = f"{state_name(profile.iso3, profile.name)} · {_(MEMBERSHIP_LABELS[profile.panel['membership_status']])}"
        source = _("Data source: {titles}. Compiled {date}.").format(
            titles=_("casualties, land release and support by recipient (Landmine Monitor and the sources each row cites)"),
            date=cached_compiled_date())
        return make_state_slide(charts, title, source)

    render_slide_images(slide, f"{profile.iso3}_slide")
