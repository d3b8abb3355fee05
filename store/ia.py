"""The Individualised Approach platform of each State: its events (launch, follow-up, in-country stakeholder and
committee meetings) and their documents.

An admin's event is published at once; a focal point's waits for the ISU (pending), listed publicly once published.
An edit or a new document by the focal point sends a published event back for review: meanwhile the public still
sees its last published version (the `published` snapshot, with only the documents published with it), and the
State's focal point and admins the working one. An event never published is seen only by its State's focal point
and admins. The compiled history (data/individualised_approach.csv) is seeded once, published, with its sources.
Every write is one transaction with its audit entry.
"""
from __future__ import annotations

import datetime as dt
import hashlib
import re
from collections.abc import Mapping

from sqlalchemy import Connection, insert, select, update

from config import DATA_DIR
from data_loaders.registry import LOADERS
from domain.countries import is_iso3
from domain.meetings import compiled_events
from domain.state_page import IA_EVENT_KINDS, IA_STATUSES, ONLY_WEB_LINKS, TOO_LONG, IADocument, IAEvent, links_in
from i18n import N_
from store import roles
from store.audit import write_audit
from store.base import Store, midnight_after, now
from store.documents import check_file, documents_dir, read_checked, write_file
from store.errors import InvalidRecord, NotFound, PermissionDenied
from store.roles import Actor
from store.schema import ia_document, ia_event, import_batch
from store.writes import apply_update, fetch_row, insert_record

SEED_ACTOR = "seed"  # as store.seed names the reference data's author
SEED_SOURCE = "individualised_approach"
FIELDS = ("iso3", "kind", "date", "venue", "status", "summary")
PUBLIC_FIELDS = ("kind", "date", "venue", "status", "summary", "source", "source_url")  # the published snapshot
LIMITS = {"venue": 300, "summary": 4000}
DATE = re.compile(r"^\d{4}-\d{2}(-\d{2})?$")
WEB = ("http://", "https://")

# Refusals, in English here; marked so the pages show them in the reader's language.
OWN_EVENTS_ONLY = N_("a focal point for {own} may only keep the Individualised Approach events of {own}, not of {other}")
EVENT_WRITERS = N_("only an admin or the State's focal point may keep a State's Individualised Approach events")
REVIEWERS = N_("only the ISU (an admin) may publish or return an Individualised Approach event")
NOT_A_STATE = N_("'{iso3}' is not a State's ISO3 code")
NOT_A_KIND = N_("'{value}' is not a kind of event")
NOT_A_STATUS = N_("'{value}' is neither planned nor held")
NOT_A_DATE = N_("'{value}' is not a date as YYYY-MM-DD or YYYY-MM")
REQUIRED = N_("required")
COMMENT_REQUIRED = N_("say what to change: a comment is required to return an event")
NOT_PENDING = N_("event {id} ({status}) cannot be published or returned: only an event waiting for review can be")
REVIEW_WORDS = {"pending": N_("waiting for review"), "published": N_("published"), "returned": N_("returned")}
NO_EVENT = N_("no Individualised Approach event {id}")
NO_DOCUMENT = N_("no document {id}")


def check_event_editor(actor: Actor | None, iso3: str | None) -> Actor:
    actor = roles.signed_in(actor)
    if actor.is_admin or (actor.role == "focal_point" and iso3 is not None and actor.iso3 == iso3):
        return actor
    if actor.role == "focal_point":
        raise PermissionDenied(OWN_EVENTS_ONLY.format(own=actor.iso3, other=iso3 or "?"))
    raise PermissionDenied(EVENT_WRITERS)


def may_see(actor: Actor | None, iso3: str) -> bool:
    """Whether `actor` sees the State's events not (yet) published."""
    return actor is not None and (actor.is_admin or (actor.role == "focal_point" and actor.iso3 == iso3))


def validate_event(values: Mapping) -> dict:
    """The event's fields, checked: InvalidRecord with every problem, nothing written."""
    problems: dict[str, str] = {}
    clean = {name: str(values.get(name) or "").strip() for name in FIELDS}
    clean["iso3"] = clean["iso3"].upper()
    if not is_iso3(clean["iso3"]):
        problems["iso3"] = NOT_A_STATE.format(iso3=clean["iso3"])
    if clean["kind"] not in IA_EVENT_KINDS:
        problems["kind"] = NOT_A_KIND.format(value=clean["kind"])
    if clean["status"] not in IA_STATUSES:
        problems["status"] = NOT_A_STATUS.format(value=clean["status"])
    if not _is_date(clean["date"]):
        problems["date"] = NOT_A_DATE.format(value=clean["date"])
    for name, limit in LIMITS.items():
        if name == "summary" and not clean[name]:
            continue
        if not clean[name]:
            problems[name] = REQUIRED
        elif len(clean[name]) > limit:
            problems[name] = TOO_LONG.format(length=len(clean[name]), limit=limit)
    bad = next((link for link in links_in(clean["summary"]) if not link.strip().lower().startswith(WEB)), None)
    if bad is not None and "summary" not in problems:
        problems["summary"] = ONLY_WEB_LINKS.format(link=bad)
    if problems:
        raise InvalidRecord(problems)
    return clean


