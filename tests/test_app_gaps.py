"""AppTest of the Gaps page: the four views, their figures from data/, URL state, and clicks opening a state."""
from __future__ import annotations

import json
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

APP = str(Path(__file__).resolve().parents[1] / "dashboard.py")


@pytest.fixture
def app(tmp_path, monkeypatch) -> AppTest:
    monkeypatch.setenv("MBC_STORE_PATH", str(tmp_path / "store.sqlite3"))  # the registry seeded from data/, nothing else
    return AppTest.from_file(APP, default_timeout=60)


def open_view(app: AppTest, view: str | None = None) -> AppTest:
    app.run()
    if view:
        app.query_params["view"] = view
    app.switch_page("app_pages/gaps.py").run()
    assert not app.exception, [e.message for e in app.exception]
    return app


def chart(app: AppTest, key: str) -> dict:
    found = [c for c in app.get("plotly_chart") if c.proto.id.endswith(key)]
    assert len(found) == 1
    return json.loads(found[0].proto.spec)


def select(app: AppTest, key: str, payload: dict) -> AppTest:
    """Rerun as the browser does after a click: the element's selection state holds the payload (private API,
    as in test_app_overview.click_map)."""
    element = next(e for e in [*app.get("plotly_chart"), *app.dataframe] if e.proto.id.endswith(key))
    states = app._tree.get_widget_states()
    widget = states.widgets.add()
    widget.id = element.proto.id
    widget.string_value = json.dumps({"selection": payload})
    app._run(states)
    assert not app.exception, [e.message for e in app.exception]
    return app


def test_default_view_draws_deadline_against_area_for_states_with_both(app):
    open_view(app)
    assert app.segmented_control(key="view").value == "pace"
    spec = chart(app, "pace_chart")
    drawn = {point for trace in spec["data"] for point in trace["text"]}
    assert len(drawn) == 21 and "AGO" in drawn and "KHM" in drawn
    assert {trace["name"].split(" (")[0] for trace in spec["data"]} <= {"on pace", "off pace", "cannot be computed"}
    assert spec["layout"]["yaxis"]["type"] == "log"
    assert any(h.value == "Not drawn: no deadline or no area estimate (10)" for h in app.subheader)
    behind = next(d.value for d in app.dataframe if {"Outlook", "Why"} <= set(d.value.columns))
    assert "BIH" in set(behind["ISO3"])


def test_a_click_on_a_bubble_opens_the_state(app):
    open_view(app)
    select(app, "pace_chart", {"points": [{"curve_number": 0, "point_number": 0, "point_index": 0, "x": 4.1, "y": 800,
                                           "customdata": ["KHM", "Cambodia", "..."]}],
                                "point_indices": [0], "box": [], "lasso": []})
    assert app.title[0].value == "Cambodia"


def test_casualties_view_flags_rising_casualties_with_falling_support(app):
    open_view(app, "casualties")
    spec = chart(app, "casualties_chart")
    flagged = next(trace for trace in spec["data"] if trace["name"].startswith("casualties rising"))
    assert sorted(flagged["text"]) == ["AGO", "ETH", "SOM", "TCD"]  # Angola: 63 (2020) -> 107 (2022), support 15.2 -> 12.0
    assert app.selectbox(key="series_state").value == "AFG"
    assert chart(app, "series_chart")["data"][1]["yaxis"] == "y2"


def test_completeness_grid_lists_every_state_party_and_a_row_opens_it(app):
    open_view(app, "completeness")
    grid = app.dataframe[0].value
    assert len(grid) == 166 and grid["gaps"].is_monotonic_decreasing
    assert set(grid.loc[grid["iso3"] == "NOR", "contamination_estimate"]) == {"no obligation"}
    first = grid.iloc[0]["state"]
    select(app, "completeness", {"rows": [0], "columns": []})
    assert app.title[0].value == first


def test_the_view_is_written_to_and_read_from_the_url(app):
    open_view(app)
    app.segmented_control(key="view").set_value("completeness").run()
    assert app.query_params["view"] == "completeness"
    fresh = AppTest.from_file(APP, default_timeout=60)
    open_view(fresh, "casualties")
    assert fresh.segmented_control(key="view").value == "casualties"


def test_table_view_lists_all_166_states_with_not_reported_placeholder(app):
    open_view(app, "table")
    table = app.dataframe[0]
    assert table.value.shape[0] == 166
    assert table.proto.placeholder == "not reported"
    angola = table.value.set_index("ISO3").loc["AGO"]
    assert angola["Art. 5 deadline"] == "2030-12-31"
    assert angola["AP mined area (km²)"] == 67.43
    norway = table.value.set_index("ISO3").loc["NOR"]  # no obligation is said, not "not reported"
    assert norway["Art. 5 deadline"] == norway["Extensions"] == "no Article 5 obligation"
    assert any("Data source:" in c.value for c in app.caption)


def test_table_view_filter_keeps_only_states_with_open_clearance_obligations(app):
    open_view(app, "table")
    app.segmented_control(key="show").set_value("Article 5 obligations").run()
    shown = set(app.dataframe[0].value["ISO3"])
    assert "AGO" in shown and "NOR" not in shown and "GBR" not in shown
    assert len(shown) == 31  # Oman declared completion in 2025 (edition 3)
