"""The Changes page in a real browser, offline: between the 22MSP and 2 December 2026 it lists Angola's changed
contamination figure with both sources, Afghanistan's new need and a passed deadline; in presenter mode the filters
are hidden and the first State's changes are on the 1280 x 720 screen."""
from playwright.sync_api import expect

from tests.e2e.conftest import OfflinePage

PERIOD = "/changes?from=2025-12-01&to=2026-12-02"


def test_changes_since_the_22msp_list_a_figure_a_need_and_a_deadline_with_their_sources(browser, server_url):
    offline = OfflinePage(browser, server_url, viewport=(1440, 900))
    try:
        page = offline.open(PERIOD)
        expect(page.get_by_role("heading", name="Changes between two dates")).to_be_visible(timeout=30_000)
        expect(page.get_by_text("Figures are compared from the earliest data edition held, 27 November 2026.")).to_be_visible()
        angola = page.get_by_role("listitem").filter(has_text="Contamination figure changed").filter(has_text="67.43")
        expect(angola).to_contain_text("68 km² (2022), source the-monitor.org")
        expect(angola).to_contain_text("67.43 km² (2023), source apopo.org")
        assert angola.get_by_role("link", name="apopo.org").get_attribute("href") == "https://apopo.org/?p=205344"
        assert "the-monitor.org" in angola.get_by_role("link", name="the-monitor.org").get_attribute("href")
        expect(page.get_by_role("listitem").filter(has_text="Need added").filter(has_text="US$773 million")).to_be_visible()
        expect(page.get_by_role("listitem").filter(has_text="Article 5 deadline passed (31 December 2025): source").first) \
            .to_be_visible()
        links = page.get_by_role("link", name="on 27 November 2026")
        assert "/country?iso3=AFG&as_of=2026-11-27" in links.first.get_attribute("href")
        offline.screenshot("changes_1440x900")
        page.get_by_role("heading", name="Tajikistan").scroll_into_view_if_needed()
        offline.screenshot("changes_deadlines_1440x900")
        page.get_by_test_id("stMain").get_by_role("radio", name="Area", exact=True).click()
        page.wait_for_function("location.href.includes('group=area')", timeout=30_000)
        offline.wait_until_drawn()
        expect(page.get_by_role("heading", name="Clearance (Article 5)")).to_be_visible()
        offline.screenshot("changes_by_area_1440x900")
    finally:
        offline.page.close()
    assert offline.outside == [], f"requests left the machine: {offline.outside}"
    assert offline.errors == [], f"JavaScript errors: {offline.errors}"


def test_presenting_the_changes_puts_the_first_state_on_the_screen(offline_page):
    page = offline_page.open(PERIOD + "&present=1")
    expect(page.get_by_test_id("stSidebar")).to_be_hidden(timeout=15_000)
    expect(page.get_by_test_id("stDateInput").first).to_be_hidden()  # the filters, summarised in one line
    expect(page.get_by_text("1 December 2025 to 2 December 2026 · by state")).to_be_visible()
    first = page.get_by_role("listitem").filter(has_text="US$773 million")
    box = first.bounding_box()
    assert box is not None and box["y"] + box["height"] <= 720, box  # Afghanistan's need, whole on the screen
    offline_page.screenshot("changes_present_1280x720")
