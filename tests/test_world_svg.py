"""The overview's server-drawn map and bars: projection, colours, hover text, zoom, escaping, clicks' targets.

Hand-made shapes and frames; the real boundaries only where the projection's frame is checked."""
from __future__ import annotations

import xml.etree.ElementTree as ET

import geopandas as gpd
import pandas as pd
import pytest
from shapely.geometry import box

from charts.legend import NO_DATA_COLOR
from charts.world_svg import (
    LAND_COLOR, WIDTH, WorldOutline, make_ranked_bars_html, make_world_svg, project_world, read_outline, write_outline,
)
from domain.overview import METRICS, NO_DATA

SVG = "{http://www.w3.org/2000/svg}"
CASUALTIES = METRICS["casualties"]


@pytest.fixture(scope="module")
def world() -> gpd.GeoDataFrame:
    """Three square states and a speck, in longitude/latitude."""
    return gpd.GeoDataFrame({
        "iso3": ["AAA", "BBB", "CCC", "DDD"], "name": ["A", "B", "C", "D"], "is_state": [True] * 4,
        "geometry": [box(0, 0, 10, 10), box(20, 0, 30, 10), box(-60, -30, -50, -20), box(5, 40, 5.001, 40.001)],
    }, crs="EPSG:4326")


@pytest.fixture(scope="module")
def outline(world) -> WorldOutline:
    return project_world(world, pd.DataFrame({"iso3": ["DDD"], "lon": [5.0], "lat": [40.0]}))


def binned(**rows) -> pd.DataFrame:
    """iso3 -> (bin, value) rows as compute_metric_bins returns them, with text, as of and source."""
    return pd.DataFrame([
        {"iso3": iso3, "state": f"State {iso3}", "bin": label, "value": value,
         "value_text": "not reported" if value is None else f"{value:,}" if isinstance(value, int) else value,
         "as_of": None if value is None else "2024",
         "source_url": None if value is None else f"https://example.org/{iso3}", "region": "Africa"}
        for iso3, (label, value) in rows.items()])


def parse(markup: str) -> ET.Element:
    return ET.fromstring(f"<div>{markup}</div>")


def shown(tree: ET.Element) -> dict[str, ET.Element]:
    return {e.get("data-iso3"): e for e in tree.iter() if e.get("class", "").startswith("mbc-state")}


def test_projection_keeps_west_to_east_and_north_up_in_a_frame_as_wide_as_the_world(outline):
    a, b, c = (outline.boxes[i] for i in ("AAA", "BBB", "CCC"))
    assert c[2] < a[0] < a[2] < b[0]  # 60°W, then 0-10°E, then 20-30°E
    assert c[1] > a[3]  # the southern state is lower on the page (y grows downwards)
    assert 0 < c[0] and b[2] < WIDTH and 0 < outline.height < WIDTH
    assert outline.paths["AAA"].startswith("M") and outline.paths["AAA"].endswith("z")


def test_a_speck_loses_its_shape_but_keeps_its_dot(outline):
    assert "DDD" not in outline.paths  # below the simplification tolerance
    x, y = outline.dots["DDD"]
    assert outline.boxes["AAA"][0] <= x <= outline.boxes["AAA"][2]  # 5°E, like the middle of AAA


def test_the_outline_read_back_equals_the_one_written(outline, tmp_path):
    write_outline(outline, tmp_path / "outline.json")
    assert read_outline(tmp_path / "outline.json") == outline


def test_shown_states_take_their_bins_colour_no_figure_is_grey_and_other_land_is_pale(outline):
    tree = parse(make_world_svg(binned(AAA=("1 to 49", 12), BBB=(NO_DATA, None)), CASUALTIES, outline))
    states = shown(tree)
    colors = dict(zip(CASUALTIES.labels, CASUALTIES.colors))
    assert states["AAA"].get("fill") == colors["1 to 49"]
    assert states["BBB"].get("fill") == NO_DATA_COLOR
    land = next(g for g in tree.iter(f"{SVG}g") if g.get("class") == "mbc-land")
    assert land.get("fill") == LAND_COLOR and len(list(land)) == 1  # CCC: not shown, no ISO3 to click
    assert "data-iso3" not in ET.tostring(land, encoding="unicode")


def test_each_state_carries_its_hover_text_and_can_be_reached_by_keyboard(outline):
    states = shown(parse(make_world_svg(binned(AAA=("1 to 49", 12), BBB=(NO_DATA, None)), CASUALTIES, outline)))
    assert states["AAA"].get("data-tip").split("\n") == ["State AAA", "12", "as of 2024", "source: https://example.org/AAA"]
    assert states["BBB"].get("data-tip").split("\n") == [
        "State BBB", "not reported", "as of not reported", "source: see the Sources page"]
    assert states["AAA"].get("tabindex") == "-1" and states["AAA"].get("aria-label") == states["AAA"].get("data-tip")


