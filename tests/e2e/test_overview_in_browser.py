"""The overview map in a real browser: states drawn, URL state, and a click through to a State Party.

Expected counts come from the domain on the same data/ (the page builds its panel with today's date).
Every test runs on `offline_page`, which fails on any request leaving 127.0.0.1 and on any JS error.
"""
from __future__ import annotations

import dataclasses
import datetime as dt
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
STATES = ".mbc-map .mbc-state"

# (iso3, drawn with a visible extent) for every state on the map: shapes and small states' dots.
DRAWN_JS = """els => els.map(e => { const b = e.getBBox(); return [e.dataset.iso3, e.tagName, b.width > 0 && b.height > 0]; })"""
# A point inside a shape's fill, in page coordinates: the grid point nearest the middle of its box.
POINT_INSIDE_JS = """(iso3) => {
  const path = document.querySelector(`.mbc-map path.mbc-state[data-iso3="${iso3}"]`);
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
def with_shape() -> set[str]:
    """ISO3 codes that have a shape in the shipped boundaries."""
    world = load_boundaries()
    return set(world.loc[world.geometry.notna(), "iso3"])


def with_article5(panel: pd.DataFrame) -> int:
    """States the Article 5 filter shows (each drawn as a shape or a dot): from the data, not a count that goes stale."""
    return len(filter_states(panel, OverviewFilters(article5_only=True)))


def drawn(page) -> list[tuple[str, str, bool]]:
    """(iso3, 'path' or 'circle', has a visible extent) for every state on the map once it is drawn."""
    page.wait_for_selector(STATES, timeout=30_000)
    return [tuple(item) for item in page.eval_on_selector_all(STATES, DRAWN_JS)]


def legend(page) -> list[str]:
    return page.locator(".mbc-legend li").all_text_contents()


def test_africa_casualties_map_draws_every_african_state_party(offline_page, panel, with_shape):
    page = offline_page.open("/?metric=casualties&region=Africa")
    africa = set(filter_states(panel, OverviewFilters(regions=("Africa",)))["iso3"])
    assert len(africa) == 51
    shapes = [(iso3, visible) for iso3, tag, visible in drawn(page) if tag == "path"]
    assert africa <= with_shape  # every African State Party has a shape, and each is drawn with an extent
    assert sorted(iso3 for iso3, _ in shapes) == sorted(africa)
    assert all(visible for _, visible in shapes)
    assert page.get_by_role("combobox", name="Metric").input_value() == METRICS["casualties"].label
    names = legend(page)
    assert any(name.startswith(("0 (", "1 to 49 (", "50 to 199 (")) for name in names), names
    assert sum(int(name.rsplit("(", 1)[1].rstrip(")")) for name in names) == 51


def test_default_map_draws_the_161_states_parties(offline_page, panel, with_shape):
    page = offline_page.open("/")
    parties = set(filter_states(panel, OverviewFilters())["iso3"])
    assert len(parties) == 161
    assert parties - with_shape == {"VAT"}  # the Holy See is not in the 1:50m boundaries
    states = drawn(page)
    shapes = {iso3 for iso3, tag, visible in states if tag == "path" and visible}
    # States too small to see are marked with a dot as well as their shape.
    small = set(compute_small_state_points(load_boundaries())["iso3"]) & parties
    dots = [iso3 for iso3, tag, visible in states if tag == "circle" and visible]
    assert sorted(dots) == sorted(small) and {"TUV", "MLT", "LIE"} <= small
    assert shapes | small == parties - {"VAT"}
    # Some (Tuvalu's atolls, Monaco, the Maldives) are below a pixel at world scale: only their dot is drawn.
    assert parties - {"VAT"} - shapes == {"TUV", "MCO", "MDV"}
    # The Holy See has neither: the map names it rather than leaving it out silently.
    assert page.get_by_text("Not on the map (no shape in the boundaries): Holy See").is_visible()
    assert page.get_by_text("Data source:").first.is_visible()
    page.locator(".mbc-map").first.scroll_into_view_if_needed()  # the map, not just the controls
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
    page.wait_for_function("() => [...document.querySelectorAll('.mbc-legend li')]"
                           ".some(e => e.textContent.startsWith('deadline passed'))",
                           timeout=30_000)
    shared = page.url

    fresh = OfflinePage(browser, server_url)  # a second, fresh page: nothing carried over but the URL
    try:
        fresh.page.goto(shared)
        fresh.wait_until_drawn()
        assert fresh.page.get_by_role("combobox", name="Metric").input_value() == label
        drawn(fresh.page)
        assert any(name.startswith("deadline passed (") for name in legend(fresh.page)), legend(fresh.page)
        assert not any(name.startswith("under 5 (small)") for name in legend(fresh.page))
    finally:
        fresh.page.close()
    assert fresh.outside == [] and fresh.errors == []


def test_hover_then_click_on_a_state_opens_its_state_party_page(offline_page, panel):
    page = offline_page.open("/?region=Africa")
    drawn(page)
    page.locator(".mbc-map").first.scroll_into_view_if_needed()
    page.wait_for_timeout(300)
    # The largest African State Party drawn that is not the State Party page's default (Angola):
    # the page drops a default from the URL, and the test wants to see iso3= in it.
    candidates = ("DZA", "COD", "SDN", "TCD", "NER", "MLI")
    areas = page.eval_on_selector_all(
        STATES, "els => els.map(e => { const b = e.getBoundingClientRect(); return [e.dataset.iso3, b.width * b.height]; })")
    iso3 = max((item for item in areas if item[0] in candidates), key=lambda item: item[1])[0]
    point = page.evaluate(POINT_INSIDE_JS, iso3)
    assert point, f"no point inside the {iso3} outline"
    name = panel.set_index("iso3").at[iso3, "state"]

    page.mouse.move(point[0], point[1])
    hover = page.locator(".mbc-tip")
    hover.first.wait_for(state="visible", timeout=10_000)
    text = hover.first.text_content()
    assert name in text and "as of" in text and "source:" in text
    offline_page.screenshot("overview_hover_1280x720")

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


def test_a_filter_change_redraws_only_the_figures_and_keeps_the_language(offline_page, panel):
    # The controls and figures rerun as a fragment (a new run, without the router that sets the language).
    page = offline_page.open("/?lang=fr")
    drawn(page)
    page.get_by_text("Obligation au titre de l'article 5", exact=True).click()
    page.wait_for_function("location.href.includes('art5=1')", timeout=30_000)
    page.wait_for_function(f"document.querySelectorAll('.mbc-map .mbc-state').length === {with_article5(panel)}", timeout=30_000)
    assert page.locator(".mbc-legend-title").text_content() == "Zone minée antipersonnel restante (km²)"
    assert page.get_by_text("Obligation au titre de l'article 5", exact=True).is_visible()
    assert "lang=fr" in page.url


def test_a_keyboard_reaches_the_map_in_one_tab_stop_and_opens_a_state(offline_page):
    page = offline_page.open("/?region=Europe")
    drawn(page)
    stops = page.eval_on_selector_all(".mbc-map .mbc-state", "els => els.filter(e => e.tabIndex === 0).length")
    assert stops == 1  # not one Tab stop per state
    first = page.locator('.mbc-map .mbc-state[tabindex="0"]')
    first_iso3 = first.get_attribute("data-iso3")
    first.focus()
    page.keyboard.press("ArrowRight")
    focused = page.evaluate("document.activeElement.dataset.iso3")
    assert focused and focused != first_iso3
    tip = page.locator(".mbc-tip").first
    assert tip.is_visible() and "as of" in tip.text_content()
    page.keyboard.press("Enter")
    page.wait_for_url(f"**/country?iso3={focused}", timeout=30_000)


def test_the_server_warmed_up_without_an_error(offline_page, server_log):
    # serve.py's warm-up runs in a thread: an error there would only be printed, so read what was printed.
    offline_page.open("/")
    assert "Traceback" not in server_log.read_text(), server_log.read_text()[-3000:]


def test_the_table_lists_every_state_shown_sorts_by_a_header_and_a_name_opens_the_state(offline_page, panel):
    page = offline_page.open("/?region=Asia")
    drawn(page)
    table = page.locator(".mbc-table")
    table.scroll_into_view_if_needed()
    asia = filter_states(panel, OverviewFilters(regions=("Asia",)))
    names = page.locator(".mbc-table .mbc-name")
    assert sorted(names.evaluate_all("els => els.map(e => e.dataset.iso3)")) == sorted(asia["iso3"])
    # One Tab stop for the bars and one for the table, as for the map (the arrow keys move within each).
    stops = page.eval_on_selector_all(
        "[data-group] [data-iso3]",
        "els => els.filter(e => e.tabIndex === 0).map(e => e.closest('[data-group]').dataset.group)")
    assert sorted(stops) == ["bars", "table"]

    figure = page.get_by_role("columnheader", name=METRICS["contamination"].label)
    figure.click()
    figure.click()  # the second click sorts from the highest figure down
    assert figure.get_attribute("aria-sort") == "descending"
    with_area = asia.dropna(subset=["ap_contamination_km2"]).sort_values("ap_contamination_km2", ascending=False)
    shown = names.evaluate_all("els => els.map(e => e.dataset.iso3)")
    assert shown[:len(with_area)] == list(with_area["iso3"])  # states with no figure come last
    page.wait_for_timeout(300)  # rows are painted once in view (content-visibility): give them a frame
    offline_page.screenshot("overview_table_sorted_1280x720")

    top = with_area["iso3"].iloc[0]
    names.first.click()
    page.wait_for_url(f"**/country?iso3={top}", timeout=30_000)


def test_a_filter_change_sends_only_the_new_view_and_a_map_without_its_shapes_gets_them_again(offline_page, panel):
    page = offline_page.open("/")
    drawn(page)
    received = []  # the socket is already open: DevTools counts what arrives on it from now on
    cdp = page.context.new_cdp_session(page)
    cdp.send("Network.enable")
    cdp.on("Network.webSocketFrameReceived", lambda event: received.append(len(event["response"]["payloadData"])))
    page.get_by_text("Article 5 obligation", exact=True).click()
    page.wait_for_function(f"document.querySelectorAll('.mbc-map .mbc-state').length === {with_article5(panel)}", timeout=30_000)
    page.wait_for_timeout(500)
    # The outline (about 180 KB) stays in the browser: a filter change brings the view, the bars and the table
    # (DevTools gives binary frames in base64, a third more than their bytes).
    assert 0 < sum(received) < 120_000, sum(received)

    # Were the map ever drawn anew without its shapes, it asks for them and draws them again.
    page.evaluate("""() => { const view = document.querySelector('.mbc-map').closest('.mbc-view');
        view.mbcOutline = undefined; view.querySelector('.mbc-body').innerHTML = ''; }""")
    page.get_by_text("Article 5 obligation", exact=True).click()
    page.wait_for_function("document.querySelectorAll('.mbc-map .mbc-state').length > 150", timeout=30_000)
