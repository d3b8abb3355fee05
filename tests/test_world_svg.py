"""The overview's server-drawn map, bars and headlines: projection, colours, hover text, zoom, escaping, clicks' targets.

Hand-made shapes and frames; the real boundaries only where the projection's frame is checked."""
from __future__ import annotations

import xml.etree.ElementTree as ET

import geopandas as gpd
import pandas as pd
import pytest
from shapely.geometry import box

from charts.legend import NO_DATA_COLOR
from charts.overview_html import make_headlines_html, make_table_html, source_link
from charts.world_svg import (
    LAND_COLOR,
    WIDTH,
    WorldOutline,
    make_outline_svg,
    make_ranked_bars_html,
    make_world_view,
    project_world,
    read_outline,
    write_outline,
)
from domain.overview import METRICS, NO_DATA, Headline

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


def shown(view: dict) -> dict[str, tuple[str, str]]:
    """ISO3 -> (colour, hover text) of each state the view colours on the outline."""
    return {iso3: (fill, tip) for iso3, fill, tip in view["states"]}


def dots(view: dict) -> dict[str, ET.Element]:
    return {e.get("data-iso3"): e for e in parse(view["dots"]).iter("circle")}


def test_projection_keeps_west_to_east_and_north_up_in_a_frame_as_wide_as_the_world(outline):
    a, b, c = (outline.boxes[i] for i in ("AAA", "BBB", "CCC"))
    assert c[2] < a[0] < a[2] < b[0]  # 60°W, then 0-10°E, then 20-30°E
    assert c[1] > a[3]  # the southern state is lower on the page (y grows downwards)
    assert c[0] > 0 and b[2] < WIDTH and 0 < outline.height < WIDTH
    assert outline.paths["AAA"].startswith("M") and outline.paths["AAA"].endswith("z")


def test_a_speck_loses_its_shape_but_keeps_its_dot(outline):
    assert "DDD" not in outline.paths  # below the simplification tolerance
    x, _y = outline.dots["DDD"]
    assert outline.boxes["AAA"][0] <= x <= outline.boxes["AAA"][2]  # 5°E, like the middle of AAA


def test_the_outline_read_back_equals_the_one_written(outline, tmp_path):
    write_outline(outline, tmp_path / "outline.json")
    assert read_outline(tmp_path / "outline.json") == outline


def test_the_outline_has_every_shape_pale_keyed_by_iso3_and_nothing_to_fetch(outline):
    tree = ET.fromstring(make_outline_svg(outline))
    land = next(g for g in tree.iter(f"{SVG}g") if g.get("class") == "mbc-land")
    assert land.get("fill") == LAND_COLOR
    assert {p.get("data-shape"): p.get("d") for p in land} == outline.paths
    assert tree.get("viewBox") == f"0 0 {WIDTH:g} {outline.height:g}"
    assert not [e for e in tree.iter() if e.get("data-iso3")]  # no state until a view colours it
    assert "href" not in make_outline_svg(outline) and "url(" not in make_outline_svg(outline)


def test_shown_states_take_their_bins_colour_no_figure_is_grey_and_other_land_stays_pale(outline):
    states = shown(make_world_view(binned(AAA=("1 to 49", 12), BBB=(NO_DATA, None)), CASUALTIES, outline))
    colors = dict(zip(CASUALTIES.labels, CASUALTIES.colors, strict=True))
    assert states["AAA"][0] == colors["1 to 49"]
    assert states["BBB"][0] == NO_DATA_COLOR
    assert "CCC" not in states  # not shown: keeps the outline's pale land, and no ISO3 to click


def test_each_state_carries_its_hover_text(outline):
    states = shown(make_world_view(binned(AAA=("1 to 49", 12), BBB=(NO_DATA, None)), CASUALTIES, outline))
    assert states["AAA"][1].split("\n") == ["State AAA", "12", "as of 2024", "source: https://example.org/AAA"]
    assert states["BBB"][1].split("\n") == ["State BBB", "not reported", "as of not reported", "source: see the Sources page"]


