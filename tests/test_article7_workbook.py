"""The Article 7 workbook: written from the schema, read back to the same report, and hostile or wrong files refused
with a reason at their cell (or, before parsing, for the whole file)."""
import dataclasses
import io
import zipfile

import openpyxl
import pytest

import i18n
from data_loaders import article7_workbook
from data_loaders.article7_workbook import FORMULA_CELL, WORKBOOK_LIMIT, CellProblem, read_workbook, sheet_name, write_workbook
from domain.reporting import schema
from domain.reporting.report import Report, empty_report, read_section

POLYGON = {"type": "Polygon", "coordinates": [[[65.1, 34.2], [65.25, 34.2], [65.25, 34.31], [65.1, 34.2]]]}


def _answer(spec: schema.Field, row: int):
    """A typed answer of the field's kind; row 2 differs from row 1 (another choice, no, an inexact float...)."""
    if spec.choices:
        return spec.choices[min(row, len(spec.choices)) - 1][0]
    return {
        "str": f"{spec.key} {row}" if row == 1 else "=1+1 is text, not a formula", "text": f"Line one\nline {row}, é",
        "int": 7 * row, "float": 1234.5 if row == 1 else 0.1 + 0.2, "date": f"2025-0{row}-15", "year": 2023 + row,
        "bool": row == 1, "geom": POLYGON, "iso3": "FRA", "mine_types": ["PMN-2", "M14"][:row],
        "currency": "USD" if row == 1 else "EUR",
    }[spec.kind]


def _full_report() -> Report:
    """Every form filled (two rows in every table), through read_section as the forms and the store make it."""
    statuses = {"A": ("unchanged", 2023), "E": ("not_applicable", None)}
    totals = {"re_people_reached": 100, "casualties_total": 100}  # larger than their parts: no sum error
    cover = {"period_from": "2025-01-01", "period_to": "2025-12-31"}
    sections = {}
    for form in schema.forms():
        values = {spec.key: _answer(spec, 1) for spec in form.fields} | totals | (cover if form.key == "cover" else {})
        tables = {table.key: [{spec.key: _answer(spec, n) for spec in table.fields} for n in (1, 2)]
                  for table in form.tables}
        status, since = statuses.get(form.key, ("changed", None))
        sections[form.key], problems = read_section(form, status, since, values, tables)
        assert not problems
    return Report("AFG", 2025, False, sections)


def _workbook(data: bytes) -> openpyxl.Workbook:
    return openpyxl.load_workbook(io.BytesIO(data))


def _saved(workbook: openpyxl.Workbook) -> bytes:
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()


def _row(sheet, marker: str) -> int:
    return next(r for r in range(1, sheet.max_row + 1) if sheet.cell(r, 1).value == marker)


def _table_cell(sheet, table: str, field: str, n: int = 1):
    """Row n's cell of a table's field: its block is title, (hidden) field keys, header, rows."""
    start = _row(sheet, f"table:{table}")
    column = next(c for c in range(2, sheet.max_column + 1) if sheet.cell(start + 1, c).value == field)
    return sheet.cell(start + 2 + n, column)


def _sheet(workbook, key: str):
    return workbook[sheet_name(schema.form(key))]


def _read(data: bytes, filename: str = "report.xlsx"):
    return read_workbook(data, filename, "AFG", 2025)


def test_a_full_report_comes_back_the_same():
    report = _full_report()
    assert report.section("A").status == "unchanged" and report.section("C").tables["areas"][0]["geometry"] == POLYGON
    assert _read(write_workbook(report)) == (report, [])


def test_an_empty_report_comes_back_the_same():
    sections = {form.key: read_section(form, "not_applicable", None, {}, {})[0] for form in schema.forms()}
    sections["cover"], _problems = read_section(schema.form("cover"), "changed", None, {
        "period_from": "2025-01-01", "period_to": "2025-12-31", "date_of_submission": "2026-04-30",
        "contact_organisation": "Mine Action Centre"}, {})
    report = Report("AFG", 2025, True, sections)
    assert _read(write_workbook(report)) == (report, [])


