"""AppTest of the Article 7 reporting page: a visitor reads only published reports; a State's focal point starts a
report, fills in Forms C and J, saves, is told when someone else saved the same form meanwhile (and keeps what they
typed), checks and submits; another State's focal point sees nothing of the draft; the ISU publishes or returns it;
a workbook comes back with a preview of what it changes, or a list of its problems; a field added to the schema is
on the form page."""
from __future__ import annotations

import dataclasses
import datetime as dt
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from data_loaders.article7_workbook import write_workbook
from domain.reporting import report as report_module
from domain.reporting import schema
from domain.reporting.report import Section, empty_report
from domain.reporting.schema import Field
from store import StoreUnavailable
from store.reports import create_report, get_report, list_reports, publish_report, save_section, save_sections, submit_report
from store.sessions import start_session
from store.users import add_user
from tests.app_store import app_store
from tests.store.conftest import ADMIN, FOCAL_AFG, FOCAL_COL
from ui import auth, cached, report_forms, report_sections

PAGE = str(Path(__file__).resolve().parents[1] / "app_pages" / "reporting.py")
PASSWORD = "only for this test store"
COVER = {"period_from": "2025-01-01", "period_to": "2025-12-31", "date_of_submission": "2026-04-20",
         "contact_organisation": "Mine Action Authority"}
AREA = {"area_id": "AFG-001", "admin_code": "AF0101", "status": "confirmed", "size_m2": "12,500",
        "mine_types": "PMN-2"}


@pytest.fixture
def store(tmp_path, monkeypatch):
    with app_store(tmp_path, monkeypatch) as opened:
        add_user(opened, "fp_afg", PASSWORD, "focal_point", iso3="AFG", by="test")
        add_user(opened, "fp_col", PASSWORD, "focal_point", iso3="COL", by="test")
        add_user(opened, "ana", PASSWORD, "admin", by="test")
        yield opened


def open_page(store, username: str | None = None, **params: str) -> AppTest:
    """The page as a browser opens it (signed in through a session token, as after signing in), at `params`."""
    app = AppTest.from_file(PAGE, default_timeout=60)
    if username is not None:
        app.session_state["sign_in_token"] = start_session(store, username)
    for key, value in params.items():
        app.query_params[key] = value
    return ran(app.run())


def ran(app: AppTest) -> AppTest:
    assert not app.exception, [e.message for e in app.exception]
    return app


def texts(app: AppTest, kind: str) -> str:
    return " ".join(e.value for e in getattr(app, kind)).replace("\\", "")


def keys(app: AppTest) -> set[str]:
    return {w.key for kind in ("text_input", "text_area", "selectbox", "button", "data_editor") for w in getattr(app, kind)
            if w.key}


def complete_report(iso3: str, year: int, retained: dict | None = None):
    """A report without errors: the cover filled in, every form not applicable but C (one area) and J."""
    report = empty_report(iso3, year)
    report.sections["cover"] = Section("changed", None, dict(COVER), {})
    for key in schema.form_keys()[1:]:
        report.sections[key] = Section("not_applicable")
    report.sections["C"] = Section("changed", None, {}, {"areas": [{**AREA, "size_m2": 12500.0, "mine_types": ["PMN-2"]}]})
    report.sections["J"] = Section("changed", None, {"cleared_m2": 2000.0}, {})
    if retained is not None:
        report.sections["D"] = Section("changed", None, {}, {"retained": [retained]})
    return report


def saved_report(store, iso3: str = "AFG", year: int = 2025, **kwargs):
    stored = create_report(store, ADMIN, iso3, year)
    return save_sections(store, ADMIN, iso3, year, complete_report(iso3, year, **kwargs), stored.versions)


def submitted_report(store, iso3: str = "AFG", year: int = 2025):
    saved_report(store, iso3, year)
    return submit_report(store, ADMIN, iso3, year, {})


def go_to_form(app: AppTest, form: str) -> AppTest:
    return ran(app.segmented_control(key="form").set_value(form).run())


