"""What changed between two dates, as the Changes page lists it: one plain record per change.

Pure: built from the reference editions, the Article 5 deadlines, IA events, published reports and the registry's
history that the caller read; the text is English (pages translate it with i18n.translate_message).
"""
from __future__ import annotations

import calendar
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from itertools import pairwise

import pandas as pd

from domain.panel import ReferenceTables
from domain.sources import article7_link
from domain.state_page import IAEvent
from i18n import N_, NOT_REPORTED


@dataclass(frozen=True)
class RegistryChange:
    """What store.history returns for the registry: a need, offer or partnership added, or a need met."""

    kind: str  # need_added | need_met | offer_added | partnership_added
    iso3: str | None
    state: str
    area: str
    day: date
    detail: str
    source_url: str | None


@dataclass(frozen=True)
class Change:
    """One line of the Changes page: what changed for a State, when, from what to what, on whose word."""

    kind: str  # a KIND_AREAS key
    area: str  # one of AREAS
    iso3: str | None
    state: str
    day: date | None  # when it happened; a figure changed between editions: the newer edition's day
    old: str | None  # the old value as shown ("68 km² (2022)"); None when there was none
    new: str | None
    old_source: str | None  # URL of the old value's source
    new_source: str | None
    detail: str  # plain text: the need's description, the event, the report year ...


AREAS = ("reporting", "article5", "casualties", "needs", "offers", "ia")
AREA_LABELS = {"reporting": N_("Article 7 reports"), "article5": N_("Clearance (Article 5)"),
               "casualties": N_("Casualties"), "needs": N_("Needs"), "offers": N_("Offers and partnerships"),
               "ia": N_("Individualised Approach")}
KIND_AREAS = {
    "report_published": "reporting", "deadline_passed": "article5", "deadline_extended": "article5",
    "contamination_changed": "article5", "completion_declared": "article5", "land_released": "article5",
    "casualties_reported": "casualties", "need_added": "needs", "need_met": "needs", "offer_added": "offers",
    "partnership_added": "offers", "ia_event_held": "ia",
}
KIND_LABELS = {
    "report_published": N_("Article 7 report published"),
    "deadline_passed": N_("Article 5 deadline passed"),
    "deadline_extended": N_("Article 5 deadline extended"),
    "contamination_changed": N_("Contamination figure changed"),
    "completion_declared": N_("Completion declared"),
    "land_released": N_("Land release reported"),
    "casualties_reported": N_("Casualties reported"),
    "need_added": N_("Need added"),
    "need_met": N_("Need met"),
    "offer_added": N_("Offer added"),
    "partnership_added": N_("Partnership added"),
    "ia_event_held": N_("Individualised Approach event held"),
}
AREA_AS_OF = N_("{area} km² ({year})")
AREA = N_("{area} km²")
NEED_AMOUNT = N_("US${amount} million ({period})")
AMOUNT_NOT_REPORTED = N_("amount not reported")
COLUMNS = ("state", "iso3", "area", "kind", "day", "old", "new", "old_source", "new_source", "detail")


def compare_editions(before: ReferenceTables | None, after: ReferenceTables, day: date) -> list[Change]:
    """What the newer edition (`after`, dated `day`) says differently from the older one; [] without an older one.

    A figure whose source alone changed is not a change. A row gone from the newer edition is not listed: the
    reference data drop no figure without saying why in a kept row's notes."""
    if before is None:
        return []
    return [
        *_article5(before.article5, after.article5, day),
        *_history(before.article5_history, after.article5_history, day),
        *_casualties(before.casualties, after.casualties, day),
        *_needs(before.stated_needs, after.stated_needs, day),
    ]


def deadline_day(deadline: str) -> date:
    """The day an Article 5 deadline falls on: a year alone is its 31 December, a month alone its last day (the
    source did not report the day, so the deadline has passed only once the whole period has)."""
    if len(deadline) == 4:
        return date(int(deadline), 12, 31)
    if len(deadline) == 7:
        year, month = int(deadline[:4]), int(deadline[5:])
        return date(year, month, calendar.monthrange(year, month)[1])
    return date.fromisoformat(deadline)


def deadlines_passed(article5: pd.DataFrame, start: date, end: date) -> list[Change]:
    """Article 5 deadlines falling in (start, end]. An obligation completed (completion declared in or after the
    deadline's year, as domain.panel reads it) has no deadline to pass; a completion declared before a later
    deadline (contamination found again: Guinea-Bissau) does not end it."""
    changes = []
    for row in _records(article5):
        deadline, completed = row["article5_deadline"], row["completion_declared"]
        if deadline is None or (completed is not None and completed >= int(deadline[:4])):
            continue
        day = deadline_day(deadline)
        if start < day <= end:
            changes.append(_change("deadline_passed", row, day, None, deadline, None, row["source_url"]))
    return changes


