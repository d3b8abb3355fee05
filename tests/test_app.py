"""AppTest: every page runs without an exception and shows real figures with their sources."""
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

APP = str(Path(__file__).resolve().parents[1] / "dashboard.py")


@pytest.fixture
def app() -> AppTest:
    return AppTest.from_file(APP, default_timeout=60)


@pytest.mark.parametrize("page", ["app_pages/overview.py", "app_pages/country.py", "app_pages/needs.py", "app_pages/gaps.py", "app_pages/sources.py"])
def test_every_page_runs_without_an_exception(app, page):
    app.run()
    app.switch_page(page).run()
    assert not app.exception
    assert app.title


def test_gaps_page_lists_all_166_states_with_not_reported_placeholder(app):
    app.run()
    app.switch_page("app_pages/gaps.py").run()
    table = app.dataframe[0]
    assert table.value.shape[0] == 166
    assert table.proto.placeholder == "not reported"
    angola = table.value.set_index("ISO3").loc["AGO"]
    assert angola["Art. 5 deadline"] == "2030-12-31"
    assert angola["AP mined area (km²)"] == 68.0
    assert any("Data source:" in c.value for c in app.caption)


def test_gaps_page_filter_keeps_only_states_with_open_clearance_obligations(app):
    app.run()
    app.switch_page("app_pages/gaps.py").run()
    app.segmented_control(key="show").set_value("Article 5 obligations").run()
    shown = set(app.dataframe[0].value["ISO3"])
    assert "AGO" in shown and "NOR" not in shown and "GBR" not in shown
    assert len(shown) == 32


def test_sources_page_lists_every_dataset_with_provenance(app):
    app.run()
    app.switch_page("app_pages/sources.py").run()
    table = app.dataframe[0].value
    assert len(table) == 13
    assert table.set_index("File").loc["data/article5.csv", "Rows"] == 37
    assert table["sha256"].str.len().eq(12).all()
