"""Dated data editions (data_loaders.editions): recorded content-addressed, found by date, read back as each held
them, and the State Party panel built from each gives the figures that edition held (an import between two dates)."""
from __future__ import annotations

import datetime as dt
import json
import shutil
from pathlib import Path

import pandas as pd
import pytest

from config import DATA_DIR
from data_loaders.editions import EditionError, edition_dir, edition_on, editions, load_edition_table, record_edition
from data_loaders.validated import table_names
from domain.panel import ReferenceTables, build_state_panel


@pytest.fixture(autouse=True)
def _own_cache(tmp_path, monkeypatch):
    monkeypatch.setenv("MBC_CACHE_DIR", str(tmp_path / "cache"))


def _data_copy(folder: Path, day: str) -> Path:
    """data/'s tables, compiled (as their provenance says) on `day`."""
    folder.mkdir(parents=True)
    for path in DATA_DIR.glob("*"):
        if path.is_file() and path.name != "boundaries_50m.geojson":
            shutil.copyfile(path, folder / path.name)
    for sidecar in folder.glob("*.provenance.json"):
        record = json.loads(sidecar.read_text(encoding="utf-8"))
        sidecar.write_text(json.dumps({**record, "date_compiled": day}), encoding="utf-8")
    return folder


def _set_area(folder: Path, iso3: str, km2: str, year: str) -> None:
    table = pd.read_csv(folder / "article5.csv", dtype=str, keep_default_na=False)
    table.loc[table["iso3"] == iso3, ["ap_contamination_km2", "estimate_as_of"]] = [km2, year]
    table.to_csv(folder / "article5.csv", index=False)


def _tables(edition, editions_dir: Path) -> ReferenceTables:
    return ReferenceTables(**{name: load_edition_table(name, edition, editions_dir)
                              for name in ReferenceTables.__dataclass_fields__})


@pytest.fixture
def two_editions(tmp_path):
    """An edition of 1 March with Angola at 70 km2 (2021), then an import on 1 June with 60 km2 (2024)."""
    first = _data_copy(tmp_path / "march", "2026-03-01")
    _set_area(first, "AGO", "70", "2021")
    second = _data_copy(tmp_path / "june", "2026-06-01")
    _set_area(second, "AGO", "60", "2024")
    return record_edition(first, tmp_path / "editions"), record_edition(second, tmp_path / "editions")


def test_each_edition_is_found_by_the_dates_it_was_in_force(two_editions, tmp_path):
    march, june = two_editions
    assert [e.day for e in editions(tmp_path / "editions")] == [dt.date(2026, 3, 1), dt.date(2026, 6, 1)]
    assert edition_on(dt.date(2026, 2, 28), tmp_path / "editions") is None
    assert edition_on(dt.date(2026, 3, 1), tmp_path / "editions") == march
    assert edition_on(dt.date(2026, 5, 31), tmp_path / "editions") == march
    assert edition_on(dt.date(2026, 6, 1), tmp_path / "editions") == june
    assert edition_on(dt.date(2030, 1, 1), tmp_path / "editions") == june


@pytest.mark.usefixtures("two_editions")
def test_the_panel_as_of_a_date_before_and_after_an_import_has_the_figures_each_edition_held(tmp_path):
    editions_dir = tmp_path / "editions"
    before = build_state_panel(_tables(edition_on(dt.date(2026, 5, 15), editions_dir), editions_dir), dt.date(2026, 5, 15))
    after = build_state_panel(_tables(edition_on(dt.date(2026, 6, 15), editions_dir), editions_dir), dt.date(2026, 6, 15))
    row_before, row_after = before.set_index("iso3").loc["AGO"], after.set_index("iso3").loc["AGO"]
    assert (row_before["ap_contamination_km2"], row_before["estimate_as_of"]) == (70, 2021)
    assert (row_after["ap_contamination_km2"], row_after["estimate_as_of"]) == (60, 2024)
    # A State no edition changed reads the same in both.
    assert before.set_index("iso3").loc["KHM", "ap_contamination_km2"] == (
        after.set_index("iso3").loc["KHM", "ap_contamination_km2"])


