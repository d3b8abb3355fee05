"""Shared helpers for the data tests: write small input files the way spreadsheets export them."""
from __future__ import annotations

import csv
import io
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DATA_DIR = ROOT / "data"

# One valid row per source, column name -> cell text, in the source's column order.
VALID_ROWS: dict[str, dict[str, str]] = {
    "casualties": {
        "iso3": "AGO", "state": "Angola", "year": "2020", "casualties_total": "10", "killed": "4",
        "injured": "6", "civilian_share_pct": "90", "child_casualties": "3", "female_casualties": "2",
        "source_url": "https://example.org/angola", "notes": "test row",
    },
    "article5": {
        "iso3": "AGO", "state": "Angola", "article5_deadline": "2030-12-31", "extensions_granted": "3",
        "ap_contamination_km2": "68", "contamination_band": "large", "estimate_as_of": "2022",
        "land_released_km2": "13.81", "land_released_year": "2022", "ap_mines_destroyed": "",
        "completion_declared": "", "source_url": "https://example.org/angola", "source_title": "LM2023",
        "notes": "",
    },
    "article5_history": {
        "iso3": "KHM", "state": "Cambodia", "year": "2010", "land_released_km2": "49.39",
        "cleared_km2": "10", "ap_mines_destroyed": "100", "source_url": "https://example.org/khm",
    },
    "states_parties": {
        "iso3": "ALB", "state": "Albania", "signature_date": "1998-09-08",
        "ratification_or_accession_date": "2000-02-29", "entry_into_force_date": "2000-08-01",
        "withdrawal_notified_date": "", "withdrawal_effective_date": "", "status": "state_party",
        "source_url": "https://treaties.un.org/x", "notes": "",
    },
    "stated_needs": {
        "iso3": "AFG", "state": "Afghanistan", "need_category": "clearance", "description": "a shortfall",
        "amount_usd_million": "48", "period": "2015", "source_url": "https://example.org/afg", "notes": "",
    },
    "victim_assistance": {
        "iso3": "ALB", "state": "Albania", "survivors_estimate": "at least 510", "survivors_estimate_year": "2008",
        "va_focal_point": "", "national_disability_plan": "", "significant_number_of_survivors": "yes",
        "source_url": "https://example.org/alb", "notes": "",
    },
    "support_pairs": {
        "donor": "Australia", "recipient_iso3": "AFG", "recipient": "Afghanistan", "year": "2009",
        "usd_million": "4.12", "thematic_area": "clearance", "source_url": "https://example.org/afg",
        "notes": "AUD 5,200,000",
    },
    "support_by_donor": {
        "donor": "Australia", "donor_iso3": "AUS", "year": "2010", "usd_million": "24.4",
        "source_url": "https://example.org/aus", "notes": "",
    },
    "individualised_approach": {
        "iso3": "SDN", "state": "Sudan", "event": "platform launched", "date": "2017-06-08", "venue": "Geneva",
        "notes": "", "source_url": "https://example.org/sdn", "source": "",
    },
    "support_by_recipient": {
        "recipient_iso3": "AGO", "recipient": "Angola", "year": "2021", "usd_million": "20.5",
        "source_url": "https://www.the-monitor.org/angola", "notes": "",
    },
    "states_not_party": {
        "iso3": "USA", "state": "United States", "notes": "never joined", "source_url": "https://treaties.un.org/x",
    },
    "global_figures": {
        "indicator": "land released", "year": "2022", "value": "497.34", "unit": "km2",
        "source_url": "https://example.org/global",
    },
}


def row(source: str, /, **changes: str) -> dict[str, str]:
    """A valid row for `source` with some cells changed."""
    values = dict(VALID_ROWS[source])
    unknown = set(changes) - set(values)
    assert not unknown, f"not a {source} column: {unknown}"
    values.update(changes)
    return values


def csv_text(header: list[str], rows: list, delimiter: str = ",", newline: str = "\n") -> str:
    """CSV text; each row is a list of cells or a dict keyed by header name (missing keys blank)."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=delimiter, lineterminator=newline)
    writer.writerow(header)
    for cells in rows:
        if isinstance(cells, dict):
            cells = [cells.get(name, "") for name in header]
        writer.writerow(cells)
    return buffer.getvalue()


def write_csv(path: Path, header: list[str], rows: list, encoding: str = "utf-8", delimiter: str = ",",
              newline: str = "\n") -> Path:
    """Write a CSV as a spreadsheet would: chosen encoding ('utf-8-sig' adds a BOM), delimiter, line end."""
    path = Path(path)
    path.write_bytes(csv_text(header, rows, delimiter, newline).encode(encoding))
    return path


def write_source_csv(path: Path, source: str, rows: list[dict[str, str]], **kwargs) -> Path:
    """Write rows (dicts, e.g. from `row`) under the full header of `source`."""
    header = list(VALID_ROWS[source])
    return write_csv(path, header, rows, **kwargs)
