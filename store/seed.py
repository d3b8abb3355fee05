"""First start: stated needs and donor -> recipient support from data/ become reference records.

Support pairs go to their own `support_record` table: past payments and pledges (2009-2023), facts to
show beside needs. The announcements among them (pledge, commitment, announcement rows) also become
offers, labelled as announced by their source and never as payments, so a donor sees what was put on
the table for a state and matching can place it beside that state's needs. Each source is seeded once;
its import_batch row is the marker, so a second start seeds nothing.
"""
from __future__ import annotations

import hashlib
import re

import pandas as pd
from sqlalchemy import Connection, insert, select

from config import DATA_DIR, NEED_AREAS
from data_loaders.registry import LOADERS
from domain.countries import country_name
from store.base import Store, now
from store.imports import need_from_stated, plain
from store.schema import import_batch, need, offer, support_record
from store.writes import insert_record

SEED_ACTOR = "seed"
# How the source words an announcement, at the start of its notes (data_loaders.support_pairs flags the same rows).
ANNOUNCED_AS = re.compile(r"^\s*(PLEDGE/ANNOUNCEMENT|PLEDGE|COMMITMENT|ANNOUNCEMENT)")
# The thematic area as the Monitor writes it -> the registry's areas. Survey, marking and EOD are parts of
# land release, so clearance; information management builds a national authority's capacity.
AREA_WORDS = {
    "clearance": ("clearance", "demining", "survey", "marking", "eod", "land release"),
    "risk_education": ("risk education",),
    "victim_assistance": ("victim assistance",),
    "stockpile_destruction": ("stockpile",),
    "capacity_building": ("capacity", "information management"),
    "other": ("advocacy",),
}
AREAS_NOT_STATED = "Areas not stated by the source: open to every area."


def announced_areas(thematic_area: object) -> list[str] | None:
    """The registry areas a thematic area names, in NEED_AREAS order; None when the source names none."""
    text = thematic_area.casefold() if isinstance(thematic_area, str) else ""
    found = [area for area in NEED_AREAS if any(word in text for word in AREA_WORDS.get(area, ()))]
    return found or None


def _batch(conn: Connection, source: str, rows: int, filename: str | None = None) -> int:
    path = DATA_DIR / f"{filename or source}.csv"
    return conn.execute(insert(import_batch).values(
        kind="seed", source=source, filename=f"data/{path.name}", sha256=hashlib.sha256(path.read_bytes()).hexdigest(),
        actor=SEED_ACTOR, at=now(), added=rows, changed=0, unchanged=0,
    ).returning(import_batch.c.id)).scalar_one()


def stated_needs() -> list[dict]:
    """Each row of data/stated_needs.csv as the reference need the seed writes."""
    return [need_from_stated(row, f"data/stated_needs.csv row {row['source_row']}")
            for _, row in LOADERS["stated_needs"]().iterrows()]


def support_records() -> list[dict]:
    """Each donor -> recipient pair of data/support_pairs.csv as the support record the seed writes."""
    return [
        {
            "donor": row["donor"], "donor_iso3": plain(row["donor_iso3"]), "recipient": row["recipient"],
            "recipient_iso3": plain(row["iso3"]), "year": plain(row["year"]), "usd_million": plain(row["usd_million"]),
            "thematic_area": plain(row["thematic_area"]), "is_announcement": bool(row["is_announcement"]),
            "source_url": plain(row["source_url"]), "notes": plain(row["notes"]),
        }
        for _, row in LOADERS["support_pairs"]().iterrows()
    ]


def _seed_needs(conn: Connection) -> None:
    needs = stated_needs()
    batch_id = _batch(conn, "stated_needs", len(needs))
    for values in needs:
        insert_record(conn, need, {**values, "import_batch_id": batch_id}, SEED_ACTOR, batch_id)


