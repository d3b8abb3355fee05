"""Issue 15's Done-means in Chromium at 1280x720, three people in three browser contexts on one server:
Serbia's focal point hides the Maps section, moves Partnerships up, writes a national context with a link, a
<script> tag and an <img onerror> (shown as text, nothing runs), plans an IA follow-up meeting with a PDF and
submits the page; the ISU (an admin) sees the diff and publishes the page and the event; a reader (not signed in)
sees the new order, the text, the timeline (the planned follow-up and the seeded 2018 meeting with its source)
and the PDF's download, and the follow-up on /meetings. No request leaves the machine; screenshots go to
tests/artifacts/state_page_*.png."""
from __future__ import annotations

import re
import secrets
import subprocess
import sys

import pytest
from playwright.sync_api import expect

from tests.e2e.conftest import ROOT, OfflinePage

FOCAL = "e2e-focal-srb"
TEXT = ('Mines block farmland in the south. See [SMAC](https://www.czrs.gov.rs) <script>window.pwned=1</script> '
        '<img src=x onerror="window.pwned=2">')
SHOWN_TEXT = ('Mines block farmland in the south. See SMAC <script>window.pwned=1</script> '
              '<img src=x onerror="window.pwned=2">')  # as the reader's page shows it: the link is a link
SUMMARY = "Follow-up of Serbia's Individualised Approach: progress since 2018 and the survey of the south."
FILENAME = "srb-ia-follow-up-2027.pdf"
# Partnerships given position 3 goes before Needs; Maps hidden; the other sections keep their order.
SHOWN_ORDER = ["1. National context", "2. Status of implementation (Article 5)", "3. Partnerships",
               "4. Needs and challenges", "5. Individualised Approach", "6. Contacts", "7. Additional resources"]
ROW_HEIGHT, HEADER_HEIGHT = 35, 36  # st.data_editor's rows and header, in CSS pixels


def minimal_pdf() -> bytes:
    """A one-page PDF with a line of text, its cross-reference table at the right offsets."""
    stream = b"BT /F1 18 Tf 72 720 Td (Serbia: IA follow-up, June 2027) Tj ET"
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R "
        b"/Resources << /Font << /F1 5 0 R >> >> >>",
        b"<< /Length %d >>\nstream\n%s\nendstream" % (len(stream), stream),
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    ]
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n%s\nendobj\n" % (number, body)
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref)
    return bytes(out)


@pytest.fixture(scope="module")
def focal_credentials(store_env) -> tuple[str, str]:
    """Serbia's focal point in the server's store (Serbia has IA history in the seed)."""
    password = secrets.token_urlsafe(18)
    subprocess.run([sys.executable, "-m", "store", "users", "add", FOCAL, "--role", "focal_point", "--iso3", "SRB",
                    "--password-stdin"], input=password + "\n", text=True, env=store_env, cwd=ROOT, check=True,
                   capture_output=True)
    return FOCAL, password


@pytest.fixture
def people(browser, server_url, focal_credentials, server_log):
    """The focal point, the ISU and a reader: three pages, each in its own browser context."""
    opened = [OfflinePage(browser, server_url) for _ in range(3)]
    yield opened
    for page in opened:
        page.page.close()
    for page in opened:
        assert page.outside == [], f"requests left the machine: {page.outside}"
        assert page.errors == [], f"JavaScript errors: {page.errors}"
    assert "Traceback" not in server_log.read_text(), server_log.read_text()


def _shot(offline_page: OfflinePage, name: str, show, block: str = "start") -> None:
    """A 1280x720 screenshot with `show` scrolled to the window's start (or centre or end)."""
    show.evaluate("(element, block) => element.scrollIntoView({block})", block)
    offline_page.page.wait_for_timeout(400)
    offline_page.screenshot(f"state_page_{name}")


def _choose(page, scope, label: str, option: str) -> None:
    # By its whole label: "Event" is not "Event to edit".
    box = scope.get_by_test_id("stSelectbox").filter(has=page.get_by_test_id("stWidgetLabel").get_by_text(
        label, exact=True))
    box.evaluate("element => element.scrollIntoView({block: 'center'})")  # a list at the window's bottom edge stays shut
    box.click()
    page.get_by_role("option", name=option, exact=True).click()