def test_bytes_two_editions_share_are_stored_once(two_editions, tmp_path):
    march, june = two_editions
    objects = list((tmp_path / "editions" / "objects").iterdir())
    shared = {sha for name, sha in march.files.items() if june.files[name] == sha}
    # Only article5.csv and the sidecars (their dates) differ; every other table is one file for both.
    assert {name for name in march.files if march.files[name] != june.files[name]} == {
        "article5.csv", *(f"{name}.provenance.json" for name in march.tables())}
    assert len(objects) == len(set(march.files.values()) | set(june.files.values()))
    assert len(shared) == len(march.tables()) - 1
    assert march.id != june.id
    assert june.changed_since(march) == ["article5"]  # the sidecars' new date alone changes no table


@pytest.mark.usefixtures("two_editions")
def test_recording_an_edition_again_replaces_its_day(tmp_path):
    again = _data_copy(tmp_path / "june-again", "2026-06-01")
    _set_area(again, "AGO", "61", "2024")
    record_edition(again, tmp_path / "editions")
    held = editions(tmp_path / "editions")
    assert [e.day for e in held] == [dt.date(2026, 3, 1), dt.date(2026, 6, 1)]
    angola = load_edition_table("article5", held[-1], tmp_path / "editions").set_index("iso3").loc["AGO"]
    assert angola["ap_contamination_km2"] == 61


def test_a_folder_whose_tables_name_two_dates_is_refused(tmp_path):
    folder = _data_copy(tmp_path / "mixed", "2026-03-01")
    sidecar = folder / "casualties.provenance.json"
    sidecar.write_text(json.dumps({**json.loads(sidecar.read_text()), "date_compiled": "2026-04-01"}))
    with pytest.raises(EditionError, match="2 compilation dates"):
        record_edition(folder, tmp_path / "editions")
    assert not (tmp_path / "editions" / "index.json").exists()


def test_a_table_without_its_provenance_is_refused(tmp_path):
    folder = _data_copy(tmp_path / "bare", "2026-03-01")
    (folder / "casualties.provenance.json").unlink()
    with pytest.raises(EditionError, match=r"casualties\.provenance\.json: missing"):
        record_edition(folder, tmp_path / "editions")


def test_a_stored_file_whose_bytes_changed_is_not_read(two_editions, tmp_path):
    march, _june = two_editions
    (tmp_path / "editions" / "objects" / march.files["article5.csv"]).write_text("iso3\nXXX\n")
    with pytest.raises(EditionError, match="no longer match"):
        edition_dir(march, tmp_path / "editions")


def test_the_shipped_editions_end_with_data_as_it_is_and_each_loads():
    held = editions()
    assert [e.day for e in held][:2] == [dt.date(2026, 11, 27), dt.date(2026, 12, 1)]
    newest = held[-1]
    for name in table_names():
        for path in (DATA_DIR / f"{name}.csv", DATA_DIR / f"{name}.provenance.json"):
            assert (DATA_DIR / "editions" / "objects" / newest.files[path.name]).read_bytes() == path.read_bytes(), (
                f"{path.name} differs from the newest edition: rebuild data/ with python -m scripts.build_data")
    assert held[1].changed_since(held[0]) == ["article5", "casualties", "global_figures", "stated_needs",
                                              "support_by_donor"]
    angola = {e.day: load_edition_table("article5", e).set_index("iso3").loc["AGO"] for e in held[:2]}
    assert (angola[dt.date(2026, 11, 27)]["ap_contamination_km2"], angola[dt.date(2026, 11, 27)]["source_url"]) == (
        68, "http://www.the-monitor.org/en-gb/reports/2023/angola/impact.aspx")
    assert (angola[dt.date(2026, 12, 1)]["ap_contamination_km2"], angola[dt.date(2026, 12, 1)]["source_url"]) == (
        67.43, "https://apopo.org/?p=205344")
