"""A State's own page, version by version: its focal point (or an admin) saves a draft, submits it; the ISU
(an admin) publishes it or returns it with a comment. The page shows the last published version; one version
per State is open (draft, pending or returned) at a time, and a pending one is locked until it is returned or
published. Every step is one transaction with its audit entry.
"""
from __future__ import annotations

from collections.abc import Mapping

from sqlalchemy import Connection, insert, select, update
from sqlalchemy.exc import IntegrityError

from domain.countries import is_iso3
from domain.state_page import (
    SECTION_KEYS,
    TOO_LONG,
    Change,
    Contact,
    PublishedPage,
    Resource,
    StatePageContent,
    StateText,
    check_content,
    diff_content,
)
from i18n import N_
from store import roles
from store.audit import changes_since, write_audit
from store.base import Store, now
from store.errors import InvalidRecord, NotFound, PermissionDenied, StaleEdit
from store.roles import Actor
from store.schema import PAGE_OPEN_STATUSES, state_page_version

TABLE = state_page_version.name
# Refusals, in English here; marked so the pages show them in the reader's language.
OWN_PAGE_ONLY = N_("a focal point for {own} may only edit the page of {own}, not of {other}")
PAGE_EDITORS = N_("only an admin or the State's focal point may edit or read the draft of a State's page")
REVIEWERS = N_("only the ISU (an admin) may publish or return a State's page")
PENDING_LOCKED = N_("version {version} of this page is waiting for the ISU's review: it cannot be changed until the "
                    "ISU publishes it or returns it")
NOT_SUBMITTABLE = N_("version {version} ({status}) cannot be submitted: only a draft or a returned version can be")
NOT_PENDING = N_("version {version} ({status}) cannot be published or returned: only a version waiting for review can be")
# A status as the refusals word it (marked, so the page says it in the reader's language).
STATUS_WORDS = {"draft": N_("a draft"), "pending": N_("waiting for review"), "returned": N_("returned"),
                "published": N_("published"), "superseded": N_("superseded by a later version")}
NO_OPEN_VERSION = N_("no draft of this page is open")
COMMENT_REQUIRED = N_("say what to change: a comment is required to return a page")
NOT_A_STATE = N_("'{iso3}' is not a State's ISO3 code")
COMMENT_LIMIT = 4000


def check_page_editor(actor: Actor | None, iso3: str) -> Actor:
    """An admin, or the focal point of `iso3`; anyone else is refused with the reason."""
    actor = roles.signed_in(actor)
    if actor.is_admin or (actor.role == "focal_point" and actor.iso3 == iso3):
        return actor
    if actor.role == "focal_point":
        raise PermissionDenied(OWN_PAGE_ONLY.format(own=actor.iso3, other=iso3))
    raise PermissionDenied(PAGE_EDITORS)


def content_from_record(iso3: str, record: Mapping) -> StatePageContent:
    """The content a stored version holds, as it was checked when saved (never checked again: a later, stricter
    limit does not hide a page already published)."""
    return StatePageContent(
        iso3, tuple(record.get("order") or SECTION_KEYS), frozenset(record.get("hidden") or ()),
        {name: StateText(value["text"], value["language"]) for name, value in (record.get("texts") or {}).items()},
        tuple(Contact(**row) for row in record.get("contacts") or ()),
        tuple(Resource(**row) for row in record.get("resources") or ()),
    )


def _as_dict(row: Mapping) -> dict:
    return {"iso3": row["iso3"], "version": row["version"], "status": row["status"],
            "content": content_from_record(row["iso3"], row["content"]),
            "comment": row["comment"] if row["status"] == "returned" else None,
            "updated_by": row["updated_by"], "updated_at": row["updated_at"]}


def published_page(row: Mapping) -> PublishedPage:
    return PublishedPage(content_from_record(row["iso3"], row["content"]), row["version"], row["reviewed_at"],
                         row["reviewed_by"])


def _open_row(conn: Connection, iso3: str, lock: bool = False) -> dict | None:
    query = select(state_page_version).where(state_page_version.c.iso3 == iso3,
                                             state_page_version.c.status.in_(PAGE_OPEN_STATUSES))
    row = conn.execute(query.with_for_update() if lock else query).mappings().first()
    return dict(row) if row else None


