"""`python -m data_loaders validate`: one test per rejection rule, and what a valid file gives back.

Problem lines read FILE:ROW:COLUMN: reason, ROW as a spreadsheet shows it (header = row 1).
"""
from __future__ import annotations

import csv
import os
import subprocess
import sys
from pathlib import Path

import pytest

from data_loaders import validation
from data_loaders.cli import run
from data_loaders.registry import SOURCES
from tests.helpers import DATA_DIR, ROOT, VALID_ROWS, csv_text, row, write_csv, write_source_csv
from tests.reference import reference_dir


def validate(capsys, path, source="casualties", *extra) -> tuple[int, list[str], str]:
    """Run the CLI in-process; return (exit code, stdout lines, stderr)."""
    code = run(["validate", "--source", source, str(path), *map(str, extra)])
    out, err = capsys.readouterr()
    return code, out.splitlines(), err


def problem_lines(capsys, path, source="casualties") -> list[str]:
    code, lines, err = validate(capsys, path, source)
    assert code == 1, lines
    assert "nothing was written" in err
    return lines


def assert_problem(lines: list[str], path, row_number: int, column: str, phrase: str) -> None:
    prefix = f"{path}:{row_number}:{column}: "
    hits = [line for line in lines if line.startswith(prefix)]
    assert hits, f"no line starts with {prefix!r}: {lines}"
    assert any(phrase in line for line in hits), f"{phrase!r} not in {hits}"


def write_rows(tmp_path, source, *rows, name="input.csv", **kwargs) -> Path:
    return write_source_csv(tmp_path / name, source, list(rows), **kwargs)


# --- header and file-level rules --------------------------------------------------------------


def test_missing_required_column_is_named(tmp_path, capsys):
    header = [c for c in VALID_ROWS["casualties"] if c != "killed"]
    path = write_csv(tmp_path / "f.csv", header, [row("casualties")])
    assert_problem(problem_lines(capsys, path), path, 1, "killed", "required column is missing")


def test_unknown_column_is_named_with_the_expected_ones(tmp_path, capsys):
    header = [*VALID_ROWS["casualties"], "deaths"]
    path = write_csv(tmp_path / "f.csv", header, [row("casualties")])
    assert_problem(problem_lines(capsys, path), path, 1, "deaths", "unknown column for casualties; expected: iso3, state")


def test_duplicate_column_names_are_refused(tmp_path, capsys):
    header = [*VALID_ROWS["casualties"], "notes"]
    path = write_csv(tmp_path / "f.csv", header, [[*row("casualties").values(), "again"]])
    assert_problem(problem_lines(capsys, path), path, 1, "notes", "duplicate column name (also column 11)")


def test_header_without_data_rows_is_refused(tmp_path, capsys):
    path = write_rows(tmp_path, "casualties")
    assert_problem(problem_lines(capsys, path), path, 2, "", "no data rows")


def test_row_with_more_cells_than_the_header_is_refused(tmp_path, capsys):
    path = tmp_path / "f.csv"
    path.write_text(csv_text(list(VALID_ROWS["casualties"]), [[*row("casualties").values(), "stray"]]), encoding="utf-8")
    assert_problem(problem_lines(capsys, path), path, 2, "", "the row has 12 cells but the header names 11 columns")


def test_empty_file_is_refused(tmp_path, capsys):
    path = tmp_path / "empty.csv"
    path.write_bytes(b"")
    assert problem_lines(capsys, path) == [f"{path}:0:: the file is empty"]


@pytest.mark.parametrize(
    ("name", "content", "phrase"),
    [
        ("f.csv", b"PK\x03\x04" + b"\x00" * 64, "ZIP archive"),
        ("f.csv", b"%PDF-1.4\n" + b"x" * 64, "PDF document"),
        ("f.csv", b"\x89PNG\r\n\x1a\n" + b"\x00" * 64, "PNG image"),
        ("f.xlsx", b"iso3,state\nAGO,Angola\n", "has an .xlsx name but is not an .xlsx workbook"),
    ],
)
def test_file_not_what_its_extension_claims_is_refused(tmp_path, capsys, name, content, phrase):
    path = tmp_path / name
    path.write_bytes(content)
    lines = problem_lines(capsys, path)
    assert len(lines) == 1
    assert_problem(lines, path, 0, "", phrase)


