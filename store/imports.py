"""Import stated needs from an uploaded file: the validation report, a preview, then one transaction.

The file is checked by `data_loaders.validation.check_file`, exactly as
`python -m data_loaders validate --source stated_needs` checks it. Rows are reference needs matched
to the store by the source's key (state, area, period, description) and source URL.
"""
from __future__ import annotations

import hashlib
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd
from sqlalchemy import Connection, insert, select

from config import MAX_FILE_BYTES
from data_loaders.problems import Problem
from data_loaders.registry import SOURCES
from data_loaders.validation import check_file
from i18n import N_
from store import roles
from store.base import Store, now
from store.errors import StoreError
from store.roles import Actor
from store.schema import import_batch, need
from store.writes import insert_record, update_record

SOURCE = "stated_needs"
COMPARED = ("state_name", "amount", "currency", "usd_million", "notes")  # what a re-import may change


class PreviewOutdated(StoreError):
    pass


@dataclass
class ImportPreview:
    filename: str
    sha256: str
    problems: list[Problem]
    rows: list[dict] = field(default_factory=list)  # every valid row of the file, as need values
    added: list[dict] = field(default_factory=list)  # need values to insert
    changed: list[dict] = field(default_factory=list)  # {"id", "version", "old": {...}, "new": {...}}
    unchanged: list[int] = field(default_factory=list)  # need ids

    @property
    def ok(self) -> bool:
        return not self.problems

    def summary(self) -> dict[str, int]:
        return {"added": len(self.added), "changed": len(self.changed), "unchanged": len(self.unchanged)}


def plain(cell):
    """A pandas cell as a plain Python value (database drivers do not take numpy scalars or pd.NA)."""
    if pd.isna(cell):
        return None
    return cell.item() if hasattr(cell, "item") else cell


def need_from_stated(row: pd.Series, reference_source: str) -> dict:
    """A stated_needs row as a reference need. The source states US$ million; status it rarely states."""
    usd = plain(row["amount_usd_million"])
    return {
        "iso3": plain(row["iso3"]),
        "state_name": row["state"],
        "area": row["need_category"],
        "description": row["description"],
        "amount": None if usd is None else round(float(usd) * 1e6, 2),
        "currency": None if usd is None else "USD",
        "usd_million": None if usd is None else round(float(usd), 6),
        "period": row["period"],
        "urgency": None,
        "status": None,
        "source_url": plain(row["source_url"]),
        "author": None,
        "notes": plain(row["notes"]),
        "is_reference": True,
        "reference_source": reference_source,
    }


def _key(values) -> tuple:
    where = values["iso3"] or values["state_name"]
    return (where, values["area"], values["period"], values["description"], values["source_url"])


def _check(data: bytes, filename: str) -> tuple[list[Problem], pd.DataFrame]:
    if len(data) > MAX_FILE_BYTES:
        reason = f"the file is {len(data) / 1e6:.1f} MB; the limit is {MAX_FILE_BYTES / 1e6:.0f} MB"
        return [Problem(0, "", reason)], pd.DataFrame()
    # Only the extension of the uploaded name is used: the name itself never becomes a path.
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / f"upload{Path(filename).suffix.lower()}"
        path.write_bytes(data)
        try:
            checked = check_file(SOURCES[SOURCE], path)
        except Exception as err:  # as the validation command: a message, never a traceback
            return [Problem(0, "", f"the file could not be read ({type(err).__name__}: {err})")], pd.DataFrame()
    return checked.problems, checked.table


def _diff(conn: Connection, rows: list[dict]) -> tuple[list[dict], list[dict], list[int]]:
    stored = {_key(r): r for r in (dict(m) for m in conn.execute(select(need).where(need.c.is_reference)).mappings())}
    added, changed, unchanged = [], [], []
    for values in rows:
        current = stored.get(_key(values))
        if current is None:
            added.append(values)
            continue
        new = {f: values[f] for f in COMPARED if current[f] != values[f]}
        if new:
            old = {f: current[f] for f in new}
            changed.append({"id": current["id"], "version": current["version"], "old": old, "new": new})
        else:
            unchanged.append(current["id"])
    return added, changed, unchanged


def preview_import(store: Store, data: bytes, filename: str) -> ImportPreview:
    """Check an uploaded stated_needs file; if valid, what committing it would add, change, leave."""
    preview = ImportPreview(filename, hashlib.sha256(data).hexdigest(), [])
    preview.problems, table = _check(data, filename)
    if preview.problems:
        return preview
    preview.rows = [need_from_stated(row, f"{filename} row {number}") for number, row in table.iterrows()]
    with store.engine.connect() as conn:
        preview.added, preview.changed, preview.unchanged = _diff(conn, preview.rows)
    return preview


def commit_import(store: Store, actor: Actor | None, preview: ImportPreview) -> int:
    """Apply a valid preview in one transaction with its provenance; returns the import batch id."""
    actor = roles.require_admin(actor, N_("only an admin may import files"))
    if not preview.ok:
        raise StoreError("the file has problems; nothing was imported")
    with store.engine.begin() as conn:  # any failure below rolls every row back
        # What the person saw is what gets written: if the store moved since, they preview again.
        if _diff(conn, preview.rows) != (preview.added, preview.changed, preview.unchanged):
            raise PreviewOutdated("the store changed since the preview; preview the file again")
        batch_id = conn.execute(insert(import_batch).values(
            kind="upload", source=SOURCE, filename=preview.filename, sha256=preview.sha256, actor=actor.username,
            at=now(), **preview.summary()).returning(import_batch.c.id)).scalar_one()
        for values in preview.added:
            insert_record(conn, need, {**values, "import_batch_id": batch_id}, actor.username, batch_id)
        for change in preview.changed:
            update_record(conn, need, change["id"], change["old"], change["new"], change["version"], actor.username,
                          batch_id)
    return batch_id
