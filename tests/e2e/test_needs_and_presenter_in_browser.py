"""In a real browser, with no request leaving the machine: the donors' needs map, and presenter mode stepping
through slides with the arrow keys. Screenshots go to tests/artifacts/."""
from __future__ import annotations

import pytest
from playwright.sync_api import expect

from data_loaders.registry import LOADERS
from store import open_store
from store.slides import create_slide, delete_slide, list_slides
from tests.e2e.conftest import OfflinePage
from tests.store.conftest import ADMIN


def test_needs_page_maps_the_states_with_needs_no_partnership_covers(offline_page):
    page = offline_page.open("/needs?current=0")
    needs = LOADERS["stated_needs"]()
    with_state = needs["iso3"].dropna().nunique()
    page.wait_for_function(f"document.querySelectorAll('path.choroplethlocation').length === {with_state}", timeout=30_000)
    expect(page.get_by_text(f"{len(needs)} of {len(needs)}").first).to_be_visible()
    expect(page.get_by_text("Data source:").first).to_be_visible()
    offline_page.screenshot("needs_1280x720")


def test_a_shared_link_reopens_the_needs_filters(offline_page):
    needs = LOADERS["stated_needs"]()
    victim_assistance = int((needs["need_category"] == "victim_assistance").sum())
    page = offline_page.open("/needs?area=victim_assistance&current=0")
    expect(page.get_by_text(f"{victim_assistance} of {len(needs)}").first).to_be_visible()
    expect(page.get_by_test_id("stMultiSelect").first.get_by_text("victim assistance")).to_be_visible()


@pytest.fixture
def two_slides(store_env, server_url):
    """Two saved views in the app's store (the server has already migrated it)."""
    store = open_store(f"sqlite:///{store_env['MBC_STORE_PATH']}", seed=False)
    if [s["title"] for s in list_slides(store)] != ["Casualties in the world", "Cambodia"]:
        for shipped in list_slides(store):  # the default deck seeded at first start: this test brings its own
            delete_slide(store, ADMIN, shipped["id"])
        create_slide(store, ADMIN, {"title": "Casualties in the world", "view": "/overview?metric=casualties"})
        create_slide(store, ADMIN, {"title": "Cambodia", "view": "/country?iso3=KHM"})
    store.close()


CONTEXT_HEADING = {"en": "1. National context", "fr": "1. Contexte national", "es": "1. Contexto nacional"}


@pytest.mark.parametrize("language", ["en", "fr", "es"])
def test_presenter_mode_steps_through_slides_with_the_arrow_keys(offline_page, two_slides, language):
    page = offline_page.open(f"/?present=1&lang={language}")

    def address_has(text: str, present: bool = True) -> None:
        # Streamlit changes the address with the history API (no page load), so watch location itself.
        page.wait_for_function(f"location.href.includes({text!r}) === {str(present).lower()}", timeout=30_000)
        offline_page.wait_until_drawn()

    def map_drawn() -> None:
        page.wait_for_selector(".mbc-map .mbc-state", timeout=30_000)

    expect(page.get_by_test_id("stSidebar")).to_be_hidden(timeout=15_000)
    page.wait_for_function("getComputedStyle(document.documentElement).fontSize === '24px'")  # 1.5 x 16 px
    map_drawn()
    page.keyboard.press("ArrowRight")
    address_has("slide=1")
    map_drawn()
    assert "metric=casualties" in page.url and "present=1" in page.url and f"lang={language}" in page.url
    page.keyboard.press("ArrowRight")
    address_has("slide=2")
    assert "/country?" in page.url
    expect(page.get_by_role("heading", name=CONTEXT_HEADING[language], exact=True)).to_be_visible(timeout=15_000)
    offline_page.screenshot(f"presenter_KHM_{language}_1280x720")
    page.keyboard.press("ArrowLeft")
    address_has("slide=1")
    map_drawn()
    page.keyboard.press("Escape")
    address_has("present=", present=False)
    expect(page.get_by_test_id("stSidebar")).to_be_visible(timeout=15_000)


def _select_row_with(page, offline_page, text: str) -> None:
    """Tick the row marker of the needs table's row holding `text` (the grid draws on a canvas; its cells are
    also in the page for screen readers, with their row index)."""
    grid = page.get_by_test_id("stDataFrame").filter(
        has=page.get_by_role("columnheader", name="description", include_hidden=True)).first
    cell = grid.get_by_role("gridcell", name=text, exact=True, include_hidden=True).first
    row = int(cell.evaluate("c => c.closest('[aria-rowindex]').getAttribute('aria-rowindex')"))
    grid.scroll_into_view_if_needed()
    box = grid.locator("canvas").first.bounding_box()
    page.mouse.click(box["x"] + 12, box["y"] + 35 * (row - 1) + 17)  # 35 px rows, the header is row 1
    expect(page.get_by_text("Why each offer fits")).to_be_visible(timeout=30_000)  # the run the selection started
    offline_page.wait_until_drawn()


def test_a_donor_finds_a_current_need_an_announced_offer_that_fits_and_proposes_once(browser, server_url,
                                                                                      admin_credentials):
    page_ = OfflinePage(browser, server_url, viewport=(1440, 900))
    page = page_.page
    try:
        # Current victim assistance needs in Africa: the reference states none still running (Chad's and Sudan's ended).
        page_.open("/needs?area=victim_assistance&region=Africa")
        expect(page.get_by_text(f"0 of {len(LOADERS['stated_needs']())}").first).to_be_visible()
        page_.screenshot("needs_va_africa_current_1440x900")

        # Current clearance needs in Asia: Iraq's Kurdistan need (period not stated) and the pledges of July 2016.
        page_.open("/needs?area=clearance&region=Asia")
        page_.sign_in(*admin_credentials)
        assert "current" not in page.url  # on by default, so not written
        _select_row_with(page, page_, "IRQ")  # the one current Iraq clearance need
        kind = "announced (pledge, 2016), not a payment: the-monitor.org"
        expect(page.get_by_text(kind).filter(visible=True).first).to_be_visible()  # in the panel, not only the grid
        reasons = page.get_by_test_id("stVerticalBlock").filter(has_text="1. Offer").last
        expect(reasons.get_by_text("targets IRQ")).to_be_visible()
        expect(reasons.get_by_text("a period is not stated")).to_be_visible()
        reasons.scroll_into_view_if_needed()
        page_.screenshot("needs_offers_that_fit_1440x900")

        page.get_by_role("button", name="Propose a partnership").click()
        page_.wait_until_drawn()
        expect(page.get_by_text("Partnership proposed").first).to_be_visible(timeout=30_000)

        page.reload()
        page_.wait_until_drawn()
        expect(page.get_by_test_id("stSidebar").get_by_text(f"Signed in as {admin_credentials[0]}")).to_be_visible()
        _select_row_with(page, page_, "IRQ")  # the one current Iraq clearance need
        page.get_by_role("button", name="Propose a partnership").click()
        page_.wait_until_drawn()
        refusal = page.get_by_test_id("stAlert").filter(has_text="Not proposed")
        expect(refusal).to_contain_text("this need and this offer are already partners (partnership 1)", timeout=30_000)
        refusal.scroll_into_view_if_needed()
        page_.screenshot("needs_partnership_refused_1440x900")
    finally:
        page.close()
    assert page_.outside == [] and page_.errors == []
