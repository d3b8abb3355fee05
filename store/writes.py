"""The one write path: role check, validation, version check and audit entry, in one transaction.

Pages call the create_*/update_* functions; seeding and imports use insert_record/update_record
so their rows get the same tracking and audit. All SQL goes through SQLAlchemy expressions.
"""
from __future__ import annotations

from collections.abc import Mapping

from sqlalchemy import Connection, Table, insert, select, update
from sqlalchemy.exc import IntegrityError

from i18n import N_
from store import roles
from store.audit import changes_since, write_audit
from store.base import Store, now
from store.errors import InvalidRecord, NotFound, PermissionDenied, StaleEdit
from store.roles import Actor
from store.schema import need, offer, partnership
from store.validate import (
    NEED_FIELDS,
    OFFER_FIELDS,
    PARTNERSHIP_FIELDS,
    PARTNERSHIP_STATUSES,
    validate_need,
    validate_offer,
    validate_partnership,
)

# Refusals, in English here; marked so the pages show them in the reader's language.
BACKWARDS = N_("only an admin may move a partnership back from {old} to {new}")
PAIR_EXISTS = N_("this need and this offer are already partners (partnership {id})")
NO_RECORD = N_("no {table} {id}")


def fetch_row(conn: Connection, table: Table, record_id: int, lock: bool = False) -> dict:
    query = select(table).where(table.c.id == record_id)
    row = conn.execute(query.with_for_update() if lock else query).first()
    if row is None:
        raise NotFound(NO_RECORD.format(table=table.name, id=record_id))
    return dict(row._mapping)


def insert_record(conn: Connection, table: Table, values: Mapping, who: str, batch_id: int | None = None) -> int:
    stamp = now()
    tracking = {"created_at": stamp, "created_by": who, "updated_at": stamp, "updated_by": who, "version": 1}
    record_id = conn.execute(insert(table).values(**values, **tracking).returning(table.c.id)).scalar_one()
    write_audit(conn, table.name, record_id, 1, "create", who, None, dict(values), batch_id)
    return record_id


def _stale(conn: Connection, table: Table, record_id: int, based_on: int) -> StaleEdit:
    current = fetch_row(conn, table, record_id)
    changes, by = changes_since(conn, table.name, record_id, based_on, current)
    return StaleEdit(table.name, record_id, based_on, current["version"], changes, by)


def update_record(conn: Connection, table: Table, record_id: int, old: Mapping, changes: Mapping, based_on: int,
                  who: str, batch_id: int | None = None) -> int:
    """Apply `changes` if the row is still at version `based_on`; return the new version."""
    if not changes:
        return based_on
    result = conn.execute(
        update(table)
        .where(table.c.id == record_id, table.c.version == based_on)
        .values(**changes, updated_at=now(), updated_by=who, version=based_on + 1)
    )
    if result.rowcount != 1:  # another transaction got there first
        raise _stale(conn, table, record_id, based_on)
    write_audit(conn, table.name, record_id, based_on + 1, "update", who,
                {f: old[f] for f in changes}, dict(changes), batch_id)
    return based_on + 1


def _editable(row: Mapping, fields) -> dict:
    return {f: row[f] for f in fields if f in row}


def apply_update(conn: Connection, table: Table, record_id: int, row: dict, clean: dict, version: int, who: str) -> dict:
    if row["version"] != version:
        raise _stale(conn, table, record_id, version)
    changes = {f: v for f, v in clean.items() if row.get(f) != v}
    update_record(conn, table, record_id, row, changes, version, who)
    return fetch_row(conn, table, record_id)


def create_need(store: Store, actor: Actor | None, values: Mapping) -> dict:
    actor = roles.signed_in(actor)
    values = {"iso3": actor.iso3, **values} if actor.role == "focal_point" else dict(values)
    roles.check_need(actor, values.get("iso3"))
    clean = validate_need(values)
    roles.check_need(actor, clean["iso3"])
    with store.engine.begin() as conn:
        record_id = insert_record(conn, need, {**clean, "author": actor.username, "is_reference": False}, actor.username)
        return fetch_row(conn, need, record_id)


