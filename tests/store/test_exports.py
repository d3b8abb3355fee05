"""Exports: CSV and XLSX with source and as-of; cells a spreadsheet would run are neutralised."""
import csv
import io

import pytest
from openpyxl import load_workbook

from store import create_need, create_offer, create_partnership, export_csv, export_xlsx, seed
from tests.store.conftest import ADMIN, NEED, OFFER

FORMULAS = ['=HYPERLINK("http://x")', "+1+1", "-2+3", "@SUM(A1)", "\tcmd", "\rcmd"]


def _fill(store):
    for text in FORMULAS:
        create_need(store, ADMIN, {**NEED, "description": text, "source_url": "https://example.org/a"})
    offer = create_offer(store, ADMIN, {**OFFER, "conditions": "=1+1"})
    create_partnership(store, ADMIN, {"need_id": 1, "offer_id": offer["id"], "targets": "@risky", "notes": "plain"})


def _csv_rows(data: bytes) -> list[dict]:
    return list(csv.DictReader(io.StringIO(data.decode("utf-8-sig"), newline="")))


def _xlsx_rows(data: bytes) -> list[dict]:
    sheet = load_workbook(io.BytesIO(data)).active
    cells = list(sheet.iter_rows())
    header = [c.value for c in cells[0]]
    for row in cells[1:]:
        assert all(c.data_type != "f" for c in row)  # no cell is a formula
    return [dict(zip(header, (c.value for c in row), strict=True)) for row in cells[1:]]


@pytest.mark.parametrize("read, export", [(_csv_rows, export_csv), (_xlsx_rows, export_xlsx)])
def test_formula_cells_are_neutralised_in_both_formats(store, read, export):
    _fill(store)
    needs = read(export(store, "needs"))
    # XML reads a carriage return back as a line feed; what matters is the quote in front.
    assert [n["description"].replace("\r", "\n") for n in needs] == ["'" + t.replace("\r", "\n") for t in FORMULAS]
    assert read(export(store, "offers"))[0]["conditions"] == "'=1+1"
    link = read(export(store, "partnerships"))[0]
    assert (link["targets"], link["notes"]) == ("'@risky", "plain")


@pytest.mark.parametrize("read, export", [(_csv_rows, export_csv), (_xlsx_rows, export_xlsx)])
def test_every_export_has_source_and_as_of(store, read, export):
    _fill(store)
    for what in ("needs", "offers", "partnerships"):
        rows = read(export(store, what))
        assert rows and all(r["source"] and len(r["as_of"]) == 10 for r in rows), what
    assert read(export(store, "needs"))[0]["source"] == "https://example.org/a"
    assert read(export(store, "offers"))[0]["source"] == "entered by ana"
    assert read(export(store, "offers"))[0]["targets"] == "Asia"


def test_exports_say_each_offers_kind_and_each_needs_period_status_and_word_codes_as_asked(store):
    create_need(store, ADMIN, {**NEED, "period": "2020-2021"})
    create_need(store, ADMIN, {**NEED, "area": "victim_assistance", "period": "from 2024"})
    create_offer(store, ADMIN, {**OFFER, "areas": ["clearance", "victim_assistance"]})
    with store.engine.begin() as conn:
        seed.SEEDS["announced_offers"](conn)
    needs = _csv_rows(export_csv(store, "needs"))
    assert [n["period_status"] for n in needs] == ["ended", "current"]
    offers = _csv_rows(export_csv(store, "offers"))
    assert offers[0]["kind"] == "offered in the registry"
    announced = offers[1:]
    assert len(announced) == 19 and all(o["kind"].startswith("announced (") and "not a payment" in o["kind"]
                                        for o in announced)
    worded = _csv_rows(export_csv(store, "offers", {"victim_assistance": "assistance aux victimes", "open": "ouverte"}))
    assert worded[0]["areas"] == "clearance; assistance aux victimes" and worded[0]["status"] == "ouverte"
    assert not any("victim_assistance" in cell for row in worded for cell in row.values())
