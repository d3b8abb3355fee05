"""The store as it stood on a date, and what changed between two dates; reading only.

Every time here is the audit's clock (store.base.now: naive UTC). A day is a whole UTC day: "as of `day`" is the
end of that day, and a period (start, end] runs from the midnight after `start` to the midnight after `end`.
"""
from __future__ import annotations

import datetime as dt

from sqlalchemy import and_, or_, select

from domain.changes import RegistryChange
from domain.state_page import PublishedPage
from store.base import Store, midnight_after
from store.reports import ReportInfo, report_info
from store.schema import RECORD_TABLES, a7_report, audit_log, import_batch, need, offer, partnership, state_page_version
from store.seed import SEED_ACTOR
from store.state_pages import published_page

TRACKING_TIMES = ("created_at", "updated_at")


def _row_from_audit(values: dict) -> dict:
    """A row an audit entry kept whole (a delete's `old`): its times back from the ISO text the audit writes."""
    row = dict(values)
    for name in TRACKING_TIMES:
        if isinstance(row.get(name), str):
            row[name] = dt.datetime.fromisoformat(row[name])
    return row


def records_as_of(store: Store, table: str, day: dt.date, seeded_from_start: bool = False) -> list[dict]:
    """The rows of `table` (need, offer or partnership) as they stood at the end of `day`, newest first, as the
    store's list_* reads return rows: every column, tracking (version, updated_at, updated_by) included.

    Replayed backwards: today's rows, with every audited change made after `day` undone (an update's `old` put back,
    a record created later dropped, a record deleted later restored from the delete's `old`). Going back from today
    keeps the columns later migrations added, which an old create entry never held. A record whose create the audit
    misses is taken to exist from its own `created_at`; its values are still right as of `day` as long as its later
    changes were audited; its updated_at/updated_by are None when they cannot be known (an unaudited earlier edit).
    Two queries, whatever the number of records. [] for a day before the store held any record.

    `seeded_from_start`: what the store's seed wrote (the compiled reference records) counts as there from the
    start, whenever the store was created: the caller keeps only those the data edition of `day` held."""
    records = RECORD_TABLES[table]
    cutoff = midnight_after(day)
    with store.engine.connect() as conn:
        current = {row["id"]: dict(row) for row in conn.execute(select(records)).mappings()}
        entries = conn.execute(
            select(audit_log.c.record_id, audit_log.c.record_version, audit_log.c.action, audit_log.c.actor,
                   audit_log.c.at, audit_log.c.old)
            .where(audit_log.c.table_name == table).order_by(audit_log.c.id.desc())).all()
    by_record: dict[int, list] = {record_id: [] for record_id in current}
    for entry in entries:
        if seeded_from_start and entry.actor == SEED_ACTOR and entry.action == "create":
            continue  # as if written before any day asked for
        by_record.setdefault(entry.record_id, []).append(entry)  # newest first
    rows = []
    for record_id, history in by_record.items():
        row = _undo_after(current.get(record_id), history, cutoff)
        audited_create = any(entry.action == "create" for entry in history)
        seeded = seeded_from_start and row is not None and row["created_by"] == SEED_ACTOR
        if row is not None and (audited_create or seeded or row["created_at"] < cutoff):
            rows.append(row)
    return sorted(rows, key=lambda row: row["id"], reverse=True)


def _undo_after(row: dict | None, history: list, cutoff: dt.datetime) -> dict | None:
    """`row` (None: not in the table now) with the entries of `history` (newest first) made at or after `cutoff`
    undone."""
    row = None if row is None else dict(row)
    undone = [entry for entry in history if entry.at >= cutoff]
    for entry in undone:
        if entry.action == "create":
            row = None
        elif entry.action == "delete":
            row = _row_from_audit(entry.old)
        elif entry.action == "update" and row is not None:
            row.update(entry.old)
            row["version"] = entry.record_version - 1
    if row is None or not undone or undone[-1].action != "update":
        return row
    before = next((entry for entry in history if entry.at < cutoff), None)
    if before is not None and before.action == "update":
        row["updated_at"], row["updated_by"] = before.at, before.actor
    elif before is not None or row["version"] == 1:
        row["updated_at"], row["updated_by"] = row["created_at"], row["created_by"]
    else:
        row["updated_at"] = row["updated_by"] = None
    return row


