"""Dated data editions: every reference edition data/ was built from, kept so a view can be drawn as the data
stood on any date since the first.

An edition is a list of files (each table's CSV and provenance sidecar) named by the sha256 of their bytes, in
`data/editions/index.json`; the bytes are stored once in `data/editions/objects/<sha256>`, however many editions
hold them (content-addressed: an edition that changes one table adds one file). `scripts/build_data.py` records
each edition it builds; `python -m scripts.record_edition DIR` records an older data folder, e.g. one recovered
from the repository's history. The edition's date is its `date_compiled` (the reference's EDITION date).
"""
from __future__ import annotations

import datetime as dt
import hashlib
import json
import os
import shutil
import tempfile
from collections.abc import Mapping
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path

import pandas as pd

from config import DATA_DIR
from data_loaders.validated import load_validated, table_names
from disk_cache import cache_dir

EDITIONS_DIR = DATA_DIR / "editions"


class EditionError(ValueError):
    pass


@dataclass(frozen=True)
class Edition:
    day: dt.date
    files: Mapping[str, str]  # file name ("article5.csv") -> sha256 of its bytes

    @cached_property
    def id(self) -> str:
        """Names the content, not the date: two records of the same files are one edition."""
        listing = "\n".join(f"{name} {sha}" for name, sha in sorted(self.files.items()))
        return hashlib.sha256(listing.encode()).hexdigest()[:16]

    def tables(self) -> list[str]:
        return sorted(name.removesuffix(".csv") for name in self.files if name.endswith(".csv"))

    def changed_since(self, before: Edition) -> list[str]:
        """The tables whose rows differ from `before`'s (new tables included; a sidecar's date alone is no change)."""
        return [name for name in self.tables() if self.files[f"{name}.csv"] != before.files.get(f"{name}.csv")]


def _index(editions_dir: Path) -> Path:
    return editions_dir / "index.json"


def _object(editions_dir: Path, sha: str) -> Path:
    return editions_dir / "objects" / sha


def editions(editions_dir: Path = EDITIONS_DIR) -> tuple[Edition, ...]:
    """Every edition recorded, oldest first; () when none is."""
    path = _index(editions_dir)
    if not path.exists():
        return ()
    entries = json.loads(path.read_text(encoding="utf-8"))["editions"]
    return tuple(sorted((Edition(dt.date.fromisoformat(e["day"]), dict(e["files"])) for e in entries),
                        key=lambda e: e.day))


def in_force(held: tuple[Edition, ...], day: dt.date) -> Edition | None:
    """Of the editions `held` (oldest first), the one in force on `day`: the newest dated on or before it; None
    before the first."""
    earlier = [e for e in held if e.day <= day]
    return earlier[-1] if earlier else None


def edition_on(day: dt.date, editions_dir: Path = EDITIONS_DIR) -> Edition | None:
    """The edition in force on `day` among those recorded in `editions_dir`."""
    return in_force(editions(editions_dir), day)


def edition_files(data_dir: Path) -> dict[str, Path]:
    """The files of a data folder an edition keeps: each table and its provenance (the map's boundaries are no
    reference edition's: they change with the map, not with the figures)."""
    files = {}
    for name in table_names(data_dir):
        for path in (data_dir / f"{name}.csv", data_dir / f"{name}.provenance.json"):
            if not path.exists():
                raise EditionError(f"{path}: missing; an edition keeps each table with its provenance")
            files[path.name] = path
    return files


def edition_day(data_dir: Path) -> dt.date:
    """The date the folder's tables were compiled, from their provenance; one date for all."""
    days = {json.loads(path.read_text(encoding="utf-8"))["date_compiled"]
            for name, path in edition_files(data_dir).items() if name.endswith(".provenance.json")}
    if len(days) != 1:
        raise EditionError(f"{data_dir}: its tables name {len(days)} compilation dates ({', '.join(sorted(days))}); "
                           "an edition has one")
    return dt.date.fromisoformat(days.pop())


def record_edition(data_dir: Path = DATA_DIR, editions_dir: Path = EDITIONS_DIR) -> Edition:
    """Keep the folder's tables as the edition of their compilation date, replacing an earlier record of that date
    (a rebuild of the same edition); files already held are not written again."""
    day = edition_day(data_dir)
    files = {}
    for name, path in edition_files(data_dir).items():
        data = path.read_bytes()
        sha = hashlib.sha256(data).hexdigest()
        target = _object(editions_dir, sha)
        if not target.exists():
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(data)
        files[name] = sha
    edition = Edition(day, files)
    kept = [e for e in editions(editions_dir) if e.day != day] + [edition]
    index = {"editions": [{"day": e.day.isoformat(), "files": dict(sorted(e.files.items()))}
                          for e in sorted(kept, key=lambda e: e.day)]}
    _index(editions_dir).write_text(json.dumps(index, indent=1) + "\n", encoding="utf-8")
    return edition


def edition_dir(edition: Edition, editions_dir: Path = EDITIONS_DIR) -> Path:
    """The edition's files as a data folder the loaders read, laid out once per edition in the disk cache."""
    folder = cache_dir() / f"edition-{edition.id}"
    if folder.exists():
        return folder
    folder.parent.mkdir(parents=True, exist_ok=True)
    building = Path(tempfile.mkdtemp(dir=folder.parent, prefix=".edition-"))
    try:
        for name, sha in edition.files.items():
            source = _object(editions_dir, sha)
            if hashlib.sha256(source.read_bytes()).hexdigest() != sha:
                raise EditionError(f"{source}: its bytes no longer match their name; the edition of "
                                   f"{edition.day.isoformat()} cannot be read")
            shutil.copyfile(source, building / name)
        os.replace(building, folder)  # whole or absent, even with two servers at once
    except OSError:
        if not folder.exists():
            raise
    finally:
        shutil.rmtree(building, ignore_errors=True)
    return folder


def load_edition_table(name: str, edition: Edition, editions_dir: Path = EDITIONS_DIR) -> pd.DataFrame:
    """The table as the edition held it, validated by today's loader (and kept on disk, as data/'s tables are)."""
    if f"{name}.csv" not in edition.files:
        raise EditionError(f"the edition of {edition.day.isoformat()} holds no table {name}")
    return load_validated(name, edition_dir(edition, editions_dir), cache_name=f"edition-{edition.id}-{name}")