def test_binary_junk_is_refused_with_one_message(tmp_path, capsys):
    path = tmp_path / "junk.csv"
    path.write_bytes(b"a" + os.urandom(4096) + b"\x00" * 16)
    lines = problem_lines(capsys, path)
    assert len(lines) == 1
    assert lines[0].startswith(f"{path}:0:: ")
    assert "binary" in lines[0] or "not text" in lines[0]


def test_unsupported_extension_is_refused(tmp_path, capsys):
    path = tmp_path / "f.json"
    path.write_text("{}", encoding="utf-8")
    assert_problem(problem_lines(capsys, path), path, 0, "", "unsupported file type '.json'")


def test_cell_over_the_size_limit_is_refused(tmp_path, capsys, monkeypatch):
    monkeypatch.setattr(validation, "MAX_CELL_CHARS", 40)
    path = write_rows(tmp_path, "casualties", row("casualties", notes="x" * 41))
    assert_problem(problem_lines(capsys, path), path, 2, "notes", "cell of 41 characters; the limit is 40")


def test_file_over_the_size_limit_is_refused(tmp_path, capsys, monkeypatch):
    from data_loaders import reading

    monkeypatch.setattr(reading, "MAX_FILE_BYTES", 50)
    path = write_rows(tmp_path, "casualties", row("casualties"))
    assert_problem(problem_lines(capsys, path), path, 0, "", "the limit is")


# --- countries --------------------------------------------------------------------------------


def test_unknown_country_is_refused(tmp_path, capsys):
    path = write_rows(tmp_path, "casualties", row("casualties", iso3="", state="Narnia"))
    assert_problem(problem_lines(capsys, path), path, 2, "state", "unknown country 'Narnia'")


def test_ambiguous_country_is_refused_not_guessed(tmp_path, capsys):
    path = write_rows(tmp_path, "casualties", row("casualties", iso3="", state="Congo"))
    assert_problem(problem_lines(capsys, path), path, 2, "state", "ambiguous country 'Congo'")


def test_ambiguous_name_with_its_code_is_accepted(tmp_path, capsys):
    path = write_rows(tmp_path, "states_parties", row("states_parties", iso3="COG", state="Congo"))
    code, lines, _ = validate(capsys, path, "states_parties")
    assert code == 0, lines


def test_non_state_is_refused_where_only_states_belong(tmp_path, capsys):
    path = write_rows(tmp_path, "casualties", row("casualties", iso3="", state="Somaliland"))
    assert_problem(problem_lines(capsys, path), path, 2, "state", "'Somaliland' is not a state")


def test_code_contradicting_the_name_is_refused(tmp_path, capsys):
    path = write_rows(tmp_path, "casualties", row("casualties", iso3="AGO", state="Cambodia"))
    assert_problem(problem_lines(capsys, path), path, 2, "iso3", "code AGO (Angola) contradicts the name 'Cambodia' (KHM)")


def test_code_that_is_not_iso3_is_refused(tmp_path, capsys):
    path = write_rows(tmp_path, "casualties", row("casualties", iso3="ZZZ"))
    assert_problem(problem_lines(capsys, path), path, 2, "iso3", "'ZZZ' is not an ISO 3166 alpha-3 country code")


def test_row_with_neither_name_nor_code_is_refused(tmp_path, capsys):
    path = write_rows(tmp_path, "casualties", row("casualties", iso3="", state=""))
    assert_problem(problem_lines(capsys, path), path, 2, "state", "no country")


def test_organisation_is_refused_as_a_recipient(tmp_path, capsys):
    path = write_rows(tmp_path, "support_pairs", row("support_pairs", recipient_iso3="", recipient="UNMAS"))
    assert_problem(problem_lines(capsys, path, "support_pairs"), path, 2, "recipient", "is an organisation")


def test_ambiguous_donor_is_refused(tmp_path, capsys):
    path = write_rows(tmp_path, "support_pairs", row("support_pairs", donor="Korea"))
    assert_problem(problem_lines(capsys, path, "support_pairs"), path, 2, "donor", "ambiguous country 'Korea'")


# --- numbers ----------------------------------------------------------------------------------


@pytest.mark.parametrize("text", ["four", "12 km2", "1e3"])
def test_text_where_a_number_belongs_is_refused(tmp_path, capsys, text):
    path = write_rows(tmp_path, "casualties", row("casualties", killed=text))
    assert_problem(problem_lines(capsys, path), path, 2, "killed", f"'{text}' is text where a number belongs")