def ia_events_held(events: Iterable[IAEvent], start: date, end: date,
                   names: Mapping[str, str] | None = None) -> list[Change]:
    """IA events held in (start, end]; a month-only date lasts its month, as on the meetings page, so an event of a
    month the period overlaps is listed. `names`: ISO3 -> the State's name shown (else the ISO3)."""
    changes = []
    for event in events:
        first, last = _period(event.date)
        if event.status == "held" and first <= end and last > start:
            changes.append(Change("ia_event_held", "ia", event.iso3, (names or {}).get(event.iso3, event.iso3), first,
                                  None, event.date, None, event.source_url, event.summary))
    return changes


def reports_published(reports: Iterable, start: date, end: date) -> list[Change]:
    """Article 7 reports published in (start, end], each citing the report's page: PublishedReport-like objects
    (iso3, state, year, published_on: a date) or tuples (iso3, state, year, published_on)."""
    changes = []
    for report in reports:
        if hasattr(report, "published_on"):
            iso3, state, year, day = report.iso3, report.state, report.year, report.published_on
        else:
            iso3, state, year, day = report
        if start < day <= end:
            changes.append(Change("report_published", "reporting", iso3, state, day, None, None, None,
                                  article7_link(iso3, year, day), str(year)))
    return changes


def registry(changes: Iterable[RegistryChange]) -> list[Change]:
    """The registry's needs, offers and partnerships added and needs met (store.history already chose the dates).
    Their area is the page's (KIND_AREAS): a RegistryChange's own area is the record's thematic one (clearance ...)."""
    return [Change(c.kind, KIND_AREAS[c.kind], c.iso3, c.state, c.day, None, None, None, c.source_url, c.detail)
            for c in changes]


def build_changes(
    start: date, end: date, editions: Sequence[tuple[date, ReferenceTables]], *,
    events: Iterable[IAEvent] = (), names: Mapping[str, str] | None = None, reports: Iterable = (),
    registry_changes: Iterable[RegistryChange] = (),
) -> list[Change]:
    """Every change in (start, end], sorted by State, area (AREAS order), then day.

    `editions`: (day, tables) oldest first: the edition in force at `start`, then each one dated in (start, end];
    each is compared with the one before it, and the deadlines are read from the last (the data in force at
    `end`). Pass the reference tables as compiled, without published Article 7 figures laid over them: a report's
    figure is news on its publication day, not an edition's."""
    changes = [change for (_, older), (day, newer) in pairwise(editions) for change in
               compare_editions(older, newer, day)]
    if editions:
        changes += deadlines_passed(editions[-1][1].article5, start, end)
    changes += ia_events_held(events, start, end, names)
    changes += reports_published(reports, start, end)
    changes += registry(registry_changes)
    return sorted(changes, key=_order)


def changes_frame(changes: Iterable[Change]) -> pd.DataFrame:
    """The changes as a table to download: one row each, days as ISO dates, kind and area as codes (KIND_LABELS and
    AREA_LABELS name them), blanks left blank."""
    rows = [{**{name: getattr(change, name) for name in COLUMNS},
             "day": change.day.isoformat() if change.day else None} for change in changes]
    return pd.DataFrame(rows, columns=list(COLUMNS)).astype("string")


def by_state(changes: Iterable[Change]) -> list[tuple[str, list[Change]]]:
    """(State, its changes) in the order of the States' names, "" (no State named) last; each State's changes by area,
    then day."""
    groups: dict[str, list[Change]] = {}
    for change in sorted(changes, key=_order):
        groups.setdefault(change.state, []).append(change)
    return list(groups.items())


def by_area(changes: Iterable[Change]) -> list[tuple[str, list[Change]]]:
    """(area, its changes) in AREAS order, areas without a change left out; each area's changes by State, then day."""
    groups: dict[str, list[Change]] = {area: [] for area in AREAS}
    for change in sorted(changes, key=_order):
        groups[change.area].append(change)
    return [(area, listed) for area, listed in groups.items() if listed]


def _order(change: Change) -> tuple:
    # A change naming no State (an offer from an organisation) comes after the States'.
    return (not change.state, change.state.casefold(), AREAS.index(change.area), change.day or date.max, change.kind,
            change.detail, change.new or "")


def _period(text: str) -> tuple[date, date]:
    """The first and last day of an event's date (YYYY-MM-DD or YYYY-MM)."""
    if len(text) == 7:
        return date.fromisoformat(f"{text}-01"), deadline_day(text)
    day = date.fromisoformat(text)
    return day, day


def _records(frame: pd.DataFrame) -> list[dict]:
    """The rows as dicts, a blank cell as None and numbers as Python numbers."""
    return frame.astype(object).where(frame.notna(), None).to_dict("records")


def _keyed(frame: pd.DataFrame, key: tuple[str, ...]) -> dict[tuple, dict]:
    return {tuple(row[name] for name in key): row for row in _records(frame)}


