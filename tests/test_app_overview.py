"""AppTest of the overview page in the real dashboard: metric, filters, URL state, map config, and the
State Party page it links to. Expected counts come from the domain functions on the same data/."""
from __future__ import annotations

import dataclasses
import datetime as dt
import json
from pathlib import Path

import pandas as pd
import pytest
from streamlit.testing.v1 import AppTest

from charts.renderer import images_available
from data_loaders.registry import LOADERS
from domain.overview import METRICS, NO_DATA, OverviewFilters, compute_headlines, filter_states
from domain.panel import ReferenceTables, build_world_panel

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


def map_spec(app: AppTest) -> dict:
    charts = [c for c in app.get("plotly_chart") if c.proto.id.endswith("world_map")]
    assert len(charts) == 1
    return json.loads(charts[0].proto.spec)


def shapes(spec: dict) -> list[dict]:
    return [trace for trace in spec["data"] if trace["type"] == "choropleth"]


def drawn(spec: dict) -> list[str]:
    return [iso3 for trace in shapes(spec) for iso3 in trace["locations"]]


def dotted(spec: dict) -> list[str]:
    """Small states marked with a dot: ISO3 is the last customdata item of each point."""
    return [point[-1] for trace in spec["data"] if trace["type"] == "scattergeo" for point in trace["customdata"]]


def legend_names(spec: dict) -> list[str]:
    return [trace["name"] for trace in shapes(spec)]


def expected(panel: pd.DataFrame, **filters) -> set[str]:
    return set(filter_states(panel, OverviewFilters(**filters))["iso3"])


def url(app: AppTest) -> dict[str, list[str]]:
    """Query params with every value as a list (AppTest returns a one-item list as a plain string)."""
    return {key: value if isinstance(value, list) else [value] for key, value in dict(app.query_params).items()}


def click_map(app: AppTest, iso3: str, dot: bool = False) -> AppTest:
    """Rerun as the browser does after a click on a state: the chart's selection state holds the point.

    AppTest has no typed element for plotly charts, so the selection is added to the widget states by
    hand (private `_tree` / `_run`; the payload is what Streamlit's frontend sends for a choropleth point,
    or with `dot`, for a small state's marker: lon/lat and customdata, no location).
    """
    chart = [c for c in app.get("plotly_chart") if c.proto.id.endswith("world_map")][0]
    states = app._tree.get_widget_states()
    widget = states.widgets.add()
    widget.id = chart.proto.id
    point = ({"curve_number": 1, "point_number": 0, "point_index": 0, "lon": 179.2, "lat": -8.5,
              "customdata": ["Tuvalu", "not reported", "not reported", "see the Sources page", iso3]} if dot
             else {"curve_number": 0, "point_number": 0, "point_index": 0, "location": iso3, "z": 1})
    widget.string_value = json.dumps({"selection": {"points": [point], "point_indices": [0], "box": [], "lasso": []}})
    app._run(states)
    assert not app.exception, [e.message for e in app.exception]
    return app


# ---------------------------------------------------------------------------------------------
# (a) the metric


def test_default_view_maps_contamination_for_every_state_party(app, panel):
    spec = map_spec(run(app))
    assert app.selectbox(key="metric").value == "contamination"
    assert spec["layout"]["legend"]["title"]["text"] == METRICS["contamination"].label
    assert sorted(drawn(spec)) == sorted(expected(panel))
    assert len(drawn(spec)) == 161
    assert {t["type"] for t in spec["data"]} == {"choropleth", "scattergeo"}
    assert {t["locationmode"] for t in shapes(spec)} == {"ISO-3"}
    # Too small to see as shapes: Tuvalu (no shape in the base map), Malta, Liechtenstein get a dot too.
    assert {"TUV", "MLT", "LIE", "NRU"} <= set(dotted(spec)) <= set(drawn(spec))
    assert legend_names(spec)[-1].startswith(NO_DATA)


