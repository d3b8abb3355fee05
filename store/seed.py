"""First start: stated needs and donor -> recipient support from data/ become reference records.

Support pairs go to their own `support_record` table, not to offers: they are past payments and
pledges (2009-2023), facts to show beside needs, while an offer is a live proposal someone can still
match. Each source is seeded once; its import_batch row is the marker, so a second start seeds nothing.
"""
from __future__ import annotations

import hashlib

from sqlalchemy import Connection, insert, select

from config import DATA_DIR
from data_loaders.registry import LOADERS
from store.base import Store, now
from store.imports import need_from_stated, plain
from store.schema import import_batch, need, support_record
from store.writes import insert_record

SEED_ACTOR = "seed"


def _batch(conn: Connection, source: str, rows: int) -> int:
    path = DATA_DIR / f"{source}.csv"
    return conn.execute(insert(import_batch).values(
        kind="seed", source=source, filename=f"data/{path.name}", sha256=hashlib.sha256(path.read_bytes()).hexdigest(),
        actor=SEED_ACTOR, at=now(), added=rows, changed=0, unchanged=0,
    ).returning(import_batch.c.id)).scalar_one()


def _seed_needs(conn: Connection) -> None:
    table = LOADERS["stated_needs"]()
    batch_id = _batch(conn, "stated_needs", len(table))
    for _, row in table.iterrows():
        values = need_from_stated(row, f"data/stated_needs.csv row {row['source_row']}")
        insert_record(conn, need, {**values, "import_batch_id": batch_id}, SEED_ACTOR, batch_id)


def _seed_support(conn: Connection) -> None:
    # Read-only history: no version, no edits, so no audit entry per row; the batch is the provenance.
    table = LOADERS["support_pairs"]()
    batch_id = _batch(conn, "support_pairs", len(table))
    conn.execute(insert(support_record), [
        {
            "donor": row["donor"], "donor_iso3": plain(row["donor_iso3"]), "recipient": row["recipient"],
            "recipient_iso3": plain(row["iso3"]), "year": plain(row["year"]), "usd_million": plain(row["usd_million"]),
            "thematic_area": plain(row["thematic_area"]), "is_announcement": bool(row["is_announcement"]),
            "source_url": plain(row["source_url"]), "notes": plain(row["notes"]), "import_batch_id": batch_id,
        }
        for _, row in table.iterrows()
    ])


SEEDS = {"stated_needs": _seed_needs, "support_pairs": _seed_support}


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
