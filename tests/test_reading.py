"""read_table: CSV and XLSX files as spreadsheets really export them, and the files it refuses."""
from __future__ import annotations

import datetime as dt
import os
import zipfile

import pytest
from openpyxl import Workbook

from data_loaders import reading
from data_loaders.problems import InvalidFile
from data_loaders.reading import read_table
from tests.helpers import write_csv

HEADER = ["iso3", "state", "year"]
ROWS = [["CIV", "Côte d'Ivoire", "2020"], ["TUR", "Türkiye", "2021"]]


def _invalid(path) -> str:
    with pytest.raises(InvalidFile) as err:
        read_table(path)
    assert err.value.reason == str(err.value)
    return err.value.reason


# --- encodings -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("encoding", "reported"),
    [("utf-8", "utf-8"), ("utf-8-sig", "utf-8-sig"), ("utf-16", "utf-16"), ("cp1252", "cp1252")],
)
def test_encodings_spreadsheets_export_read_to_the_same_cells(tmp_path, encoding, reported):
    path = write_csv(tmp_path / "t.csv", HEADER, ROWS, encoding=encoding)
    table = read_table(path)
    assert table.header == HEADER  # no BOM left in the first column name
    assert table.rows == [(2, ROWS[0]), (3, ROWS[1])]
    assert table.encoding == reported


def test_utf8_bom_is_not_part_of_the_first_column_name(tmp_path):
    path = tmp_path / "bom.csv"
    path.write_bytes(b"\xef\xbb\xbfiso3,state\nAGO,Angola\n")
    assert read_table(path).header == ["iso3", "state"]


def test_utf16_with_bom_from_python_encode(tmp_path):
    path = tmp_path / "u16.csv"
    path.write_bytes("iso3,state\nTUR,Türkiye\n".encode("utf-16"))
    table = read_table(path)
    assert table.rows == [(2, ["TUR", "Türkiye"])]
    assert table.encoding == "utf-16"


@pytest.mark.parametrize("encoding", ["utf-16-le", "utf-16-be"])
def test_utf16_without_bom_is_recognised(tmp_path, encoding):
    path = tmp_path / "u16.csv"
    path.write_bytes("iso3,state\nTUR,Türkiye\n".encode(encoding))
    assert read_table(path).rows == [(2, ["TUR", "Türkiye"])]


def test_cp1252_accents_are_decoded_not_mangled(tmp_path):
    path = tmp_path / "cp.csv"
    path.write_bytes("state\nCôte d'Ivoire\nTürkiye\n".encode("cp1252"))
    table = read_table(path)
    assert [cells for _, cells in table.rows] == [["Côte d'Ivoire"], ["Türkiye"]]
    assert table.encoding == "cp1252"


@pytest.mark.parametrize("text, encoding", [
    ("iso3,state,notes\nJPN,日本,地雷除去の支援\n" * 3, "shift_jis"),
    ("iso3,state,notes\nRUS,Россия,разминирование территории\n" * 3, "koi8_r"),
    ("iso3,state,notes\nCIV,Côte d'Ivoire,déminage\n" * 3, "mac_roman"),
])
def test_text_in_another_code_page_is_refused_not_read_as_cp1252_mojibake(tmp_path, text, encoding):
    path = tmp_path / f"{encoding}.csv"
    path.write_bytes(text.encode(encoding))
    assert "not UTF-8 text, and does not read as Windows-1252 or Latin-1" in _invalid(path)


# --- delimiters, line ends, quoting -----------------------------------------------------------


@pytest.mark.parametrize("delimiter", [",", ";", "\t"])
def test_delimiter_is_detected_from_the_header(tmp_path, delimiter):
    rows = [["AGO", "Angola", "1,234"], ["TUR", "Türkiye", "2010.0"]]
    path = write_csv(tmp_path / "d.csv", HEADER, rows, delimiter=delimiter)
    table = read_table(path)
    assert table.delimiter == delimiter
    assert table.header == HEADER
    assert [cells for _, cells in table.rows] == rows