def test_a_blank_template_is_refused_only_for_what_is_left_blank_each_at_its_cell():
    data = write_workbook(empty_report("AFG", 2025))
    cover = _workbook(data)[sheet_name(schema.form("cover"))]
    report, problems = _read(data)
    assert report is None
    assert CellProblem(cover.title, _row(cover, "field:period_from"), "C", "required: left blank") in problems
    assert all(p.sheet and p.row > 0 and p.column for p in problems)
    assert not any("number" in p.reason or "formula" in p.reason for p in problems)


def test_text_in_a_count_is_refused_at_its_sheet_row_and_column():
    workbook = _workbook(write_workbook(_full_report()))
    cell = _table_cell(_sheet(workbook, "C"), "areas", "estimated_quantity", 2)
    cell.value = "abc"
    report, problems = _read(_saved(workbook))
    assert report is None
    assert problems == [CellProblem(sheet_name(schema.form("C")), cell.row, cell.column_letter, "'abc' is not a number")]


def test_an_unknown_mine_type_is_refused_at_its_cell():
    workbook = _workbook(write_workbook(_full_report()))
    cell = _table_cell(_sheet(workbook, "C"), "areas", "mine_types", 1)
    cell.value = "PMN-2; XYZ-99"
    report, problems = _read(_saved(workbook))
    assert report is None
    assert [(p.sheet, p.row, p.column) for p in problems] == [(sheet_name(schema.form("C")), cell.row, cell.column_letter)]
    assert "XYZ-99" in problems[0].reason


def test_a_form_marked_unchanged_without_a_year_is_refused_at_the_year():
    workbook = _workbook(write_workbook(_full_report()))
    sheet = _sheet(workbook, "A")
    sheet.cell(_row(sheet, "unchanged_since"), 3).value = None
    report, problems = _read(_saved(workbook))
    assert report is None
    assert [(p.sheet, p.row, p.column) for p in problems] == [(sheet.title, _row(sheet, "unchanged_since"), "C")]


def test_a_missing_sheet_is_named():
    workbook = _workbook(write_workbook(_full_report()))
    workbook.remove(_sheet(workbook, "B"))
    report, problems = _read(_saved(workbook))
    assert report is None
    assert [(p.sheet, p.row) for p in problems] == [(sheet_name(schema.form("B")), 0)]
    assert sheet_name(schema.form("B")) in problems[0].reason


def test_a_formula_is_refused_at_its_cell():
    workbook = _workbook(write_workbook(_full_report()))
    sheet = _sheet(workbook, "I")
    sheet.cell(_row(sheet, "field:re_people_reached"), 3).value = "=SUM(1,2)"
    report, problems = _read(_saved(workbook))
    assert report is None
    assert problems == [CellProblem(sheet.title, _row(sheet, "field:re_people_reached"), "C", FORMULA_CELL)]


def test_text_that_looks_like_a_formula_is_kept_as_text_not_written_as_a_formula():
    report = _full_report()
    cell = _table_cell(_sheet(_workbook(write_workbook(report)), "B"), "stock", "lot_numbers", 2)
    assert (cell.value, cell.data_type) == ("=1+1 is text, not a formula", "s")


def _with_part(data: bytes, name: str, content: bytes) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as source, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for part in source.infolist():
            target.writestr(part, source.read(part))
        target.writestr(name, content)
    return out.getvalue()


def _not_opened(monkeypatch):
    """Makes openpyxl fail the test if the reader ever opens the file."""
    def refuse(*args, **kwargs):
        raise AssertionError("the file was opened")
    monkeypatch.setattr(openpyxl, "load_workbook", refuse)


def _refused(data: bytes, filename: str = "report.xlsx") -> str:
    report, problems = _read(data, filename)
    assert report is None and len(problems) == 1
    assert (problems[0].sheet, problems[0].row, problems[0].column) == ("", 0, "")
    return problems[0].reason