def test_decimal_comma_is_refused_as_ambiguous(tmp_path, capsys):
    path = write_rows(tmp_path, "article5", row("article5", land_released_km2="13,81"))
    assert_problem(problem_lines(capsys, path, "article5"), path, 2, "land_released_km2", "ambiguous")


@pytest.mark.parametrize("text", ["inf", "nan", "-Infinity", "#DIV/0!"])
def test_non_finite_number_is_refused(tmp_path, capsys, text):
    path = write_rows(tmp_path, "casualties", row("casualties", civilian_share_pct=text))
    assert_problem(problem_lines(capsys, path), path, 2, "civilian_share_pct", "is not a finite number")


def test_number_too_long_to_be_finite_is_refused(tmp_path, capsys):
    path = write_rows(tmp_path, "article5", row("article5", land_released_km2="9" * 400))
    assert_problem(problem_lines(capsys, path, "article5"), path, 2, "land_released_km2", "is not a finite number")


def test_count_too_large_to_store_is_reported_at_its_cell(tmp_path, capsys):
    path = write_rows(tmp_path, "casualties", row("casualties", casualties_total="99999999999999999999", killed="", injured=""))
    code, lines, _ = validate(capsys, path)
    assert code == 1
    assert not any(line.startswith(f"{path}:0:") for line in lines), lines
    assert any(line.startswith(f"{path}:2:casualties_total: ") for line in lines), lines


@pytest.mark.parametrize(
    ("source", "column"),
    [("article5", "ap_contamination_km2"), ("support_pairs", "usd_million"), ("casualties", "injured")],
    ids=["area", "amount", "count"],
)
def test_negative_value_is_refused(tmp_path, capsys, source, column):
    path = write_rows(tmp_path, source, row(source, **{column: "-6"}))
    assert_problem(problem_lines(capsys, path, source), path, 2, column, "is negative")


def test_fractional_count_of_people_is_refused(tmp_path, capsys):
    path = write_rows(tmp_path, "casualties", row("casualties", killed="4.5"))
    assert_problem(problem_lines(capsys, path), path, 2, "killed", "'4.5' is not a whole number of people")


@pytest.mark.parametrize("share", ["101", "-1"])
def test_share_outside_0_to_100_is_refused(tmp_path, capsys, share):
    path = write_rows(tmp_path, "casualties", row("casualties", civilian_share_pct=share))
    lines = problem_lines(capsys, path)
    assert_problem(lines, path, 2, "civilian_share_pct", "above 100" if share == "101" else "is negative")


def test_killed_plus_injured_above_total_is_refused(tmp_path, capsys):
    path = write_rows(tmp_path, "casualties", row("casualties", casualties_total="10", killed="8", injured="6"))
    assert_problem(problem_lines(capsys, path), path, 2, "casualties_total", "killed 8 + injured 6 is more than the total 10")


def test_children_above_total_is_refused(tmp_path, capsys):
    path = write_rows(tmp_path, "casualties", row("casualties", child_casualties="11"))
    assert_problem(problem_lines(capsys, path), path, 2, "child_casualties", "more than the total 10")


def test_cleared_above_land_released_is_refused(tmp_path, capsys):
    path = write_rows(tmp_path, "article5_history", row("article5_history", cleared_km2="50", land_released_km2="49.39"))
    assert_problem(problem_lines(capsys, path, "article5_history"), path, 2, "cleared_km2", "is more than the land released")


# --- years and dates --------------------------------------------------------------------------


def test_year_in_the_future_is_refused(tmp_path, capsys):
    path = write_rows(tmp_path, "casualties", row("casualties", year="2999"))
    assert_problem(problem_lines(capsys, path), path, 2, "year", "year 2999 is in the future")


def test_year_before_1900_is_refused(tmp_path, capsys):
    path = write_rows(tmp_path, "casualties", row("casualties", year="1899"))
    assert_problem(problem_lines(capsys, path), path, 2, "year", "1899 is before 1900")


def test_missing_required_year_is_refused(tmp_path, capsys):
    path = write_rows(tmp_path, "casualties", row("casualties", year=""))
    assert_problem(problem_lines(capsys, path), path, 2, "year", "a value is required")


