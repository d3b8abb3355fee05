"""The /article7 page's sections: the reports published here, the reporting-completeness grid (States by years) and
the committees' cross-cutting view. Every cell says its status in words; colour only repeats it."""
from __future__ import annotations

import datetime as dt

import pandas as pd
import streamlit as st

from domain.reporting.completeness import LATE, MISSING, NOT_PARTY, NOT_YET_DUE, ON_TIME, STATUSES, count_statuses
from domain.reporting.cross_cutting import GAP, GIVEN, NOT_APPLICABLE, TOPICS, count_across_states
from domain.reporting.published import PublishedReport
from i18n import N_, NOT_REPORTED, _, current_language
from store import StoreUnavailable
from ui.cached import cached_published_reports, cached_store, published_reports_key
from ui.clock import as_of_date
from ui.components import render_downloads
from ui.localize import localize_states

REPORTS_DOWN = N_("The reports' database cannot be reached: the reports published here, the grid and the cross-cutting "
                  "view are shown again once it is back.")
# Light fills told apart by lightness as well as hue (blue, orange, red, greys); the words are in every cell.
FILLS = {ON_TIME: "#d6e8f5", LATE: "#fde2c4", MISSING: "#f6c9c9", NOT_YET_DUE: "#f2f2f2", NOT_PARTY: "#e4e4e4"}
MARKS = {GIVEN: "✓ ", GAP: "✗ ", NOT_APPLICABLE: ""}


def read_published() -> tuple[tuple[PublishedReport, ...], bool]:
    """The reports published here, and whether the store could be read (False: none shown, the page says why)."""
    try:
        cached_store()
    except StoreUnavailable:
        return (), False
    on = as_of_date()
    key = published_reports_key(on)
    return (cached_published_reports(key, on) if key else ()), True


def _page_link(link: object) -> object:
    """A report's page, in the reader's language."""
    language = current_language()
    return link if not isinstance(link, str) or language == "en" else f"{link}&lang={language}"


def render_published(reports: tuple[PublishedReport, ...]) -> None:
    """Each report published here, newest first, with a link to read it form by form."""
    frame = localize_states(pd.DataFrame([{
        "iso3": p.iso3, "state": p.state, "year": p.year, "published": p.published_on.isoformat(),
        "entered": (_("entered by the ISU from the report dated {date}").format(
            date=p.source_document_date.isoformat() if p.source_document_date else _(NOT_REPORTED))
            if p.entered_by_isu else _("entered by the State")),
        "link": _page_link(p.link)} for p in sorted(reports, key=lambda p: (p.published_on, p.iso3), reverse=True)]))
    headers = {"state": _("State"), "year": _("Year reported"), "published": _("Published"), "entered": _("Entered"),
               "link": _("Report")}
    shown = frame[list(headers)].rename(columns=headers)
    config = {headers["link"]: st.column_config.LinkColumn(headers["link"], display_text=_("open")),
              headers["year"]: st.column_config.NumberColumn(headers["year"], format="%d")}
    st.dataframe(shown, hide_index=True, width="stretch", column_config=config, key="published_reports")
    render_downloads(shown.drop(columns=headers["link"]).assign(as_of=frame["published"]), "article7_published",
                     N_("this list"))


def _cell(row: pd.Series) -> str:
    """A grid cell: the status in words, then the forms marked unchanged and not applicable."""
    parts = [_(row["status"])]
    if row["unchanged"]:
        parts.append(_("unchanged: {forms}").format(forms=row["unchanged"]))
    if row["not_applicable"]:
        parts.append(_("not applicable: {forms}").format(forms=row["not_applicable"]))
    return " · ".join(parts)


def render_completeness(grid: pd.DataFrame, today: dt.date) -> None:
    """States by years, each cell on time / late / missing (or not yet due, not a State Party then), with the forms the
    report marked unchanged or not applicable; the count per year under it."""
    st.caption(_("On time: reported by 30 April after the year (an initial report within 180 days of entry into force), "
                 "by the date the report was sent through the official channel, else the State's own date, else the "
                 "day it was submitted here. Missing: no report published here, which may mean it was sent through "
                 "the official channel only. As of {date}.").format(date=today.isoformat()))
    shown = localize_states(grid)
    order = shown.drop_duplicates("iso3").sort_values("state")

    def wide(values: pd.Series) -> pd.DataFrame:
        frame = shown.assign(value=values).pivot(index="iso3", columns="year", values="value").reindex(order["iso3"])
        return frame.set_axis(pd.Index(order["state"], name=_("State"))).set_axis([str(y) for y in frame.columns], axis=1)

    fills = wide(shown["status"].map(lambda status: f"background-color: {FILLS[status]}"))
    styled = wide(shown.apply(_cell, axis=1)).style.apply(lambda _cells: fills, axis=None)
    st.dataframe(styled, width="stretch", key="completeness_grid")
    st.caption(" · ".join(_(s) for s in STATUSES))
    counts = count_statuses(grid).rename(columns={"year": _("Year"), **{s: _(s) for s in STATUSES}})
    st.dataframe(counts, hide_index=True, width="stretch", key="completeness_counts",
                 column_config={_("Year"): st.column_config.NumberColumn(_("Year"), format="%d")})
    download = shown.assign(status=shown["status"].map(_), date_used=shown["date_used"].map(_, na_action="ignore"))
    render_downloads(download.assign(as_of=today.isoformat()), "article7_completeness", N_("the grid"))


def render_cross_cutting(view: pd.DataFrame) -> None:
    """A row per State (its newest report), ✓ or ✗ gap per topic; the counts across States first."""
    counts = count_across_states(view)
    st.dataframe(pd.DataFrame({
        _("Topic"): [_(TOPICS[t][0]) for t in counts["topic"]], _("States giving it"): counts["given"],
        _("Gaps"): counts["gap"], _("Not applicable"): counts["not_applicable"]}),
        hide_index=True, width="stretch", key="cross_cutting_counts")
    shown = localize_states(view)
    table = shown.assign(**{t: shown[t].map(lambda a: MARKS[a] + _(a)) for t in TOPICS},
                         link=shown["link"].map(_page_link))
    headers = {"state": _("State"), "year": _("Report"), **{t: _(TOPICS[t][0]) for t in TOPICS},
               "needs_stated": _("Needs stated"), "gaps": _("Gaps"), "link": _("Read it")}
    shown = table[list(headers)].rename(columns=headers)
    config = {headers["year"]: st.column_config.NumberColumn(headers["year"], format="%d"),
              headers["link"]: st.column_config.LinkColumn(headers["link"], display_text=_("open"))}
    st.dataframe(shown, hide_index=True, width="stretch", column_config=config, key="cross_cutting")
    render_downloads(shown.drop(columns=headers["link"]).assign(as_of=table["year"].astype(str)),
                     "article7_cross_cutting", N_("this table"))
