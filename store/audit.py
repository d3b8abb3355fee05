"""The audit log: one entry per change, written by the caller's transaction so both commit or neither."""
from __future__ import annotations

import datetime as dt

from sqlalchemy import Connection, insert, select

from store.base import now
from store.schema import audit_log


def jsonable(value):
    if isinstance(value, dt.datetime | dt.date):
        return value.isoformat()
    if isinstance(value, dict):
        return {k: jsonable(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [jsonable(v) for v in value]
    return value


def write_audit(conn: Connection, table: str, record_id: int, version: int | None, action: str, actor: str,
                old: dict | None, new: dict | None, batch_id: int | None = None) -> None:
    conn.execute(
        insert(audit_log).values(
            table_name=table, record_id=record_id, record_version=version, action=action, actor=actor,
            at=now(), old=jsonable(old), new=jsonable(new), import_batch_id=batch_id,
        )
    )


def changes_since(conn: Connection, table: str, record_id: int, version: int, current: dict) -> tuple[dict, list[str]]:
    """Fields changed after `version`: field -> (value at `version`, value now), and who changed them."""
    entries = conn.execute(
        select(audit_log)
        .where(audit_log.c.table_name == table, audit_log.c.record_id == record_id, audit_log.c.record_version > version)
        .order_by(audit_log.c.record_version)
    ).all()
    changes: dict = {}
    for entry in entries:
        for field in entry.new or {}:
            changes.setdefault(field, ((entry.old or {}).get(field), jsonable(current.get(field))))
    return changes, sorted({entry.actor for entry in entries})


def history(conn: Connection, table: str, record_id: int) -> list[dict]:
    rows = conn.execute(
        select(audit_log)
        .where(audit_log.c.table_name == table, audit_log.c.record_id == record_id)
        .order_by(audit_log.c.id)
    )
    return [dict(row._mapping) for row in rows]