def edit_table(app: AppTest, form: str, table: str, added: list[dict], edited: dict | None = None) -> None:
    """Rows typed into a form's table, as the data editor sends them with the form."""
    editor = next(e for e in app.data_editor if e.key.startswith(f"a7f_{form}_t_{table}_"))
    app.session_state[editor.key] = {"edited_rows": edited or {}, "added_rows": added, "deleted_rows": []}


def frame_with(app: AppTest, column: str):
    """The table shown with this column (st.dataframe's key is not on the element AppTest reads)."""
    return next(d.value for d in app.dataframe if column in d.value.columns)


def table_value(app: AppTest, form: str, table: str):
    return next(e for e in app.data_editor if e.key.startswith(f"a7f_{form}_t_{table}_")).value


def test_a_visitor_reads_published_reports_only(store):
    submitted_report(store, "COL", 2024)
    publish_report(store, ADMIN, "COL", 2024)
    saved_report(store, "AFG", 2025)  # a draft: not for visitors
    app = open_page(store)
    listed = app.dataframe[0].value
    assert listed["State"].tolist() == ["Colombia (COL)"] and listed["Status"].tolist() == ["published"]
    assert "Afghanistan (AFG)" not in app.selectbox(key="iso3").options

    app = open_page(store, iso3="AFG", year="2025")
    assert "There is no published report of Afghanistan (AFG) for 2025." in texts(app, "info")
    assert not app.data_editor and not {k for k in keys(app) if k.startswith(("a7f_", "a7_start"))}

    app = open_page(store, iso3="COL", year="2024", form="C")
    assert "Published on" in texts(app, "success")
    areas = app.dataframe[-1].value
    assert areas["Area identifier *"].tolist() == ["AFG-001"] and areas["Size (m²) *"].tolist() == ["12500"]
    assert not app.data_editor and not {k for k in keys(app) if k.startswith("a7f_")}
    assert {b.proto.label for b in app.get("download_button")} >= {"Download: PDF", "Download: Word (DOCX)",
                                                                   "Download: JSON"}
    assert not app.file_uploader  # reading, not writing


def test_the_focal_point_starts_a_report_fills_in_forms_c_and_j_and_the_store_keeps_them(store):
    app = open_page(store, "fp_afg")
    assert app.selectbox(key="iso3").value == "AFG"
    app.number_input(key="a7_new_year").set_value(2025)
    ran(app.button(key="a7_start").click().run())
    assert "Report started" in texts(app, "success") and app.query_params["year"] == "2025"

    go_to_form(app, "C")
    assert app.query_params["form"] == "C"
    assert "One row per suspected or confirmed hazardous area." in texts(app, "caption")  # the table's guidance
    edit_table(app, "C", "areas", [AREA])
    ran(app.button(key="a7f_C_save").click().run())
    assert "Form saved." in texts(app, "success")

    go_to_form(app, "J")
    assert "People killed." in texts(app, "caption")  # guidance under each question
    app.text_input(key="a7f_J_v_killed").input("3")
    app.text_input(key="a7f_J_v_injured").input("4")
    app.text_area(key="a7f_J_v_other_matters").input("Improvised mines found in <b>two</b> districts.")
    ran(app.button(key="a7f_J_save").click().run())
    assert "Form saved." in texts(app, "success")

    report = get_report(store, FOCAL_AFG, "AFG", 2025).report
    area = report.section("C").tables["areas"][0]
    assert (area["area_id"], area["size_m2"], area["mine_types"], area["estimated_quantity"]) == (
        "AFG-001", 12500.0, ["PMN-2"], None)  # blank stays 'not reported', never 0
    values = report.section("J").values
    assert (values["killed"], values["injured"], values["casualties_total"]) == (3, 4, None)
    assert values["other_matters"] == "Improvised mines found in <b>two</b> districts."

    again = open_page(store, "fp_afg", iso3="AFG", year="2025", form="C")  # the browser closed and opened again
    assert table_value(again, "C", "areas")["size_m2"].tolist() == ["12500"]