def test_switching_the_metric_redraws_the_map_with_that_metric(app, panel):
    before = map_spec(run(app))
    app.selectbox(key="metric").select("casualties").run()
    assert not app.exception
    after = map_spec(app)
    assert after["layout"]["legend"]["title"]["text"] == METRICS["casualties"].label != before["layout"]["legend"]["title"]["text"]
    assert legend_names(after) != legend_names(before)
    labels = {name.rsplit(" (", 1)[0] for name in legend_names(after)}
    assert labels <= {*METRICS["casualties"].labels, NO_DATA}
    assert "0" in labels or "1 to 49" in labels
    # same states, other bins: the counts in the names add up to every state drawn
    counts = sum(int(name.rsplit("(", 1)[1].rstrip(")")) for name in legend_names(after))
    assert counts == len(drawn(after)) == len(drawn(before))
    assert "Mine/ERW casualties" in " ".join(c.value for c in app.caption)


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
    assert spec["layout"]["geo"]["fitbounds"] == "locations"  # zoomed to Africa


def test_article5_toggle_keeps_the_32_open_obligations(app, panel):
    run(app)
    app.checkbox(key="art5").check().run()
    spec = map_spec(app)
    open_obligations = panel[panel["has_article5"] & ~panel["article5_completed"]
                             & panel["membership_status"].isin(["state_party", "withdrawing", "not_yet_in_force"])]
    assert set(drawn(spec)) == set(open_obligations["iso3"]) == expected(panel, article5_only=True)
    assert len(drawn(spec)) == 32
    assert "GBR" not in drawn(spec) and "NOR" not in drawn(spec)
    assert app.metric[0].value == "32 states"


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
    app.select_slider(key="within").set_value(2).run()
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
    assert spec["layout"]["legend"]["title"]["text"] == METRICS["years_left"].label
    wanted = expected(panel, regions=("Europe", "Asia"), article5_only=True)
    assert set(drawn(spec)) == wanted and len(wanted) == 14
    assert any(name.startswith("deadline passed") for name in legend_names(spec))


def test_changed_widgets_are_written_to_the_url(app):
    run(app)
    assert url(app) == {}  # the default view has a clean URL
    app.selectbox(key="metric").select("survivors").run()
    app.multiselect(key="region").set_value(["Americas", "Oceania"]).run()
    app.checkbox(key="survivors").check().run()
    app.select_slider(key="within").set_value(5).run()
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
    assert map_spec(second)["data"] == map_spec(first)["data"]
    assert second.selectbox(key="metric").value == "outlook"
    assert set(drawn(map_spec(second))) == expected(panel, regions=("Africa",), article5_only=True)


def test_invalid_query_params_fall_back_to_the_default_view(app, panel):
    app.query_params["metric"] = "nonsense"
    app.query_params["region"] = ["Atlantis"]
    app.query_params["within"] = "7"
    run(app)
    assert app.selectbox(key="metric").value == "contamination"
    assert app.multiselect(key="region").value == []
    assert app.select_slider(key="within").value == 0
    assert set(drawn(map_spec(app))) == expected(panel)


# ---------------------------------------------------------------------------------------------
# (d) offline base map, headlines, sources, download


def test_map_uses_the_locally_served_base_map(app):
    run(app)
    chart = [c for c in app.get("plotly_chart") if c.proto.id.endswith("world_map")][0]
    config = json.loads(chart.proto.config)
    assert config["topojsonURL"] == "app/static/"
    assert (ROOT / "static" / "world_50m.json").is_file()  # what plotly asks for at resolution 50
    assert map_spec(app)["layout"]["geo"]["resolution"] == 50


def test_overview_shows_four_headlines_a_source_line_and_a_download(app, panel):
    run(app)
    assert len(app.metric) == 4
    headlines = compute_headlines(filter_states(panel, OverviewFilters()), LOADERS["global_figures"](),
                                  LOADERS["global_casualties"]())
    assert [(m.label, m.value) for m in app.metric] == [(h.label, h.value) for h in headlines]
    assert app.metric[0].value == "32 states"
    assert any(c.value.startswith("Data source:") and "data/article5.csv" in c.value for c in app.caption)
    downloads = {d.proto.label for d in app.get("download_button")}
    assert {"Download this table (CSV)", "Download this table (XLSX)"} <= downloads
    assert {"Slide (PNG)", "Slide (PDF)"} <= downloads or not images_available()  # those need Chromium on the server
    table = app.dataframe[0].value
    assert len(table) == 161 and {"ISO3", "As of", "Source", "Legend bin"} <= set(table.columns)


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
    click_map(app, "TUV", dot=True)
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
