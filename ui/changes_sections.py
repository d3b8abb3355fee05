"""The /changes page's data and lines: what changed between two dates, read from the data editions and the store (while
it cannot be reached, the editions and the compiled IA events alone), drawn as escaped Markdown with both sources linked.
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import pandas as pd
import streamlit as st

from data_loaders.editions import in_force
from domain.changes import AREA_LABELS, AREAS, KIND_LABELS, Change, build_changes, changes_frame
from domain.meetings import compiled_events
from domain.sources import source_label, web_address
from domain.state_names import state_name
from i18n import N_, _, current_language, format_date, translate_message
from store import StoreUnavailable
from ui.cached import cached_editions, cached_store, cached_table, cached_tables
from ui.clock import today
from ui.components import plain, render_downloads
from ui.localize import localize_states
from ui.url_state import presenting

STORE_DOWN = N_("The registry's database cannot be reached: Article 7 reports published, needs, offers and partnerships "
                "added in the registry, and the Individualised Approach events States entered are unavailable until it "
                "is back. The changes between data editions, the deadlines passed and the compiled Individualised "
                "Approach events are shown.")
BEFORE_FIRST = N_("Figures are compared from the earliest data edition held, {date}.")
# What `detail` is for the kinds whose detail is a bare year: said, so "2022" does not read as a figure.
DETAILS = {"casualties_reported": N_("casualties in {detail}"), "report_published": N_("report for {detail}")}
PAGE = "/country?iso3={iso3}&as_of={day}"


@dataclass(frozen=True)
class ChangesRead:
    """What changed in (start, end] and what it was read from."""

    changes: list[Change]
    baseline: dt.date  # the first day compared: `start`, or the first edition held when `start` is earlier
    compared: tuple[dt.date, ...]  # the days of the editions compared: the one in force at `baseline`, then the later ones
    stored: bool  # the store answered (reports, registry, the States' IA events)


def read_changes(start: dt.date, end: dt.date, states: tuple[str, ...] = ()) -> ChangesRead:
    """Every change in (start, end] (of `states` only, when any is named): the editions in force compared (from the
    first held when `start` is earlier: no figure is known from before it), deadlines, IA events, published reports
    and the registry."""
    held = [edition.day for edition in cached_editions()]
    baseline = max(start, held[0]) if held else start
    later = [day for day in held if baseline < day <= end]
    editions = [(baseline, cached_tables(on=baseline)), *((day, cached_tables(on=day)) for day in later)]
    first = in_force(cached_editions(), baseline)
    last = editions[-1][1]
    names = dict(zip(last.states_parties["iso3"], last.states_parties["state"], strict=True))
    try:
        # Imported here: SQLAlchemy and Alembic load only once a page reads the store.
        from store.history import registry_changes, reports_published
        from store.ia import list_ia_events

        store = cached_store()
        registry = registry_changes(store, start, end)
        reports = [(r.iso3, names.get(r.iso3, r.iso3), r.year, r.published_at.date())
                   for r in reports_published(store, start, end)]
        events, stored = list_ia_events(store), True
    except StoreUnavailable:
        registry, reports, stored = [], [], False
        events = compiled_events(cached_table("individualised_approach", max(end, baseline)), today().isoformat())
    changes = build_changes(start, end, editions, events=events, names=names, reports=reports,
                            registry_changes=registry)
    if states:
        changes = [change for change in changes if change.iso3 in states]
    return ChangesRead(changes, baseline, (*([first.day] if first else []), *later), stored)


def period_line(read: ChangesRead, start: dt.date, end: dt.date) -> str:
    """The period and what it compares, in one line of plain text."""
    lines = [_("Changes from {start} to {end}.").format(start=format_date(start), end=format_date(end))]
    if len(read.compared) > 1:
        lines.append(_("Figures: the data edition of {first} compared with {later}.").format(
            first=format_date(read.compared[0]), later=", ".join(format_date(day) for day in read.compared[1:])))
    elif read.compared:
        lines.append(_("Figures: no new data edition in the period (the edition of {first} was in force).").format(
            first=format_date(read.compared[0])))
    lines.append(_("Also the Article 5 deadlines that fell in the period, Article 7 reports published, the registry's "
                   "new records and Individualised Approach events held."))
    return " ".join(lines)


def render_counts(changes: list[Change]) -> None:
    counts = {area: 0 for area in AREAS}
    for change in changes:
        counts[change.area] += 1
    if presenting():  # one line on a slide: six metrics side by side cut their labels at 1280 pixels
        st.markdown(" · ".join(f"**{counts[area]}** {plain(_(AREA_LABELS[area]))}" for area in AREAS))
        return
    for column, area in zip(st.columns(len(AREAS)), AREAS, strict=True):
        column.metric(_(AREA_LABELS[area]), counts[area])


def page_links(iso3: str, days: tuple[dt.date, dt.date]) -> str:
    """Markdown links to the State's page as the data stood on each day, in the reader's language."""
    language = current_language()
    lang = "" if language == "en" else f"&lang={language}"
    on_day = _("on {day}")  # outside the f-string: the catalogue's extraction does not read inside one
    links = [f"[{plain(on_day.format(day=format_date(day)))}](<{PAGE.format(iso3=iso3, day=day.isoformat())}{lang}>)"
             for day in days]
    return _("State page {links}").format(links=" · ".join(links))


def _valued(value: str | None, source: str | None) -> str:
    """A value as shown (translated: the domain writes English templates), with its source linked."""
    shown = plain(translate_message(value)) if value is not None else ""
    if address := web_address(source):
        link = f"[{plain(source_label(address))}](<{address}>)"
        return (_("{value}, source {source}").format(value=shown, source=link) if shown
                else _("source {source}").format(source=link))
    return shown


def change_line(change: Change, with_state: bool) -> str:
    """One change as a Markdown list item: what, when, old → new with their sources, and what it is about."""
    what = f"**{plain(_(KIND_LABELS[change.kind]))}**"
    if with_state:
        what = f"**{plain(state_name(change.iso3, change.state) or '—')}** · " + what
    if change.day is not None:
        what += f" ({plain(format_date(change.day))})"
    # A deadline passed or an event held is dated by its value: the value is not said twice ("2025" stays: a year).
    said = change.new if change.day is None or change.new != change.day.isoformat() else None
    values = _valued(said, change.new_source)
    if change.old is not None:  # a source cited for both values is linked once, after the new one
        old = _valued(change.old, None if change.old_source == change.new_source else change.old_source)
        values = f"{old} → {values}"
    parts = [f"{what}: {values}"]
    if change.detail:
        parts.append(plain(_(DETAILS[change.kind]).format(detail=change.detail) if change.kind in DETAILS
                           else change.detail))
    return "- " + " — ".join(parts)


def render_groups(groups: list[tuple[str, list[Change]]], by: str, days: tuple[dt.date, dt.date]) -> None:
    """A heading per State (or area) and its changes; each State's page linked as the data stood on both days."""
    for name, changes in groups:
        if by == "state":
            first = changes[0]
            st.subheader(plain(state_name(first.iso3, name) if name else _("No State named")))
            lines = [change_line(change, with_state=False) for change in changes]
            if first.iso3:
                lines.append("\n" + page_links(first.iso3, days))  # a paragraph of its own, not the last item's
        else:
            st.subheader(plain(_(AREA_LABELS[name])))
            lines = [change_line(change, with_state=True) + (" · " + page_links(change.iso3, days) if change.iso3 else "")
                     for change in changes]
        st.markdown("\n".join(lines))


def download_frame(changes: list[Change], start: dt.date, end: dt.date) -> pd.DataFrame:
    """The changes as a table in the reader's language: kinds, areas, values and States' names translated, the
    period named on every row."""
    frame = changes_frame(changes)
    frame = localize_states(frame.assign(iso3=frame["iso3"].astype(object).where(frame["iso3"].notna(), None)))
    return frame.assign(
        kind=frame["kind"].map(lambda k: _(KIND_LABELS[k])), area=frame["area"].map(lambda a: _(AREA_LABELS[a])),
        old=frame["old"].map(translate_message, na_action="ignore"),
        new=frame["new"].map(translate_message, na_action="ignore"),
        period_from=start.isoformat(), period_to=end.isoformat())


def render_changes_download(changes: list[Change], start: dt.date, end: dt.date) -> None:
    render_downloads(download_frame(changes, start, end), f"changes_{start.isoformat()}_{end.isoformat()}",
                     N_("these changes"))