def test_the_legend_names_each_bin_with_its_count_and_no_data_last(outline):
    tree = parse(make_world_svg(binned(AAA=("1 to 49", 12), BBB=(NO_DATA, None), CCC=("1 to 49", 3)), CASUALTIES, outline))
    assert ["".join(li.itertext()) for li in tree.iter("li")] == ["1 to 49 (2)", f"{NO_DATA} (1)"]


def test_a_small_state_gets_a_dot_in_its_bins_colour(outline):
    states = shown(parse(make_world_svg(binned(DDD=("50 to 199", 60)), CASUALTIES, outline)))
    assert states["DDD"].tag == f"{SVG}circle"
    assert states["DDD"].get("fill") == dict(zip(CASUALTIES.labels, CASUALTIES.colors))["50 to 199"]


def test_zooming_frames_the_shown_states_and_the_world_view_shows_all(outline):
    world_view = next(parse(make_world_svg(binned(AAA=("0", 0)), CASUALTIES, outline)).iter(f"{SVG}svg")).get("viewBox")
    assert world_view == f"0 0 {WIDTH:g} {outline.height:g}"
    zoomed = next(parse(make_world_svg(binned(AAA=("0", 0), BBB=("0", 0)), CASUALTIES, outline, zoom_to_states=True))
                  .iter(f"{SVG}svg")).get("viewBox")
    x, y, width, height = map(float, zoomed.split())
    assert x < outline.boxes["AAA"][0] and x + width > outline.boxes["BBB"][2] and width < WIDTH / 3


def test_a_shown_state_the_boundaries_cannot_draw_is_named_under_the_map(outline):
    tree = parse(make_world_svg(binned(AAA=("0", 0), ZZZ=("0", 0)), CASUALTIES, outline))
    note = next(p for p in tree.iter("p") if p.get("class") == "mbc-not-drawn")
    assert note.get("data-states") == "State ZZZ" and "State ZZZ" in note.text
    assert "ZZZ" not in shown(tree)


def test_text_from_the_data_is_escaped_never_markup(outline):
    rows = binned(AAA=("1 to 49", 12))
    rows.loc[0, "state"] = '<script>alert("x")</script> & "Co"'
    rows.loc[0, "source_url"] = 'https://example.org/?a=1&b="2"'
    markup = make_world_svg(rows, CASUALTIES, outline) + make_ranked_bars_html(rows, CASUALTIES)
    assert "<script>" not in markup
    tree = parse(markup)  # well-formed: every quote and ampersand escaped
    tips = [e.get("data-tip") for e in tree.iter() if e.get("data-tip")]
    assert tips and all(tip.startswith('<script>alert("x")</script> & "Co"') for tip in tips)
    assert 'source: https://example.org/?a=1&b="2"' in tips[0]


def test_bars_rank_the_highest_figures_first_with_bars_in_proportion():
    rows = binned(AAA=("1 to 49", 10), BBB=("50 to 199", 100), CCC=(NO_DATA, None), DDD=("1 to 49", 40))
    tree = parse(make_ranked_bars_html(rows, CASUALTIES, top=2))
    order = [e.get("data-iso3") for e in tree.iter("div") if e.get("data-iso3")]
    assert order == ["BBB", "DDD"]  # top 2; the state with no figure is left to the table
    widths = [e.get("style").split(";")[0] for e in tree.iter("span") if e.get("class") == "mbc-bar"]
    assert widths == ["width:100.0%", "width:40.0%"]
    assert tree.find(".//p[@class='mbc-bar-unit']").text == "casualties"


def test_a_categorical_metric_ranks_by_legend_order_with_full_bars():
    outlook = METRICS["outlook"]
    rows = binned(AAA=(outlook.labels[2], outlook.labels[2]), BBB=(outlook.labels[0], outlook.labels[0]))
    tree = parse(make_ranked_bars_html(rows, outlook))
    assert [e.get("data-iso3") for e in tree.iter("div") if e.get("data-iso3")] == ["BBB", "AAA"]
    assert {e.get("style").split(";")[0] for e in tree.iter("span") if e.get("class") == "mbc-bar"} == {"width:100.0%"}


def test_no_figure_at_all_says_so_instead_of_an_empty_chart():
    assert "No state shown has a figure." in make_ranked_bars_html(binned(AAA=(NO_DATA, None)), CASUALTIES)


def test_the_real_boundaries_project_every_state_with_a_shape(outline):
    from data_loaders.boundaries import load_boundaries
    from domain.geography import compute_small_state_points

    world = load_boundaries()
    real = project_world(world, compute_small_state_points(world))
    with_shape = set(world.loc[world.geometry.notna(), "iso3"])
    assert with_shape <= set(real.paths) | set(real.dots)
    assert {"MLT", "LIE", "TUV", "NRU"} <= set(real.dots)
    assert sum(map(len, real.paths.values())) < 600_000  # the markup a browser receives stays small
