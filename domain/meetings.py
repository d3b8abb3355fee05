"""Every Individualised Approach and stakeholder meeting across States, as one table to filter: what donors
planning to attend look through (/meetings). Pure pandas: the events come from the store, or, while it cannot
be reached, from the compiled data (data/individualised_approach.csv)."""
from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass

import pandas as pd

from domain.countries import un_region
from domain.state_page import IAEvent

COLUMNS = ("date", "iso3", "state", "region", "kind", "status", "venue", "summary", "source", "source_url", "page")
# The State's page: every row links to it.
PAGE_LINK = "/country?iso3={iso3}"
# The compiled events name no kind: read from the words of the event (first match wins), else a committee meeting.
_KIND_WORDS = (("follow_up", ("follow-up", "follow up")), ("stakeholder_meeting", ("stakeholder", "dialogue", "in-country")),
               ("launch", ("launch", "initiated", "presentation")))


@dataclass(frozen=True)
class MeetingFilters:
    states: tuple[str, ...] = ()  # ISO3 codes; empty: every State
    regions: tuple[str, ...] = ()  # UN regions (domain.countries.un_region); empty: every region
    kinds: tuple[str, ...] = ()  # IA_EVENT_KINDS keys; empty: every kind
    start: dt.date | None = None
    end: dt.date | None = None
    include_held: bool = False  # False: only the upcoming (planned, not before today)


def first_day(date: str) -> str:
    """An event's date as a full ISO date: a month-only date (YYYY-MM) counts as its first day."""
    return date if len(date) > 7 else f"{date}-01"


def compiled_kind(event: str) -> str:
    """The kind of a compiled event, read from its description."""
    words = event.casefold()
    return next((kind for kind, keys in _KIND_WORDS if any(key in words for key in keys)), "committee_meeting")


def compiled_events(ia: pd.DataFrame, today: str) -> list[IAEvent]:
    """The compiled IA events (the individualised_approach table) as published events with their sources: the
    ones a State's platform is seeded with. Rows naming no State (context rows) are left out; an event dated
    before `today` was held, any other is planned."""
    events = []
    for number, row in enumerate(ia.dropna(subset=["iso3"]).sort_values("date").itertuples(index=False), start=1):
        date = str(row.date)
        events.append(IAEvent(
            id=-number, iso3=str(row.iso3), kind=compiled_kind(str(row.event)), date=date,
            venue="" if pd.isna(row.venue) else str(row.venue), status="held" if first_day(date) < today else "planned",
            summary=str(row.event), source=None if pd.isna(row.source) else str(row.source),
            source_url=None if pd.isna(row.source_url) else str(row.source_url)))
    return events


def meetings_frame(events: Iterable[IAEvent], names: dict[str, str], today: str) -> pd.DataFrame:
    """One row per event, ordered by date: its State (`names`: ISO3 -> the name shown), region, kind, status
    (upcoming events first in time), its source (the State, for one it entered) and the link to its page."""
    rows = [{
        "date": event.date, "iso3": event.iso3, "state": names.get(event.iso3, event.iso3),
        "region": un_region(event.iso3), "kind": event.kind, "status": event.status, "venue": event.venue,
        "summary": event.summary, "source": event.source or "", "source_url": event.source_url or "",
        "page": PAGE_LINK.format(iso3=event.iso3), "upcoming": event.upcoming(today),
    } for event in events]
    frame = pd.DataFrame(rows, columns=[*COLUMNS, "upcoming"])
    return frame.sort_values(["date", "iso3"], key=lambda c: c.map(first_day) if c.name == "date" else c,
                             ignore_index=True)


def filter_meetings(frame: pd.DataFrame, filters: MeetingFilters) -> pd.DataFrame:
    """The rows the filters keep; the upcoming only unless held (and past) meetings are asked for."""
    keep = pd.Series(True, index=frame.index)
    if not filters.include_held:
        keep &= frame["upcoming"].astype(bool)
    if filters.states:
        keep &= frame["iso3"].isin(filters.states)
    if filters.regions:
        keep &= frame["region"].isin(filters.regions)
    if filters.kinds:
        keep &= frame["kind"].isin(filters.kinds)
    days = frame["date"].map(first_day)
    if filters.start is not None:
        # A month-only date lasts the month: it is kept by a start date within it.
        keep &= frame["date"].map(lambda d: d if len(d) > 7 else f"{d}-31") >= filters.start.isoformat()
    if filters.end is not None:
        keep &= days <= filters.end.isoformat()
    return frame[keep].reset_index(drop=True)

