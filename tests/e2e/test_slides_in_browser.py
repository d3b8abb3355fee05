"""Every slide of the shipped deck in presenter mode at 1280 x 720 (a projector), in English and French: its chart,
map or grid wholly on the screen, and no label of a plotly chart outside the chart. Screenshots go to tests/artifacts/."""
from __future__ import annotations

import pytest

from store.slides import DEFAULT_DECK

WIDTH, HEIGHT = 1280, 720
# What each slide shows: the overview's map (the SVG component), the State Party page's first plotly chart, or
# the grid of reporting completeness; the others one plotly chart.
PICTURE = {"/?metric=contamination": ".mbc-map", "/gaps?view=completeness": '[data-testid="stDataFrame"]'}
PLOTLY = ".js-plotly-plot"

# Each plotly chart's text (axis titles, tick labels, point labels, legend) against its own svg's box.
LABELS_OUTSIDE = """chart => {
    const box = chart.querySelector('svg.main-svg').getBoundingClientRect();
    return [...chart.querySelectorAll('svg text')].filter(t => t.textContent.trim()).map(t => {
        const r = t.getBoundingClientRect();
        return {text: t.textContent, left: r.left, top: r.top, right: r.right, bottom: r.bottom};
    }).filter(r => r.left < box.left - 1 || r.top < box.top - 1 || r.right > box.right + 1 || r.bottom > box.bottom + 1);
}"""


def _view(number: int) -> str:
    return DEFAULT_DECK[number - 1][1]


@pytest.mark.parametrize("language", ["en", "fr"])
@pytest.mark.parametrize("number", range(1, len(DEFAULT_DECK) + 1))
def test_each_shipped_slide_fits_a_projector_screen_with_no_label_cut(offline_page, number, language):
    view = _view(number)
    joiner = "&" if "?" in view else "?"
    page = offline_page.open(f"{view}{joiner}present=1&slide={number}&lang={language}")
    selector = PICTURE.get(view, PLOTLY)
    picture = page.locator(selector).first
    picture.wait_for(state="visible", timeout=30_000)
    if selector == PLOTLY:
        page.wait_for_function("document.querySelector('.js-plotly-plot svg.main-svg text') !== null", timeout=30_000)
    # A rerun (the sign-in cookie, a component's first value) can follow the first: wait until nothing is a placeholder.
    page.wait_for_function("document.querySelector('[data-testid=\"stSkeleton\"]') === null", timeout=30_000)
    offline_page.wait_until_drawn()
    page.wait_for_timeout(1000)  # plotly's and the component's last layout pass
    offline_page.screenshot(f"slide_{number}_{language}_1280x720")

    box = picture.bounding_box()
    assert box is not None
    assert box["x"] >= 0 and box["y"] >= 0, box
    assert box["x"] + box["width"] <= WIDTH and box["y"] + box["height"] <= HEIGHT, (view, box)
    if selector == PLOTLY:
        assert picture.evaluate(LABELS_OUTSIDE) == []
    # The page's own filters are hidden, their values summarised; the slide's title is the page's title.
    hidden = page.locator('[class*="st-key-presenter_hide"]').all()
    assert hidden and not any(element.is_visible() for element in hidden)
    assert page.get_by_test_id("stSidebar").is_hidden()
    assert page.get_by_text("Page not found").count() == 0  # the view is an address the browser opens as saved
