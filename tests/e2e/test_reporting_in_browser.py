"""Issue 14's Done-means in Chromium at 1280x720: Bosnia and Herzegovina's focal point starts the 2026 Article 7
report from the 2025 one (published by the ISU, entered from the State's document), changes an area's size in
Form C and the casualties in Form J, closes the browser with a change unsaved, and finds the saved draft intact in a
new one; the check blocks on an error (killed + injured larger than the total) until it is fixed, and a warning (ten
times last year's casualties) is confirmed with a comment; the report is submitted; the ISU publishes it; a reader
then sees the new mined-area figure with its Article 7 source, and the compiled figure beside it, on the overview
and on the State Party page, in English and in French. No request leaves the machine; screenshots go to
tests/artifacts/reporting_*.png."""
from __future__ import annotations

import datetime as dt
import re
import secrets
import subprocess
import sys

import pytest
from playwright.sync_api import expect

from tests.e2e.conftest import ROOT, OfflinePage

FOCAL = "e2e-focal-bih"
ROW_HEIGHT, HEADER_HEIGHT = 35, 36  # st.data_editor's rows and header, in CSS pixels
# The 2025 report as the ISU entered it from Bosnia and Herzegovina's document: two areas (810 km² in all),
# three casualties; every other form not applicable.
SEED_2025 = """
from domain.reporting import schema
from domain.reporting.report import Section, empty_report
from store import Actor, open_store
from store.reports import create_report, publish_report, submit_report

isu = Actor("e2e-isu", "admin")
report = empty_report("BIH", 2025)
report.sections["cover"] = Section("changed", None, {"period_from": "2025-01-01", "period_to": "2025-12-31",
    "date_of_submission": "2026-04-28", "contact_organisation": "BHMAC"}, {})
for key in schema.form_keys()[1:]:
    report.sections[key] = Section("not_applicable")
report.sections["C"] = Section("changed", None, {}, {"areas": [
    {"area_id": "BIH-SHA-001", "admin_area": "Sarajevo Canton", "admin_code": "BA09", "status": "suspected",
     "size_m2": 500000000.0, "mine_types": ["PMA-2"]},
    {"area_id": "BIH-CHA-002", "admin_area": "Herzegovina-Neretva", "admin_code": "BA07", "status": "confirmed",
     "size_m2": 310000000.0, "mine_types": ["PROM-1", "PMA-3"]}]})
report.sections["J"] = Section("changed", None, {"cleared_m2": 1200000.0, "casualties_total": 3, "killed": 1,
                                                 "injured": 2}, {})
store = open_store()
create_report(store, isu, "BIH", 2025, content=report, entered_from_document_dated="2026-04-28")
submit_report(store, isu, "BIH", 2025, {})
publish_report(store, isu, "BIH", 2025)
"""


@pytest.fixture(scope="module")
def focal_credentials(store_env) -> tuple[str, str]:
    """Bosnia and Herzegovina's focal point in the server's store, and the 2025 report published."""
    password = secrets.token_urlsafe(18)
    subprocess.run([sys.executable, "-m", "store", "users", "add", FOCAL, "--role", "focal_point", "--iso3", "BIH",
                    "--password-stdin"], input=password + "\n", text=True, env=store_env, cwd=ROOT, check=True,
                   capture_output=True)
    subprocess.run([sys.executable, "-c", SEED_2025], env=store_env, cwd=ROOT, check=True, capture_output=True)
    return FOCAL, password


@pytest.fixture
def people(browser, server_url, focal_credentials, server_log):
    """Pages opened by the test, each in its own browser context; checked for outside requests and JS errors."""
    opened: list[OfflinePage] = []

    def open_one() -> OfflinePage:
        opened.append(OfflinePage(browser, server_url))
        return opened[-1]

    yield open_one
    for page in opened:
        if not page.page.is_closed():
            page.page.close()
        assert page.outside == [], f"requests left the machine: {page.outside}"
        assert page.errors == [], f"JavaScript errors: {page.errors}"
    assert "Traceback" not in server_log.read_text(), server_log.read_text()