def test_a_macro_enabled_workbook_is_refused_before_it_is_opened(monkeypatch):
    data = write_workbook(_full_report())
    with_macros = _with_part(data, "xl/vbaProject.bin", b"\xd0\xcf\x11\xe0 a VBA project")
    _not_opened(monkeypatch)
    assert "macro" in _refused(with_macros, "report.xlsm")
    assert "macro" in _refused(with_macros, "report.xlsx")  # the content says so, whatever the name
    assert "macro" in _refused(data, "report.xlsm")


def test_a_macro_enabled_content_type_is_refused(monkeypatch):
    data = write_workbook(_full_report())
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as source, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for part in source.infolist():
            content = source.read(part)
            if part.filename == "[Content_Types].xml":
                content = content.replace(b"sheet.main+xml", b"sheet.macroEnabled.main+xml")
            target.writestr(part, content)
    _not_opened(monkeypatch)
    assert "macro" in _refused(out.getvalue())


def test_a_50_mb_file_is_refused_from_its_size_alone(monkeypatch):
    def refuse(*args, **kwargs):
        raise AssertionError("the file was unzipped")
    monkeypatch.setattr(zipfile, "ZipFile", refuse)
    _not_opened(monkeypatch)
    reason = _refused(b"PK\x03\x04" + bytes(50 * 1024 * 1024))
    assert "50.0 MB" in reason and f"{WORKBOOK_LIMIT // 1024 // 1024} MB" in reason


@pytest.mark.parametrize("megabytes", [5, 300])  # one part far too compressed; the whole far too large
def test_a_zip_bomb_is_refused_from_its_directory(monkeypatch, megabytes):
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(write_workbook(_full_report()))) as source, \
            zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for part in source.infolist():
            target.writestr(part, source.read(part))
        with target.open("xl/media/zeros.bin", "w", force_zip64=True) as zeros:
            for _megabyte in range(megabytes):
                zeros.write(bytes(1024 * 1024))
    assert len(out.getvalue()) < WORKBOOK_LIMIT
    _not_opened(monkeypatch)
    assert "unzips" in _refused(out.getvalue())


def test_a_csv_named_xlsx_is_refused(monkeypatch):
    _not_opened(monkeypatch)
    assert ".xlsx" in _refused(b"iso3,year\nAFG,2025\n", "report.xlsx")
    assert "empty" in _refused(b"", "report.xlsx")


def test_a_word_document_is_not_a_workbook(monkeypatch):
    document = io.BytesIO()
    with zipfile.ZipFile(document, "w") as archive:
        archive.writestr("[Content_Types].xml", b'<Types><Override ContentType="application/vnd.openxmlformats-'
                                                b'officedocument.wordprocessingml.document.main+xml"/></Types>')
    _not_opened(monkeypatch)
    assert ".xlsx" in _refused(document.getvalue())


def test_a_row_added_at_the_end_of_form_c_is_a_new_area():
    report = _full_report()
    workbook = _workbook(write_workbook(report))
    sheet = _sheet(workbook, "C")
    keys = sheet[_row(sheet, "table:areas") + 1]
    new = {"area_id": "AF-0999", "admin_code": "AF01", "status": "confirmed", "size_m2": 2500, "mine_types": "PMN"}
    sheet.append([new.get(cell.value) for cell in keys])
    read, problems = _read(_saved(workbook))
    assert problems == []
    areas = read.section("C").tables["areas"]
    assert areas[:2] == report.section("C").tables["areas"]
    assert areas[2] == {spec.key: None for spec in schema.form("C").table("areas").fields} | {
        "area_id": "AF-0999", "admin_code": "AF01", "status": "confirmed", "size_m2": 2500.0, "mine_types": ["PMN"]}


