"""data/: every file has a provenance sidecar whose checksum matches, and data/ can be rebuilt."""
from __future__ import annotations

import csv
import hashlib
import json
import shutil
from pathlib import Path

import pytest

from data_loaders.editions import editions
from data_loaders.registry import SOURCES
from scripts.build_data import build
from tests.helpers import DATA_DIR
from tests.reference import edition, reference_dir

REQUIRED_KEYS = {"file", "title", "producer", "source_urls", "date_compiled", "licence", "sha256"}


SIDECAR = ".provenance.json"


def checksum_problems(data_dir: Path) -> list[str]:
    """Every way data_dir breaks its provenance: missing or orphan sidecars, missing keys, wrong sha256."""
    problems = []
    # Subfolders (the calendar, the editions) are not reference tables: they say where they come from themselves.
    files = {p.name for p in data_dir.iterdir() if p.is_file() and not p.name.endswith(SIDECAR)}
    described = {}
    for sidecar in sorted(data_dir.glob(f"*{SIDECAR}")):
        meta = json.loads(sidecar.read_text(encoding="utf-8"))
        stem = sidecar.name[: -len(SIDECAR)]
        if meta.get("file") not in files or Path(meta["file"]).stem != stem:
            problems.append(f"{sidecar.name} describes no data file")
            continue
        described[meta["file"]] = meta
        missing = REQUIRED_KEYS - set(meta)
        if missing:
            problems.append(f"{sidecar.name} lacks {sorted(missing)}")
        actual = hashlib.sha256((data_dir / meta["file"]).read_bytes()).hexdigest()
        if meta.get("sha256") != actual:
            problems.append(f"{meta['file']} sha256 {actual} differs from its sidecar's {meta.get('sha256')}")
    problems += [f"{name} has no provenance sidecar" for name in sorted(files - set(described))]
    return sorted(problems)


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
    tables = {p.name for p in DATA_DIR.iterdir() if p.stem.removesuffix(".provenance") in SOURCES}
    assert tables == {f"{name}.csv" for name in SOURCES} | {f"{name}.provenance.json" for name in SOURCES}


@pytest.mark.parametrize("name", sorted(SOURCES))
def test_sidecar_describes_its_file(name):
    meta = json.loads((DATA_DIR / f"{name}.provenance.json").read_text(encoding="utf-8"))
    assert set(meta) >= REQUIRED_KEYS
    assert meta["file"] == f"{name}.csv"
    assert meta["title"] == SOURCES[name].title
    assert meta["producer"].strip() and meta["licence"].strip()
    assert meta["date_compiled"] == edition()
    with (DATA_DIR / f"{name}.csv").open(encoding="utf-8", newline="") as handle:
        urls = {record["source_url"] for record in csv.DictReader(handle)} - {""}
    assert meta["source_urls"] == sorted(urls)
    assert all(url.startswith(("http://", "https://")) for url in meta["source_urls"])


def copy_contents(reference: Path, target: Path) -> None:
    """The reference's files without their modes: the reference itself is read-only."""
    for path in [*reference.glob("*.csv"), reference / "EDITION"]:
        shutil.copyfile(path, target / path.name)


def test_build_from_the_reference_reproduces_data_byte_for_byte(tmp_path):
    reference = reference_dir()
    out = tmp_path / "data"
    assert build(reference, out) == []
    built = sorted(p.name for p in out.iterdir() if p.is_file())
    assert built == sorted(p.name for p in DATA_DIR.iterdir() if p.stem.removesuffix(".provenance") in SOURCES)
    for name in built:
        assert (out / name).read_bytes() == (DATA_DIR / name).read_bytes(), name
    assert checksum_problems(out) == []
    # The build records its edition, dated by the reference's EDITION: the one data/editions holds last.
    (recorded,) = editions(out / "editions")
    assert recorded == editions()[-1]


def test_build_stops_without_writing_when_a_reference_file_is_invalid(tmp_path):
    reference = reference_dir()
    broken = tmp_path / "reference"
    broken.mkdir()
    copy_contents(reference, broken)
    with (broken / "casualties.csv").open("a", encoding="utf-8") as handle:
        handle.write("AFG,Afghanistan,2010,1,5,5,,,,https://example.org,\n")
    out = tmp_path / "data"
    problems = build(broken, out)
    assert problems and all(line.startswith("casualties.csv:") for line in problems)
    assert not out.exists()


def test_build_refuses_a_reference_without_an_edition_date(tmp_path):
    broken = tmp_path / "reference"
    broken.mkdir()
    copy_contents(reference_dir(), broken)
    (broken / "EDITION").write_text("December\n", encoding="utf-8")
    out = tmp_path / "data"
    problems = build(broken, out)
    assert len(problems) == 1 and problems[0].startswith("EDITION: ") and "December" in problems[0]
    assert not out.exists()