def test_a_refused_answer_is_named_with_its_row_and_what_was_typed_stays(store):
    create_report(store, ADMIN, "AFG", 2025)
    app = open_page(store, "fp_afg", iso3="AFG", year="2025", form="C")
    edit_table(app, "C", "areas", [AREA, {**AREA, "area_id": "AFG-002", "size_m2": "about 300"}])
    ran(app.button(key="a7f_C_save").click().run())
    error = texts(app, "error")
    assert "Not saved" in error and "Mined areas, row 2, Size**: 'about 300' is not a number" in error
    assert table_value(app, "C", "areas")["size_m2"].tolist() == ["12,500", "about 300"]
    assert get_report(store, FOCAL_AFG, "AFG", 2025).report.section("C").tables.get("areas") in ([], None)


def test_a_save_overtaken_by_another_session_says_who_and_keeps_the_typed_text(store):
    create_report(store, ADMIN, "AFG", 2025)
    app = open_page(store, "fp_afg", iso3="AFG", year="2025", form="J")
    app.text_input(key="a7f_J_v_killed").input("5")
    opened = get_report(store, ADMIN, "AFG", 2025)
    save_section(store, ADMIN, "AFG", 2025, "J", Section("changed", None, {"killed": 7}, {}), opened.versions["J"])
    ran(app.button(key="a7f_J_save").click().run())
    warning = texts(app, "warning")
    assert "ana saved this form since you opened it" in warning and "nothing was lost" in warning
    assert app.text_input(key="a7f_J_v_killed").value == "5"
    assert get_report(store, FOCAL_AFG, "AFG", 2025).report.section("J").values["killed"] == 7
    changed = frame_with(app, "When you opened it").set_index("Changed")
    assert changed.loc["Killed"].tolist() == ["", "7"]

    go_to_form(app, "C")  # away and back: still there
    go_to_form(app, "J")
    assert app.text_input(key="a7f_J_v_killed").value == "5"
    ran(app.button(key="a7f_J_rebase").click().run())
    ran(app.button(key="a7f_J_save").click().run())
    assert "Form saved." in texts(app, "success")
    assert get_report(store, FOCAL_AFG, "AFG", 2025).report.section("J").values["killed"] == 5


def test_a_table_row_overtaken_by_another_session_is_kept_in_the_table(store):
    create_report(store, ADMIN, "AFG", 2025)
    app = open_page(store, "fp_afg", iso3="AFG", year="2025", form="C")
    opened = get_report(store, ADMIN, "AFG", 2025)
    theirs = {**AREA, "area_id": "ISU-9", "size_m2": 10.0, "mine_types": ["PMN"]}
    save_section(store, ADMIN, "AFG", 2025, "C", Section("changed", None, {}, {"areas": [theirs]}), opened.versions["C"])
    edit_table(app, "C", "areas", [AREA])
    ran(app.button(key="a7f_C_save").click().run())
    assert "ana saved this form since you opened it" in texts(app, "warning")
    assert table_value(app, "C", "areas")["area_id"].tolist() == ["AFG-001"]
    assert [a["area_id"] for a in get_report(store, ADMIN, "AFG", 2025).report.section("C").tables["areas"]] == ["ISU-9"]


def test_another_states_focal_point_can_neither_see_nor_change_the_draft(store):
    saved_report(store, "AFG", 2025)
    before = get_report(store, ADMIN, "AFG", 2025)
    app = open_page(store, "fp_col", iso3="AFG", year="2025", form="C")
    assert "Not allowed" in texts(app, "error") and "COL" in texts(app, "error")
    assert not app.data_editor and not app.dataframe and not {k for k in keys(app) if k.startswith("a7f_")}
    listed = open_page(store, "fp_col", iso3="AFG")
    assert "Afghanistan (AFG)" not in " ".join(listed.dataframe[0].value["State"]) if listed.dataframe else True
    assert not [b for b in listed.button if b.key == "a7_start"]
    assert [i.year for i in list_reports(store, FOCAL_COL)] == []
    assert get_report(store, ADMIN, "AFG", 2025) == before


