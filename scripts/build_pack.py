"""`python -m scripts.build_pack build OUTDIR [--states ISO3 ...] [--lang en|fr|es]`: the conference pack
(`python -m pack`) with what the States published on their own pages and their Individualised Approach events,
read from the store (DATABASE_URL or the SQLite file). The pack never opens the store: this caller reads it and
passes it in. Only what is public goes in: the last published version of each page, published events, and no
contact kept for signed-in readers. While the database cannot be reached the pack is built from the reference
data alone, and the command says so."""
from __future__ import annotations

import sys
from collections import defaultdict

from data_loaders.registry import LOADERS
from domain.state_page import IAEvent, PublishedPage
from pack.__main__ import main as pack_main
from store import StoreUnavailable, open_store
from store.ia import list_ia_events
from store.state_pages import get_published_page


def read_state_content(states: list[str] | None) -> tuple[dict[str, PublishedPage], dict[str, tuple[IAEvent, ...]]]:
    try:
        store = open_store()
    except StoreUnavailable:
        print("warning: the database cannot be reached; the pack holds the compiled content only", file=sys.stderr)
        return {}, {}
    try:
        events: dict[str, list[IAEvent]] = defaultdict(list)
        for event in list_ia_events(store):
            if states is None or event.iso3 in states:
                events[event.iso3].append(event)
        wanted = states if states is not None else _every_state()
        pages = {iso3: page for iso3 in wanted if (page := get_published_page(store, iso3)) is not None}
        return pages, {iso3: tuple(found) for iso3, found in events.items()}
    finally:
        store.close()


def _every_state() -> list[str]:
    """The pack's states when none are named: every state in data/states_parties.csv."""
    return list(LOADERS["states_parties"]()["iso3"])


if __name__ == "__main__":
    sys.exit(pack_main(read_state_content=read_state_content))