def test_the_legend_names_each_bin_with_its_count_and_no_data_last(outline):
    view = make_world_view(binned(AAA=("1 to 49", 12), BBB=(NO_DATA, None), CCC=("1 to 49", 3)), CASUALTIES, outline)
    assert ["".join(li.itertext()) for li in parse(view["legend"]).iter("li")] == ["1 to 49 (2)", f"{NO_DATA} (1)"]


def test_a_small_state_gets_a_dot_in_its_bins_colour_reachable_by_keyboard(outline):
    view = make_world_view(binned(DDD=("50 to 199", 60)), CASUALTIES, outline)
    dot = dots(view)["DDD"]
    assert "DDD" not in shown(view)  # no shape to colour: the dot alone shows it
    assert dot.get("fill") == dict(zip(CASUALTIES.labels, CASUALTIES.colors, strict=True))["50 to 199"]
    assert dot.get("data-tip").split("\n")[:2] == ["State DDD", "60"]
    assert dot.get("tabindex") == "-1" and dot.get("role") == "link" and dot.get("aria-label") == dot.get("data-tip")


def test_zooming_frames_the_shown_states_and_the_world_view_shows_all(outline):
    assert make_world_view(binned(AAA=("0", 0)), CASUALTIES, outline)["viewBox"] == f"0 0 {WIDTH:g} {outline.height:g}"
    zoomed = make_world_view(binned(AAA=("0", 0), BBB=("0", 0)), CASUALTIES, outline, zoom_to_states=True)["viewBox"]
    x, _y, width, _height = map(float, zoomed.split())
    assert x < outline.boxes["AAA"][0] and x + width > outline.boxes["BBB"][2] and width < WIDTH / 3


def test_a_shown_state_the_boundaries_cannot_draw_is_named_under_the_map(outline):
    view = make_world_view(binned(AAA=("0", 0), ZZZ=("0", 0)), CASUALTIES, outline)
    note = next(p for p in parse(view["legend"]).iter("p") if p.get("class") == "mbc-not-drawn")
    assert note.get("data-states") == "State ZZZ" and "State ZZZ" in note.text
    assert "ZZZ" not in shown(view) and "ZZZ" not in dots(view)


def test_text_from_the_data_is_escaped_never_markup(outline):
    rows = binned(AAA=("1 to 49", 12), DDD=("1 to 49", 3))
    rows["state"] = '<script>alert("x")</script> & "Co"'
    rows["source_url"] = 'https://example.org/?a=1&b="2"'
    view = make_world_view(rows, CASUALTIES, outline)
    markup = view["dots"] + view["legend"] + make_ranked_bars_html(rows, CASUALTIES)
    assert "<script>" not in markup
    tree = parse(markup)  # well-formed: every quote and ampersand escaped
    # A dot and two bars in the markup, one shape coloured by the view (its hover text is set as text)
    tips = [e.get("data-tip") for e in tree.iter() if e.get("data-tip")] + [tip for _fill, tip in shown(view).values()]
    assert len(tips) == 4 and all(tip.startswith('<script>alert("x")</script> & "Co"') for tip in tips)
    assert all('source: https://example.org/?a=1&b="2"' in tip for tip in tips)


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


def test_headlines_show_label_value_as_of_and_source_escaped():
    headlines = [Headline("Clearance obligations", "32 states", "Article 5 table, 2026-11-01", "article5"),
                 Headline('<b>"Casualties"</b>', "6,279", "2024 (Landmine Monitor)", "https://the-monitor.org/x?a=1&b=2"),
                 Headline("Support", "not reported", "", "")]
    tree = parse(make_headlines_html(headlines, {"article5": "Article 5 & clearance deadlines"}))
    cards = [[p.text if p.get("class") != "mbc-note" else "".join(p.itertext()) for p in div.iter("p")]
             for div in tree.iter("div") if div.get("class") == "mbc-headline"]
    assert cards == [
        ["Clearance obligations", "32 states", "as of Article 5 table, 2026-11-01", "Source: Article 5 & clearance deadlines"],
        ['<b>"Casualties"</b>', "6,279", "as of 2024 (Landmine Monitor)", "Source: the-monitor.org"],
        ["Support", "not reported", "as of not reported", "Source: not reported"],
    ]
    link = next(tree.iter("a"))
    assert link.get("href") == "https://the-monitor.org/x?a=1&b=2" and link.get("rel") == "noopener noreferrer"