def test_an_error_blocks_submission_until_fixed(store):
    create_report(store, ADMIN, "AFG", 2025)
    app = open_page(store, "fp_afg", iso3="AFG", year="2025")
    ran(app.button(key="a7_check").click().run())
    error = texts(app, "error")
    assert "**Cover page, Reporting period from**: required: left blank" in error
    assert app.button(key="a7_submit").disabled
    assert get_report(store, FOCAL_AFG, "AFG", 2025).info.status == "draft"


def test_a_warning_is_confirmed_with_a_comment_and_the_isu_publishes(store):
    unbalanced = {"institution": "Army", "mine_type": ["PMN"], "quantity_start": 100, "used": 10, "quantity_end": 95}
    saved_report(store, retained=unbalanced)
    app = open_page(store, "fp_afg", iso3="AFG", year="2025")
    ran(app.button(key="a7_check").click().run())
    warned = texts(app, "warning")
    assert "Form D: Mines retained or transferred, Retained mines, row 1, Held at end of period" in warned
    assert "held at end 95, but start 100 - used 10" in warned
    ran(app.button(key="a7_submit").click().run())
    assert "Not submitted" in texts(app, "error") and get_report(store, FOCAL_AFG, "AFG", 2025).info.status == "draft"

    comment = next(w for w in app.text_input if w.key.startswith("a7_confirm_D/retained/1/"))
    comment.input("5 mines were destroyed in a training accident, reported to the ISU.")
    ran(app.button(key="a7_submit").click().run())
    info = get_report(store, FOCAL_AFG, "AFG", 2025).info
    assert info.status == "submitted" and info.submitted_by == "fp_afg"
    assert [c["comment"] for c in info.confirmations.values()] == [
        "5 mines were destroyed in a training accident, reported to the ISU."]
    assert "Submitted by fp_afg" in texts(app, "warning") and not {k for k in keys(app) if k.startswith("a7f_")}
    assert [b for b in app.button if b.key == "a7_recall"] and not [b for b in app.button if b.key == "a7_publish"]

    app.date_input(key="a7_sent_on").set_value(dt.date(2026, 4, 22))
    ran(app.button(key="a7_record_sent").click().run())
    assert get_report(store, FOCAL_AFG, "AFG", 2025).info.sent_at == "2026-04-22"
    assert "sent through the official channel on 2026-04-22" in texts(app, "warning")

    isu = open_page(store, "ana")
    assert "Waiting for review (1)" in " ".join(s.value for s in isu.subheader)
    ran(isu.button(key="a7_open_AFG_2025").click().run())
    review = frame_with(isu, "Comment")
    assert review["Comment"].tolist() == ["5 mines were destroyed in a training accident, reported to the ISU."]
    ran(isu.button(key="a7_publish").click().run())
    assert "Published" in texts(isu, "success")
    assert get_report(store, None, "AFG", 2025).info.status == "published"


def test_a_report_returned_with_a_comment_shows_the_comment_and_can_be_edited_again(store):
    submitted_report(store)
    isu = open_page(store, "ana", iso3="AFG", year="2025")
    ran(isu.button(key="a7_return").click().run())
    assert "a comment is required" in texts(isu, "error")
    assert get_report(store, ADMIN, "AFG", 2025).info.status == "submitted"
    isu.text_area(key="a7_review_comment").input("Please give the *size* of area AFG-001 in m².")
    ran(isu.button(key="a7_return").click().run())
    assert "Returned" in texts(isu, "success")

    app = open_page(store, "fp_afg", iso3="AFG", year="2025")
    returned = texts(app, "error")
    assert "Returned by the ISU with this comment" in returned and "Please give the *size* of area AFG-001" in returned
    assert [b for b in app.button if b.key == "a7f_cover_save"]