def _is_date(value: str) -> bool:
    if not DATE.match(value):
        return False
    try:
        dt.date.fromisoformat(value if len(value) > 7 else f"{value}-01")
    except ValueError:
        return False
    return True


def _sort_key(event: IAEvent) -> tuple:
    # A month-only date before the days of its month.
    return (event.date if len(event.date) > 7 else f"{event.date}-00", event.id)


def _documents(conn: Connection, event_ids: list[int], published_only: set[int] = frozenset()
               ) -> dict[int, tuple[IADocument, ...]]:
    """Each event's documents; for the events in `published_only`, only those published."""
    found: dict[int, list[IADocument]] = {event_id: [] for event_id in event_ids}
    if event_ids:
        query = select(ia_document.c.id, ia_document.c.event_id, ia_document.c.filename, ia_document.c.content_type,
                       ia_document.c.size, ia_document.c.sha256, ia_document.c.published
                       ).where(ia_document.c.event_id.in_(event_ids))
        for row in conn.execute(query.order_by(ia_document.c.id)).mappings():
            if row["event_id"] in published_only and not row["published"]:
                continue
            found[row["event_id"]].append(IADocument(row["id"], row["filename"], row["content_type"], row["size"],
                                                     row["sha256"]))
    return {event_id: tuple(documents) for event_id, documents in found.items()}


def _events(conn: Connection, rows: list[Mapping], public: set[int] = frozenset()) -> list[IAEvent]:
    """The events of `rows`: their working values, or for the ids in `public` their last published version with
    the documents published with it."""
    documents = _documents(conn, [row["id"] for row in rows], public)

    def values(row: Mapping) -> Mapping:
        return {**row, **row["published"]} if row["id"] in public else row

    return sorted((IAEvent(row["id"], row["iso3"], v["kind"], v["date"], v["venue"], v["status"], v["summary"],
                           v["source"], v["source_url"], documents[row["id"]])
                   for row in rows for v in (values(row),)), key=_sort_key)


def _published(row: Mapping, who: str) -> dict:
    """The columns that make `row`'s current values its published version."""
    return {"published": {name: row[name] for name in PUBLIC_FIELDS}, "published_at": now(), "published_by": who}


def _publish_documents(conn: Connection, event_id: int) -> None:
    conn.execute(update(ia_document).where(ia_document.c.event_id == event_id, ia_document.c.published.is_(False))
                 .values(published=True))


def _event(conn: Connection, event_id: int) -> IAEvent:
    return _events(conn, [fetch_row(conn, ia_event, event_id)])[0]


def _row(conn: Connection, event_id: int, lock: bool = False) -> dict:
    try:
        return fetch_row(conn, ia_event, event_id, lock=lock)
    except NotFound:
        raise NotFound(NO_EVENT.format(id=event_id)) from None


def create_ia_event(store: Store, actor: Actor | None, values: Mapping) -> IAEvent:
    """A new event of a State's IA: published when an admin enters it, pending the ISU's review when a focal point
    does (a focal point's own State is the default)."""
    actor = roles.signed_in(actor)
    values = {"iso3": actor.iso3, **values} if actor.role == "focal_point" else dict(values)
    check_event_editor(actor, str(values.get("iso3") or "").upper() or None)
    clean = validate_event(values)
    check_event_editor(actor, clean["iso3"])
    values = {**clean, "review_status": "published" if actor.is_admin else "pending"}
    if actor.is_admin:
        values.update(_published({**values, "source": None, "source_url": None}, actor.username))
    with store.engine.begin() as conn:
        event_id = insert_record(conn, ia_event, values, actor.username)
        return _event(conn, event_id)


def update_ia_event(store: Store, actor: Actor | None, event_id: int, values: Mapping, based_on: int) -> IAEvent:
    """Change an event read at version `based_on` (StaleEdit if it changed since). A focal point's change waits
    for the ISU's review again (the public keeps seeing the last published version); an admin's change of a
    published event is published at once."""
    with store.engine.begin() as conn:
        row = _row(conn, event_id, lock=True)
        actor = check_event_editor(actor, row["iso3"])
        clean = validate_event({**{name: row[name] for name in FIELDS}, **values})
        check_event_editor(actor, clean["iso3"])
        if not actor.is_admin:
            clean["review_status"] = "pending"
        elif row["review_status"] == "published":
            snapshot = _published({**row, **clean}, actor.username)
            if snapshot["published"] != row["published"]:
                clean.update(snapshot)
        apply_update(conn, ia_event, event_id, row, clean, based_on, actor.username)
        return _event(conn, event_id)