def registry_changes(store: Store, start: dt.date, end: dt.date) -> list[RegistryChange]:
    """Needs added or met, offers and partnerships added in (start, end], in the order they happened.

    What the store's first seed wrote (actor "seed", or an import batch of kind "seed") is not news; an admin's
    upload is. An added need or offer is described as it was added (its create entry); a met need and a partnership
    by their records as they are now (a partnership by its need's State and area, "provider → State"). An offer's
    State is its provider's, when the provider is a State; its area the first of its areas. One query."""
    met, sides, sides_offer = need.alias("met"), need.alias("side"), offer.alias("side_offer")
    query = (
        select(audit_log.c.table_name, audit_log.c.action, audit_log.c.at, audit_log.c.old, audit_log.c.new,
               met.c.iso3.label("met_iso3"), met.c.state_name.label("met_state"), met.c.area.label("met_area"),
               met.c.description.label("met_description"), met.c.source_url.label("met_source_url"),
               sides.c.iso3.label("side_iso3"), sides.c.state_name.label("side_state"),
               sides.c.area.label("side_area"), sides_offer.c.provider_name.label("side_provider"))
        .select_from(
            audit_log.outerjoin(import_batch, import_batch.c.id == audit_log.c.import_batch_id)
            .outerjoin(met, and_(audit_log.c.table_name == "need", met.c.id == audit_log.c.record_id))
            .outerjoin(partnership, and_(audit_log.c.table_name == "partnership",
                                         partnership.c.id == audit_log.c.record_id))
            .outerjoin(sides, sides.c.id == partnership.c.need_id)
            .outerjoin(sides_offer, sides_offer.c.id == partnership.c.offer_id))
        .where(audit_log.c.table_name.in_(RECORD_TABLES), audit_log.c.action.in_(("create", "update")),
               audit_log.c.at >= midnight_after(start), audit_log.c.at < midnight_after(end),
               audit_log.c.actor != SEED_ACTOR, or_(import_batch.c.kind.is_(None), import_batch.c.kind != "seed"))
        .order_by(audit_log.c.at, audit_log.c.id))
    with store.engine.connect() as conn:
        entries = conn.execute(query).all()
    return [change for entry in entries for change in _changes(entry)]


def _changes(entry) -> list[RegistryChange]:
    day, new = entry.at.date(), entry.new or {}
    found = []
    if entry.table_name == "need" and entry.action == "create":
        found.append(RegistryChange("need_added", new.get("iso3"), new["state_name"], new["area"], day,
                                    new["description"], new.get("source_url")))
    became_met = new.get("status") == "met" and (entry.old or {}).get("status") != "met"
    if entry.table_name == "need" and became_met:
        found.append(RegistryChange("need_met", entry.met_iso3, entry.met_state or "", entry.met_area or "", day,
                                    entry.met_description or "", entry.met_source_url))
    if entry.table_name == "offer" and entry.action == "create":
        state = new["provider_name"] if new.get("provider_iso3") else ""
        modality = new["modality"].replace("_", " ")
        # Validation asks for an area; "offers" names the area of a row written without it.
        found.append(RegistryChange("offer_added", new.get("provider_iso3"), state, (new["areas"] or ["offers"])[0],
                                    day, f"{new['provider_name']}: {modality}", new.get("source_url")))
    if entry.table_name == "partnership" and entry.action == "create":
        found.append(RegistryChange("partnership_added", entry.side_iso3, entry.side_state or "",
                                    entry.side_area or "", day,
                                    f"{entry.side_provider} → {entry.side_state}", None))
    return found


def published_page_as_of(store: Store, iso3: str, day: dt.date) -> PublishedPage | None:
    """The version of the State's page that was the published one at the end of `day`, even if superseded since;
    None when none was published by then. One query."""
    with store.engine.connect() as conn:
        row = conn.execute(
            select(state_page_version)
            .where(state_page_version.c.iso3 == iso3, state_page_version.c.status.in_(("published", "superseded")),
                   state_page_version.c.reviewed_at < midnight_after(day))
            # Publishing a version supersedes the one before, so the last published by then is the one shown.
            .order_by(state_page_version.c.reviewed_at.desc(), state_page_version.c.version.desc()).limit(1)
        ).mappings().first()
    return None if row is None else published_page(dict(row))


def reports_published(store: Store, start: dt.date, end: dt.date) -> list[ReportInfo]:
    """The Article 7 reports published in (start, end], in the order they were published. One query."""
    with store.engine.connect() as conn:
        rows = conn.execute(
            select(a7_report)
            .where(a7_report.c.status == "published", a7_report.c.published_at >= midnight_after(start),
                   a7_report.c.published_at < midnight_after(end))
            .order_by(a7_report.c.published_at, a7_report.c.iso3, a7_report.c.year)).mappings().all()
    return [report_info(dict(row)) for row in rows]