def _number(value: float) -> str:
    """English as format_figure writes it: grouped, at most two decimals (68, 67.43, 1,733)."""
    return f"{value:,.2f}".rstrip("0").rstrip(".")


def _area(km2: float | None, year: int | None) -> str:
    if km2 is None:
        return NOT_REPORTED
    return AREA.format(area=_number(km2)) if year is None else AREA_AS_OF.format(area=_number(km2), year=year)


def _count(value: int | None) -> str:
    return NOT_REPORTED if value is None else f"{value:,}"


def _change(kind: str, row: dict, day: date, old: str | None, new: str | None, old_source: str | None,
            new_source: str | None, detail: str = "") -> Change:
    return Change(kind, KIND_AREAS[kind], row["iso3"], row["state"], day, old, new, old_source, new_source, detail)


def _contamination_source(row: dict) -> str | None:
    """The area's own source where a report's figure replaced the table's (domain.panel.CONTAMINATION_COLUMNS)."""
    return row.get("contamination_source_url") or row["source_url"]


def _article5(before: pd.DataFrame, after: pd.DataFrame, day: date) -> list[Change]:
    old_rows = _keyed(before, ("iso3",))
    changes = []
    for key, new in _keyed(after, ("iso3",)).items():
        old = old_rows.get(key)
        # A State new to the table had no value before (None); a blank cell in a kept row was "not reported".
        area = ("ap_contamination_km2", "estimate_as_of")
        if (old is None and new[area[0]] is not None) or (old and any(old[name] != new[name] for name in area)):
            changes.append(_change(
                "contamination_changed", new, day, old and _area(old[area[0]], old[area[1]]),
                _area(new[area[0]], new[area[1]]), old and _contamination_source(old), _contamination_source(new)))
        released = ("land_released_km2", "land_released_year")
        if (new[released[0]] is not None and old is None) or (old and any(old[n] != new[n] for n in released)):
            changes.append(_change(
                "land_released", new, day, old and _area(old[released[0]], old[released[1]]),
                _area(new[released[0]], new[released[1]]), old and old["source_url"], new["source_url"]))
        if old is not None and _later(old["article5_deadline"], new["article5_deadline"]):
            changes.append(_change("deadline_extended", new, day, old["article5_deadline"], new["article5_deadline"],
                                   old["source_url"], new["source_url"]))
        if new["completion_declared"] is not None and (old is None or old["completion_declared"] is None):
            changes.append(_change("completion_declared", new, day, old and NOT_REPORTED,
                                   str(new["completion_declared"]), old and old["source_url"], new["source_url"]))
    return [change for change in changes if change.old != change.new]


def _later(old: str | None, new: str | None) -> bool:
    """The deadline moved later; a year made precise ("2030" -> "2030-12-31") is the same deadline."""
    return old is not None and new is not None and deadline_day(new) > deadline_day(old)


def _history(before: pd.DataFrame, after: pd.DataFrame, day: date) -> list[Change]:
    """Land release years added to the history, or whose figure changed."""
    old_rows = _keyed(before, ("iso3", "year"))
    changes = []
    for key, new in _keyed(after, ("iso3", "year")).items():
        old = old_rows.get(key)
        if old is None or old["land_released_km2"] != new["land_released_km2"]:
            changes.append(_change("land_released", new, day, old and _area(old["land_released_km2"], old["year"]),
                                   _area(new["land_released_km2"], new["year"]), old and old["source_url"],
                                   new["source_url"]))
    return changes


def _casualties(before: pd.DataFrame, after: pd.DataFrame, day: date) -> list[Change]:
    """Casualty years added, or whose total changed. A year added with a blank total is listed, "not reported": the
    row is news (its notes say what is known, e.g. Iraq 2024: Kurdistan only) and its total is never shown as 0."""
    old_rows = _keyed(before, ("iso3", "year"))
    changes = []
    for key, new in _keyed(after, ("iso3", "year")).items():
        old = old_rows.get(key)
        if old is None or old["casualties_total"] != new["casualties_total"]:
            changes.append(_change("casualties_reported", new, day, old and _count(old["casualties_total"]),
                                   _count(new["casualties_total"]), old and old["source_url"], new["source_url"],
                                   str(new["year"])))
    return changes


def _needs(before: pd.DataFrame, after: pd.DataFrame, day: date) -> list[Change]:
    """Stated needs added (a need's text or period changed reads as a new one: the key is the statement itself)."""
    key = ("iso3", "need_category", "period", "description")
    known = _keyed(before, key)
    changes = []
    for found, new in _keyed(after, key).items():
        if found not in known:
            amount = new["amount_usd_million"]
            shown = AMOUNT_NOT_REPORTED if amount is None else NEED_AMOUNT.format(amount=_number(amount),
                                                                                   period=new["period"])
            changes.append(_change("need_added", new, day, None, shown, None, new["source_url"], new["description"]))
    return changes
