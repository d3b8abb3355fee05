"""AppTest of the overview page in the real dashboard: metric, filters, URL state, map config, and the
State Party page it links to. Expected counts come from the domain functions on the same data/."""
from __future__ import annotations

import dataclasses
import datetime as dt
import json
import xml.etree.ElementTree as ET
from pathlib import Path
from urllib.parse import urlparse

import pandas as pd
import pytest
from streamlit.components.v2.bidi_component.main import _make_trigger_id
from streamlit.testing.v1 import AppTest

from charts.renderer import images_available
from data_loaders.provenance import read_provenance
from data_loaders.registry import LOADERS
from domain.overview import METRICS, NO_DATA, OverviewFilters, compute_headlines, compute_metric_bins, filter_states
from domain.panel import ReferenceTables, build_world_panel
from tests.app_views import component_data, markup_tree, overview_table

ROOT = Path(__file__).resolve().parents[1]
APP = str(ROOT / "dashboard.py")


@pytest.fixture(scope="module")
def panel() -> pd.DataFrame:
    """The world panel as the page builds it (ui.cached.cached_world_panel uses today's date)."""
    tables = ReferenceTables(**{f.name: LOADERS[f.name]() for f in dataclasses.fields(ReferenceTables)})
    return build_world_panel(tables, LOADERS["states_not_party"](), dt.date.today())


@pytest.fixture
def app() -> AppTest:
    return AppTest.from_file(APP, default_timeout=60)


def run(app: AppTest) -> AppTest:
    app.run()
    assert not app.exception, [e.message for e in app.exception]
    return app


SVG = "{http://www.w3.org/2000/svg}"


def map_spec(app: AppTest) -> dict:
    """What the page sends its map: the outline, the view that colours it, and the markup before and after it."""
    return component_data(app, "world_map")


def shapes(spec: dict) -> list[str]:
    """States the view colours on the outline; the other land stays pale and carries no ISO3."""
    return [iso3 for iso3, _fill, _tip in spec["view"]["states"]]


def drawn(spec: dict) -> list[str]:
    """Every state shown: by its shape, its dot, or both."""
    return sorted({*shapes(spec), *dotted(spec)})


def dotted(spec: dict) -> list[str]:
    """Small states marked with a dot as well as (or instead of) their shape."""
    return [dot.get("data-iso3") for dot in markup_tree(spec["view"]["dots"]).iter("circle")]


def legend_names(spec: dict) -> list[str]:
    return ["".join(item.itertext()) for item in markup_tree(spec["view"]["legend"]).iter("li")]


def not_on_map(spec: dict) -> list[str]:
    """States shown that the boundaries cannot draw, as the note under the map names them."""
    note = [p for p in markup_tree(spec["view"]["legend"]).iter("p") if p.get("class") == "mbc-not-drawn"]
    return note[0].get("data-states").split("|") if note else []


def view_box(spec: dict) -> str:
    return spec["view"]["viewBox"]


def legend_title(spec: dict) -> str:
    return next(p.text for p in markup_tree(spec["view"]["legend"]).iter("p") if p.get("class") == "mbc-legend-title")


def headlines(spec: dict) -> list[tuple[str, str]]:
    """(label, value) of each headline figure above the map."""
    return [(card[0].text, card[1].text) for card in (list(div) for div in markup_tree(spec["before"]).iter("div")
                                                      if div.get("class") == "mbc-headline")]


def texts_around_the_map(spec: dict) -> str:
    return " ".join([*markup_tree(spec["before"]).itertext(), *markup_tree(spec["after"]).itertext()])


def expected(panel: pd.DataFrame, **filters) -> set[str]:
    return set(filter_states(panel, OverviewFilters(**filters))["iso3"])


def url(app: AppTest) -> dict[str, list[str]]:
    """Query params with every value as a list (AppTest returns a one-item list as a plain string)."""
    return {key: value if isinstance(value, list) else [value] for key, value in dict(app.query_params).items()}


def click_map(app: AppTest, iso3: str, key: str = "world_map") -> AppTest:
    """Rerun as the browser does after a click on a state (a shape, a dot or a bar): the view's script sends
    the ISO3 as its "clicked" event. AppTest has no typed element for components, so the event is added to
    the widget states by hand (private `_tree` / `_run`; the id is the one Streamlit gives a v2 component's events)."""
    view = next(v for v in app.get("bidi_component") if v.proto.id.endswith(key))
    states = app._tree.get_widget_states()
    widget = states.widgets.add()
    widget.id = _make_trigger_id(view.proto.id, "events")
    widget.json_trigger_value = json.dumps([{"event": "clicked", "value": iso3}])
    app._run(states)
    assert not app.exception, [e.message for e in app.exception]
    return app


