"""Read a CSV or XLSX file into raw text cells, as spreadsheets really export them.

Handles UTF-8 (with or without BOM), UTF-16, cp1252/Latin-1 (when the bytes read as such), comma/semicolon/tab,
CRLF, and refuses binaries, other code pages, empty files and files whose content contradicts their extension.
"""
from __future__ import annotations

import csv
import datetime as dt
import io
import zipfile
from dataclasses import dataclass
from pathlib import Path

from charset_normalizer import from_bytes

from config import MAX_FILE_BYTES, MAX_ROWS
from data_loaders.problems import InvalidFile

CSV_SUFFIXES = {".csv", ".tsv", ".txt"}
XLSX_SUFFIXES = {".xlsx", ".xlsm"}
# Magic numbers of files people upload by mistake.
SIGNATURES = {
    b"PK\x03\x04": "a ZIP archive (an .xlsx workbook?)",
    b"\xd0\xcf\x11\xe0": "an old Excel .xls or Word file",
    b"%PDF": "a PDF document",
    b"\x89PNG": "a PNG image",
    b"\xff\xd8\xff": "a JPEG image",
    b"\x1f\x8b": "a gzip archive",
}


@dataclass
class RawTable:
    header: list[str]
    rows: list[tuple[int, list[str]]]  # (spreadsheet row number, cells)
    encoding: str
    delimiter: str


def read_table(path: Path) -> RawTable:
    path = Path(path)
    size = path.stat().st_size
    if size == 0:
        raise InvalidFile("the file is empty")
    if size > MAX_FILE_BYTES:
        raise InvalidFile(f"the file is {size / 1e6:.1f} MB; the limit is {MAX_FILE_BYTES / 1e6:.0f} MB")
    data = path.read_bytes()
    suffix = path.suffix.lower()
    if suffix in XLSX_SUFFIXES:
        return _read_xlsx(data)
    if suffix in CSV_SUFFIXES:
        return _read_csv(data)
    raise InvalidFile(f"unsupported file type '{suffix or 'none'}': save it as .csv or .xlsx")


def _decode(data: bytes) -> tuple[str, str]:
    if data.startswith(b"\xef\xbb\xbf"):
        return data[3:].decode("utf-8", errors="strict"), "utf-8-sig"
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return data.decode("utf-16"), "utf-16"
    # UTF-16 without a BOM: every other byte of ASCII text is NUL.
    if len(data) >= 4 and data[1::2].count(0) > len(data) // 4 and 0 not in data[0::2][:64]:
        return data.decode("utf-16-le"), "utf-16-le"
    if len(data) >= 4 and data[0::2].count(0) > len(data) // 4 and 0 not in data[1::2][:64]:
        return data.decode("utf-16-be"), "utf-16-be"
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    # Excel's plain "CSV" on Western European Windows is cp1252. cp1252 and Latin-1 decode almost any bytes,
    # so no decoding error would refuse Shift-JIS, KOI8-R or Mac Roman: charset-normalizer judges whether the
    # bytes read as text in those code pages, and anything else is refused rather than turned into mojibake.
    match = from_bytes(data, cp_isolation=["cp1252", "latin_1"]).best()
    if match is None:
        raise InvalidFile("the file is not UTF-8 text, and does not read as Windows-1252 or Latin-1 text either: "
                          "save it as 'CSV UTF-8'")
    return str(match), match.encoding


def _looks_binary(text: str) -> bool:
    sample = text[:20_000]
    controls = sum(1 for ch in sample if ord(ch) < 32 and ch not in "\r\n\t")
    return "\x00" in sample or controls > max(2, len(sample) // 100)


def _read_csv(data: bytes) -> RawTable:
    for signature, what in SIGNATURES.items():
        if data.startswith(signature):
            raise InvalidFile(f"the file is {what}, not a CSV text file")
    try:
        text, encoding = _decode(data)
    except UnicodeDecodeError:
        raise InvalidFile("the file is not text in any encoding we read (UTF-8, UTF-16, cp1252)") from None
    if _looks_binary(text):
        raise InvalidFile("the file holds binary data, not CSV text")
    if not text.strip():
        raise InvalidFile("the file holds no text")
    first_line = text.lstrip("\r\n").splitlines()[0]
    delimiter = max(",;\t", key=first_line.count)
    try:
        records = list(csv.reader(io.StringIO(text, newline=""), delimiter=delimiter, strict=True))
    except csv.Error as err:
        raise InvalidFile(f"the CSV text is malformed ({err})") from None
    return _to_table(records, encoding, delimiter)


def _cell_text(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return str(value).upper()
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, dt.datetime):
        return value.date().isoformat() if value.time() == dt.time(0) else value.isoformat()
    if isinstance(value, dt.date):
        return value.isoformat()
    return str(value)


def _read_xlsx(data: bytes) -> RawTable:
    if not data.startswith(b"PK\x03\x04"):
        what = next((w for s, w in SIGNATURES.items() if data.startswith(s)), "not an .xlsx workbook")
        raise InvalidFile(f"the file has an .xlsx name but is {what}")
    from openpyxl import load_workbook  # imported here: only XLSX uploads need it

    try:
        # data_only=False keeps a formula as its text, so a formula is data, never run.
        workbook = load_workbook(io.BytesIO(data), read_only=True, data_only=False)
    except (zipfile.BadZipFile, KeyError, OSError, ValueError) as err:
        raise InvalidFile(f"the .xlsx workbook cannot be opened ({type(err).__name__})") from None
    sheet = workbook.worksheets[0]
    records = [[_cell_text(v) for v in row] for row in sheet.iter_rows(values_only=True)]
    workbook.close()
    return _to_table(records, "xlsx", "")


def _to_table(records: list[list[str]], encoding: str, delimiter: str) -> RawTable:
    # Spreadsheet row numbers count every record, blank ones included.
    numbered = [(number, cells) for number, cells in enumerate(records, start=1)]
    while numbered and not any(c.strip() for c in numbered[0][1]):
        numbered.pop(0)
    if not numbered:
        raise InvalidFile("the file holds no header row")
    header_row, header = numbered[0]
    if header_row != 1:
        raise InvalidFile(f"the header must be on row 1 (found on row {header_row})")
    header = [h.strip() for h in header]
    while header and not header[-1]:
        header.pop()
    rows = [(n, cells) for n, cells in numbered[1:] if any(c.strip() for c in cells)]
    if len(rows) > MAX_ROWS:
        raise InvalidFile(f"the file has {len(rows)} data rows; the limit is {MAX_ROWS}")
    return RawTable(header, rows, encoding, delimiter)