def test_impossible_date_is_refused(tmp_path, capsys):
    path = write_rows(tmp_path, "states_parties", row("states_parties", ratification_or_accession_date="2021-02-30"))
    lines = problem_lines(capsys, path, "states_parties")
    assert_problem(lines, path, 2, "ratification_or_accession_date", "'2021-02-30' is not a real date")


def test_date_in_another_format_is_refused(tmp_path, capsys):
    path = write_rows(tmp_path, "states_parties", row("states_parties", signature_date="08/09/1998"))
    assert_problem(problem_lines(capsys, path, "states_parties"), path, 2, "signature_date", "is not a date written YYYY-MM-DD")


def test_impossible_month_in_a_partial_date_is_refused(tmp_path, capsys):
    path = write_rows(tmp_path, "article5", row("article5", article5_deadline="2030-13"))
    assert_problem(problem_lines(capsys, path, "article5"), path, 2, "article5_deadline", "not a real month")


def test_withdrawal_before_joining_is_refused(tmp_path, capsys):
    path = write_rows(tmp_path, "states_parties", row(
        "states_parties", withdrawal_notified_date="1999-01-01", withdrawal_effective_date="1999-07-01", status="withdrawn",
    ))
    lines = problem_lines(capsys, path, "states_parties")
    assert_problem(lines, path, 2, "withdrawal_notified_date", "withdrawal notified 1999-01-01 is before joining (2000-02-29)")
    assert_problem(lines, path, 2, "withdrawal_effective_date", "is before joining")


def test_withdrawn_status_without_a_date_is_refused(tmp_path, capsys):
    path = write_rows(tmp_path, "states_parties", row("states_parties", status="withdrawn"))
    assert_problem(problem_lines(capsys, path, "states_parties"), path, 2, "status", "no withdrawal date")


# --- vocabularies -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("source", "column", "value", "allowed"),
    [
        ("stated_needs", "need_category", "demining", "clearance, risk_education"),
        ("article5", "contamination_band", "huge", "massive, large, medium, small"),
        ("states_parties", "status", "member", "state_party, withdrawn"),
    ],
)
def test_value_outside_the_vocabulary_is_refused_with_the_allowed_list(tmp_path, capsys, source, column, value, allowed):
    path = write_rows(tmp_path, source, row(source, **{column: value}))
    assert_problem(problem_lines(capsys, path, source), path, 2, column, f"'{value}' is not an allowed value; allowed: {allowed}")


def test_vocabulary_spelling_variants_are_accepted(tmp_path, capsys):
    path = write_rows(tmp_path, "states_parties", row("states_parties", status="State Party"))
    assert validate(capsys, path, "states_parties")[0] == 0


# --- records and sources ----------------------------------------------------------------------


def test_same_record_twice_with_different_values_is_refused(tmp_path, capsys):
    path = write_rows(tmp_path, "casualties", row("casualties"), row("casualties", killed="3"))
    assert_problem(problem_lines(capsys, path), path, 3, "iso3", "has the same key and source as row 2 but different values")


def test_exact_repeat_of_a_record_is_refused(tmp_path, capsys):
    path = write_rows(tmp_path, "casualties", row("casualties"), row("casualties"))
    assert_problem(problem_lines(capsys, path), path, 3, "iso3", "repeats row 2")


def test_same_record_from_two_sources_is_kept(tmp_path, capsys):
    path = write_rows(tmp_path, "casualties", row("casualties"), row("casualties", killed="3", source_url="https://other.org/x"))
    assert validate(capsys, path)[0] == 0


def test_row_with_no_source_is_refused(tmp_path, capsys):
    path = write_rows(tmp_path, "casualties", row("casualties", source_url=""))
    assert_problem(problem_lines(capsys, path), path, 2, "source_url", "the row names no source")


def test_a_source_title_is_enough_where_the_source_allows_one(tmp_path, capsys):
    path = write_rows(tmp_path, "individualised_approach",
                      row("individualised_approach", source_url="", source="UN doc GE.18-15809"))
    assert validate(capsys, path, "individualised_approach")[0] == 0


@pytest.mark.parametrize("link", ["ftp://example.org/file", "javascript:alert(1)", "www.example.org", "https://exa mple.org"])
def test_source_link_that_is_not_http_is_refused(tmp_path, capsys, link):
    path = write_rows(tmp_path, "casualties", row("casualties", source_url=link))
    assert_problem(problem_lines(capsys, path), path, 2, "source_url", f"'{link}' is not a web link")


