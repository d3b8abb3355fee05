"""data/: every file has a provenance sidecar whose checksum matches, and data/ can be rebuilt."""
from __future__ import annotations

import csv
import hashlib
import json
import shutil
from pathlib import Path

import pytest

import config
from data_loaders.registry import SOURCES
from scripts.build_data import build
from tests.helpers import DATA_DIR

REQUIRED_KEYS = {"file", "title", "producer", "source_urls", "date_compiled", "licence", "sha256"}


def checksum_problems(data_dir: Path) -> list[str]:
    """Every way data_dir breaks its provenance: missing or orphan sidecars, missing keys, wrong sha256."""
    problems = []
    csvs = {p.stem for p in data_dir.glob("*.csv")}
    sidecars = {p.name[: -len(".provenance.json")] for p in data_dir.glob("*.provenance.json")}
    problems += [f"{stem}.csv has no provenance sidecar" for stem in sorted(csvs - sidecars)]
    problems += [f"{stem}.provenance.json describes no data file" for stem in sorted(sidecars - csvs)]
    for stem in sorted(csvs & sidecars):
        meta = json.loads((data_dir / f"{stem}.provenance.json").read_text(encoding="utf-8"))
        missing = REQUIRED_KEYS - set(meta)
        if missing:
            problems.append(f"{stem}.provenance.json lacks {sorted(missing)}")
        if meta.get("file") != f"{stem}.csv":
            problems.append(f"{stem}.provenance.json names file {meta.get('file')!r}")
        actual = hashlib.sha256((data_dir / f"{stem}.csv").read_bytes()).hexdigest()
        if meta.get("sha256") != actual:
            problems.append(f"{stem}.csv sha256 {actual} differs from its sidecar's {meta.get('sha256')}")
    return problems


def test_data_files_match_their_provenance_checksums():
    assert checksum_problems(DATA_DIR) == []


def test_one_changed_byte_breaks_the_checksum(tmp_path):
    copy = tmp_path / "data"
    shutil.copytree(DATA_DIR, copy)
    assert checksum_problems(copy) == []
    target = copy / "casualties.csv"
    content = bytearray(target.read_bytes())
    position = content.index(b"1211")  # Afghanistan 2010 total
    content[position] = ord("7")
    target.write_bytes(bytes(content))
    problems = checksum_problems(copy)
    assert len(problems) == 1 and problems[0].startswith("casualties.csv sha256")


def test_a_missing_sidecar_and_an_orphan_sidecar_are_both_reported(tmp_path):
    copy = tmp_path / "data"
    shutil.copytree(DATA_DIR, copy)
    (copy / "article5.provenance.json").rename(copy / "retired.provenance.json")
    assert checksum_problems(copy) == [
        "article5.csv has no provenance sidecar",
        "retired.provenance.json describes no data file",
    ]


def test_data_holds_exactly_one_file_per_source():
    assert {p.stem for p in DATA_DIR.glob("*.csv")} == set(SOURCES)
    assert {p.name for p in DATA_DIR.iterdir()} == (
        {f"{name}.csv" for name in SOURCES} | {f"{name}.provenance.json" for name in SOURCES}
    )


@pytest.mark.parametrize("name", sorted(SOURCES))
def test_sidecar_describes_its_file(name):
    meta = json.loads((DATA_DIR / f"{name}.provenance.json").read_text(encoding="utf-8"))
    assert REQUIRED_KEYS <= set(meta)
    assert meta["file"] == f"{name}.csv"
    assert meta["title"] == SOURCES[name].title
    assert meta["producer"].strip() and meta["licence"].strip()
    assert meta["date_compiled"] == "2026-11-27"
    with (DATA_DIR / f"{name}.csv").open(encoding="utf-8", newline="") as handle:
        urls = {record["source_url"] for record in csv.DictReader(handle)} - {""}
    assert meta["source_urls"] == sorted(urls)
    assert all(url.startswith(("http://", "https://")) for url in meta["source_urls"])


def _reference_dir() -> Path:
    reference = Path(config.REFERENCE_DIR)
    if not reference.is_dir():
        pytest.skip(f"reference data not available at {reference}")
    return reference


def test_build_from_the_reference_reproduces_data_byte_for_byte(tmp_path):
    reference = _reference_dir()
    out = tmp_path / "data"
    assert build(reference, out) == []
    built = sorted(p.name for p in out.iterdir())
    assert built == sorted(p.name for p in DATA_DIR.iterdir())
    for name in built:
        assert (out / name).read_bytes() == (DATA_DIR / name).read_bytes(), name
    assert checksum_problems(out) == []


def test_build_stops_without_writing_when_a_reference_file_is_invalid(tmp_path):
    reference = _reference_dir()
    broken = tmp_path / "reference"
    broken.mkdir()
    for path in reference.glob("*.csv"):
        shutil.copyfile(path, broken / path.name)  # contents only: the reference is read-only
    with (broken / "casualties.csv").open("a", encoding="utf-8") as handle:
        handle.write("AFG,Afghanistan,2010,1,5,5,,,,https://example.org,\n")
    out = tmp_path / "data"
    problems = build(broken, out)
    assert problems and all(line.startswith("casualties.csv:") for line in problems)
    assert not out.exists()