# ---------------------------------------------------------------------------------------------
# (a) the metric


def test_default_view_maps_contamination_for_every_state_party(app, panel):
    spec = map_spec(run(app))
    assert app.selectbox(key="metric").value == "contamination"
    assert legend_title(spec) == METRICS["contamination"].label
    # Every State Party shown, by shape or (Tuvalu, which has no shape in the boundaries) by a dot alone.
    # The Holy See has no shape in the boundaries either: the map says so instead of dropping it silently.
    assert drawn(spec) == sorted(expected(panel) - {"VAT"}) and not_on_map(spec) == ["Holy See"]
    assert len(expected(panel)) == 161 and "TUV" not in shapes(spec)
    # Too small to see as shapes: Tuvalu, Malta, Liechtenstein, Nauru get a dot too.
    assert {"TUV", "MLT", "LIE", "NRU"} <= set(dotted(spec)) <= expected(panel)
    assert legend_names(spec)[-1].startswith(NO_DATA)


def test_a_completed_obligation_is_not_ranked_and_no_obligation_is_not_no_data(app):
    run(app)
    bars = markup_tree(component_data(app, "ranked")["markup"]).find(".//section[@data-group='bars']")
    ranked = "".join(bars.itertext())
    assert "Cambodia" in ranked and "Croatia" not in ranked  # completion declared 2026 after its 2021 estimate
    table = overview_table(app).set_index("ISO3")
    assert table.loc["HRV"].iloc[1] == table.loc["HRV", "Legend bin"] == "obligation completed"
    assert table.loc["HRV", "As of"] == "2026"
    assert table.loc["NOR"].iloc[1] == table.loc["NOR", "Legend bin"] == "no Article 5 obligation"


def test_switching_the_metric_redraws_the_map_with_that_metric(app, panel):
    before = map_spec(run(app))
    app.selectbox(key="metric").select("casualties").run()
    assert not app.exception
    after = map_spec(app)
    assert legend_title(after) == METRICS["casualties"].label != legend_title(before)
    assert legend_names(after) != legend_names(before)
    labels = {name.rsplit(" (", 1)[0] for name in legend_names(after)}
    assert labels <= {*METRICS["casualties"].labels, NO_DATA}
    assert "0" in labels or "1 to 49" in labels
    # same states, other bins: the counts in the names add up to every state drawn
    counts = sum(int(name.rsplit("(", 1)[1].rstrip(")")) for name in legend_names(after))
    assert counts == len(drawn(after)) + len(not_on_map(after)) == len(drawn(before)) + len(not_on_map(before))
    assert "Mine/ERW casualties" in texts_around_the_map(after)
    assert after["outline"] == before["outline"]  # the shapes stay: a view only recolours them


# ---------------------------------------------------------------------------------------------
# (b) the filters


def test_region_filter_draws_only_the_african_states_parties(app, panel):
    run(app)
    app.multiselect(key="region").set_value(["Africa"]).run()
    spec = map_spec(app)
    africa = expected(panel, regions=("Africa",))
    assert set(drawn(spec)) == africa
    assert len(drawn(spec)) == len(africa) == 51
    regions = panel.set_index("iso3")["region"]
    assert {regions[iso3] for iso3 in drawn(spec)} == {"Africa"}
    assert not view_box(spec).startswith("0 0 ")  # zoomed to Africa


def test_article5_toggle_keeps_the_31_open_obligations(app, panel):
    run(app)
    app.checkbox(key="art5").check().run()
    spec = map_spec(app)
    open_obligations = panel[panel["has_article5"] & ~panel["article5_completed"]
                             & panel["membership_status"].isin(["state_party", "withdrawing", "not_yet_in_force"])]
    assert set(drawn(spec)) == set(open_obligations["iso3"]) == expected(panel, article5_only=True)
    assert len(drawn(spec)) == 31  # Oman declared completion in 2025 (edition 3)
    assert "GBR" not in drawn(spec) and "NOR" not in drawn(spec)
    assert headlines(spec)[0][1] == "31 states"


def test_status_and_survivors_filters(app, panel):
    run(app)
    app.multiselect(key="status").set_value(["Not party", "Withdrawn"]).run()
    assert set(drawn(map_spec(app))) == expected(panel, statuses=("Not party", "Withdrawn"))
    assert len(drawn(map_spec(app))) == 36
    app.multiselect(key="status").set_value(["State Party"]).run()
    app.checkbox(key="survivors").check().run()
    assert set(drawn(map_spec(app))) == expected(panel, survivors_only=True)


