"""Server-side slide images: the overview map and a state's charts as PNG and PDF, drawn offline by kaleido in
the machine's Chromium (skipped where there is none, except in CI)."""
import dataclasses
import datetime as dt
import os

import pytest

from charts.country import make_casualties_figure, make_support_figure
from charts.overview import make_world_map_figure
from charts.renderer import images_available
from charts.slide_images import SLIDE, figure_to_image, make_overview_slide, make_state_slide
from data_loaders.registry import LOADERS
from domain.country import build_country_profile
from domain.overview import METRICS, OverviewFilters, compute_metric_bins, filter_states
from domain.panel import ReferenceTables, build_world_panel

pytestmark = pytest.mark.skipif(not images_available() and not os.environ.get("E2E_REQUIRED"),
                                reason="no Chromium on this machine (apt-get install chromium)")
PNG = b"\x89PNG\r\n\x1a\n"


@pytest.fixture(scope="module")
def tables():
    reference = ReferenceTables(**{f.name: LOADERS[f.name]() for f in dataclasses.fields(ReferenceTables)})
    return reference, build_world_panel(reference, LOADERS["states_not_party"](), dt.date(2026, 11, 27))


def _size(png: bytes) -> tuple[int, int]:
    return int.from_bytes(png[16:20], "big"), int.from_bytes(png[20:24], "big")


def test_the_overview_map_becomes_a_16_by_9_png_and_a_pdf(tables):
    _, panel = tables
    binned = compute_metric_bins(filter_states(panel, OverviewFilters()), METRICS["casualties"])
    slide = make_overview_slide(make_world_map_figure(binned, METRICS["casualties"]), "Casualties", "Data source: casualties")
    png = figure_to_image(slide, "png")
    assert png.startswith(PNG) and _size(png) == (SLIDE["width"], SLIDE["height"])
    assert len(png) > 50_000  # a drawn map, not an empty frame
    assert figure_to_image(slide, "pdf").startswith(b"%PDF-")


def test_a_state_slide_keeps_the_charts_that_have_data(tables):
    reference, panel = tables
    profile = build_country_profile("KHM", panel, reference, LOADERS["support_pairs"](), LOADERS["states_not_party"]())
    slide = make_state_slide({"Casualties": make_casualties_figure(profile.casualties),
                              "Support": make_support_figure(profile.support_totals)}, "Cambodia", "Data source: x")
    assert [a.text for a in slide.layout.annotations][:2] == ["Casualties", "Support"]
    assert figure_to_image(slide, "png").startswith(PNG)
    empty = make_state_slide({}, "Norway", "Data source: x")
    assert "not reported" in [a.text for a in empty.layout.annotations]


def test_an_unknown_format_is_refused():
    with pytest.raises(ValueError):
        figure_to_image(make_state_slide({}, "x", "y"), "gif")