def _seed_support(conn: Connection) -> None:
    # Read-only history: no version, no edits, so no audit entry per row; the batch is the provenance.
    records = support_records()
    batch_id = _batch(conn, "support_pairs", len(records))
    conn.execute(insert(support_record), [{**values, "import_batch_id": batch_id} for values in records])


def offer_from_announcement(row: pd.Series, reference_source: str) -> dict:
    """An announced support pair as an open offer to its recipient. The period starts at the announcement
    year ("from 2016"): the sources date the announcement, rarely the years the money covers."""
    areas = announced_areas(row["thematic_area"])
    usd = plain(row["usd_million"])
    year = plain(row["year"])
    state = isinstance(plain(row["donor_iso3"]), str)
    notes = plain(row["notes"])
    return {
        "provider_kind": "state" if state else "organisation",
        "provider_name": country_name(row["donor_iso3"]) if state else row["donor"],
        "provider_iso3": plain(row["donor_iso3"]),
        "modality": "funding",
        "areas": areas or list(NEED_AREAS),
        "targets": [row["iso3"]],
        "amount": None if usd is None else round(float(usd) * 1e6, 2),
        "currency": None if usd is None else "USD",
        "usd_million": None if usd is None else round(float(usd), 6),
        "period": None if year is None else f"from {year}",
        "conditions": None,
        "contact": None,
        "status": "open",
        "source_url": plain(row["source_url"]),
        "notes": notes if areas else " ".join(filter(None, [AREAS_NOT_STATED, notes])),
        "is_reference": True,
        "reference_source": reference_source,
        "announced_as": ANNOUNCED_AS.match(row["notes"]).group(1).casefold(),
        "announced_year": year,
    }


def announced_offers(pairs: pd.DataFrame | None = None) -> list[dict]:
    """Each announcement of data/support_pairs.csv (or of `pairs`, an edition's) to one state as the open offer the
    seed writes."""
    pairs = LOADERS["support_pairs"]() if pairs is None else pairs
    # An announcement to no single state (a non-state recipient) has no target a need could meet.
    announced = pairs[pairs["is_announcement"] & pairs["iso3"].notna() & pairs["iso3_kind"].eq("state")]
    return [offer_from_announcement(row, f"data/support_pairs.csv row {row['source_row']}")
            for _, row in announced.iterrows()]


def _seed_announced_offers(conn: Connection) -> None:
    offers = announced_offers()
    batch_id = _batch(conn, "announced_offers", len(offers), filename="support_pairs")
    for values in offers:
        insert_record(conn, offer, {**values, "import_batch_id": batch_id}, SEED_ACTOR, batch_id)


SEEDS = {"stated_needs": _seed_needs, "support_pairs": _seed_support, "announced_offers": _seed_announced_offers}


def reference_records() -> dict[str, list[dict]]:
    """The needs, offers and support records a freshly seeded store holds, as its reads return them (ids in seed
    order, version 1, by the seed; no time of change), from data/ alone: what the pages read while the database
    cannot be reached."""
    tracking = {"version": 1, "created_by": SEED_ACTOR, "updated_by": SEED_ACTOR, "created_at": None,
                "updated_at": None, "import_batch_id": None}
    return {
        "need": [{"id": number, **values, **tracking} for number, values in enumerate(stated_needs(), start=1)],
        "offer": [{"id": number, **values, **tracking} for number, values in enumerate(announced_offers(), start=1)],
        "support": [{"id": number, **values, "import_batch_id": None}
                    for number, values in enumerate(support_records(), start=1)],
    }


def seed_reference(store: Store) -> list[str]:
    """Seed each source not seeded yet, each in one transaction; returns the sources seeded now."""
    seeded = []
    for source, seed in SEEDS.items():
        with store.engine.begin() as conn:
            done = conn.execute(
                select(import_batch.c.id).where(import_batch.c.kind == "seed", import_batch.c.source == source)
            ).first()
            if done is None:
                seed(conn)
                seeded.append(source)
    return seeded