# --- rows as a spreadsheet numbers them, and all problems at once ------------------------------


def test_multiline_quoted_cell_counts_as_one_row(tmp_path, capsys):
    path = write_rows(
        tmp_path, "casualties",
        row("casualties", notes="first line\nsecond line\nthird line"),
        row("casualties", year="2021", killed="x"),
        newline="\r\n",
    )
    assert_problem(problem_lines(capsys, path), path, 3, "killed", "text where a number belongs")


def test_every_problem_in_a_file_is_reported_at_once(tmp_path, capsys):
    path = write_rows(
        tmp_path, "casualties",
        row("casualties"),
        row("casualties", year="2011", state="Narnia", iso3=""),
        row("casualties", year="2012", killed="-1"),
        row("casualties", year="2013", source_url="ftp://x"),
    )
    lines = problem_lines(capsys, path)
    assert len(lines) >= 3
    assert_problem(lines, path, 3, "state", "unknown country")
    assert_problem(lines, path, 4, "killed", "is negative")
    assert_problem(lines, path, 5, "source_url", "is not a web link")


def test_problems_are_listed_in_row_order(tmp_path, capsys):
    path = write_rows(
        tmp_path, "casualties",
        row("casualties", year="2013", killed="x"),
        row("casualties", year="2012", killed="y"),
    )
    lines = problem_lines(capsys, path)
    assert [line.split(":")[1] for line in lines] == sorted(line.split(":")[1] for line in lines)


# --- valid files and --output -----------------------------------------------------------------


def test_valid_file_exits_0_with_a_one_line_summary(tmp_path, capsys):
    path = write_rows(tmp_path, "casualties", row("casualties"), row("casualties", year="2021"))
    code, lines, err = validate(capsys, path)
    assert code == 0
    assert err == ""
    assert lines == [f"{path}: OK, 2 rows valid for casualties (names matched by: iso3_code 2; read as utf-8, delimiter ',')"]


@pytest.mark.parametrize(
    ("encoding", "delimiter", "read_as"),
    [("utf-8-sig", ",", "utf-8-sig, delimiter ','"), ("utf-16", "\t", "utf-16, delimiter '\\t'"),
     ("cp1252", ";", "cp1252, delimiter ';'")],
)
def test_accepted_encodings_and_delimiters_validate(tmp_path, capsys, encoding, delimiter, read_as):
    rows = [row("casualties", iso3="", state="Côte d'Ivoire"), row("casualties", iso3="", state="Türkiye")]
    path = write_rows(tmp_path, "casualties", *rows, encoding=encoding, delimiter=delimiter)
    code, lines, _ = validate(capsys, path)
    assert code == 0, lines
    assert lines[0].endswith(f"read as {read_as})")


def test_xlsx_file_validates(tmp_path, capsys):
    from openpyxl import Workbook

    workbook = Workbook()
    sheet = workbook.active
    sheet.append(list(VALID_ROWS["casualties"]))
    sheet.append(["AGO", "Angola", 2020, 10, 4, 6, 90.0, 3, 2, "https://example.org/a", "=HYPERLINK(\"http://x\")"])
    workbook.save(tmp_path / "f.xlsx")
    code, lines, _ = validate(capsys, tmp_path / "f.xlsx")
    assert code == 0, lines
    assert lines[0].endswith("read as xlsx)")


