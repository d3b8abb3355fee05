"""One field added to the declarative schema, and nothing else changed: it is on the form page, in the workbook (a
column, read back), in the checks (required, so a blank is an error at its row), in the PDF and Word documents and
in the JSON export, and the store keeps it."""
from __future__ import annotations

import dataclasses
import io
import json

from docx import Document
from pypdf import PdfReader

from charts.article7_documents import report_docx, report_pdf
from data_loaders.article7_workbook import read_workbook, write_workbook
from domain.reporting import schema
from domain.reporting.checks import check_report, errors
from domain.reporting.export import report_json
from domain.reporting.report import Report, read_section
from domain.reporting.schema import Field
from store.reports import create_report, get_report
from tests.store.conftest import ADMIN
from tests.test_app_reporting import complete_report, open_page, store, table_value  # noqa: F401 (store: a fixture)

FENCED = Field("fenced_m2", "Area fenced", "float", "How much of the area is fenced, in square metres.", required=True,
               unit="m²")
META = {"state": "Afghanistan", "status": "draft", "language": "en"}


def with_fenced_areas(monkeypatch) -> None:
    forms = list(schema.FORMS)
    c = next(i for i, form in enumerate(forms) if form.key == "C")
    areas = forms[c].table("areas")
    forms[c] = dataclasses.replace(forms[c], tables=(dataclasses.replace(areas, fields=(*areas.fields, FENCED)),))
    monkeypatch.setattr(schema, "FORMS", tuple(forms))


def as_read(report: Report) -> Report:
    """The report as the schema reads it back (every question present, None where blank)."""
    for key, section in report.sections.items():
        report.sections[key], problems = read_section(schema.form(key), section.status, section.unchanged_since,
                                                      section.values, section.tables)
        assert problems == []
    return report


def test_a_field_added_to_the_schema_is_in_every_part_of_the_product(store, monkeypatch):  # noqa: F811
    with_fenced_areas(monkeypatch)
    report = complete_report("AFG", 2025)
    area = report.sections["C"].tables["areas"][0]

    # The checks: required, so a blank answer is an error naming its form, row and field.
    assert [(p.form, p.row, p.field, p.code) for p in errors(check_report(report, None))] == [
        ("C", 1, "fenced_m2", "required")]
    area["fenced_m2"] = 2500.0
    assert errors(check_report(report, None)) == []
    report = as_read(report)

    # The workbook: a column with its guidance, read back to the same report.
    data = write_workbook(report)
    assert read_workbook(data, "afg.xlsx", "AFG", 2025) == (report, [])
    from openpyxl import load_workbook

    texts = {cell.value: cell for sheet in load_workbook(io.BytesIO(data)) for row in sheet.iter_rows() for cell in row
             if isinstance(cell.value, str)}
    assert texts["Area fenced (m²) *"].comment.text.startswith("How much of the area is fenced")

    # Both exports, and the JSON.
    pdf = " ".join(" ".join(page.extract_text() for page in PdfReader(io.BytesIO(report_pdf(report, META))).pages).split())
    assert "Area fenced" in pdf and "2,500" in pdf
    word = Document(io.BytesIO(report_docx(report, META)))
    assert any("Area fenced" in cell.text for table in word.tables for row in table.rows for cell in row.cells)
    form_c = next(f for f in json.loads(report_json(report, META))["forms"] if f["key"] == "C")
    assert form_c["tables"]["areas"][0]["fenced_m2"] == 2500.0

    # The store keeps it, and the form page shows it as a column of the areas.
    create_report(store, ADMIN, "AFG", 2025, content=report)
    assert get_report(store, ADMIN, "AFG", 2025).report.section("C").tables["areas"][0]["fenced_m2"] == 2500.0
    app = open_page(store, "ana", iso3="AFG", year="2025", form="C")
    assert table_value(app, "C", "areas")["fenced_m2"].tolist() == ["2500"]
