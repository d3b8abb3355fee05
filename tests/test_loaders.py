"""The loaders: one tidy, typed, traceable DataFrame per source; missing stays missing."""
from __future__ import annotations

import csv
from functools import cache

import pandas as pd
import pytest
from pandas.testing import assert_frame_equal

from data_loaders.casualties import load_casualties
from data_loaders.problems import DataValidationError
from data_loaders.registry import LOADERS, SOURCES
from data_loaders.states_parties import load_states_parties
from data_loaders.support_pairs import load_support_pairs
from tests.helpers import DATA_DIR, row, write_source_csv

ROW_COUNTS = {
    "article5": 37,
    "article5_history": 51,
    "casualties": 275,
    "victim_assistance": 29,
    "stated_needs": 92,
    "support_by_donor": 93,
    "support_by_recipient": 159,
    "support_pairs": 880,
    "individualised_approach": 12,
    "states_parties": 166,
    "states_not_party": 36,
    "global_figures": 94,
    "global_casualties": 113,
}
NO_COUNTRIES = {"global_figures", "global_casualties"}


@cache
def _loaded(name: str) -> pd.DataFrame:
    return LOADERS[name]()


def loaded(name: str) -> pd.DataFrame:
    return _loaded(name).copy()


def raw_records(name: str) -> list[dict[str, str]]:
    with (DATA_DIR / f"{name}.csv").open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def test_every_source_has_a_loader_and_an_expected_row_count():
    assert set(LOADERS) == set(SOURCES) == set(ROW_COUNTS)


@pytest.mark.parametrize("name", sorted(ROW_COUNTS))
def test_loader_returns_every_row_of_its_data_file(name):
    frame = loaded(name)
    assert isinstance(frame, pd.DataFrame)
    assert len(frame) == ROW_COUNTS[name]
    assert list(frame.index) == list(range(len(frame)))


@pytest.mark.parametrize("name", sorted(ROW_COUNTS))
def test_every_row_carries_provenance(name):
    frame = loaded(name)
    assert {"as_of", "source_row"} <= set(frame.columns)
    # source_row is the spreadsheet row: header is row 1, so data rows are 2..n+1 in file order.
    assert frame["source_row"].tolist() == list(range(2, len(frame) + 2))
    source_columns = list(SOURCES[name].source_columns)
    assert "source_url" in source_columns
    assert frame[source_columns].notna().any(axis=1).all()
    assert frame["as_of"].notna().any()


@pytest.mark.parametrize("name", sorted(set(ROW_COUNTS) - NO_COUNTRIES))
def test_sources_with_countries_have_an_iso3_column(name):
    frame = loaded(name)
    assert "iso3" in frame.columns
    assert "recipient_iso3" not in frame.columns
    assert frame["iso3_kind"].notna().all()
    states = frame["iso3_kind"] == "state"
    assert frame.loc[states, "iso3"].notna().all()
    assert frame.loc[~states, "iso3"].isna().all()  # non-states and aggregates are never given a code
    assert frame.loc[states, "iso3"].str.fullmatch(r"[A-Z]{3}").all()


@pytest.mark.parametrize("name", sorted(NO_COUNTRIES))
def test_global_sources_have_no_country_columns(name):
    assert "iso3" not in loaded(name).columns


@pytest.mark.parametrize(
    ("name", "code_column"), [("support_by_donor", "donor_iso3"), ("support_by_recipient", "recipient_iso3")]
)
def test_support_tables_rename_their_code_column_to_iso3(name, code_column):
    frame = loaded(name)
    assert code_column not in frame.columns
    raw = [r[code_column] or None for r in raw_records(name)]
    assert [v if isinstance(v, str) else None for v in frame["iso3"]] == raw


@pytest.mark.parametrize("name", sorted(ROW_COUNTS))
def test_missing_numbers_stay_missing_not_zero(name):
    frame = loaded(name)
    records = raw_records(name)
    numeric = [c for c in frame.columns if str(frame[c].dtype) in ("Int64", "Float64") and c in records[0]]
    assert numeric or name in {"individualised_approach", "states_parties", "states_not_party"}
    for column in numeric:
        blank = [not r[column].strip() for r in records]
        assert frame[column].isna().tolist() == blank, column


def test_afghanistan_contamination_is_not_reported_rather_than_zero():
    article5 = loaded("article5").set_index("iso3")
    assert pd.isna(article5.at["AFG", "ap_contamination_km2"])
    assert article5["ap_contamination_km2"].isna().sum() == sum(not r["ap_contamination_km2"] for r in raw_records("article5"))