def test_crlf_line_endings_leave_no_carriage_returns(tmp_path):
    path = write_csv(tmp_path / "crlf.csv", HEADER, ROWS, newline="\r\n")
    table = read_table(path)
    assert table.header == HEADER
    assert [cells for _, cells in table.rows] == ROWS


def test_quoted_multiline_cell_counts_as_one_spreadsheet_row(tmp_path):
    rows = [["AGO", "Angola\nline two\nline three", "2020"], ["TUR", "Türkiye", "2021"]]
    path = write_csv(tmp_path / "m.csv", HEADER, rows, newline="\r\n")
    table = read_table(path)
    assert [number for number, _ in table.rows] == [2, 3]
    assert table.rows[0][1][1] == "Angola\nline two\nline three"


def test_blank_records_keep_the_row_numbers_of_the_records_after_them(tmp_path):
    path = tmp_path / "blank.csv"
    path.write_text("iso3,state\nAGO,Angola\n\n,\nTUR,Türkiye\n", encoding="utf-8")
    assert read_table(path).rows == [(2, ["AGO", "Angola"]), (5, ["TUR", "Türkiye"])]


def test_header_cells_are_trimmed_and_trailing_empty_columns_dropped(tmp_path):
    path = tmp_path / "h.csv"
    path.write_text(" iso3 ,state,,\nAGO,Angola,,\n", encoding="utf-8")
    assert read_table(path).header == ["iso3", "state"]


def test_header_not_on_row_one_is_refused(tmp_path):
    path = tmp_path / "late.csv"
    path.write_text("\n\niso3,state\nAGO,Angola\n", encoding="utf-8")
    assert "row 1" in _invalid(path)


def test_unclosed_quote_is_refused_as_malformed(tmp_path):
    path = tmp_path / "q.csv"
    path.write_text('iso3,state\n"AGO,Angola\n', encoding="utf-8")
    assert "malformed" in _invalid(path)


# --- XLSX -------------------------------------------------------------------------------------


def _workbook(path, rows):
    workbook = Workbook()
    sheet = workbook.active
    for cells in rows:
        sheet.append(cells)
    workbook.save(path)
    return path


def test_xlsx_numbers_dates_and_formulas_come_back_as_text(tmp_path):
    path = _workbook(tmp_path / "t.xlsx", [
        ["iso3", "year", "area", "when", "total"],
        ["AGO", 2022, 68.0, dt.date(2022, 3, 1), "=SUM(A1:A2)"],
        ["TUR", 2010.0, 13.81, dt.datetime(2022, 3, 1, 12, 30), None],
        ["CIV", None, 0.5, None, True],
    ])
    table = read_table(path)
    assert table.header == ["iso3", "year", "area", "when", "total"]
    assert table.rows == [
        (2, ["AGO", "2022", "68", "2022-03-01", "=SUM(A1:A2)"]),  # the formula is data, never run
        (3, ["TUR", "2010", "13.81", "2022-03-01T12:30:00", ""]),
        (4, ["CIV", "", "0.5", "", "TRUE"]),
    ]
    assert table.encoding == "xlsx"


def test_xlsx_keeps_accented_names(tmp_path):
    path = _workbook(tmp_path / "n.xlsx", [["state"], ["Côte d'Ivoire"], ["Türkiye"]])
    assert [cells for _, cells in read_table(path).rows] == [["Côte d'Ivoire"], ["Türkiye"]]


def test_empty_xlsx_workbook_is_refused(tmp_path):
    path = tmp_path / "empty.xlsx"
    Workbook().save(path)
    assert "no header" in _invalid(path)


def test_xlsx_that_is_really_text_is_refused(tmp_path):
    path = tmp_path / "fake.xlsx"
    path.write_text("iso3,state\nAGO,Angola\n", encoding="utf-8")
    assert "not an .xlsx workbook" in _invalid(path)


def test_xlsx_that_is_really_a_pdf_says_so(tmp_path):
    path = tmp_path / "fake.xlsx"
    path.write_bytes(b"%PDF-1.4\n%junk")
    assert "PDF" in _invalid(path)


def test_zip_that_is_not_a_workbook_is_refused(tmp_path):
    path = tmp_path / "z.xlsx"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("readme.txt", "hello")
    assert "cannot be opened" in _invalid(path)


