"""The report in the standard layout (PDF, Word) and as JSON: cover page, every form of the schema as it stands,
blank answers 'not reported', the State's text printed as typed, the reader's language, and a 2,000-area Form C."""
import dataclasses
import datetime as dt
import io
import json

import pytest
from docx import Document
from pypdf import PdfReader

from charts.article7_documents import report_docx, report_pdf
from domain.reporting import schema
from domain.reporting.export import report_from_json, report_json
from domain.reporting.report import Report, read_section
from i18n import using_language

META = {"state": "Bosnia and Herzegovina", "status": "submitted", "submitted_at": dt.datetime(2026, 4, 28, 10, 5),
        "submitted_by": "focal.point@bih.example", "published_at": None, "entered_by_isu": False,
        "source_document_date": None, "language": "en"}
TYPED = "Mine Action Centre <b>BHMAC</b> & partners"
CYRILLIC = "Закон о минама"  # noqa: RUF001 (Cyrillic on purpose: a law's title as a State writes it)
# Long enough to wrap in its cell: drawn as a reportlab paragraph, whose markup it must not become.
WRAPPED = "Penal sanctions <b>up to</b> 10 years & a fine <font size=30>big</font>; " * 4


def _report(areas: int = 3, extra: dict | None = None) -> Report:
    """BIH's 2026 report: Form B unchanged since 2025, Form E not applicable, `areas` mined areas in Form C."""
    answers = {
        "cover": ({"period_from": "2025-01-01", "period_to": "2025-12-31", "date_of_submission": "2026-04-28",
                   "contact_organisation": TYPED, "contact_name": "Ana Žitnik"}, {}),
        "A": ({}, {"measures": [{"type": "legislation", "title": f"{CYRILLIC} / قانون", "status": "in_force",
                                 "description": WRAPPED}]}),
        "B": ({}, {"stock": [{"mine_type": "PMA-2", "quantity": 120}]}),
        "C": ({}, {"areas": [{"area_id": f"BIH-{n:05d}", "admin_code": "BA03", "status": "confirmed",
                              "size_m2": 12345.5 + n, "mine_types": "PMA-2; PROM-1", **(extra or {})}
                             for n in range(areas)]}),
        "J": ({"killed": 2, "injured": 5, "cleared_m2": 1500000}, {}),
    }
    report = Report("BIH", 2026)
    for form in schema.forms():
        status, since = {"B": ("unchanged", 2025), "E": ("not_applicable", None)}.get(form.key, ("changed", None))
        values, tables = answers.get(form.key, ({}, {}))
        section, problems = read_section(form, status, since, values, tables)
        assert problems == []
        report.sections[form.key] = section
    return report


def _pdf_text(pdf: bytes) -> str:
    return " ".join(" ".join(page.extract_text() or "" for page in PdfReader(io.BytesIO(pdf)).pages).split())


def _docx(data: bytes):
    return Document(io.BytesIO(data))


def _docx_text(document) -> str:
    cells = (cell.text for table in document.tables for row in table.rows for cell in row.cells)
    return "\n".join([*(p.text for p in document.paragraphs), *cells])


@pytest.fixture(scope="module")
def pdf_text() -> str:
    pdf = report_pdf(_report(), META)
    assert pdf.startswith(b"%PDF")
    return _pdf_text(pdf)


@pytest.fixture(scope="module")
def docx():
    return _docx(report_docx(_report(), META))


# --- JSON ---------------------------------------------------------------------------------------------------

def test_json_round_trip_gives_back_the_report():
    report = _report()
    data = report_json(report, META)
    document = json.loads(data.decode("utf-8"))
    assert (document["format"], document["schema_version"], document["iso3"], document["year"]) == \
        ("apmbc-article7-report", 1, "BIH", 2026)
    assert document["meta"]["submitted_at"] == "2026-04-28T10:05:00"
    assert [f["key"] for f in document["forms"]] == list(schema.form_keys())
    form_b = document["forms"][2]
    assert (form_b["title"], form_b["status"], form_b["unchanged_since"]) == \
        ("Form B: Stockpiled anti-personnel mines", "unchanged", 2025)
    assert document["forms"][0]["values"]["contact_phone"] is None  # every question, answered or not
    assert report_from_json(data) == report


def test_json_titles_stay_english_in_another_language():
    with using_language("fr"):
        document = json.loads(report_json(_report(), {**META, "language": "fr"}))
    assert document["forms"][3]["title"] == "Form C: Location of mined areas"


def test_json_of_another_format_or_with_a_refused_answer_is_refused():
    with pytest.raises(ValueError, match="not an apmbc-article7-report"):
        report_from_json(b'{"format": "something else"}')
    document = json.loads(report_json(_report(), META))
    document["forms"][3]["tables"]["areas"][1]["size_m2"] = -5
    with pytest.raises(ValueError, match="C/areas/2/size_m2"):
        report_from_json(json.dumps(document).encode())


# --- PDF and Word: the standard layout -------------------------------------------------------------------------

