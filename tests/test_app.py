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


def test_sources_page_lists_every_dataset_with_provenance(app):
    app.run()
    app.switch_page("app_pages/sources.py").run()
    table = app.dataframe[0].value
    assert len(table) == 13
    assert table.set_index("File").loc["data/article5.csv", "Rows"] == 37
    assert table["sha256"].str.len().eq(12).all()
