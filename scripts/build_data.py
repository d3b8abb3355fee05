"""Build data/ from the team's reference CSVs: validate, copy, and write a provenance sidecar.

Run: python -m scripts.build_data [--reference DIR]. Three steps as in OWID's etl: load inputs
(the reference files), process (validate each against its source's rules; stop on any problem),
save outputs (byte-identical copies plus `<name>.provenance.json` with a sha256 checksum).
"""
from __future__ import annotations

import argparse
import csv
import hashlib
import json
import shutil
import sys
from datetime import date
from pathlib import Path

from config import DATA_DIR, REFERENCE_DIR
from data_loaders.editions import record_edition
from data_loaders.provenance import sidecar_path
from data_loaders.registry import SOURCES
from data_loaders.validation import check_file

TERMS = (
    "Figures are facts reused with a citation per row (source_url). Each cited page keeps its own "
    "terms: Landmine and Cluster Munition Monitor (ICBL-CMC), Mine Action Review (Norwegian People's "
    "Aid), UN Treaty Collection (UN terms of use). Check a page's terms before reusing its text."
)
PRODUCERS = {
    "states_parties": "UN Treaty Collection (chapter XXVI-5), compiled by the dashboard team",
    "states_not_party": "UN Treaty Collection and the Convention's website, compiled by the dashboard team",
    "global_figures": "Landmine and Cluster Munition Monitor, compiled by the dashboard team",
    "global_casualties": "Landmine and Cluster Munition Monitor, compiled by the dashboard team",
}
DEFAULT_PRODUCER = (
    "Landmine and Cluster Munition Monitor, Mine Action Review, the Convention's website and national "
    "authorities as cited per row, compiled by the dashboard team"
)


def sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def source_urls(path: Path) -> list[str]:
    with path.open(encoding="utf-8", newline="") as handle:
        urls = {row.get("source_url", "") for row in csv.DictReader(handle)}
    return sorted(u for u in urls if u)


def reference_edition(reference_dir: Path) -> str:
    """The edition date the team wrote in the reference's EDITION file (an ISO date)."""
    text = (reference_dir / "EDITION").read_text(encoding="utf-8").strip()
    return date.fromisoformat(text).isoformat()


def provenance(name: str, path: Path, edition: str) -> dict:
    return {
        "file": path.name,
        "title": SOURCES[name].title,
        "producer": PRODUCERS.get(name, DEFAULT_PRODUCER),
        "compiled_from": f"shared/reference/{path.name}",
        "date_compiled": edition,
        "licence": TERMS,
        "source_urls": source_urls(path),
        "sha256": sha256(path),
    }


def build(reference_dir: Path, data_dir: Path) -> list[str]:
    try:
        edition = reference_edition(reference_dir)
    except (OSError, ValueError) as error:
        return [f"EDITION: {reference_dir / 'EDITION'} holds no edition date ({error})"]
    problems = []
    for name, source in SOURCES.items():
        checked = check_file(source, reference_dir / f"{name}.csv")
        problems += [p.format(f"{name}.csv") for p in checked.problems]
    if problems:
        return problems
    data_dir.mkdir(exist_ok=True)
    for name in SOURCES:
        target = data_dir / f"{name}.csv"
        shutil.copyfile(reference_dir / f"{name}.csv", target)
        sidecar = sidecar_path(target)
        sidecar.write_text(json.dumps(provenance(name, target, edition), indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    record_edition(data_dir, data_dir / "editions")  # kept dated, so views can be drawn as this edition stood
    return []


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--reference", type=Path, default=REFERENCE_DIR)
    args = parser.parse_args(argv)
    problems = build(args.reference, DATA_DIR)
    for line in problems:
        print(line)
    if not problems:
        print(f"data/ rebuilt from {args.reference}: {len(SOURCES)} files with provenance")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