def _edit_cell(page, grid, row: int, column: int, keys: str) -> None:
    """A data editor's cell (it draws on a canvas): click the row's first cell, move right, then type or press."""
    grid.evaluate("element => element.scrollIntoView({block: 'center'})")
    page.wait_for_timeout(300)
    box = grid.locator("canvas").first.bounding_box()
    page.mouse.click(box["x"] + 40, box["y"] + HEADER_HEIGHT + ROW_HEIGHT * row + ROW_HEIGHT / 2)
    for _ in range(column):
        page.keyboard.press("ArrowRight")
    if keys == "Space":
        page.keyboard.press("Space")  # a checkbox cell toggles
    else:
        page.keyboard.type(keys)  # a number cell opens its editor with what is typed
        page.wait_for_timeout(300)  # Enter before the editor has opened would be lost
        page.keyboard.press("Enter")
    page.wait_for_timeout(600)  # the edit reruns the page: wait for that run to end
    page.wait_for_selector('[data-testid="stApp"][data-test-script-state="notRunning"]', timeout=60_000)
    page.wait_for_timeout(300)


def _cells(grid) -> list[str]:
    return grid.get_by_role("gridcell", include_hidden=True).all_inner_texts()


def test_a_focal_point_edits_the_isu_publishes_and_a_reader_sees_the_states_page(people, focal_credentials,
                                                                                    admin_credentials):
    focal, isu, reader = people
    pdf = minimal_pdf()

    # --- Serbia's focal point: sections, the national context, save.
    page = focal.open("/state-page")
    focal.sign_in(*focal_credentials)
    expect(page.get_by_role("heading", name="My State's page")).to_be_visible()
    expect(page.get_by_text("Serbia (SRB)", exact=False).first).to_be_visible()
    sections = page.get_by_test_id("stDataFrame").first
    expect(sections.get_by_role("gridcell", name="Partnerships", exact=True, include_hidden=True)).to_be_attached()
    assert _cells(sections)[9:12] == ["Maps", "true", "4"] and _cells(sections)[15:18] == ["Partnerships", "true", "6"]
    _edit_cell(page, sections, 3, 1, "Space")  # Maps: not shown
    _edit_cell(page, sections, 5, 2, "3")  # Partnerships: position 3, before Needs
    focal.wait_until_drawn()
    expect(sections.get_by_test_id("glide-cell-1-3")).to_have_text("false")  # the grid's cells, for screen readers
    expect(sections.get_by_test_id("glide-cell-2-5")).to_have_text("3")

    impact = page.get_by_role("textbox", name="Socio-economic impact")
    impact.fill(TEXT)
    impact.press("Control+Enter")  # the text area's value goes to the server (as leaving it does)
    focal.wait_until_drawn()
    preview = page.get_by_test_id("stExpander").filter(has_text="Preview: Socio-economic impact")
    preview.get_by_text("Preview: Socio-economic impact").click()
    expect(preview.get_by_text("<script>window.pwned=1</script>", exact=False)).to_be_visible()
    _shot(focal, "1_editor_sections", page.get_by_role("heading", name="1. Sections: shown or hidden, and their order"))
    _shot(focal, "2_editor_text_preview", impact, "center")
    page.get_by_role("button", name="Save draft").click()
    focal.wait_until_drawn()
    expect(page.get_by_text(re.compile(r"^Draft saved \(version \d+\)\.$"))).to_be_visible(timeout=30_000)

    # --- The IA platform: plan a follow-up meeting, add its PDF.
    page.get_by_role("tab", name="Individualised Approach platform").click()
    form = page.get_by_test_id("stForm").filter(has=page.get_by_role("button", name="Add event"))
    _choose(page, form, "Kind", "Follow-up meeting")
    form.get_by_role("textbox", name="Date").fill("2027-06")
    form.get_by_role("radio", name="planned").check()
    form.get_by_role("textbox", name="Venue").fill("Geneva")
    form.get_by_role("textbox", name="Summary").fill(SUMMARY)
    form.get_by_role("button", name="Add event").click()
    focal.wait_until_drawn()
    added = page.get_by_text(re.compile(r"^Event \d+ added\. It is listed publicly once the ISU publishes it\.$"))
    expect(added).to_be_visible(timeout=30_000)
    event_id = int(re.search(r"\d+", added.inner_text()).group())

    _choose(page, page, "Event", "2027-06 · Follow-up meeting · Geneva")
    focal.wait_until_drawn()
    page.get_by_test_id("stFileUploaderDropzoneInput").set_input_files(
        files=[{"name": FILENAME, "mimeType": "application/pdf", "buffer": pdf}])
    expect(page.get_by_test_id("stFileChipName")).to_have_attribute("title", FILENAME, timeout=30_000)
    focal.wait_until_drawn()
    page.get_by_role("button", name="Add document").click()
    focal.wait_until_drawn()
    stored = page.get_by_text(f"{FILENAME} added ({len(pdf)} bytes, sha256 ", exact=False)
    expect(stored).to_be_visible(timeout=30_000)
    # The platform's table (a canvas; its cells in the page only for the columns drawn): the seeded 2018 meeting
    # and the planned follow-up.
    events = page.get_by_test_id("stDataFrame").filter(visible=True).first
    for cell in ("2018-06", "Committee meeting", "2027-06", "Follow-up meeting", "planned", "Geneva"):
        expect(events.get_by_role("gridcell", name=cell, exact=True, include_hidden=True)).to_be_attached()
    _shot(focal, "3_editor_ia_platform", stored, "center")

    # --- Submit the page for review.
    page.get_by_role("tab", name="Page content").click()
    page.get_by_role("button", name="Submit for review").click()
    focal.wait_until_drawn()
    expect(page.get_by_text(re.compile(r"^Submitted for review \(version \d+\): the ISU has it\.$"))).to_be_visible(
        timeout=30_000)
    expect(page.get_by_text(re.compile(r"^Version \d+ was submitted for review by e2e-focal-srb"))).to_be_visible()
    _shot(focal, "4_editor_submitted", page.get_by_role("tab", name="Page content"), "center")

    # --- The ISU: the diff side by side, publish the page and the event.
    page = isu.open("/review")
    isu.sign_in(*admin_credentials)
    expect(page.get_by_role("heading", name="1. Pages waiting for review (1)")).to_be_visible(timeout=30_000)
    expect(page.get_by_text("Serbia (SRB), version", exact=False)).to_be_visible()
    diff = page.get_by_test_id("stDataFrame").first
    expect(diff.get_by_role("gridcell", name="Order of the sections", exact=True, include_hidden=True)).to_be_attached()
    assert diff.get_by_role("columnheader", include_hidden=True).all_inner_texts() == ["Field", "Published", "Proposed"]
    # Nothing published yet: each field's Published side is empty, its Proposed side what the focal point saved.
    rows = {cells[0]: cells[1:] for cells in (row.get_by_role("gridcell", include_hidden=True).all_inner_texts()
                                              for row in diff.get_by_role("row", include_hidden=True).all())
            if cells}
    assert rows["Order of the sections"] == [
        "", "National context, Status of implementation, Partnerships, Needs and challenges, Maps, "
            "Individualised Approach, Contacts, Additional resources"]
    assert rows["Sections hidden"] == ["", "Maps"]
    assert rows["Socio-economic impact"] == ["", f"[en] {TEXT}"]
    _shot(isu, "5_review_diff", page.get_by_role("heading", name="1. Pages waiting for review (1)"))
    # The page's Publish button (keyed by its State and version), then the event's (by its id).
    page.locator('[class*="st-key-review_comment_SRB_"][class*="_publish"]').get_by_role("button").click()
    isu.wait_until_drawn()
    expect(page.get_by_text("Published: Serbia (SRB) now shows this version.")).to_be_visible(timeout=30_000)
    expect(page.get_by_text("No page is waiting for review.")).to_be_visible()
    expect(page.get_by_text(f"Serbia (SRB): event {event_id}")).to_be_visible()
    event_table = page.get_by_test_id("stDataFrame").filter(visible=True).first
    event_table.evaluate("element => element.scrollIntoView({block: 'center'})")  # the grid draws once in view
    for cell in ("Follow-up meeting", "2027-06", "Geneva", "planned", SUMMARY, FILENAME):
        expect(event_table.get_by_role("gridcell", name=cell, exact=True, include_hidden=True)).to_be_attached()
    page.locator(f".st-key-review_event_comment_{event_id}_publish").get_by_role("button").click()
    isu.wait_until_drawn()
    expect(page.get_by_text(f"Published: Serbia (SRB)'s event {event_id} is listed on the State's page and on "
                            "Meetings.")).to_be_visible(timeout=30_000)
    expect(page.get_by_text("No event is waiting for review.")).to_be_visible()

    # --- A reader, not signed in: the published page.
    page = reader.open("/country?iso3=SRB")
    expect(page.get_by_role("heading", name="Serbia", exact=True)).to_be_visible()
    main = page.get_by_test_id("stMain")
    headings = main.get_by_role("heading", level=2)
    assert [re.sub(r"\s+", " ", h).strip() for h in headings.all_inner_texts()] == SHOWN_ORDER
    tops = [headings.nth(i).bounding_box()["y"] for i in range(headings.count())]
    assert tops == sorted(tops), tops  # drawn in that order down the page
    assert main.get_by_role("heading", name=re.compile(r"Maps")).count() == 0

    context = main.get_by_test_id("stMarkdownContainer").filter(has_text="Mines block farmland in the south.")
    expect(context).to_have_count(1)
    assert re.sub(r"\s+", " ", context.inner_text()).strip() == SHOWN_TEXT  # the tags as text, literally
    link = context.get_by_role("link", name="SMAC")
    expect(link).to_have_attribute("href", "https://www.czrs.gov.rs")
    assert context.locator("script, img").count() == 0
    assert page.evaluate("typeof window.pwned") == "undefined"
    expect(main.get_by_text(re.compile(r"^Provided by the State \(published \d{4}-\d{2}-\d{2}\)$")).first
           ).to_be_visible()
    expect(main.get_by_text("Compiled from sources", exact=True).first).to_be_visible()
    _shot(reader, "6_published_page_top", page.get_by_role("heading", name="Serbia", exact=True), "end")
    _shot(reader, "7_published_national_context", context, "center")

    # Section 5: the timeline, the planned follow-up (upcoming) and the seeded 2018 meeting with its source.
    upcoming = main.get_by_role("heading", name="Upcoming", exact=True)
    past = main.get_by_role("heading", name="Past", exact=True)
    follow_up = main.get_by_test_id("stVerticalBlock").filter(
        has=page.get_by_text("2027-06 · Follow-up meeting · planned", exact=True)).last
    seeded = main.get_by_test_id("stVerticalBlock").filter(
        has=page.get_by_text("Individualised Approach meeting at the intersessional meetings", exact=True)).last
    expect(follow_up.get_by_text(SUMMARY)).to_be_visible()
    expect(follow_up.get_by_text("Geneva", exact=True)).to_be_visible()
    expect(follow_up.get_by_text("Provided by the State", exact=True)).to_be_visible()
    expect(seeded.get_by_text(re.compile(r"^2018-06 · .+ · held$"))).to_be_visible()
    expect(seeded.get_by_text("Geneva, intersessional meetings 7-8 June 2018", exact=True)).to_be_visible()
    expect(seeded.get_by_text(re.compile(r"^Source: Committee on the Enhancement of Cooperation and Assistance"))
           ).to_be_visible()
    boxes = [locator.bounding_box()["y"] for locator in (upcoming, follow_up, past, seeded)]
    assert boxes == sorted(boxes), boxes  # upcoming first, then the past
    _shot(reader, "8_published_timeline", main.get_by_role("heading", name="5. Individualised Approach"))

    download = follow_up.get_by_role("button", name=re.compile(rf"{re.escape(FILENAME)} · {len(pdf)} B · PDF"))
    with page.expect_download(timeout=30_000) as got:
        download.click()
    assert got.value.suggested_filename == FILENAME
    with open(got.value.path(), "rb") as file:
        assert file.read() == pdf  # the same bytes, a PDF (starts with %PDF)
    assert pdf.startswith(b"%PDF")
    assert page.evaluate("typeof window.pwned") == "undefined"

    # /meetings lists the planned Serbian follow-up.
    page = reader.open("/meetings")
    meetings = page.get_by_test_id("stDataFrame").filter(visible=True).first
    row = meetings.get_by_role("row", include_hidden=True).filter(has_text=SUMMARY)
    expect(row).to_have_count(1)
    assert all(cell in row.inner_text() for cell in ("2027-06", "Serbia", "Follow-up meeting", "planned", "Geneva"))
    _shot(reader, "9_meetings", page.get_by_role("heading", name=re.compile(r"^Meetings")))