def _shot(person: OfflinePage, name: str, show, block: str = "start") -> None:
    show.evaluate("(element, block) => element.scrollIntoView({block})", block)
    person.page.wait_for_timeout(400)
    person.screenshot(f"reporting_{name}")


def _form(person: OfflinePage, key: str) -> None:
    # st.segmented_control: its options are radio buttons
    person.page.get_by_test_id("stButtonGroup").get_by_role("radio", name=key, exact=True).click()
    person.wait_until_drawn()


def _box(person: OfflinePage, label: str):
    """A question's text box by its label, whatever its unit and required mark ("Land cleared (m²)")."""
    return person.page.get_by_role("textbox", name=re.compile(rf"^{re.escape(label)}( \(.+\))?( \*)?$"))


def _answer(person: OfflinePage, label: str, value: str) -> None:
    box = _box(person, label)
    box.fill(value)
    box.press("Tab")


def _save(person: OfflinePage) -> None:
    person.page.get_by_role("button", name="Save this form").click()
    person.wait_until_drawn()
    expect(person.page.get_by_text("Form saved.")).to_be_visible(timeout=30_000)


def _edit_cell(person: OfflinePage, grid, row: int, column: int, text: str) -> None:
    """A data editor's cell (drawn on a canvas): click the row's first cell, move right, open the cell's editor with
    Enter, wait for it, fill it, Enter; then the grid holds the text."""
    page = person.page
    grid.evaluate("element => element.scrollIntoView({block: 'center'})")
    page.wait_for_timeout(300)
    box = grid.locator("canvas").first.bounding_box()
    page.mouse.click(box["x"] + 40, box["y"] + HEADER_HEIGHT + ROW_HEIGHT * row + ROW_HEIGHT / 2)
    for _ in range(column):
        page.keyboard.press("ArrowRight")
    page.keyboard.press("Enter")
    editor = page.locator("textarea.gdg-input")
    editor.wait_for(timeout=10_000)
    editor.fill(text)
    page.keyboard.press("Enter")
    expect(grid.get_by_role("gridcell", name=text, exact=True, include_hidden=True)).to_be_attached()


def _sign_in_at(person: OfflinePage, path: str, credentials: tuple[str, str]):
    page = person.open(path)
    person.sign_in(*credentials)
    return page


