"""The State Party page in a real browser: a rich and a sparse state, the regional map, the PDF brief,
all with no request leaving the machine. Screenshots go to tests/artifacts/."""
from __future__ import annotations

import pytest

from tests.e2e.conftest import OfflinePage

OUTLINE = ["1. National context", "2. Status of implementation (Article 5)", "3. Needs and challenges", "4. Maps",
           "5. Individualised Approach", "6. Partnerships", "7. Contacts", "8. Additional resources"]


@pytest.fixture
def tall_page(browser, server_url):
    """A viewport tall enough to hold the whole page, so one screenshot shows every section."""
    page = OfflinePage(browser, server_url, viewport=(1280, 7000))
    yield page
    page.page.close()
    assert page.outside == [], f"requests left the machine: {page.outside}"
    assert page.errors == [], f"JavaScript errors: {page.errors}"


def _wait_for_map(page) -> None:
    page.wait_for_selector('[data-testid="stDeckGlJsonChart"] canvas', timeout=30_000)
    page.wait_for_timeout(1500)  # deck.gl draws on the next frames


def test_a_shared_link_opens_the_rich_state_page_with_every_section(tall_page):
    page = tall_page.open("/country?iso3=KHM")
    assert page.get_by_role("heading", name="Cambodia", exact=True).is_visible()
    # A deep link gets the dashboard's own navigation, not Streamlit's old folder-based one.
    assert page.locator('[data-testid="stSidebarNav"]').get_by_text("State Party").is_visible()
    for heading in OUTLINE:
        assert page.get_by_role("heading", name=heading, exact=True).is_visible(), heading
    # Casualties, land release, outlook, support: each drawn (plotly loads them one after another).
    page.wait_for_function("document.querySelectorAll('.js-plotly-plot .main-svg').length >= 4", timeout=30_000)
    _wait_for_map(page)
    assert page.get_by_text("2030-12-31").first.is_visible()
    assert page.get_by_text("as of 2022").first.is_visible()
    tall_page.screenshot("country_KHM_full")


def test_a_sparse_state_says_not_reported_and_why_the_outlook_cannot_be_computed(tall_page):
    page = tall_page.open("/country?iso3=YEM")
    assert page.get_by_role("heading", name="Yemen", exact=True).is_visible()
    assert page.get_by_text("not reported").first.is_visible()
    assert page.get_by_text("no estimate of the remaining anti-personnel mined area").first.is_visible()
    _wait_for_map(page)
    tall_page.screenshot("country_YEM_full")


def test_the_top_of_the_page_at_projector_size(offline_page):
    page = offline_page.open("/country?iso3=AGO")
    assert page.get_by_role("heading", name="Angola", exact=True).is_visible()
    offline_page.screenshot("country_AGO_1280x720")


def test_choosing_a_state_updates_the_address_and_the_map(offline_page):
    page = offline_page.open("/country?iso3=AGO")
    page.get_by_test_id("stSelectbox").first.click()
    page.keyboard.type("Bosnia")
    page.keyboard.press("Enter")
    offline_page.wait_until_drawn()
    page.wait_for_url("**/country?iso3=BIH")
    assert page.get_by_role("heading", name="Bosnia and Herzegovina", exact=True).is_visible()


def test_the_pdf_brief_downloads_offline(offline_page):
    page = offline_page.open("/country?iso3=KHM")
    button = page.get_by_role("button", name="One-page brief (PDF)")
    button.scroll_into_view_if_needed()
    with page.expect_download(timeout=30_000) as download:
        button.click()
    path = download.value.path()
    assert download.value.suggested_filename == "KHM_brief.pdf"
    with open(path, "rb") as pdf:
        assert pdf.read(5) == b"%PDF-"


def test_a_state_opened_from_the_overview_table_is_named_in_the_address_even_angola(offline_page):
    page = offline_page.open("/?region=Africa")
    name = page.locator('.mbc-table .mbc-name[data-iso3="AGO"]').first
    name.scroll_into_view_if_needed()
    name.click()
    page.wait_for_url("**/country?iso3=AGO", timeout=30_000)
    offline_page.wait_until_drawn()
    assert page.get_by_role("heading", name="Angola", exact=True).is_visible()
    page.wait_for_timeout(1000)  # the page's own run ends by writing its URL: the code must still be there
    assert page.url.endswith("/country?iso3=AGO"), page.url


def test_a_lower_case_code_opens_its_state_and_the_address_is_upper_case(offline_page):
    page = offline_page.open("/country?iso3=khm")
    page.wait_for_url("**/country?iso3=KHM", timeout=30_000)
    assert page.get_by_role("heading", name="Cambodia", exact=True).is_visible()


def test_an_unknown_code_says_so_instead_of_silently_showing_another_state(offline_page):
    page = offline_page.open("/country?iso3=XXX")
    assert page.get_by_text("No State with the code 'XXX' in our data; showing Angola (AGO).").is_visible()
    page.wait_for_url("**/country?iso3=AGO", timeout=30_000)
    offline_page.screenshot("country_unknown_code_1280x720")
