"""The overview map in a real browser: states drawn, URL state, and a click through to a State Party.

Expected counts come from the domain on the same data/ (the page builds its panel with today's date).
Every test runs on `offline_page`, which fails on any request leaving 127.0.0.1 and on any JS error.
"""
from __future__ import annotations

import dataclasses
import datetime as dt
import json
from pathlib import Path

import pandas as pd
import pytest

from data_loaders.boundaries import load_boundaries
from data_loaders.registry import LOADERS
from domain.geography import compute_small_state_points
from domain.overview import METRICS, OverviewFilters, filter_states
from domain.panel import ReferenceTables, build_world_panel
from tests.e2e.conftest import OfflinePage

ROOT = Path(__file__).resolve().parents[2]
PATHS = "path.choroplethlocation"

# The ISO3 code plotly bound to each drawn path (d3 keeps the datum on the element).
DRAWN_JS = "els => els.map(e => [e.__data__.loc, (e.getAttribute('d') || '').length > 0])"
# A point inside a path's fill, in page coordinates: the grid point nearest the middle of its box.
POINT_INSIDE_JS = """(iso3) => {
  const path = [...document.querySelectorAll('path.choroplethlocation')].find(e => e.__data__.loc === iso3);
  if (!path) return null;
  const box = path.getBBox(), toScreen = path.getScreenCTM(), point = path.ownerSVGElement.createSVGPoint();
  let best = null;
  for (let i = 1; i < 20; i++) for (let j = 1; j < 20; j++) {
    point.x = box.x + box.width * i / 20; point.y = box.y + box.height * j / 20;
    const distance = Math.abs(i - 10) + Math.abs(j - 10);
    if (path.isPointInFill(point) && (!best || distance < best[2])) {
      const screen = point.matrixTransform(toScreen); best = [screen.x, screen.y, distance];
    }
  }
  return best;
}"""


@pytest.fixture(scope="module")
def panel() -> pd.DataFrame:
    tables = ReferenceTables(**{f.name: LOADERS[f.name]() for f in dataclasses.fields(ReferenceTables)})
    return build_world_panel(tables, LOADERS["states_not_party"](), dt.date.today())


@pytest.fixture(scope="module")
def base_map_ids() -> set[str]:
    """ISO3 codes that have a shape in the base map plotly loads from app/static/."""
    topology = json.loads((ROOT / "static" / "world_50m.json").read_text())
    return {g["id"] for g in topology["objects"]["countries"]["geometries"] if g.get("id") and g.get("arcs")}


def drawn_paths(page) -> list[tuple[str, bool]]:
    """(iso3, has an outline) for every choropleth path once the map is drawn."""
    page.wait_for_selector(PATHS, timeout=30_000)
    return [tuple(item) for item in page.eval_on_selector_all(PATHS, DRAWN_JS)]


def legend(page) -> list[str]:
    return page.locator(".legendtext").all_text_contents()


def test_africa_casualties_map_draws_every_african_state_party(offline_page, panel, base_map_ids):
    page = offline_page.open("/?metric=casualties&region=Africa")
    africa = set(filter_states(panel, OverviewFilters(regions=("Africa",)))["iso3"])
    assert len(africa) == 51
    paths = drawn_paths(page)
    assert len(paths) == len(africa)
    assert {iso3 for iso3, _ in paths} == africa
    assert africa <= base_map_ids  # every African State Party has a shape: every path has an outline
    assert all(outlined for _, outlined in paths)
    assert page.get_by_role("combobox", name="Metric").input_value() == METRICS["casualties"].label
    names = legend(page)
    assert any(name.startswith(("0 (", "1 to 49 (", "50 to 199 (")) for name in names), names
    assert sum(int(name.rsplit("(", 1)[1].rstrip(")")) for name in names) == 51