def test_a_focal_point_reports_the_isu_publishes_and_readers_see_the_article7_figure(people, focal_credentials,
                                                                                     admin_credentials):
    # --- Bosnia and Herzegovina's focal point starts 2026 from 2025.
    focal = people()
    page = _sign_in_at(focal, "/reporting?iso3=BIH", focal_credentials)
    page.get_by_text("from the 2025 report", exact=True).click()
    focal.wait_until_drawn()
    page.get_by_role("button", name="Start the 2026 report").click()
    focal.wait_until_drawn()
    expect(page.get_by_text("Report started: fill in each form and save it; the draft is kept between visits.")
           ).to_be_visible(timeout=30_000)

    # The cover: last year's contact is kept; the date of submission is this year's to give.
    _answer(focal, "Date of submission", dt.date.today().isoformat())
    _save(focal)

    # Form C: last year's areas, labelled; the confirmed area is now 300 km² (810 -> 800 km² in all).
    _form(focal, "C")
    expect(page.get_by_text("Unchanged since 2025: last year's content.", exact=False)).to_be_visible()
    areas = page.get_by_test_id("stDataFrame").filter(visible=True).first
    expect(areas.get_by_role("gridcell", name="BIH-CHA-002", exact=True, include_hidden=True)).to_be_attached()
    _edit_cell(focal, areas, 1, 4, "300000000")
    _shot(focal, "1_form_c", page.get_by_role("heading", name="Form C: Location of mined areas"))
    _save(focal)
    expect(page.get_by_role("radio", name="changed", exact=True)).to_be_checked()

    # Form J: casualties typed wrong (killed + injured = 45 > 40), saved as a draft.
    _form(focal, "J")
    _answer(focal, "Casualties in the period", "40")
    _answer(focal, "Killed", "30")
    _answer(focal, "Injured", "15")
    _save(focal)
    _answer(focal, "Land cleared", "999")  # typed, never saved: the browser closes now
    focal.page.context.close()

    # --- A new browser: the saved draft is intact.
    focal = people()
    page = _sign_in_at(focal, "/reporting?iso3=BIH&year=2026&form=J", focal_credentials)
    expect(_box(focal, "Killed")).to_have_value("30")
    expect(_box(focal, "Land cleared")).to_have_value("1200000")
    _form(focal, "C")
    areas = page.get_by_test_id("stDataFrame").filter(visible=True).first
    expect(areas.get_by_role("gridcell", name="300000000", exact=True, include_hidden=True)).to_be_attached()

    # The check: an error blocks, a warning waits for its comment.
    page.get_by_role("button", name="Check the report").click()
    focal.wait_until_drawn()
    expect(page.get_by_text("Errors: 1. Fix them in their forms before submitting.", exact=False)).to_be_visible()
    expect(page.get_by_text("Killed + Injured = 45 is larger than Casualties in the period = 40", exact=False)
           ).to_be_visible()
    expect(page.get_by_role("button", name="Submit the report")).to_be_disabled()
    _shot(focal, "2_check_error", page.get_by_role("heading", name="Check and submit"))

    _form(focal, "J")
    _answer(focal, "Injured", "10")
    _save(focal)
    page.get_by_role("button", name="Check the report").click()
    focal.wait_until_drawn()
    expect(page.get_by_text("Errors:", exact=False)).to_have_count(0)
    comment = page.get_by_role("textbox", name="Your comment confirming it (required to submit)")
    expect(comment).to_have_count(1)
    expect(page.get_by_text(re.compile(r"40.*3|3.*40"), exact=False).first).to_be_visible()  # both figures shown
    comment.fill("A mine accident in Doboj in May killed 30 people; national database checked.")
    comment.press("Tab")
    focal.wait_until_drawn()
    _shot(focal, "3_check_warning", comment, "center")
    page.get_by_role("button", name="Submit the report").click()
    focal.wait_until_drawn()
    expect(page.get_by_text("Submitted: the report is locked", exact=False)).to_be_visible(timeout=30_000)
    _shot(focal, "4_submitted", page.get_by_role("heading", name="Article 7 reports"))

    # --- The ISU publishes.
    isu = people()
    page = _sign_in_at(isu, "/reporting", admin_credentials)
    page.locator(".st-key-a7_open_BIH_2026").get_by_role("button").click()
    isu.wait_until_drawn()
    expect(page.get_by_text("A mine accident in Doboj", exact=False).first).to_be_attached()
    page.get_by_role("button", name="Publish").click()
    isu.wait_until_drawn()
    expect(page.get_by_text("Published: the report is public.")).to_be_visible(timeout=30_000)

    # --- Readers: the overview and the State Party page, in English and French.
    for language, article7, compiled in (
            ("en", "Article 7 report 2026 (Bosnia and Herzegovina), published", "838.29"),
            ("fr", "Rapport article 7 2026 (Bosnie-Herzégovine), publié", "838,29")):
        reader = people()
        page = reader.open(f"/?region=Europe&lang={language}")
        row = page.locator(".mbc-table .mbc-tr").filter(has=page.locator('[data-iso3="BIH"]'))
        expect(row).to_have_count(1)
        expect(row).to_contain_text("800")
        expect(row).to_contain_text(article7)
        expect(row).to_contain_text(compiled)
        _shot(reader, f"5_overview_{language}", row, "center")

        page = reader.open(f"/country?iso3=BIH&lang={language}")
        main = page.get_by_test_id("stMain")
        figure = main.get_by_text(re.compile(r"^800 km²$"))
        expect(figure).to_be_visible(timeout=30_000)
        expect(main.get_by_text(article7, exact=False).first).to_be_visible(timeout=30_000)
        expect(main.get_by_text(re.compile(rf"^{compiled} km²$"))).to_be_visible(timeout=30_000)
        _shot(reader, f"6_country_{language}", figure, "center")
