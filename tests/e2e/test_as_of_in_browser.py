"""Views as the data stood on a date (`?as_of=`), in a real browser: the overview and a State Party page show the
banner and the older edition's figures, the date stays while the reader moves between pages, and the way back
shows today's. Screenshots go to tests/artifacts/ (laptop, and a projector in presenter mode)."""
from __future__ import annotations

import pytest

from tests.e2e.conftest import OfflinePage

AS_OF = "2026-11-28"  # the edition of 2026-11-27 was in force: Angola 68 km2 (2022, the-monitor.org)
BANNER = ".st-key-as_of_banner"


@pytest.fixture
def laptop(browser, server_url):
    page = OfflinePage(browser, server_url, viewport=(1440, 900))
    yield page
    page.page.close()
    assert page.outside == [], f"requests left the machine: {page.outside}"
    assert page.errors == [], f"JavaScript errors: {page.errors}"


def _headline(page, label: str) -> str:
    card = page.locator(".mbc-headline").filter(has_text=label).first
    return card.inner_text()


def test_the_overview_as_of_a_date_shows_the_banner_and_that_editions_counts(laptop):
    page = laptop.open(f"/?as_of={AS_OF}")
    page.wait_for_selector(".mbc-map .mbc-state", timeout=30_000)
    banner = page.locator(BANNER)
    assert banner.get_by_text("As the data stood on 28 November 2026").is_visible()
    assert banner.get_by_text("data edition of 27 November 2026").is_visible()
    assert "32 states" in _headline(page, "Clearance obligations")
    assert "2026-11-27" in _headline(page, "Clearance obligations")
    laptop.screenshot("as_of_overview_1440")
    page.locator(BANNER).get_by_role("button", name="Back to today").click()
    laptop.wait_until_drawn()
    page.wait_for_selector(".mbc-map .mbc-state", timeout=30_000)
    assert page.locator(BANNER).count() == 0
    assert "31 states" in _headline(page, "Clearance obligations")
    assert "as_of" not in page.url


def test_a_country_page_as_of_a_date_shows_the_older_figure_and_keeps_the_date_across_pages(laptop):
    page = laptop.open(f"/country?iso3=AGO&as_of={AS_OF}")
    assert page.locator(BANNER).get_by_text("As the data stood on 28 November 2026").is_visible()
    area = page.get_by_test_id("stMetric").filter(has_text="Remaining AP mined area")
    assert area.get_by_test_id("stMetricValue").inner_text() == "68 km²"
    assert page.get_by_role("link", name="the-monitor.org").first.is_visible()
    laptop.screenshot("as_of_country_AGO_1440")
    page.get_by_test_id("stSidebarNav").get_by_role("link", name="Overview").click()
    laptop.wait_until_drawn()
    assert f"as_of={AS_OF}" in page.url
    assert page.locator(BANNER).is_visible()
    page.goto(laptop.base_url + "/country?iso3=AGO")  # a fresh link without a date: today's
    laptop.wait_until_drawn()
    area = page.get_by_test_id("stMetric").filter(has_text="Remaining AP mined area")
    assert area.get_by_test_id("stMetricValue").inner_text() == "67.43 km²"
    assert page.locator(BANNER).count() == 0


def test_on_a_projector_the_banner_and_the_map_are_both_on_screen(browser, server_url):
    projector = OfflinePage(browser, server_url, viewport=(1280, 720))
    try:
        page = projector.open(f"/?as_of={AS_OF}&present=1")
        page.wait_for_selector(".mbc-map .mbc-state", timeout=30_000)
        banner = page.locator(BANNER).bounding_box()
        world = page.locator(".mbc-map").bounding_box()
        assert banner is not None and banner["y"] + banner["height"] <= 720
        assert world is not None and world["y"] < 720 - 200, world  # the map's top part, at least, above the fold
        projector.screenshot("as_of_overview_presenter_1280x720")
    finally:
        projector.page.close()
    assert projector.outside == [] and projector.errors == []