def test_pdf_has_the_cover_page_and_every_form(pdf_text):
    assert "Bosnia and Herzegovina" in pdf_text
    assert "Submitted by focal.point@bih.example on 28 April 2026" in pdf_text
    assert "Secretary-General through the usual channel" in pdf_text
    for form in schema.forms()[1:]:  # after the cover page, which is the first
        assert form.title in pdf_text
    assert "BIH-00002" in pdf_text and "12,346.5" in pdf_text
    assert "not reported" in pdf_text  # the contact's telephone, left blank
    assert "unchanged since 2025" in pdf_text and "Unchanged since 2025" in pdf_text
    assert "Not applicable" in pdf_text


def test_pdf_embeds_its_own_font():
    pdf = report_pdf(_report(), META)
    assert b"DejaVuSans" in pdf and b"/FontFile2" in pdf and b"Helvetica" not in pdf


def test_users_text_prints_as_typed_never_as_markup(pdf_text, docx):
    assert TYPED in pdf_text and "Ana Žitnik" in pdf_text and CYRILLIC in pdf_text
    assert " ".join(WRAPPED.split()) in pdf_text
    assert TYPED in _docx_text(docx) and WRAPPED.strip() in _docx_text(docx)


def test_docx_has_the_cover_table_and_form_c_with_its_areas(docx):
    cover = {row.cells[0].text: row.cells[1].text for row in docx.tables[0].rows}
    assert cover["State Party"] == "Bosnia and Herzegovina (BIH)"
    assert cover["Date of submission"] == "28 April 2026"
    assert cover["Contact: telephone"] == "not reported"
    statuses = {row.cells[0].text: row.cells[1].text for row in docx.tables[1].rows}
    assert statuses["Form B: Stockpiled anti-personnel mines"] == "unchanged since 2025"
    assert statuses["Form E: Conversion of production facilities"] == "not applicable"
    areas = next(t for t in docx.tables if t.rows[0].cells[0].text == "Area identifier")
    assert [row.cells[0].text for row in areas.rows[1:]] == ["BIH-00000", "BIH-00001", "BIH-00002"]
    assert "Unchanged since 2025" in _docx_text(docx)
    assert any(s.orientation == 1 for s in docx.sections)  # Form C's nine columns on a landscape page


@pytest.mark.parametrize(("meta", "line"), [
    ({"status": "published", "published_at": "2026-05-10T09:00:00"}, "Published by the ISU on 10 May 2026"),
    ({"status": "published", "entered_by_isu": True, "source_document_date": "2026-03-30", "submitted_at": None},
     "Entered by the ISU from the report dated 30 March 2026"),
    ({"status": "draft", "submitted_at": None}, "Draft: not submitted"),
])
def test_cover_says_where_the_report_stands(meta, line):
    assert line in _docx_text(_docx(report_docx(_report(), {**META, **meta})))


def test_documents_follow_the_language():
    with using_language("fr"):
        pdf_text = _pdf_text(report_pdf(_report(), {**META, "language": None}))
        word = _docx_text(_docx(report_docx(_report(), {**META, "language": None})))
    assert "non communiqué" in pdf_text and "non communiqué" in word
    assert "1\u202f500\u202f000" in word  # figures grouped as French writes them
    assert "non communiqué" in _docx_text(_docx(report_docx(_report(), {**META, "language": "fr"})))


def test_control_characters_and_a_long_answer_do_not_stop_an_export():
    report = _report(1)
    report.sections["C"].tables["areas"][0]["admin_area"] = "Tuzla\x00\x0b canton"
    report.sections["J"].values["services"] = "Rehabilitation and care. " * 400  # 10,000 characters: pages long
    assert "Tuzla canton" in _pdf_text(report_pdf(report, META))
    assert "Tuzla canton" in _docx_text(_docx(report_docx(report, META)))


def test_a_form_c_of_2000_areas_exports_with_its_header_on_every_page():
    report = _report(2000)
    text = _pdf_text(report_pdf(report, META))
    assert "BIH-01999" in text and text.count("Area identifier") > 10
    areas = next(t for t in _docx(report_docx(report, META)).tables if t.rows[0].cells[0].text == "Area identifier")
    assert len(areas.rows) == 2001


def test_a_field_added_to_the_schema_appears_in_every_export(monkeypatch):
    form_c = schema.form("C")
    areas = form_c.table("areas")
    operator = schema.Field("operator", "Clearance operator", "str", "Who works on the area.")
    patched = dataclasses.replace(form_c, tables=(dataclasses.replace(areas, fields=(*areas.fields, operator)),))
    monkeypatch.setattr(schema, "FORMS", tuple(patched if f.key == "C" else f for f in schema.FORMS))
    report = _report(2, extra={"operator": "Demining Team Nord-7"})
    pdf_text = _pdf_text(report_pdf(report, META))
    assert "Clearance operator" in pdf_text and "Demining Team Nord-7" in pdf_text
    table = next(t for t in _docx(report_docx(report, META)).tables if t.rows[0].cells[0].text == "Area identifier")
    assert table.rows[0].cells[-1].text == "Clearance operator" and table.rows[1].cells[-1].text == "Demining Team Nord-7"
    document = json.loads(report_json(report, META))
    assert document["forms"][3]["tables"]["areas"][0]["operator"] == "Demining Team Nord-7"
    assert report_from_json(report_json(report, META)) == report
