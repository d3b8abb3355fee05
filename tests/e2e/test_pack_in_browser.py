"""The conference pack opened from disk in headless Chromium with every request that is not file:// aborted.

Screenshots go to tests/artifacts/: pack_index.png, pack_KHM.png (the top of each page), pack_KHM_map.png and
pack_KHM_es.png (a Spanish pack's page).
"""
from __future__ import annotations

import datetime as dt

import pytest

from pack.build import build_pack
from tests.e2e.conftest import ARTIFACTS

STATES = ["KHM", "AGO", "YEM"]


@pytest.fixture(scope="module")
def pack_dir(tmp_path_factory):
    folder = tmp_path_factory.mktemp("pack")
    build_pack(folder, STATES, on=dt.date(2026, 11, 27))
    return folder


@pytest.fixture(scope="module")
def spanish_pack_dir(tmp_path_factory):
    folder = tmp_path_factory.mktemp("pack_es")
    build_pack(folder, ["AGO"], on=dt.date(2026, 11, 27), language="es")
    return folder


class DiskPage:
    """A browser page that may read files and nothing else; everything else is recorded and aborted."""

    def __init__(self, browser, height: int):
        self.outside: list[str] = []
        self.errors: list[str] = []
        self.page = browser.new_page(viewport={"width": 1280, "height": height})
        self.page.route("**/*", self._route)
        self.page.on("pageerror", lambda error: self.errors.append(str(error)))

    def _route(self, route):
        if route.request.url.startswith("file://"):
            route.continue_()
        else:
            self.outside.append(route.request.url)
            route.abort()

    def screenshot(self, name: str, selector: str | None = None) -> None:
        ARTIFACTS.mkdir(parents=True, exist_ok=True)
        target = self.page.locator(selector) if selector else self.page
        target.screenshot(path=str(ARTIFACTS / f"{name}.png"))


@pytest.fixture
def disk_page(browser):
    page = DiskPage(browser, height=1000)
    yield page
    page.page.close()
    assert page.outside == [], f"the pack asked for something beyond the disk: {page.outside}"
    assert page.errors == [], f"JavaScript errors: {page.errors}"


def test_the_overview_draws_its_world_map_from_disk_and_switches_metric(disk_page, pack_dir):
    page = disk_page.page
    page.goto((pack_dir / "index.html").as_uri())
    page.wait_for_selector("#metric-contamination path.choroplethlocation", timeout=30_000)
    assert page.locator("#metric-contamination path.choroplethlocation").count() > 100
    assert page.get_by_role("heading", name="Where contamination remains, and what is needed").is_visible()
    assert page.get_by_text("static snapshot").first.is_visible()
    disk_page.screenshot("pack_index")
    page.select_option("#metric-switcher", "casualties")
    page.wait_for_selector("#metric-casualties path.choroplethlocation", timeout=30_000)
    assert page.locator("#metric-contamination").is_hidden()
    page.get_by_role("link", name="Cambodia").first.click()
    page.wait_for_selector("h1:has-text('Cambodia')")


def test_a_state_page_draws_its_charts_and_regional_map_from_disk(disk_page, pack_dir):
    page = disk_page.page
    page.goto((pack_dir / "country" / "KHM.html").as_uri())
    plots = page.locator(".plot").count()
    # Casualties, land release, regional map, support; no outlook: its 2022 estimate is out of date at 2023's pace.
    assert plots == 4
    page.wait_for_function(f"document.querySelectorAll('.plot .main-svg').length >= {plots}", timeout=30_000)
    page.wait_for_selector("#regional_map path.choroplethlocation", timeout=30_000)
    for heading in ["1. National context", "4. Maps", "8. Additional resources"]:
        assert page.get_by_role("heading", name=heading, exact=True).is_visible()
    disk_page.screenshot("pack_KHM")
    disk_page.screenshot("pack_KHM_map", "#regional_map")
    page.locator("#casualties + script + figcaption + details summary").click()
    assert page.locator("#casualties ~ details table").is_visible()
    page.get_by_role("link", name="Overview").click()
    page.wait_for_selector("path.choroplethlocation", timeout=30_000)


def test_a_spanish_state_page_is_in_spanish_from_disk(disk_page, spanish_pack_dir):
    page = disk_page.page
    page.goto((spanish_pack_dir / "country" / "AGO.html").as_uri())
    assert page.locator("html").get_attribute("lang") == "es"
    page.wait_for_selector("#outlook .main-svg", timeout=30_000)
    for heading in ["Angola (AGO)", "1. Contexto nacional", "4. Mapas"]:
        assert page.get_by_role("heading", name=heading, exact=True).is_visible()
    assert page.locator("#outlook .ytitle").text_content() == "km² restantes"  # the chart's own axis title
    assert page.get_by_text("instantánea estática").first.is_visible()
    disk_page.screenshot("pack_AGO_es")