def test_deadline_within_filter(app, panel):
    run(app)
    app.segmented_control(key="within").set_value(2).run()
    shown = set(drawn(map_spec(app)))
    assert shown == expected(panel, deadline_within_years=2)
    years = panel.set_index("iso3")["years_left"]
    assert all(years[iso3] <= 2 for iso3 in shown)


# ---------------------------------------------------------------------------------------------
# (c) the URL


def test_query_params_restore_the_view(app, panel):
    app.query_params["metric"] = "years_left"
    app.query_params["region"] = ["Europe", "Asia"]
    app.query_params["art5"] = "1"
    run(app)
    assert app.selectbox(key="metric").value == "years_left"
    assert app.multiselect(key="region").value == ["Europe", "Asia"]
    assert app.checkbox(key="art5").value is True
    assert app.multiselect(key="status").value == ["State Party"]
    spec = map_spec(app)
    assert legend_title(spec) == METRICS["years_left"].label
    wanted = expected(panel, regions=("Europe", "Asia"), article5_only=True)
    assert set(drawn(spec)) == wanted and len(wanted) == 13
    assert any(name.startswith("deadline passed") for name in legend_names(spec))


def test_changed_widgets_are_written_to_the_url(app):
    run(app)
    assert url(app) == {}  # the default view has a clean URL
    app.selectbox(key="metric").select("survivors").run()
    app.multiselect(key="region").set_value(["Americas", "Oceania"]).run()
    app.checkbox(key="survivors").check().run()
    app.segmented_control(key="within").set_value(5).run()
    assert url(app) == {"metric": ["survivors"], "region": ["Americas", "Oceania"], "survivors": ["1"],
                        "within": ["5"]}
    app.selectbox(key="metric").select("contamination").run()
    assert "metric" not in app.query_params


def test_a_url_copied_from_one_session_reopens_the_same_map(panel):
    first = run(AppTest.from_file(APP, default_timeout=60))
    first.selectbox(key="metric").select("outlook").run()
    first.multiselect(key="region").set_value(["Africa"]).run()
    first.checkbox(key="art5").check().run()
    second = AppTest.from_file(APP, default_timeout=60)
    for key, value in dict(first.query_params).items():
        second.query_params[key] = value
    run(second)
    assert map_spec(second) == map_spec(first)
    assert second.selectbox(key="metric").value == "outlook"
    assert set(drawn(map_spec(second))) == expected(panel, regions=("Africa",), article5_only=True)


def test_invalid_query_params_fall_back_to_the_default_view(app, panel):
    app.query_params["metric"] = "nonsense"
    app.query_params["region"] = ["Atlantis"]
    app.query_params["within"] = "7"
    run(app)
    assert app.selectbox(key="metric").value == "contamination"
    assert app.multiselect(key="region").value == []
    assert app.segmented_control(key="within").value == 0
    assert set(drawn(map_spec(app))) == expected(panel) - {"VAT"}


# ---------------------------------------------------------------------------------------------
# (d) offline base map, headlines, sources, download


def test_the_map_is_drawn_from_shapes_in_the_page_with_a_hover_text_for_each_state(app, panel):
    run(app)
    spec = map_spec(app)
    # Nothing for the browser to fetch: no base map, tiles, fonts or images, only shapes drawn in place.
    for markup in (spec["outline"], json.dumps(spec["view"])):
        assert "href" not in markup and "url(" not in markup and "<image" not in markup
    assert all(link.get("href").startswith("https://") for link in markup_tree(spec["before"] + spec["after"]).iter("a"))
    assert view_box(spec).startswith("0 0 1000 ")  # the whole world (Antarctica, not a state, cut off)
    outline = ET.fromstring(spec["outline"])
    assert {p.get("data-shape") for p in outline.iter(f"{SVG}path")} >= set(shapes(spec))
    tips = {iso3: tip for iso3, _fill, tip in spec["view"]["states"]}
    row = compute_metric_bins(filter_states(panel, OverviewFilters()), METRICS["contamination"]).set_index("iso3").loc["KHM"]
    assert row.notna()[["value_text", "as_of", "source_url"]].all()
    assert tips["KHM"].split("\n") == ["Cambodia", row["value_text"], f"as of {row['as_of']}", f"source: {row['source_url']}"]