def update_need(store: Store, actor: Actor | None, need_id: int, values: Mapping, version: int) -> dict:
    """Change the given fields of a need last read at `version`."""
    with store.engine.begin() as conn:
        row = fetch_row(conn, need, need_id, lock=True)
        roles.check_need(actor, row["iso3"])
        clean = validate_need({**_editable(row, NEED_FIELDS), **values}, reference=row["is_reference"])
        roles.check_need(actor, clean["iso3"])  # nor move a need to a state one does not speak for
        if row["is_reference"] and clean["iso3"] == row["iso3"]:
            clean["state_name"] = row["state_name"]  # the name as the source stated it
        return apply_update(conn, need, need_id, row, clean, version, actor.username)


def create_offer(store: Store, actor: Actor | None, values: Mapping) -> dict:
    actor = roles.signed_in(actor)
    if actor.role == "provider":
        values = {"provider_name": actor.provider, "provider_kind": roles.provider_kind(actor.provider), **values}
    roles.check_offer(actor, values.get("provider_name"))
    clean = validate_offer(values)
    roles.check_offer(actor, clean["provider_name"])
    with store.engine.begin() as conn:
        record_id = insert_record(conn, offer, {**clean, "is_reference": False}, actor.username)
        return fetch_row(conn, offer, record_id)


def update_offer(store: Store, actor: Actor | None, offer_id: int, values: Mapping, version: int) -> dict:
    with store.engine.begin() as conn:
        row = fetch_row(conn, offer, offer_id, lock=True)
        roles.check_offer(actor, row["provider_name"])
        clean = validate_offer({**_editable(row, OFFER_FIELDS), **values})
        roles.check_offer(actor, clean["provider_name"])
        return apply_update(conn, offer, offer_id, row, clean, version, actor.username)


def _check_sides(conn: Connection, actor: Actor | None, clean: dict) -> Actor:
    sides = {}
    for field, table in (("need_id", need), ("offer_id", offer)):
        try:
            sides[field] = fetch_row(conn, table, clean[field])
        except NotFound as err:
            raise InvalidRecord({field: str(err)}) from None
    return roles.check_partnership(actor, sides["need_id"]["iso3"], sides["offer_id"]["provider_name"])


def _check_pair_is_new(conn: Connection, clean: dict, partnership_id: int | None = None) -> None:
    """The friendly refusal; the unique index (migration 0004) refuses a pair inserted at the same moment."""
    query = select(partnership.c.id).where(partnership.c.need_id == clean["need_id"],
                                           partnership.c.offer_id == clean["offer_id"])
    existing = conn.execute(query).scalar()
    if existing is not None and existing != partnership_id:
        raise InvalidRecord({"offer_id": PAIR_EXISTS.format(id=existing)})


def create_partnership(store: Store, actor: Actor | None, values: Mapping) -> dict:
    roles.signed_in(actor)
    clean = validate_partnership(values)
    try:
        with store.engine.begin() as conn:
            actor = _check_sides(conn, actor, clean)
            _check_pair_is_new(conn, clean)
            record_id = insert_record(conn, partnership, clean, actor.username)
            return fetch_row(conn, partnership, record_id)
    except IntegrityError:
        with store.engine.connect() as conn:
            _check_pair_is_new(conn, clean)  # another session's insert of the same pair won the race
        raise


def update_partnership(store: Store, actor: Actor | None, partnership_id: int, values: Mapping, version: int) -> dict:
    with store.engine.begin() as conn:
        row = fetch_row(conn, partnership, partnership_id, lock=True)
        _check_sides(conn, actor, row)  # the sides as they are now ...
        clean = validate_partnership({**_editable(row, PARTNERSHIP_FIELDS), **values})
        actor = _check_sides(conn, actor, clean)  # ... and as the edit would leave them
        _check_pair_is_new(conn, clean, partnership_id)
        order = PARTNERSHIP_STATUSES.index
        if order(clean["status"]) < order(row["status"]) and not actor.is_admin:
            raise PermissionDenied(BACKWARDS.format(old=row["status"], new=clean["status"]))
        return apply_update(conn, partnership, partnership_id, row, clean, version, actor.username)