def test_a_report_started_from_last_years_shows_it_unchanged_and_an_edit_marks_it_changed(store):
    submitted_report(store, "AFG", 2024)
    publish_report(store, ADMIN, "AFG", 2024)
    app = open_page(store, "fp_afg")
    app.number_input(key="a7_new_year").set_value(2025)
    app.radio(key="a7_new_from").set_value("previous")
    ran(app.button(key="a7_start").click().run())
    go_to_form(app, "C")
    assert "Unchanged since 2024: last year's content" in texts(app, "info")
    assert table_value(app, "C", "areas")["area_id"].tolist() == ["AFG-001"]
    edit_table(app, "C", "areas", [], edited={0: {"size_m2": "9000"}})
    ran(app.button(key="a7f_C_save").click().run())
    assert "now marked changed" in texts(app, "success")
    section = get_report(store, FOCAL_AFG, "AFG", 2025).report.section("C")
    assert (section.status, section.tables["areas"][0]["size_m2"]) == ("changed", 9000.0)


def upload(app: AppTest, name: str, data: bytes) -> AppTest:
    app.file_uploader[0].set_value((name, data, "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"))
    return ran(app.run())


def test_a_workbook_uploaded_is_previewed_then_applied(store):
    create_report(store, ADMIN, "AFG", 2025)
    app = open_page(store, "fp_afg", iso3="AFG", year="2025")
    filled = complete_report("AFG", 2025)
    upload(app, "afg-2025.xlsx", write_workbook(filled))
    changes = frame_with(app, "In the workbook")
    assert ("Mined areas, row 1: added" in changes["What"].tolist()
            and "Contact: organisation *" in changes["What"].tolist())
    assert get_report(store, FOCAL_AFG, "AFG", 2025).report.section("C").tables.get("areas") in ([], None)  # not yet
    ran(app.button(key="a7_apply").click().run())
    assert "The workbook's answers are saved." in texts(app, "success")
    report = get_report(store, FOCAL_AFG, "AFG", 2025).report
    assert report.section("C").tables["areas"][0]["area_id"] == "AFG-001"
    assert report.section("cover").values["contact_organisation"] == "Mine Action Authority"
    go_to_form(app, "C")
    assert table_value(app, "C", "areas")["area_id"].tolist() == ["AFG-001"]


def test_a_bad_workbook_lists_its_problems_and_writes_nothing(store):
    create_report(store, ADMIN, "AFG", 2025)
    before = get_report(store, ADMIN, "AFG", 2025)
    app = open_page(store, "fp_afg", iso3="AFG", year="2025")
    upload(app, "notes.xlsx", b"these are notes, not a workbook")
    error = texts(app, "error")
    assert "The workbook was refused: nothing was changed" in error and "is not an .xlsx workbook" in error
    assert not [b for b in app.button if b.key == "a7_apply"]

    wrong = complete_report("AFG", 2025)
    wrong.sections["C"].tables["areas"][0]["estimated_quantity"] = "many"
    upload(app, "afg.xlsx", write_workbook(wrong))
    assert " row " in texts(app, "error") and " column " in texts(app, "error") and "many" in texts(app, "error")
    assert get_report(store, ADMIN, "AFG", 2025) == before


def test_a_field_added_to_the_schema_is_on_the_form_page(store, monkeypatch):
    forms = list(schema.FORMS)
    c = next(i for i, f in enumerate(forms) if f.key == "C")
    j = next(i for i, f in enumerate(forms) if f.key == "J")
    areas = forms[c].tables[0]
    clearance = Field("cleared_by", "Cleared by", "str", "The operator who cleared it.")
    forms[c] = dataclasses.replace(forms[c], tables=(dataclasses.replace(areas, fields=(*areas.fields, clearance)),))
    forms[j] = dataclasses.replace(forms[j], fields=(*forms[j].fields, Field(
        "women_deminers", "Women deminers", "int", "How many deminers are women.")))
    monkeypatch.setattr(schema, "FORMS", tuple(forms))
    create_report(store, ADMIN, "AFG", 2025)
    app = open_page(store, "fp_afg", iso3="AFG", year="2025", form="C")
    assert "cleared_by" in table_value(app, "C", "areas").columns
    go_to_form(app, "J")
    assert app.text_input(key="a7f_J_v_women_deminers").label == "Women deminers"
    assert "How many deminers are women." in texts(app, "caption")
    app.text_input(key="a7f_J_v_women_deminers").input("12")
    ran(app.button(key="a7f_J_save").click().run())
    assert get_report(store, FOCAL_AFG, "AFG", 2025).report.section("J").values["women_deminers"] == 12