def test_default_map_draws_the_161_states_parties(offline_page, panel, base_map_ids):
    page = offline_page.open("/")
    parties = set(filter_states(panel, OverviewFilters())["iso3"])
    assert len(parties) == 161
    without_shape = parties - base_map_ids
    assert without_shape == {"TUV"}  # Tuvalu is not in the 1:50m base map
    paths = drawn_paths(page)
    # Plotly adds a path for each location, with an empty outline when the base map has no shape for it.
    assert sorted(iso3 for iso3, _ in paths) == sorted(parties)
    outlined = {iso3 for iso3, has_outline in paths if has_outline}
    assert outlined == parties - without_shape
    assert len(outlined) == 160
    # States too small to see (Tuvalu among them, which has no shape) are marked with a dot as well.
    small = set(compute_small_state_points(load_boundaries())["iso3"]) & parties
    assert "TUV" in small
    assert page.locator(".scattergeo path.point").count() == len(small)
    assert page.get_by_text("Data source:").first.is_visible()
    page.locator('[data-testid="stPlotlyChart"]').first.scroll_into_view_if_needed()  # the map, not just the controls
    page.wait_for_timeout(300)
    offline_page.screenshot("overview_1280x720")


def test_metric_choice_goes_to_the_url_and_the_url_reopens_it(offline_page, browser, server_url):
    page = offline_page.open("/")
    label = METRICS["years_left"].label
    page.get_by_role("combobox", name="Metric").click()
    page.get_by_role("option", name=label, exact=True).click()
    page.wait_for_url("**metric=years_left**", timeout=30_000)
    offline_page.wait_until_drawn()
    assert "metric=years_left" in page.url
    page.wait_for_function("() => [...document.querySelectorAll('.legendtext')].some(e => e.textContent.startsWith('deadline passed'))",
                           timeout=30_000)
    shared = page.url

    fresh = OfflinePage(browser, server_url)  # a second, fresh page: nothing carried over but the URL
    try:
        fresh.page.goto(shared)
        fresh.wait_until_drawn()
        assert fresh.page.get_by_role("combobox", name="Metric").input_value() == label
        drawn_paths(fresh.page)
        assert any(name.startswith("deadline passed (") for name in legend(fresh.page)), legend(fresh.page)
        assert not any(name.startswith("under 5 (small)") for name in legend(fresh.page))
    finally:
        fresh.page.close()
    assert fresh.outside == [] and fresh.errors == []


def test_hover_then_click_on_a_state_opens_its_state_party_page(offline_page, panel):
    page = offline_page.open("/?region=Africa")
    drawn_paths(page)
    page.locator('[data-testid="stPlotlyChart"]').first.scroll_into_view_if_needed()
    page.wait_for_timeout(300)
    # The largest African State Party drawn that is not the State Party page's default (Angola):
    # the page drops a default from the URL, and the test wants to see iso3= in it.
    candidates = ("DZA", "COD", "SDN", "TCD", "NER", "MLI")
    areas = page.eval_on_selector_all(PATHS, "els => els.map(e => { const b = e.getBBox(); return [e.__data__.loc, b.width * b.height]; })")
    iso3 = max((item for item in areas if item[0] in candidates), key=lambda item: item[1])[0]
    point = page.evaluate(POINT_INSIDE_JS, iso3)
    assert point, f"no point inside the {iso3} outline"
    name = panel.set_index("iso3").at[iso3, "state"]

    page.mouse.move(point[0], point[1])
    hover = page.locator(".hoverlayer .hovertext")
    hover.first.wait_for(timeout=10_000)
    text = hover.first.text_content()
    assert name in text and "as of" in text and "source:" in text

    page.mouse.click(point[0], point[1])
    page.wait_for_url(f"**/country?iso3={iso3}", timeout=30_000)
    offline_page.wait_until_drawn()
    assert "/country" in page.url and f"iso3={iso3}" in page.url
    assert page.get_by_role("heading", name=name, exact=True).first.is_visible()
    assert page.get_by_role("combobox", name="State").input_value() == f"{name} ({iso3})"


def test_state_party_page_opens_from_its_url(offline_page):
    page = offline_page.open("/country?iso3=KHM")
    assert page.get_by_role("heading", name="Cambodia", exact=True).first.is_visible()
    assert "iso3=KHM" in page.url
    assert page.get_by_role("heading", name="Status of implementation (Article 5)").is_visible()
    offline_page.screenshot("country_1280x720")
