"""Reading the store: plain dicts, newest first; open to everyone, so nothing here checks roles."""
from __future__ import annotations

from sqlalchemy import Table, select

from store import audit
from store.base import Store
from store.errors import NotFound
from store.schema import import_batch, need, offer, partnership, support_record


def _rows(store: Store, table: Table, *conditions, order=None) -> list[dict]:
    query = select(table).where(*conditions).order_by(*(order or [table.c.id.desc()]))
    with store.engine.connect() as conn:
        return [dict(row) for row in conn.execute(query).mappings()]


def _one(store: Store, table: Table, record_id: int) -> dict:
    rows = _rows(store, table, table.c.id == record_id)
    if not rows:
        raise NotFound(f"no {table.name} {record_id}")
    return rows[0]


def list_needs(store: Store, *, iso3: str | None = None, status: str | None = None) -> list[dict]:
    conditions = []
    if iso3:
        conditions.append(need.c.iso3 == iso3)
    if status:
        conditions.append(need.c.status == status)
    return _rows(store, need, *conditions)


def get_need(store: Store, need_id: int) -> dict:
    return _one(store, need, need_id)


def list_offers(store: Store, *, status: str | None = None) -> list[dict]:
    return _rows(store, offer, *([offer.c.status == status] if status else []))


def get_offer(store: Store, offer_id: int) -> dict:
    return _one(store, offer, offer_id)


def list_partnerships(store: Store, *, need_id: int | None = None, offer_id: int | None = None) -> list[dict]:
    conditions = []
    if need_id is not None:
        conditions.append(partnership.c.need_id == need_id)
    if offer_id is not None:
        conditions.append(partnership.c.offer_id == offer_id)
    return _rows(store, partnership, *conditions)


def get_partnership(store: Store, partnership_id: int) -> dict:
    return _one(store, partnership, partnership_id)


def list_support_records(store: Store, *, recipient_iso3: str | None = None) -> list[dict]:
    conditions = [support_record.c.recipient_iso3 == recipient_iso3] if recipient_iso3 else []
    return _rows(store, support_record, *conditions, order=[support_record.c.year.desc(), support_record.c.id])


def list_import_batches(store: Store) -> list[dict]:
    return _rows(store, import_batch)


def record_history(store: Store, table: str, record_id: int) -> list[dict]:
    """Every audit entry of one record, oldest first: who, when, old -> new."""
    with store.engine.connect() as conn:
        return audit.history(conn, table, record_id)