def test_a_source_that_is_not_a_web_address_is_never_a_link():
    assert "<a" not in source_link("javascript:alert(1)", {}) and "<a" not in source_link("data/article5.csv", {})


def test_the_table_lists_every_state_shown_with_figure_as_of_and_source_and_never_a_blank():
    rows = binned(AAA=("1 to 49", 12), BBB=(NO_DATA, None))
    rows.loc[0, "state"] = '<i>"A" & co</i>'
    table = next(e for e in parse(make_table_html(rows, CASUALTIES)).iter("div") if e.get("class") == "mbc-table")
    header, body = list(table)
    assert ["".join(h.itertext()) for h in header] == [
        "State", CASUALTIES.label, "As of", "Source", "Legend bin", "Region", "ISO3"]
    cells = [["".join(c.itertext()) for c in row] for row in body]
    assert cells == [['<i>"A" & co</i>', "12", "2024", "example.org", "1 to 49", "Africa", "AAA"],
                     ["State BBB", "not reported", "not reported", "not reported", NO_DATA, "Africa", "BBB"]]
    name = next(e for e in body[0].iter() if e.get("data-iso3"))  # the name opens the state
    assert name.get("data-iso3") == "AAA" and name.get("role") == "link" and name.get("tabindex") == "-1"
    assert name.get("data-tip") is None  # no hover text: the row's cells already say it
    assert [c.get("data-sort") for c in (list(row)[1] for row in body)] == ["12", None]  # sorts by value, missing last


def test_a_categorical_figure_sorts_in_its_legends_order():
    outlook = METRICS["outlook"]
    rows = binned(AAA=(outlook.labels[1], outlook.labels[1]), BBB=(outlook.labels[0], outlook.labels[0]), CCC=(NO_DATA, None))
    body = list(next(e for e in parse(make_table_html(rows, outlook)).iter("div") if e.get("class") == "mbc-table"))[1]
    assert [list(row)[1].get("data-sort") for row in body] == ["1", "0", None]


def test_each_column_header_is_a_header_cell_holding_one_button_so_screen_readers_hear_both():
    # A <button role="columnheader"> hid the button from screen readers; the header cell holds a real button,
    # and the cell (not the button) carries aria-sort once the page's script sorts it.
    table = next(e for e in parse(make_table_html(binned(AAA=("1 to 49", 12)), CASUALTIES)).iter("div")
                 if e.get("class") == "mbc-table")
    headers = [e for e in table.iter() if e.get("role") == "columnheader"]
    assert len(headers) == 7
    for header in headers:
        assert header.tag != "button"
        buttons = list(header.iter("button"))
        assert len(buttons) == 1 and buttons[0].get("type") == "button" and buttons[0].get("role") is None
    assert [h.get("data-col") for h in headers] == [str(i) for i in range(7)]
    assert not [e for e in table.iter() if e.get("aria-sort")]  # the rows come unsorted: no header claims an order


def test_a_web_source_is_a_link_by_the_one_url_rule_and_anything_else_is_text():
    link = ET.fromstring(f"<p>{source_link(' https://www.the-monitor.org/x?a=1&b=2 ', {})}</p>").find("a")
    assert link.get("href") == "https://www.the-monitor.org/x?a=1&b=2" and link.text == "the-monitor.org"
    assert source_link("https://", {}) == "https://"  # no host: text (domain.sources.web_address)
    assert source_link('<b>"x"</b>', {}) == "&lt;b&gt;&#34;x&#34;&lt;/b&gt;"


def test_the_markup_has_no_whitespace_between_elements_and_no_trailing_newline(outline):
    # The outline goes to every browser (its bytes are measured by bench/overview.py); the templates' line breaks
    # are trimmed, not sent.
    rows = binned(AAA=("1 to 49", 12), DDD=("1 to 49", 3), ZZZ=("0", 0))
    view = make_world_view(rows, CASUALTIES, outline)
    for markup in (make_outline_svg(outline), view["dots"], view["legend"], make_ranked_bars_html(rows, CASUALTIES),
                   make_table_html(rows, CASUALTIES), make_headlines_html([Headline("a", "1", "2024", "")], {})):
        assert "\n" not in markup and ">\n" not in markup and not markup.endswith(" "), markup[:80]