def _read_output(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def test_output_is_normalised_utf8_csv_in_input_order(tmp_path, capsys):
    rows = [
        row("casualties", iso3="", state="Türkiye", year="2010.0", casualties_total="1,234", killed="1,000", injured="234"),
        row("casualties", iso3="", state="Lao PDR", year="2012"),
        row("casualties", iso3="AGO", state="Angola", year="2011", civilian_share_pct="N/A"),
    ]
    source = write_rows(tmp_path, "casualties", *rows, encoding="utf-8-sig", delimiter=";")
    out = tmp_path / "out.csv"
    code, lines, _ = validate(capsys, source, "casualties", "--output", out)
    assert code == 0, lines
    raw = out.read_bytes()
    assert not raw.startswith(b"\xef\xbb\xbf")
    raw.decode("utf-8")  # strict
    written = _read_output(out)
    assert list(written[0]) == list(VALID_ROWS["casualties"])
    assert [r["state"] for r in written] == ["Türkiye", "Lao PDR", "Angola"]
    assert [r["iso3"] for r in written] == ["TUR", "LAO", "AGO"]
    assert [r["year"] for r in written] == ["2010", "2012", "2011"]
    assert [r["casualties_total"] for r in written] == ["1234", "10", "10"]
    assert [r["killed"] for r in written] == ["1000", "4", "4"]
    assert written[2]["civilian_share_pct"] == ""  # missing stays missing, never 0


def test_html_and_formulas_in_notes_are_kept_verbatim_in_output(tmp_path, capsys):
    notes = ["<script>alert(1)</script>", '=HYPERLINK("http://x")', "line one\nline two"]
    rows = [row("casualties", year=str(2010 + i), notes=note) for i, note in enumerate(notes)]
    out = tmp_path / "out.csv"
    code, lines, _ = validate(capsys, write_rows(tmp_path, "casualties", *rows), "casualties", "--output", out)
    assert code == 0, lines
    assert [r["notes"] for r in _read_output(out)] == notes


def test_nothing_is_written_to_output_when_the_file_is_invalid(tmp_path, capsys):
    source = write_rows(tmp_path, "casualties", row("casualties", killed="many"))
    out = tmp_path / "out.csv"
    code, _, err = validate(capsys, source, "casualties", "--output", out)
    assert code == 1
    assert not out.exists()
    assert "1 problem(s); nothing was written" in err


def test_unknown_source_is_a_usage_error(tmp_path, capsys):
    path = write_rows(tmp_path, "casualties", row("casualties"))
    with pytest.raises(SystemExit) as exit_:
        run(["validate", "--source", "landmines", str(path)])
    assert exit_.value.code == 2
    assert "invalid choice" in capsys.readouterr().err


def test_missing_file_is_a_usage_error(tmp_path, capsys):
    code, lines, err = validate(capsys, tmp_path / "nope.csv")
    assert code == 2
    assert lines == []
    assert "no such file" in err


def test_missing_arguments_are_a_usage_error(capsys):
    with pytest.raises(SystemExit) as exit_:
        run(["validate", "--source", "casualties"])
    assert exit_.value.code == 2


# --- every shipped file is valid --------------------------------------------------------------


@pytest.mark.parametrize("name", sorted(SOURCES))
def test_data_file_validates(capsys, name):
    code, lines, _ = validate(capsys, DATA_DIR / f"{name}.csv", name)
    assert code == 0, lines[:10]
    assert len(lines) == 1 and ": OK, " in lines[0]


@pytest.mark.parametrize("name", sorted(SOURCES))
def test_reference_file_validates(capsys, name):
    path = reference_dir() / f"{name}.csv"
    code, lines, _ = validate(capsys, path, name)
    assert code == 0, lines[:10]


# --- real processes: exit codes, and never a traceback -----------------------------------------


def run_cli(*args) -> subprocess.CompletedProcess:
    result = subprocess.run(
        [sys.executable, "-m", "data_loaders", *map(str, args)], cwd=ROOT, capture_output=True, text=True, timeout=120,
    )
    assert "Traceback" not in result.stdout and "Traceback" not in result.stderr, result.stderr
    return result


def test_process_exits_0_on_a_valid_file(tmp_path):
    path = write_rows(tmp_path, "casualties", row("casualties"))
    result = run_cli("validate", "--source", "casualties", path)
    assert result.returncode == 0
    assert result.stdout.strip().endswith("delimiter ',')")


def test_process_exits_1_on_binary_junk_without_a_traceback(tmp_path):
    path = tmp_path / "junk.csv"
    path.write_bytes(os.urandom(8192))
    result = run_cli("validate", "--source", "casualties", path)
    assert result.returncode == 1
    assert result.stdout.startswith(f"{path}:0:: ")


def test_process_exits_2_on_usage_errors(tmp_path):
    assert run_cli("validate", "--source", "nope", tmp_path / "x.csv").returncode == 2
    assert run_cli("validate", "--source", "casualties", tmp_path / "missing.csv").returncode == 2


def test_process_reports_an_unwritable_output_without_a_traceback(tmp_path):
    path = write_rows(tmp_path, "casualties", row("casualties"))
    target = tmp_path / "no" / "such" / "dir" / "out.csv"
    result = run_cli("validate", "--source", "casualties", path, "--output", target)
    assert result.returncode == 2
    assert result.stderr.startswith(f"{target}: cannot write the output (")
