"""Presenter slides: saved views of this dashboard, in order. Everyone reads them; only an admin edits.

A slide's view is a path of the dashboard with its query string (what the address bar shows after
the host), so a slide reopens exactly that view and can never point elsewhere.
"""
from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Mapping

from sqlalchemy import delete, func, insert, select, update

from config import SLIDE_PAGES
from i18n import N_
from store import roles
from store.audit import write_audit
from store.base import Store, now
from store.errors import InvalidRecord, NotFound
from store.roles import Actor
from store.schema import import_batch, slide
from store.validate import TOO_LONG
from store.writes import apply_update, fetch_row, insert_record

PAGES = SLIDE_PAGES
VIEW = re.compile(rf"^/(?:{'|'.join(PAGES)})?(?:\?[A-Za-z0-9_%&=.,+\-]*)?$")
MAX_TITLE = 200
TITLE_REQUIRED = N_("a title is required")
ADMIN_ONLY = N_("only an admin may edit the slides")
SEED_ACTOR = "seed"  # as store.seed names the reference data's author
NOT_A_VIEW = N_("'{view}' is not a view of this dashboard: copy the part of the address after the host, starting with / "
                "and one of {pages}")


def validate_slide(values: Mapping) -> dict:
    problems, clean = {}, {}
    title = str(values.get("title") or "").strip()
    if not title:
        problems["title"] = TITLE_REQUIRED
    elif len(title) > MAX_TITLE:
        problems["title"] = TOO_LONG.format(length=len(title), limit=MAX_TITLE)
    clean["title"] = title
    view = str(values.get("view") or "").strip()
    if not VIEW.match(view):
        problems["view"] = NOT_A_VIEW.format(view=view, pages=", ".join("/" + p for p in PAGES))
    clean["view"] = view
    note = values.get("note")
    clean["note"] = str(note).strip() or None if note is not None else None
    if problems:
        raise InvalidRecord(problems)
    return clean


def list_slides(store: Store) -> list[dict]:
    with store.engine.connect() as conn:
        return [dict(row) for row in conn.execute(select(slide).order_by(slide.c.position, slide.c.id)).mappings()]


def create_slide(store: Store, actor: Actor | None, values: Mapping) -> dict:
    actor = roles.require_admin(actor, ADMIN_ONLY)
    clean = validate_slide(values)
    with store.engine.begin() as conn:
        last = conn.execute(select(func.max(slide.c.position))).scalar()
        record_id = insert_record(conn, slide, {**clean, "position": (last or 0) + 1}, actor.username)
        return fetch_row(conn, slide, record_id)


def update_slide(store: Store, actor: Actor | None, slide_id: int, values: Mapping, version: int) -> dict:
    actor = roles.require_admin(actor, ADMIN_ONLY)
    with store.engine.begin() as conn:
        row = fetch_row(conn, slide, slide_id, lock=True)
        clean = validate_slide({**{f: row[f] for f in ("title", "view", "note")}, **values})
        return apply_update(conn, slide, slide_id, row, clean, version, actor.username)


def delete_slide(store: Store, actor: Actor | None, slide_id: int) -> None:
    actor = roles.require_admin(actor, ADMIN_ONLY)
    with store.engine.begin() as conn:
        row = fetch_row(conn, slide, slide_id, lock=True)
        conn.execute(delete(slide).where(slide.c.id == slide_id))
        write_audit(conn, "slide", slide_id, row["version"], "delete", actor.username, row, None)


def move_slide(store: Store, actor: Actor | None, slide_id: int, step: int) -> None:
    """Swap the slide with its neighbour `step` places away (-1 earlier, +1 later); at an end, nothing moves."""
    actor = roles.require_admin(actor, ADMIN_ONLY)
    with store.engine.begin() as conn:
        query = select(slide).order_by(slide.c.position, slide.c.id).with_for_update()
        ordered = [dict(r) for r in conn.execute(query).mappings()]
        index = next((i for i, r in enumerate(ordered) if r["id"] == slide_id), None)
        if index is None:
            raise NotFound(f"no slide {slide_id}")
        other = index + step
        if not 0 <= other < len(ordered):
            return
        for row, position in ((ordered[index], other + 1), (ordered[other], index + 1)):
            conn.execute(update(slide).where(slide.c.id == row["id"]).values(position=position))
            write_audit(conn, "slide", row["id"], row["version"], "update", actor.username,
                        {"position": row["position"]}, {"position": position})


# The deck that ships: one slide per question a meeting asks, in the order a presentation tells it (the overview
# as `/`, its address in the browser: `/overview` is no page there). Titles and
# notes are English in the store (admins edit them as text); presenter mode shows a title still as shipped in
# the reader's language, as its msgid.
DEFAULT_DECK = (
    (N_("Where anti-personnel mines remain"), "/?metric=contamination",
     N_("Remaining anti-personnel mined area by state; grey means no figure in the sources, never zero.")),
    (N_("Deadlines and pace"), "/gaps?view=pace",
     N_("Who will meet the Article 5 deadline at the recent pace; bubble size = needs no partnership covers.")),
    (N_("Casualties against support"), "/gaps?view=casualties",
     N_("Top left: casualties rising while support falls, over the same two years.")),
    (N_("Needs no one covers"), "/needs",
     N_("The darker a state, the more of its stated needs no partnership fully covers.")),
    (N_("Reporting completeness"), "/gaps?view=completeness",
     N_("What each State Party has reported, and what is missing or stale.")),
    # Angola: a State whose estimate is recent enough to draw its completion outlook (Cambodia's 2022 estimate is not).
    (N_("Angola"), "/country?iso3=AGO", N_("One State Party's page: key figures and its completion outlook.")),
)
DECK_SOURCE = "default_slides"  # the import_batch marker's source: the deck is seeded once, ever


def seed_default_slides(store: Store) -> int:
    """Add the default deck on the store's first start; returns the slides added. The marker (an import_batch
    row, as store.seed keeps for reference data) stays, so slides an admin deleted are never added back; a store
    that already has slides keeps its own deck."""
    with store.engine.begin() as conn:
        seeded = conn.execute(select(import_batch.c.id).where(
            import_batch.c.kind == "seed", import_batch.c.source == DECK_SOURCE)).first()
        if seeded is not None:
            return 0
        deck = [] if conn.execute(select(func.count()).select_from(slide)).scalar() else DEFAULT_DECK
        digest = hashlib.sha256(json.dumps(DEFAULT_DECK).encode()).hexdigest()
        batch_id = conn.execute(insert(import_batch).values(
            kind="seed", source=DECK_SOURCE, filename="store/slides.py", sha256=digest, actor=SEED_ACTOR, at=now(),
            added=len(deck), changed=0, unchanged=0).returning(import_batch.c.id)).scalar_one()
        for position, (title, view, note) in enumerate(deck, start=1):
            insert_record(conn, slide, {**validate_slide({"title": title, "view": view, "note": note}),
                                        "position": position}, SEED_ACTOR, batch_id)
        return len(deck)