def test_a_row_typed_under_a_table_that_is_not_the_last_is_read_into_that_table():
    workbook = _workbook(write_workbook(_full_report()))
    sheet = _sheet(workbook, "J")
    _table_cell(sheet, "needs", "area", 3).value = "clearance"
    _table_cell(sheet, "needs", "amount", 3).value = 50000
    read, problems = _read(_saved(workbook))
    assert problems == []
    assert [row["amount"] for row in read.section("J").tables["needs"]] == [1234.5, 0.1 + 0.2, 50000.0]


def test_every_question_and_column_has_its_guidance_as_a_comment():
    workbook = _workbook(write_workbook(_full_report()))
    for form in schema.forms():
        sheet = workbook[sheet_name(form)]
        assert form.guidance in sheet["B1"].comment.text
        for spec in form.fields:
            assert spec.guidance in sheet.cell(_row(sheet, f"field:{spec.key}"), 2).comment.text
        for table in form.tables:
            for spec in table.fields:
                header = _table_cell(sheet, table.key, spec.key).offset(-1)
                assert header.value.startswith(spec.label) and spec.guidance in header.comment.text
    size = _table_cell(_sheet(workbook, "C"), "areas", "size_m2")
    assert size.offset(-1).value == "Size (m²) *"
    assert "suspected = suspected (SHA)" in _table_cell(_sheet(workbook, "C"), "areas", "status").offset(-1).comment.text


def test_a_workbook_written_in_french_reads_back_in_english(monkeypatch):
    french = {"Size": "Superficie", "Mined areas": "Zones minées",
              "The area's size in square metres at the end of the period.": "La superficie en m² en fin de période."}
    monkeypatch.setattr(i18n, "_translations", lambda language: french if language == "fr" else {})
    report = _full_report()
    with i18n.using_language("fr"):
        data = write_workbook(report)
    sheet = _workbook(data)["C Zones minées"]
    header = _table_cell(sheet, "areas", "size_m2").offset(-1)
    assert (header.value, header.comment.text) == ("Superficie (m²) *", "La superficie en m² en fin de période.\n"
                                                                       "Required when the form is reported.")
    assert _read(data) == (report, [])


def test_a_workbook_for_another_state_or_year_is_refused_at_the_cover():
    data = write_workbook(_full_report())
    cover = _workbook(data)[sheet_name(schema.form("cover"))]
    report, problems = read_workbook(data, "report.xlsx", "FRA", 2026)
    assert report is None
    assert [(p.sheet, p.row, p.column) for p in problems] == [(cover.title, _row(cover, "report:iso3"), "C"),
                                                              (cover.title, _row(cover, "report:year"), "C")]
    assert "AFG" in problems[0].reason and "2025" in problems[1].reason


def test_a_problem_line_names_file_sheet_row_and_column():
    problem = CellProblem("C Location of mined areas", 12, "F", "'abc' is not a number")
    assert problem.line("f.xlsx") == "f.xlsx:C Location of mined areas:12:F: 'abc' is not a number"


def test_a_field_added_to_the_schema_is_a_column_written_and_read(monkeypatch):
    form_c = schema.form("C")
    depth = schema.Field("depth_cm", "Depth", "int", "How deep the mines lie, in centimetres.")
    areas = dataclasses.replace(form_c.table("areas"), fields=(*form_c.table("areas").fields, depth))
    monkeypatch.setattr(schema, "FORMS", tuple(dataclasses.replace(f, tables=(areas,)) if f.key == "C" else f
                                               for f in schema.FORMS))
    report = _full_report()
    assert [row["depth_cm"] for row in report.section("C").tables["areas"]] == [7, 14]
    data = write_workbook(report)
    cell = _table_cell(_sheet(_workbook(data), "C"), "areas", "depth_cm")
    assert (cell.offset(-1).value, cell.value) == ("Depth", 7)
    assert _read(data) == (report, [])


def test_the_size_limit_is_checked_before_the_content(monkeypatch):
    monkeypatch.setattr(article7_workbook, "WORKBOOK_LIMIT", 100)
    assert "MB" in _refused(write_workbook(_full_report()))