def _review(store: Store, actor: Actor | None, event_id: int, status: str, comment: str | None) -> IAEvent:
    actor = roles.require_admin(actor, REVIEWERS)
    with store.engine.begin() as conn:
        row = _row(conn, event_id, lock=True)
        if row["review_status"] != "pending":
            raise PermissionDenied(NOT_PENDING.format(id=event_id, status=REVIEW_WORDS[row["review_status"]]))
        changes = {"review_status": status, "comment": comment}
        if status == "published":
            changes.update(_published(row, actor.username))
            _publish_documents(conn, event_id)
        apply_update(conn, ia_event, event_id, row, changes, row["version"], actor.username)
        return _event(conn, event_id)


def publish_ia_event(store: Store, actor: Actor | None, event_id: int) -> IAEvent:
    """The ISU publishes a focal point's event: it, and its documents, are listed on the State's page and
    /meetings as they are now."""
    return _review(store, actor, event_id, "published", None)


def return_ia_event(store: Store, actor: Actor | None, event_id: int, comment: str) -> IAEvent:
    """The ISU sends a focal point's event back with what to change; it stays unlisted, or listed as last
    published."""
    comment = (comment or "").strip()
    if not comment:
        raise InvalidRecord({"comment": COMMENT_REQUIRED})
    if len(comment) > LIMITS["summary"]:
        raise InvalidRecord({"comment": TOO_LONG.format(length=len(comment), limit=LIMITS["summary"])})
    return _review(store, actor, event_id, "returned", comment)


def list_ia_events(store: Store, iso3: str | None = None, actor: Actor | None = None) -> list[IAEvent]:
    """Events (of every State, or of `iso3`) by date, each with its documents. The events `actor` may see (their own
    State's; every State's for an admin) as they are now, published or not; the others as last published (with
    only the documents published with them), none that was never published."""
    query = select(ia_event)
    if iso3 is not None:
        query = query.where(ia_event.c.iso3 == iso3)
    with store.engine.connect() as conn:
        rows = [row for row in conn.execute(query).mappings()
                if row["published"] is not None or may_see(actor, row["iso3"])]
        return _events(conn, rows, {row["id"] for row in rows if not may_see(actor, row["iso3"])})


def ia_events_published_by(store: Store, day: dt.date, iso3: str | None = None) -> list[IAEvent]:
    """The events States entered and the ISU published by the end of `day`, as last published (a change published
    later shows its newer text: versions of an event are not kept). Events seeded from the compiled data are left
    out: a view as of `day` reads those from the data edition in force then."""
    query = select(ia_event).where(ia_event.c.import_batch_id.is_(None), ia_event.c.published.is_not(None),
                                   ia_event.c.published_at < midnight_after(day))
    if iso3 is not None:
        query = query.where(ia_event.c.iso3 == iso3)
    with store.engine.connect() as conn:
        rows = list(conn.execute(query).mappings())
        return _events(conn, rows, {row["id"] for row in rows})


def list_pending_ia_events(store: Store, actor: Actor | None) -> list[IAEvent]:
    """The events waiting for the ISU's review, by date."""
    roles.require_admin(actor, REVIEWERS)
    with store.engine.connect() as conn:
        return _events(conn, list(conn.execute(select(ia_event).where(ia_event.c.review_status == "pending"))
                                  .mappings()))


def ia_event_review(store: Store, actor: Actor | None, event_id: int) -> dict:
    """What an editing page needs beside the IAEvent: {"event", "version" (the based_on of the next edit),
    "review_status" (pending | published | returned), "comment" (the ISU's, when returned), "updated_by",
    "updated_at", "published" (the version the public sees, an IAEvent, None if never published),
    "published_at", "published_by", "pending_changes" (whether the public sees an older version than "event")}.
    For an admin or the State's focal point."""
    with store.engine.connect() as conn:
        row = _row(conn, event_id)
        check_event_editor(actor, row["iso3"])
        event = _event(conn, event_id)
        public = _events(conn, [row], {event_id})[0] if row["published"] is not None else None
        return {"event": event, "version": row["version"], "review_status": row["review_status"],
                "comment": row["comment"] if row["review_status"] == "returned" else None,
                "updated_by": row["updated_by"], "updated_at": row["updated_at"], "published": public,
                "published_at": row["published_at"], "published_by": row["published_by"],
                "pending_changes": public != event}


