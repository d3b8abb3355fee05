"""Results kept on disk between server starts: rebuilt when an input changes, never trusted when unreadable,
and a validated table read back equal to what its loader returns (or refused, as the loader refuses it)."""
from __future__ import annotations

import shutil

import pandas as pd
import pytest

import data_loaders.registry
from data_loaders.problems import DataValidationError
from data_loaders.validated import load_validated, table_names
from disk_cache import cache_dir, content_key, load_or_build
from tests.helpers import DATA_DIR


@pytest.fixture(autouse=True)
def cache(tmp_path, monkeypatch):
    monkeypatch.setenv("MBC_CACHE_DIR", str(tmp_path / "cache"))
    return tmp_path / "cache"


def text_cache(name, key, build):
    return load_or_build(name, key, build, lambda value, path: path.write_text(value), lambda path: path.read_text())


def test_a_result_is_built_once_and_then_read(cache):
    builds = []
    assert text_cache("thing", "k1", lambda: builds.append(1) or "made") == "made"
    assert text_cache("thing", "k1", lambda: builds.append(1) or "other") == "made"
    assert builds == [1] and [p.name for p in cache.iterdir()] == ["thing-k1"]


def test_a_new_key_rebuilds_and_removes_the_stale_result(cache):
    text_cache("thing", "k1", lambda: "old")
    assert text_cache("thing", "k2", lambda: "new") == "new"
    assert [p.name for p in cache.iterdir()] == ["thing-k2"]


def test_an_unreadable_kept_file_is_rebuilt(cache):
    load_or_build("frame", "k", lambda: pd.DataFrame({"a": [1]}), lambda f, p: f.to_parquet(p), pd.read_parquet)
    (cache / "frame-k").write_bytes(b"not parquet")
    rebuilt = load_or_build("frame", "k", lambda: pd.DataFrame({"a": [2]}), lambda f, p: f.to_parquet(p), pd.read_parquet)
    assert rebuilt["a"].tolist() == [2]
    assert pd.read_parquet(cache / "frame-k")["a"].tolist() == [2]


def test_a_folder_that_cannot_be_written_still_gives_the_result(tmp_path, monkeypatch):
    blocker = tmp_path / "a-file"
    blocker.write_text("")
    monkeypatch.setenv("MBC_CACHE_DIR", str(blocker / "cache"))  # a folder inside a file cannot exist
    assert text_cache("thing", "k", lambda: "made") == "made"


def test_a_failed_build_keeps_nothing(cache):
    with pytest.raises(RuntimeError):
        text_cache("thing", "k", lambda: (_ for _ in ()).throw(RuntimeError("bad input")))
    assert not cache.exists() or list(cache.iterdir()) == []


def test_the_key_changes_with_any_input_byte_and_library_version(tmp_path):
    first, second = tmp_path / "a.csv", tmp_path / "b.py"
    first.write_text("x,y\n1,2\n")
    second.write_text("print(1)\n")
    key = content_key([first, second], ["pandas"])
    assert content_key([second, first], ["pandas"]) == key  # order does not matter
    first.write_text("x,y\n1,3\n")
    assert content_key([first, second], ["pandas"]) != key
    assert content_key([first, second], ["pandas", "pyarrow"]) != content_key([first, second], ["pandas"])


def test_the_cache_folder_follows_the_environment(cache):
    assert cache_dir() == cache


@pytest.mark.parametrize("name", table_names())
def test_a_kept_table_reads_back_equal_to_its_loader(name, monkeypatch):
    fresh = load_validated(name)
    pd.testing.assert_frame_equal(fresh, data_loaders.registry.LOADERS[name]())
    # Read from disk now: the loader is not asked again.
    monkeypatch.setitem(data_loaders.registry.LOADERS, name, lambda path: pytest.fail("validated again"))
    pd.testing.assert_frame_equal(load_validated(name), fresh)


def test_an_edited_file_is_validated_again_and_a_bad_row_is_refused_not_kept(tmp_path, cache):
    data = tmp_path / "data"
    data.mkdir()
    for suffix in (".csv", ".provenance.json"):
        shutil.copy(DATA_DIR / f"article5{suffix}", data / f"article5{suffix}")
    before = load_validated("article5", data)
    kept = sorted(p.name for p in cache.iterdir())
    with (data / "article5.csv").open("a", encoding="utf-8") as handle:
        handle.write("Atlantis,ZZZ" + "," * (len(before.columns) - 2) + "\n")
    with pytest.raises(DataValidationError) as refused:
        load_validated("article5", data)
    assert "article5.csv" in str(refused.value)
    assert sorted(p.name for p in cache.iterdir()) == kept  # the refused file left nothing behind