def unreachable(*_args, **_kwargs):
    raise StoreUnavailable()


def test_while_the_database_is_away_the_page_says_so_and_keeps_what_was_typed(store, monkeypatch):
    create_report(store, ADMIN, "AFG", 2025)
    app = open_page(store, "fp_afg", iso3="AFG", year="2025", form="J")
    app.text_input(key="a7f_J_v_killed").input("5")
    with monkeypatch.context() as away:
        for module in (cached, auth, report_forms, report_sections):
            away.setattr(module, "cached_store", unreachable)
        ran(app.button(key="a7f_J_save").click().run())
        assert "cannot be reached" in texts(app, "warning") and "Could not be saved" in texts(app, "error")
        assert app.text_input(key="a7f_J_v_killed").value == "5"
        visitor = open_page(store)
        assert "cannot be reached" in texts(visitor, "warning")
    ran(app.button(key="a7f_J_save").click().run())
    assert "Form saved." in texts(app, "success")
    assert get_report(store, FOCAL_AFG, "AFG", 2025).report.section("J").values["killed"] == 5


def test_a_submitted_report_is_recalled_as_a_draft(store):
    submitted_report(store)
    app = open_page(store, "fp_afg", iso3="AFG", year="2025")
    assert "locked" in texts(app, "warning")
    ran(app.button(key="a7_recall").click().run())
    assert "Recalled" in texts(app, "success") and [b for b in app.button if b.key == "a7f_cover_save"]
    assert get_report(store, FOCAL_AFG, "AFG", 2025).info.status == "draft"


def test_the_isu_enters_a_report_from_a_states_document_and_it_says_so(store):
    app = open_page(store, "ana", iso3="AFG")
    app.number_input(key="a7_new_year").set_value(2025)
    app.checkbox(key="a7_new_isu").check()
    ran(app.run())
    app.text_input(key="a7_new_dated").input("2026-03-02")
    ran(app.button(key="a7_start").click().run())
    info = get_report(store, ADMIN, "AFG", 2025).info
    assert (info.entered_by_isu, info.source_document_date) == (True, "2026-03-02")
    assert "entered by the ISU from the report dated 2026-03-02" in texts(app, "info")
    focal = open_page(store, "fp_afg")
    assert focal.dataframe[0].value["Source"].tolist() == ["entered by the ISU from the report dated 2026-03-02"]


def many_areas(count: int) -> list[dict]:
    return [{"area_id": f"AFG-{n:03d}", "admin_code": "AF0101", "status": "confirmed", "size_m2": 1000.0 + n,
             "mine_types": ["PMN-2"]} for n in range(1, count + 1)]


def stored_areas(store, count: int) -> None:
    stored = create_report(store, ADMIN, "AFG", 2025)
    save_section(store, ADMIN, "AFG", 2025, "C", Section("changed", None, {}, {"areas": many_areas(count)}),
                 stored.versions["C"])


def test_saving_one_cell_of_a_big_table_reads_that_row_only(store, monkeypatch):
    stored_areas(store, 40)
    app = open_page(store, "fp_afg", iso3="AFG", year="2025", form="C")
    read = []
    real = report_module.parse_value
    monkeypatch.setattr(report_module, "parse_value", lambda spec, raw: read.append((spec.key, raw)) or real(spec, raw))
    edit_table(app, "C", "areas", [], edited={4: {"size_m2": "12,500"}})
    ran(app.button(key="a7f_C_save").click().run())
    assert "Form saved." in texts(app, "success")
    assert {raw for key, raw in read if key == "area_id"} == {"AFG-005"}  # by the page, then by the store
    areas = get_report(store, ADMIN, "AFG", 2025).report.section("C").tables["areas"]
    assert areas == [{**row, "size_m2": 12500.0} if row["area_id"] == "AFG-005" else row
                     for row in (report_module.read_section(schema.form("C"), "changed", None, {},
                                                            {"areas": many_areas(40)})[0].tables["areas"])]
    shown = table_value(app, "C", "areas")["size_m2"].tolist()  # the editor shows what is stored
    assert shown == [str(1000 + n) for n in range(1, 5)] + ["12500"] + [str(1000 + n) for n in range(6, 41)]


