"""What a person sees in a real browser, with no request leaving the machine."""


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
