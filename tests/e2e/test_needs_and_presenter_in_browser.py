"""In a real browser, with no request leaving the machine: the donors' needs map, and presenter mode stepping
through slides with the arrow keys. Screenshots go to tests/artifacts/."""
from __future__ import annotations

import pytest
from playwright.sync_api import expect

from data_loaders.registry import LOADERS
from store import open_store
from store.slides import create_slide, list_slides
from tests.store.conftest import ADMIN


def test_needs_page_maps_the_states_with_needs_no_partnership_covers(offline_page):
    page = offline_page.open("/needs")
    needs = LOADERS["stated_needs"]()
    with_state = needs["iso3"].dropna().nunique()
    page.wait_for_function(f"document.querySelectorAll('path.choroplethlocation').length === {with_state}", timeout=30_000)
    expect(page.get_by_text(f"{len(needs)} of {len(needs)}").first).to_be_visible()
    expect(page.get_by_text("Data source:").first).to_be_visible()
    offline_page.screenshot("needs_1280x720")


def test_a_shared_link_reopens_the_needs_filters(offline_page):
    needs = LOADERS["stated_needs"]()
    victim_assistance = int((needs["need_category"] == "victim_assistance").sum())
    page = offline_page.open("/needs?area=victim_assistance")
    expect(page.get_by_text(f"{victim_assistance} of {len(needs)}").first).to_be_visible()
    expect(page.get_by_test_id("stMultiSelect").first.get_by_text("victim assistance")).to_be_visible()


@pytest.fixture
def two_slides(store_env, server_url):
    """Two saved views in the app's store (the server has already migrated it)."""
    store = open_store(f"sqlite:///{store_env['MBC_STORE_PATH']}", seed=False)
    if not list_slides(store):
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