def test_angola_article5_values():
    angola = loaded("article5").set_index("iso3").loc["AGO"]
    assert angola["state"] == "Angola"
    assert angola["article5_deadline"] == "2030-12-31"
    assert angola["extensions_granted"] == 3
    assert angola["ap_contamination_km2"] == 67.43
    assert angola["contamination_band"] == "large"
    assert angola["estimate_as_of"] == 2023
    assert angola["land_released_km2"] == 13.81
    assert pd.isna(angola["ap_mines_destroyed"])
    assert angola["as_of"] == "2023"
    assert angola["source_row"] == 3


def test_article5_columns_are_typed():
    dtypes = loaded("article5").dtypes.astype(str)
    assert dtypes["extensions_granted"] == "Int64"
    assert dtypes["ap_contamination_km2"] == "Float64"
    assert dtypes["estimate_as_of"] == "Int64"
    assert dtypes["source_row"] == "int64"


def test_support_pairs_marks_announcements_from_the_notes():
    pairs = loaded("support_pairs")
    expected = [r["notes"].lstrip().startswith(("PLEDGE", "COMMITMENT", "ANNOUNCEMENT")) for r in raw_records("support_pairs")]
    assert pairs["is_announcement"].notna().all()  # a flag, never unknown
    assert pairs["is_announcement"].tolist() == expected
    assert sum(expected) == 19


def test_support_pairs_resolve_donors_and_keep_organisations_uncoded():
    pairs = loaded("support_pairs")
    assert {"donor_iso3", "donor_kind", "donor_method"} <= set(pairs.columns)
    eu = pairs[pairs["donor"] == "European Union"]
    assert len(eu) > 0
    assert (eu["donor_kind"] == "organisation").all()
    assert eu["donor_iso3"].isna().all()
    australia = pairs[pairs["donor"] == "Australia"]
    assert (australia["donor_iso3"] == "AUS").all() and (australia["donor_kind"] == "state").all()
    assert set(pairs["donor_kind"]) <= {"state", "organisation"}


def test_support_by_donor_keeps_the_eu_as_an_organisation():
    donors = loaded("support_by_donor")
    eu = donors[donors["donor"] == "European Union"]
    assert len(eu) == 7
    assert eu["iso3"].isna().all() and (eu["iso3_kind"] == "organisation").all()


def test_non_state_recipients_keep_their_rows_without_a_code():
    recipients = loaded("support_by_recipient")
    somaliland = recipients[recipients["recipient"] == "Somaliland"]
    assert len(somaliland) == 1
    assert somaliland["iso3"].isna().all() and (somaliland["iso3_kind"] == "non_state").all()


# --- golden tests on fixture files with the quirks real exports have ---------------------------


def test_casualties_fixture_with_real_quirks_loads_to_the_expected_frame(tmp_path):
    rows = [
        row("casualties", iso3="", state="Türkiye", year="2010.0", casualties_total="1,234", killed="1,000",
            injured="234", civilian_share_pct="N/A", notes="quoted thousands"),
        row("casualties", iso3="Lao PDR", state="Laos", year="2011", casualties_total="", killed="not reported",
            injured="-", child_casualties="", female_casualties=""),
        row("casualties", iso3="AGO", state="Angola", year=" 2012 ", civilian_share_pct="87.5", notes=""),
    ]
    path = write_source_csv(tmp_path / "casualties.csv", "casualties", rows, encoding="utf-8-sig", delimiter=";")
    url = "https://example.org/angola"
    expected = pd.DataFrame({
        "iso3": pd.array(["TUR", "LAO", "AGO"], dtype="string"),
        "state": pd.array(["Türkiye", "Laos", "Angola"], dtype="string"),
        "year": pd.array([2010, 2011, 2012], dtype="Int64"),
        "casualties_total": pd.array([1234, None, 10], dtype="Int64"),
        "killed": pd.array([1000, None, 4], dtype="Int64"),
        "injured": pd.array([234, None, 6], dtype="Int64"),
        "civilian_share_pct": pd.array([None, 90.0, 87.5], dtype="Float64"),
        "child_casualties": pd.array([3, None, 3], dtype="Int64"),
        "female_casualties": pd.array([2, None, 2], dtype="Int64"),
        "source_url": pd.array([url, url, url], dtype="string"),
        "notes": pd.array(["quoted thousands", "test row", None], dtype="string"),
        "iso3_method": pd.array(["pycountry", "country_converter", "iso3_code"], dtype="string"),
        "iso3_kind": pd.array(["state", "state", "state"], dtype="string"),
        "as_of": pd.array(["2010", "2011", "2012"], dtype="string"),
        "source_row": pd.Series([2, 3, 4], dtype="int64"),
    })
    assert_frame_equal(load_casualties(path), expected)


