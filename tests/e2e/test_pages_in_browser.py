"""What a person sees in a real browser, with no request leaving the machine."""


def test_gaps_page_shows_the_panel_with_sources(offline_page):
    page = offline_page.open("/gaps")
    assert page.get_by_role("heading", name="Gaps: every State Party at a glance").is_visible()
    grid = page.locator('[data-testid="stDataFrame"]')
    assert grid.is_visible()
    assert page.get_by_text("Data source:").first.is_visible()
    assert page.get_by_text("166 states").first.is_visible()
    offline_page.screenshot("gaps_1280x720")


def test_sources_page_reached_from_the_sidebar_link(offline_page):
    page = offline_page.open("/")
    page.get_by_role("link", name="Sources, coverage and known gaps").first.click()
    offline_page.wait_until_drawn()
    page.wait_for_url("**/sources")
    assert page.get_by_role("heading", name="Sources, coverage and known gaps").is_visible()
    assert page.get_by_role("heading", name="Known gaps", exact=True).is_visible()
    offline_page.screenshot("sources_1280x720")