def test_overview_shows_four_headlines_a_source_line_and_a_download(app, panel):
    spec = map_spec(run(app))
    expected_headlines = compute_headlines(filter_states(panel, OverviewFilters()), LOADERS["global_figures"](),
                                           LOADERS["global_casualties"](), read_provenance("article5")["date_compiled"])
    assert headlines(spec) == [(h.label, h.value) for h in expected_headlines]
    assert expected_headlines[0].as_of == f"Article 5 table, {read_provenance('article5')['date_compiled']}"
    assert headlines(spec)[0][1] == "31 states"
    assert f"as of {expected_headlines[0].as_of}" in texts_around_the_map(spec)
    assert texts_around_the_map(spec).count("Source: ") == 4
    assert "Data source:" in texts_around_the_map(spec) and "data/article5.csv" in texts_around_the_map(spec)
    downloads = {d.proto.label for d in app.get("download_button")}
    assert {"Download this table (CSV)", "Download this table (XLSX)"} <= downloads
    assert {"Slide (PNG)", "Slide (PDF)"} <= downloads or not images_available()  # those need Chromium on the server
    table = overview_table(app)
    assert len(table) == 161 and {"ISO3", "As of", "Source", "Legend bin"} <= set(table.columns)
    cambodia = table.set_index("ISO3").loc["KHM"]
    row = compute_metric_bins(filter_states(panel, OverviewFilters()), METRICS["contamination"]).set_index("iso3").loc["KHM"]
    assert cambodia["State"] == "Cambodia" and cambodia["As of"] == row["as_of"]
    assert cambodia["Source"] == urlparse(row["source_url"]).netloc.removeprefix("www.")  # the link, named by its site
    assert table.set_index("ISO3").loc["AFG", "As of"] == "not reported"  # never blank


# ---------------------------------------------------------------------------------------------
# (e) the State Party page and the click from the map


def test_country_page_reads_iso3_from_the_url(app):
    run(app)  # AppTest starts on the default page; the overview drops parameters that are not its own
    app.query_params["iso3"] = "KHM"
    app.switch_page("app_pages/country.py").run()
    assert not app.exception
    assert app.title[0].value == "Cambodia"
    assert app.selectbox(key="iso3").value == "KHM"
    assert url(app)["iso3"] == ["KHM"]


def test_country_page_falls_back_to_the_default_state_on_an_unknown_code(app):
    run(app)  # AppTest starts on the default page; the overview drops parameters that are not its own
    app.query_params["iso3"] = "ZZZ"
    app.switch_page("app_pages/country.py").run()
    assert not app.exception
    assert app.title[0].value == "Angola"
    assert app.selectbox(key="iso3").value == "AGO"


def test_country_page_selectbox_writes_iso3_to_the_url(app):
    run(app)
    app.switch_page("app_pages/country.py").run()
    app.selectbox(key="iso3").select("KHM").run()
    assert app.title[0].value == "Cambodia"
    assert url(app) == {"iso3": ["KHM"]}


def test_a_click_on_a_state_opens_its_state_party_page(app):
    run(app)
    click_map(app, "KHM")
    assert app.title[0].value == "Cambodia"
    assert app.selectbox(key="iso3").value == "KHM"
    assert url(app) == {"iso3": ["KHM"]}


def test_a_click_on_a_small_states_dot_opens_its_page(app):
    run(app)
    click_map(app, "TUV")
    assert app.title[0].value == "Tuvalu"


def test_a_second_click_after_coming_back_opens_the_second_state(app):
    run(app)
    click_map(app, "KHM")
    app.switch_page("app_pages/overview.py").run()
    assert app.title[0].value.startswith("Where contamination remains")  # no bounce back to Cambodia
    click_map(app, "AFG")
    assert app.title[0].value == "Afghanistan"
    assert app.selectbox(key="iso3").value == "AFG"


def test_coming_back_from_a_state_keeps_the_overview_as_it_was(app):
    run(app)
    app.selectbox(key="metric").select("casualties").run()
    app.checkbox(key="art5").check().run()
    click_map(app, "KHM")
    assert app.title[0].value == "Cambodia"
    app.switch_page("app_pages/overview.py").run()  # the sidebar link: no parameters in the address
    assert app.selectbox(key="metric").value == "casualties"
    assert app.checkbox(key="art5").value is True
    assert url(app) == {"metric": ["casualties"], "art5": ["1"]}


def test_a_shared_link_still_wins_over_what_this_session_saw(app):
    run(app)
    app.selectbox(key="metric").select("casualties").run()
    app.switch_page("app_pages/country.py").run()
    app.query_params["metric"] = "survivors"
    app.switch_page("app_pages/overview.py").run()
    assert app.selectbox(key="metric").value == "survivors"