def add_ia_document(store: Store, actor: Actor | None, event_id: int, filename: str, data: bytes) -> IADocument:
    """Attach a report or presentation to an event, checked by its content (store/documents.py); the bytes go
    in the database, or in MBC_DOCUMENTS_DIR when it is set. Refused with the reason, nothing stored. An admin's
    document is published at once (public if its event ever was); a focal point's waits for the ISU's review."""
    with store.engine.connect() as conn:
        check_event_editor(actor, _row(conn, event_id)["iso3"])
    checked = check_file(filename, data)
    folder = documents_dir()
    stored_name = write_file(folder, checked.sha256, data) if folder else None
    with store.engine.begin() as conn:
        row = _row(conn, event_id, lock=True)
        actor = check_event_editor(actor, row["iso3"])
        values = {"event_id": event_id, "filename": checked.filename, "content_type": checked.content_type,
                  "size": checked.size, "sha256": checked.sha256, "published": actor.is_admin}
        document_id = conn.execute(insert(ia_document).values(
            **values, data=None if folder else data, stored_name=stored_name, uploaded_by=actor.username,
            uploaded_at=now()).returning(ia_document.c.id)).scalar_one()
        write_audit(conn, ia_document.name, document_id, None, "create", actor.username, None,
                    {**values, "stored_in": "folder" if folder else "database"})
        if not actor.is_admin and row["review_status"] != "pending":
            apply_update(conn, ia_event, event_id, row, {"review_status": "pending", "comment": None}, row["version"],
                         actor.username)
        return IADocument(document_id, checked.filename, checked.content_type, checked.size, checked.sha256)


def read_ia_document(store: Store, document_id: int, *, actor: Actor | None = None) -> tuple[IADocument, bytes]:
    """A document and its bytes, their SHA-256 checked (DocumentDamaged otherwise). A document not published, or
    of an event never published, is read only by an `actor` who may see that event."""
    with store.engine.connect() as conn:
        row = conn.execute(select(ia_document).where(ia_document.c.id == document_id)).mappings().first()
        if row is None:
            raise NotFound(NO_DOCUMENT.format(id=document_id))
        event = _row(conn, row["event_id"])
    if not (row["published"] and event["published"] is not None) and not may_see(actor, event["iso3"]):
        raise NotFound(NO_DOCUMENT.format(id=document_id))
    data = read_checked(document_id, row["sha256"], row["data"], row["stored_name"])
    return IADocument(row["id"], row["filename"], row["content_type"], row["size"], row["sha256"]), data


def compiled_history(today: str | None = None) -> list[dict]:
    """Each event of data/individualised_approach.csv about one State as the published event the seed writes,
    read as domain.meetings reads it while the store is down (so both show the same): the source's words as the
    summary, the kind from those words, held when its date is past, its source and link. A row about no single
    State (a statement in general) is context, not an event of a State's platform."""
    events = compiled_events(LOADERS["individualised_approach"](), today or dt.date.today().isoformat())
    return [{"iso3": e.iso3, "kind": e.kind, "date": e.date, "venue": e.venue, "status": e.status,
             "summary": e.summary, "source": e.source, "source_url": e.source_url, "review_status": "published"}
            for e in events]


def seed_ia_history(store: Store) -> None:
    """Seed the compiled IA history once: the import_batch row is the marker, so a second start, or a store whose
    seeded events an admin changed or removed, is left as it is."""
    with store.engine.begin() as conn:
        done = conn.execute(select(import_batch.c.id).where(
            import_batch.c.kind == "seed", import_batch.c.source == SEED_SOURCE)).first()
        if done is not None:
            return
        events = compiled_history()
        path = DATA_DIR / f"{SEED_SOURCE}.csv"
        batch_id = conn.execute(insert(import_batch).values(
            kind="seed", source=SEED_SOURCE, filename=f"data/{path.name}",
            sha256=hashlib.sha256(path.read_bytes()).hexdigest(), actor=SEED_ACTOR, at=now(), added=len(events),
            changed=0, unchanged=0).returning(import_batch.c.id)).scalar_one()
        for values in events:
            insert_record(conn, ia_event, {**values, **_published(values, SEED_ACTOR), "import_batch_id": batch_id},
                          SEED_ACTOR, batch_id)


__all__ = ["add_ia_document", "create_ia_event", "ia_event_review", "list_ia_events", "list_pending_ia_events",
           "publish_ia_event", "read_ia_document", "return_ia_event", "seed_ia_history", "update_ia_event"]