def _published_row(conn: Connection, iso3: str) -> dict | None:
    row = conn.execute(select(state_page_version).where(
        state_page_version.c.iso3 == iso3, state_page_version.c.status == "published")).mappings().first()
    return dict(row) if row else None


def _last_version(conn: Connection, iso3: str) -> int:
    versions = conn.execute(select(state_page_version.c.version).where(state_page_version.c.iso3 == iso3)).scalars()
    return max(versions, default=0)


def _stale(conn: Connection, row: dict | None, based_on: int | None, iso3: str) -> StaleEdit:
    """The refusal of an edit based on a version that is no longer the open one (`row`, None when the version was
    published meanwhile and none is open: then the last version is the one compared)."""
    if row is None:
        row = conn.execute(select(state_page_version).where(state_page_version.c.iso3 == iso3)
                           .order_by(state_page_version.c.version.desc())).mappings().first()
        row = dict(row) if row else {"id": 0, "version": 0, "updated_by": ""}
    changes, by = changes_since(conn, TABLE, row["id"], based_on or 0, row) if row["id"] else ({}, [])
    return StaleEdit(TABLE, row["id"], based_on or 0, row["version"], changes, by or [row["updated_by"]])


def _open_version(conn: Connection, iso3: str, version: int) -> dict:
    row = _open_row(conn, iso3, lock=True)
    if row is None:
        raise NotFound(NO_OPEN_VERSION)
    if row["version"] != version:
        raise _stale(conn, row, version, iso3)
    return row


def save_page_draft(store: Store, actor: Actor | None, iso3: str, record: dict, based_on: int | None) -> dict:
    """Create the State's open version (`based_on` None) or change it (`based_on`: the version it was read at)."""
    actor = check_page_editor(actor, iso3)
    if not is_iso3(iso3):
        raise InvalidRecord({"iso3": NOT_A_STATE.format(iso3=iso3)})
    content, problems = check_content(iso3, record)
    if problems:
        raise InvalidRecord(problems)
    stored = content.as_record()
    try:
        with store.engine.begin() as conn:
            row = _open_row(conn, iso3, lock=True)
            if row is not None and row["status"] == "pending":
                raise PermissionDenied(PENDING_LOCKED.format(version=row["version"]))
            if based_on is None and row is None:
                stamp, version = now(), _last_version(conn, iso3) + 1
                record_id = conn.execute(insert(state_page_version).values(
                    iso3=iso3, status="draft", content=stored, created_at=stamp, created_by=actor.username,
                    updated_at=stamp, updated_by=actor.username, version=version,
                ).returning(state_page_version.c.id)).scalar_one()
                write_audit(conn, TABLE, record_id, version, "create", actor.username, None,
                            {"iso3": iso3, "status": "draft", "content": stored})
                return _as_dict(_open_row(conn, iso3))
            if row is None or row["version"] != based_on:
                raise _stale(conn, row, based_on, iso3)
            if row["content"] == stored:
                return _as_dict(row)
            result = conn.execute(
                update(state_page_version)
                .where(state_page_version.c.id == row["id"], state_page_version.c.version == based_on)
                .values(content=stored, updated_at=now(), updated_by=actor.username, version=based_on + 1))
            if result.rowcount != 1:
                raise _stale(conn, _open_row(conn, iso3), based_on, iso3)
            write_audit(conn, TABLE, row["id"], based_on + 1, "update", actor.username, {"content": row["content"]},
                        {"content": stored})
            return _as_dict(_open_row(conn, iso3))
    except IntegrityError:  # another session opened the State's version at the same moment
        with store.engine.connect() as conn:
            raise _stale(conn, _open_row(conn, iso3), based_on, iso3) from None


def _transition(conn: Connection, row: dict, who: str, action: str, values: dict) -> dict:
    conn.execute(update(state_page_version).where(state_page_version.c.id == row["id"])
                 .values(**values, updated_at=now(), updated_by=who))
    write_audit(conn, TABLE, row["id"], row["version"], action, who, {"status": row["status"]},
                {k: v for k, v in values.items() if k in ("status", "comment")})
    return dict(conn.execute(select(state_page_version).where(state_page_version.c.id == row["id"])).mappings().one())


