"""Needs, offers and partnerships as CSV or XLSX, with source and as-of columns (cells neutralised, see
spreadsheets.py)."""
from __future__ import annotations

import datetime as dt
from collections.abc import Mapping

from sqlalchemy import select

from domain.offer_kinds import offer_kind
from domain.periods import period_status
from spreadsheets import neutralise, rows_to_csv, rows_to_xlsx
from store.base import Store
from store.schema import need, offer, partnership

COLUMNS = {
    "needs": ("id", "iso3", "state_name", "area", "description", "amount", "currency", "usd_million", "period",
              "period_status", "urgency", "status", "notes", "is_reference", "source", "as_of", "version"),
    "offers": ("id", "kind", "provider_kind", "provider_name", "provider_iso3", "modality", "areas", "targets", "amount",
               "currency", "usd_million", "period", "conditions", "contact", "status", "notes", "is_reference",
               "source", "as_of", "version"),
    "partnerships": ("id", "need_id", "need_iso3", "offer_id", "offer_provider", "status", "amount", "currency",
                     "usd_million", "need_side_responsibilities", "offer_side_responsibilities", "targets",
                     "targets_age_gender_sensitive", "commitment_from_year", "commitment_to_year", "dialogue_dates",
                     "notes", "source", "as_of", "version"),
}


def _source(row: dict) -> str:
    # A cited page where there is one; else where the row came from, or who entered it.
    return row.get("source_url") or row.get("reference_source") or f"entered by {row['created_by']}"


def _query(what: str):
    if what == "partnerships":
        return (
            select(partnership, need.c.iso3.label("need_iso3"), offer.c.provider_name.label("offer_provider"))
            .join(need, partnership.c.need_id == need.c.id)
            .join(offer, partnership.c.offer_id == offer.c.id)
            .order_by(partnership.c.id)
        )
    table = {"needs": need, "offers": offer}[what]
    return select(table).order_by(table.c.id)


def export_rows(store: Store, what: str, labels: Mapping[str, str] | None = None) -> tuple[tuple[str, ...], list[list]]:
    """Header and neutralised rows of `what` (needs, offers or partnerships). as_of: the ISO date of the record's last
    change; period_status: current, ended or not_stated today; kind: an offer entered here, or one announced by a
    source (never a payment). `labels` words the codes of areas, statuses and kinds for people (e.g. translated)."""
    if what not in COLUMNS:
        raise ValueError(f"nothing to export called '{what}'; choose from {', '.join(COLUMNS)}")
    with store.engine.connect() as conn:
        records = [dict(row) for row in conn.execute(_query(what)).mappings()]
    rows = []
    for record in records:
        record["source"] = _source(record)
        record["as_of"] = record["updated_at"].date().isoformat()
        if what == "needs":
            record["period_status"] = period_status(record["period"], dt.date.today())
        if what == "offers":
            record["kind"] = offer_kind(record["announced_as"], record["announced_year"], record["source_url"])
        cells = [_worded(record.get(c), c, labels or {}) for c in COLUMNS[what]]
        rows.append([neutralise(cell) for cell in cells])
    return COLUMNS[what], rows


WORDED = ("area", "areas", "status", "period_status", "kind", "modality", "provider_kind", "urgency")


def _worded(value, column: str, labels: Mapping[str, str]):
    if column in WORDED:
        value = [labels.get(v, v) for v in value] if isinstance(value, list) else labels.get(value, value)
    return "; ".join(value) if isinstance(value, list) else value


def export_csv(store: Store, what: str, labels: Mapping[str, str] | None = None) -> bytes:
    return rows_to_csv(*export_rows(store, what, labels))


def export_xlsx(store: Store, what: str, labels: Mapping[str, str] | None = None) -> bytes:
    return rows_to_xlsx(*export_rows(store, what, labels), sheet_name=what)