def test_states_parties_fixture_keeps_dates_as_iso_text(tmp_path):
    rows = [
        row("states_parties", iso3="", state="Holy See", signature_date="1997-12-04",
            ratification_or_accession_date="1998-02-17", entry_into_force_date="1999-03-01 00:00:00"),
        row("states_parties", iso3="UKR", state="Ukraine", signature_date="1999-02-24",
            ratification_or_accession_date="2005-12-27", entry_into_force_date="2006-06-01",
            withdrawal_notified_date="2025-06-29", withdrawal_effective_date="2025-12-29", status="Withdrawn"),
    ]
    path = write_source_csv(tmp_path / "sp.csv", "states_parties", rows, encoding="cp1252", delimiter="\t", newline="\r\n")
    frame = load_states_parties(path)
    got = frame[["iso3", "entry_into_force_date", "withdrawal_effective_date", "status", "as_of"]]
    expected = pd.DataFrame({
        "iso3": pd.array(["VAT", "UKR"], dtype="string"),
        "entry_into_force_date": pd.array(["1999-03-01", "2006-06-01"], dtype="string"),
        "withdrawal_effective_date": pd.array([None, "2025-12-29"], dtype="string"),
        "status": pd.array(["state_party", "withdrawn"], dtype="string"),
        "as_of": pd.array(["1998-02-17", "2005-12-27"], dtype="string"),
    })
    assert_frame_equal(got, expected)


def test_support_pairs_fixture_flags_announcements_and_donor_kinds(tmp_path):
    rows = [
        row("support_pairs", donor="European Union", notes="PLEDGE: EUR 5 million"),
        row("support_pairs", donor="ICRC", notes="  COMMITMENT at the 5RC"),
        row("support_pairs", donor="UK", recipient_iso3="", recipient="Somaliland", notes="pledge in lower case is a note"),
        row("support_pairs", donor="Howard G. Buffett Foundation", year="", notes="ANNOUNCEMENT"),
        row("support_pairs", donor="Japan", usd_million="N/A", notes=""),
    ]
    frame = load_support_pairs(write_source_csv(tmp_path / "pairs.csv", "support_pairs", rows))
    got = frame[["donor_iso3", "donor_kind", "iso3", "iso3_kind", "usd_million", "as_of", "is_announcement"]]
    expected = pd.DataFrame({
        "donor_iso3": pd.array([None, None, "GBR", None, "JPN"], dtype="string"),
        "donor_kind": pd.array(["organisation", "organisation", "state", "organisation", "state"], dtype="string"),
        "iso3": pd.array(["AFG", "AFG", None, "AFG", "AFG"], dtype="string"),
        "iso3_kind": pd.array(["state", "state", "non_state", "state", "state"], dtype="string"),
        "usd_million": pd.array([4.12, 4.12, 4.12, 4.12, None], dtype="Float64"),
        "as_of": pd.array(["2009", "2009", "2009", None, "2009"], dtype="string"),
        "is_announcement": pd.array([True, True, False, True, False], dtype="boolean"),
    })
    assert_frame_equal(got, expected)


# --- broken files -----------------------------------------------------------------------------


def test_loader_on_a_broken_file_raises_with_every_problem(tmp_path):
    path = write_source_csv(tmp_path / "bad.csv", "casualties", [
        row("casualties", state="Narnia", iso3=""),
        row("casualties", year="2011", killed="-1"),
        row("casualties", year="2999", source_url="ftp://x"),
    ])
    with pytest.raises(DataValidationError) as err:
        load_casualties(path)
    problems = err.value.problems
    assert {(p.row, p.column) for p in problems} >= {(2, "state"), (3, "killed"), (4, "year"), (4, "source_url")}
    assert err.value.file == str(path)
    message = str(err.value)
    assert all(p.format(str(path)) in message for p in problems)
    assert len(message.splitlines()) == len(problems)


def test_loader_on_a_binary_file_raises_data_validation_error(tmp_path):
    path = tmp_path / "casualties.csv"
    path.write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(range(256)))
    with pytest.raises(DataValidationError) as err:
        load_casualties(path)
    assert [(p.row, p.column) for p in err.value.problems] == [(0, "")]
    assert "PNG" in str(err.value)


def test_loader_on_an_oversized_count_raises_data_validation_error(tmp_path):
    path = write_source_csv(tmp_path / "casualties.csv", "casualties", [
        row("casualties", casualties_total="99999999999999999999", killed="", injured=""),
    ])
    with pytest.raises(DataValidationError) as err:
        load_casualties(path)
    assert (2, "casualties_total") in {(p.row, p.column) for p in err.value.problems}


@pytest.mark.parametrize("name", sorted(ROW_COUNTS))
def test_loader_reads_a_path_given_as_text(name, tmp_path):
    target = tmp_path / f"{name}.csv"
    target.write_bytes((DATA_DIR / f"{name}.csv").read_bytes())
    assert len(LOADERS[name](str(target))) == ROW_COUNTS[name]