def submit_page(store: Store, actor: Actor | None, iso3: str, version: int) -> dict:
    """Send the open version to the ISU: draft or returned -> pending (locked until reviewed)."""
    actor = check_page_editor(actor, iso3)
    with store.engine.begin() as conn:
        row = _open_version(conn, iso3, version)
        if row["status"] not in ("draft", "returned"):
            raise PermissionDenied(NOT_SUBMITTABLE.format(version=version, status=STATUS_WORDS[row["status"]]))
        stamp = now()
        return _as_dict(_transition(conn, row, actor.username, "submit",
                                    {"status": "pending", "submitted_at": stamp, "submitted_by": actor.username}))


def _pending(conn: Connection, iso3: str, version: int) -> dict:
    row = _open_version(conn, iso3, version)
    if row["status"] != "pending":
        raise PermissionDenied(NOT_PENDING.format(version=version, status=STATUS_WORDS[row["status"]]))
    return row


def publish_page(store: Store, actor: Actor | None, iso3: str, version: int) -> PublishedPage:
    """The ISU publishes the pending version; the one published before is superseded."""
    actor = roles.require_admin(actor, REVIEWERS)
    with store.engine.begin() as conn:
        row = _pending(conn, iso3, version)
        before = _published_row(conn, iso3)
        if before is not None:
            conn.execute(update(state_page_version).where(state_page_version.c.id == before["id"])
                         .values(status="superseded"))
            write_audit(conn, TABLE, before["id"], before["version"], "supersede", actor.username,
                        {"status": "published"}, {"status": "superseded"})
        stamp = now()
        return published_page(_transition(conn, row, actor.username, "publish",
                                      {"status": "published", "comment": None, "reviewed_at": stamp,
                                       "reviewed_by": actor.username}))


def return_page(store: Store, actor: Actor | None, iso3: str, version: int, comment: str) -> dict:
    """The ISU sends the pending version back to the State with what to change."""
    actor = roles.require_admin(actor, REVIEWERS)
    comment = (comment or "").strip()
    if not comment:
        raise InvalidRecord({"comment": COMMENT_REQUIRED})
    if len(comment) > COMMENT_LIMIT:
        raise InvalidRecord({"comment": TOO_LONG.format(length=len(comment), limit=COMMENT_LIMIT)})
    with store.engine.begin() as conn:
        row = _pending(conn, iso3, version)
        stamp = now()
        return _as_dict(_transition(conn, row, actor.username, "return",
                                    {"status": "returned", "comment": comment, "reviewed_at": stamp,
                                     "reviewed_by": actor.username}))


def get_page_draft(store: Store, actor: Actor | None, iso3: str) -> dict | None:
    """The State's open version (draft, pending or returned), for its focal point or an admin."""
    check_page_editor(actor, iso3)
    with store.engine.connect() as conn:
        row = _open_row(conn, iso3)
    return _as_dict(row) if row else None


def get_published_page(store: Store, iso3: str) -> PublishedPage | None:
    """What the public page shows: the last version the ISU published, if any."""
    with store.engine.connect() as conn:
        row = _published_row(conn, iso3)
    return published_page(row) if row else None


def list_pending_pages(store: Store, actor: Actor | None) -> list[dict]:
    """Every version waiting for the ISU, oldest submission first, each with what it changes on the published
    page (field by field)."""
    roles.require_admin(actor, REVIEWERS)
    with store.engine.connect() as conn:
        rows = conn.execute(select(state_page_version).where(state_page_version.c.status == "pending")
                            .order_by(state_page_version.c.submitted_at, state_page_version.c.id)).mappings().all()
        published = {row["iso3"]: _published_row(conn, row["iso3"]) for row in rows}
    pending = []
    for row in rows:
        before = published[row["iso3"]]
        changes: list[Change] = diff_content(
            content_from_record(row["iso3"], before["content"]) if before else None,
            content_from_record(row["iso3"], row["content"]))
        pending.append({"iso3": row["iso3"], "version": row["version"], "submitted_by": row["submitted_by"],
                        "submitted_at": row["submitted_at"], "changes": changes})
    return pending
