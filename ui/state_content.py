"""What a State keeps on its own page, as the State Party page reads it: the version the ISU last published and
the events of its Individualised Approach platform, fresh on every run (an edit is published at any time).

While the database cannot be reached, the page shows the compiled content only: no State text, and the IA events
of the embedded reference data (data/individualised_approach.csv), with a notice saying so."""
from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, NamedTuple

from domain.meetings import compiled_events
from domain.state_page import IAEvent, PublishedPage
from ui.cached import cached_store, cached_table
from ui.clock import as_of_date, view_date

if TYPE_CHECKING:
    from store import Store


class StateContent(NamedTuple):
    page: PublishedPage | None  # None: nothing published yet, or the store cannot be reached
    events: tuple[IAEvent, ...]
    stored: bool = True  # False: the store cannot be reached; `events` are the embedded data's


def read_state_content(iso3: str) -> StateContent:
    """The State's published page and its published IA events (compiled ones included, seeded into the store)."""
    # Loaded here: the store's modules (SQLAlchemy) are imported on the first State Party page, not at start.
    from store import StoreUnavailable
    from store.history import published_page_as_of
    from store.ia import list_ia_events
    from store.state_pages import get_published_page

    try:
        store = cached_store()
        if (day := as_of_date()) is not None:  # the page as it stood: that day's published version and events
            return StateContent(published_page_as_of(store, iso3, day), tuple(ia_events_as_of(store, day, iso3)), True)
        return StateContent(get_published_page(store, iso3), tuple(list_ia_events(store, iso3)), True)
    except StoreUnavailable:
        return StateContent(None, embedded_ia_events(iso3), False)


def ia_events_as_of(store: Store, day: dt.date, iso3: str | None = None) -> list[IAEvent]:
    """The IA events (of every State, or of `iso3`) as they stood at the end of `day`: the compiled ones of that day's
    data edition and those the States entered and the ISU published by then, by date."""
    from store.ia import ia_events_published_by

    compiled = cached_table("individualised_approach", day)
    if iso3 is not None:
        compiled = compiled[compiled["iso3"] == iso3]
    return sorted((*compiled_events(compiled, day.isoformat()), *ia_events_published_by(store, day, iso3)),
                  key=lambda e: (e.date, e.id))


def embedded_ia_events(iso3: str) -> tuple[IAEvent, ...]:
    events = cached_table("individualised_approach")
    return tuple(compiled_events(events[events["iso3"] == iso3], view_date().isoformat()))


def read_document(document_id: int) -> bytes:
    """A document's bytes, read when its download is clicked (checked against its checksum by the store)."""
    from store.ia import read_ia_document

    return read_ia_document(cached_store(), document_id)[1]
