"""What a person sees in a real browser, with no request leaving the machine."""
import pytest

from tests.e2e.conftest import OfflinePage


def test_gaps_page_draws_deadlines_against_remaining_area(offline_page):
    page = offline_page.open("/gaps")
    assert page.get_by_role("heading", name="Gaps: where the Convention's work is off track").is_visible()
    page.wait_for_function("document.querySelectorAll('.js-plotly-plot .scatterlayer .point').length === 21", timeout=30_000)
    assert page.get_by_text("Data source:").first.is_visible()
    offline_page.screenshot("gaps_pace_1280x720")


def test_gaps_page_panel_view_lists_every_state_party(offline_page):
    page = offline_page.open("/gaps?view=table")
    # The data grid draws once its scripts have loaded (the home page no longer loads them for it).
    page.wait_for_selector('[data-testid="stDataFrame"]', timeout=30_000)
    assert page.get_by_text("166 states").first.is_visible()
    offline_page.screenshot("gaps_table_1280x720")


def test_gaps_page_completeness_grid(offline_page):
    page = offline_page.open("/gaps?view=completeness")
    page.wait_for_selector('[data-testid="stDataFrame"]', timeout=30_000)
    assert page.get_by_text("States with the most gaps first").first.is_visible()
    offline_page.screenshot("gaps_completeness_1280x720")


def test_sources_page_reached_from_the_sidebar_link(offline_page):
    page = offline_page.open("/")
    page.wait_for_selector(".mbc-map .mbc-state", timeout=30_000)
    page.get_by_role("link", name="Sources, coverage and known gaps").first.click()
    offline_page.wait_until_drawn()
    page.wait_for_url("**/sources")
    assert page.get_by_role("heading", name="Sources, coverage and known gaps").is_visible()
    assert page.get_by_role("heading", name="Known gaps", exact=True).is_visible()
    offline_page.screenshot("sources_1280x720")


def test_the_overview_table_downloads_as_csv_with_sources_and_as_of(offline_page):
    page = offline_page.open("/")
    page.wait_for_selector(".mbc-map .mbc-state", timeout=30_000)
    page.get_by_role("button", name="Download this table").last.click()
    with page.expect_download(timeout=30_000) as download:
        page.get_by_role("button", name="Download this table (CSV)").click()
    assert download.value.suggested_filename == "overview_contamination.csv"
    with open(download.value.path(), encoding="utf-8-sig") as csv_file:
        lines = csv_file.read().splitlines()
    header = lines[0].split(",")
    assert {"State", "ISO3", "Source", "As of"} <= set(header)
    assert len(lines) == 1 + 161  # every State Party shown


# Each table's headers, as the grid lists them; the grid (a canvas) lists only the columns it draws in view.
HEADERS_IN_VIEW_JS = """grid => [...grid.querySelectorAll('[role="columnheader"]')].map(e => e.textContent)"""


def _columns_in_view(page, index: int) -> list[str]:
    """The columns wholly in view, without scrolling sideways, of the page's `index`-th table shown (a chart's
    data table, folded away, does not count)."""
    grid = page.locator('[data-testid="stDataFrame"]').filter(visible=True).nth(index)
    grid.scroll_into_view_if_needed()
    grid.locator('[role="columnheader"]').first.wait_for(state="attached", timeout=30_000)  # drawn once in view
    page.wait_for_timeout(500)
    box = grid.bounding_box()
    assert box["x"] >= 0 and box["x"] + box["width"] <= page.viewport_size["width"]  # the grid itself fits the window
    listed = grid.evaluate(HEADERS_IN_VIEW_JS)
    # The last column listed may be cut at the grid's right edge: counted only if it is the table's last.
    scrolled = grid.locator(".dvn-scroller").first.evaluate("s => s.scrollWidth > s.clientWidth")
    return listed[:-1] if scrolled else listed


@pytest.fixture
def wide_page(browser, server_url):
    """A common laptop window, 1440 x 900."""
    page = OfflinePage(browser, server_url, viewport=(1440, 900))
    yield page
    page.page.close()
    assert page.outside == [] and page.errors == []


def test_gaps_tables_keep_their_source_and_as_of_in_view_at_1440(wide_page):
    page = wide_page.open("/gaps")
    page.wait_for_selector('[data-testid="stDataFrame"] [role="columnheader"]', state="attached", timeout=30_000)
    for index in (0, 1):  # not drawn; off pace
        in_view = _columns_in_view(page, index)
        assert {"State", "Deadline", "Source"} <= set(in_view), in_view
    wide_page.screenshot("gaps_pace_tables_1440x900")
    page = wide_page.open("/gaps?view=table")
    page.wait_for_selector('[data-testid="stDataFrame"] [role="columnheader"]', state="attached", timeout=30_000)
    in_view = _columns_in_view(page, 0)
    assert {"State", "Art. 5 deadline", "AP mined area (km²)", "Area as of", "Art. 5 source"} <= set(in_view), in_view
    wide_page.screenshot("gaps_table_1440x900")


def test_the_sources_table_keeps_its_as_of_columns_in_view_at_1440(wide_page):
    page = wide_page.open("/sources")
    page.wait_for_selector('[data-testid="stDataFrame"] [role="columnheader"]', state="attached", timeout=30_000)
    in_view = _columns_in_view(page, 0)
    assert {"Dataset", "Compiled", "Oldest as-of", "Newest as-of"} <= set(in_view), in_view
    wide_page.screenshot("sources_1440x900")