def test_rows_deleted_added_and_edited_at_once_are_kept_through_a_refusal_then_saved(store):
    stored_areas(store, 5)
    app = open_page(store, "fp_afg", iso3="AFG", year="2025", form="C")
    edit_table(app, "C", "areas", [{"area_id": "AFG-100", "status": "suspected", "size_m2": "about 300"}],
               edited={3: {"admin_code": "AF0999"}})
    editor = next(e for e in app.data_editor if e.key.startswith("a7f_C_t_areas_"))
    app.session_state[editor.key] = {**app.session_state[editor.key], "deleted_rows": [0, 2]}
    ran(app.button(key="a7f_C_save").click().run())
    assert "Mined areas, row 4, Size**: 'about 300' is not a number" in texts(app, "error")
    typed = table_value(app, "C", "areas")
    assert typed["area_id"].tolist() == ["AFG-002", "AFG-004", "AFG-005", "AFG-100"]
    assert typed["admin_code"].tolist()[1] == "AF0999" and typed["size_m2"].tolist()[3] == "about 300"
    assert len(get_report(store, ADMIN, "AFG", 2025).report.section("C").tables["areas"]) == 5  # nothing written
    edit_table(app, "C", "areas", [], edited={3: {"size_m2": "300"}})
    ran(app.button(key="a7f_C_save").click().run())
    assert "Form saved." in texts(app, "success")
    areas = get_report(store, ADMIN, "AFG", 2025).report.section("C").tables["areas"]
    assert [(a["area_id"], a["admin_code"], a["size_m2"]) for a in areas] == [
        ("AFG-002", "AF0101", 1002.0), ("AFG-004", "AF0999", 1004.0), ("AFG-005", "AF0101", 1005.0),
        ("AFG-100", None, 300.0)]
    assert table_value(app, "C", "areas")["size_m2"].tolist() == ["1002", "1004", "1005", "300"]


def test_a_row_someone_else_changed_is_named_by_table_and_number(store):
    stored_areas(store, 3)
    app = open_page(store, "fp_afg", iso3="AFG", year="2025", form="C")
    opened = get_report(store, ADMIN, "AFG", 2025)
    theirs = [dict(row) for row in opened.report.section("C").tables["areas"]]
    theirs[1]["size_m2"] = 7.0
    save_section(store, ADMIN, "AFG", 2025, "C", Section("changed", None, {}, {"areas": theirs}), opened.versions["C"])
    edit_table(app, "C", "areas", [], edited={0: {"size_m2": "9"}})
    ran(app.button(key="a7f_C_save").click().run())
    assert "ana saved this form since you opened it" in texts(app, "warning")
    changed = frame_with(app, "When you opened it").set_index("Changed")
    assert changed.index.tolist() == ["Mined areas, row 2"]
    assert changed.loc["Mined areas, row 2"].tolist() == ["Size (m²) *: 1002", "Size (m²) *: 7"]
    assert table_value(app, "C", "areas")["size_m2"].tolist() == ["9", "1002", "1003"]  # what was typed, kept


def test_a_focal_points_link_names_its_state_so_others_open_the_same_report(store):
    create_report(store, FOCAL_AFG, "AFG", 2025)
    app = open_page(store, "fp_afg", year="2025", form="C")  # opened without iso3: its own State by default
    assert (app.query_params["iso3"], app.query_params["year"], app.query_params["form"]) == ("AFG", "2025", "C")
    visitor = open_page(store, None)
    assert "iso3" not in visitor.query_params  # no State chosen: none named