def test_truncated_xlsx_is_refused(tmp_path):
    path = tmp_path / "cut.xlsx"
    path.write_bytes(b"PK\x03\x04" + b"\x00" * 64)
    assert "cannot be opened" in _invalid(path)


# --- files that are not tables ----------------------------------------------------------------


def test_empty_file_is_refused(tmp_path):
    path = tmp_path / "empty.csv"
    path.write_bytes(b"")
    assert _invalid(path) == "the file is empty"


@pytest.mark.parametrize("content", [b"   \r\n\n", b"\xef\xbb\xbf", b"\xff\xfe"], ids=["whitespace", "utf8-bom", "utf16-bom"])
def test_file_with_no_text_is_refused(tmp_path, content):
    path = tmp_path / "blank.csv"
    path.write_bytes(content)
    assert "no text" in _invalid(path)


@pytest.mark.parametrize(
    ("magic", "what"),
    [
        (b"PK\x03\x04", "ZIP"),
        (b"%PDF-1.7\n", "PDF"),
        (b"\x89PNG\r\n\x1a\n", "PNG"),
        (b"\xff\xd8\xff\xe0", "JPEG"),
        (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "xls"),
        (b"\x1f\x8b\x08", "gzip"),
    ],
)
def test_csv_that_is_really_another_format_says_what_it_is(tmp_path, magic, what):
    path = tmp_path / "upload.csv"
    path.write_bytes(magic + os.urandom(256))
    reason = _invalid(path)
    assert what in reason and "not a CSV" in reason


def test_random_bytes_are_refused_as_binary(tmp_path):
    path = tmp_path / "junk.csv"
    path.write_bytes(b"a" + os.urandom(4096))  # no magic number: caught by content, not signature
    reason = _invalid(path)
    assert "not UTF-8 text" in reason  # no code page we read makes text of it


def test_nul_bytes_are_refused_as_binary(tmp_path):
    path = tmp_path / "nul.csv"
    path.write_bytes(b"iso3,state\nAGO,\x00Angola\n")
    assert "binary" in _invalid(path)


def test_only_nul_bytes_are_refused(tmp_path):
    path = tmp_path / "nul.csv"
    path.write_bytes(b"\x00" * 512)
    assert "binary" in _invalid(path)


def test_odd_length_utf16_is_refused_not_crashed(tmp_path):
    path = tmp_path / "odd.csv"
    path.write_bytes(b"\xff\xfea\x00,")
    assert "encoding" in _invalid(path)


def test_file_over_the_size_limit_is_refused_before_parsing(tmp_path, monkeypatch):
    monkeypatch.setattr(reading, "MAX_FILE_BYTES", 100)
    path = write_csv(tmp_path / "big.csv", HEADER, ROWS * 10)
    assert path.stat().st_size > 100
    reason = _invalid(path)
    assert "MB" in reason and "limit" in reason


def test_file_at_the_size_limit_is_read(tmp_path, monkeypatch):
    path = write_csv(tmp_path / "ok.csv", HEADER, ROWS)
    monkeypatch.setattr(reading, "MAX_FILE_BYTES", path.stat().st_size)
    assert len(read_table(path).rows) == 2


def test_too_many_rows_are_refused(tmp_path, monkeypatch):
    monkeypatch.setattr(reading, "MAX_ROWS", 3)
    path = write_csv(tmp_path / "rows.csv", HEADER, ROWS * 2)
    assert "limit is 3" in _invalid(path)


@pytest.mark.parametrize("name", ["data.json", "data.xls", "data.pdf", "data"])
def test_unsupported_extension_is_refused(tmp_path, name):
    path = tmp_path / name
    path.write_text("iso3,state\nAGO,Angola\n", encoding="utf-8")
    reason = _invalid(path)
    assert "unsupported file type" in reason and ".csv or .xlsx" in reason


@pytest.mark.parametrize("name", ["DATA.CSV", "data.tsv", "data.txt"])
def test_text_table_extensions_are_read(tmp_path, name):
    path = write_csv(tmp_path / name, HEADER, ROWS, delimiter="\t")
    assert read_table(path).header == HEADER
