"""AppTest: every page the router lists runs without an exception and shows real figures with their sources."""
import ast
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from store import open_store
from store.users import add_user
from ui.cached import cached_store

ROOT = Path(__file__).resolve().parents[1]
APP = str(ROOT / "dashboard.py")
PASSWORD = "only for this test store"


def routed_pages() -> list[str]:
    """The script of every st.Page in the router (dashboard.py), in its order, admin-only pages included."""
    tree = ast.parse((ROOT / "dashboard.py").read_text(encoding="utf-8"))
    return [node.args[0].value for node in ast.walk(tree)
            if isinstance(node, ast.Call) and getattr(node.func, "attr", None) == "Page"]


def test_the_router_lists_every_page_script_once():
    assert sorted(routed_pages()) == sorted(str(p.relative_to(ROOT)) for p in (ROOT / "app_pages").glob("*.py")
                                            if p.name != "__init__.py")


@pytest.fixture
def admin_app(tmp_path, monkeypatch) -> AppTest:
    """The app on a fresh store, signed in as an admin: every page (the import page too) shows its content."""
    monkeypatch.delenv("DATABASE_URL", raising=False)
    monkeypatch.setenv("MBC_STORE_PATH", str(tmp_path / "store.sqlite3"))
    cached_store.clear()
    add_user(open_store(), "ana", PASSWORD, "admin", by="test")
    app = AppTest.from_file(APP, default_timeout=60)
    app.run()
    app.text_input(key="sign_in_username").input("ana")
    app.text_input(key="sign_in_password").input(PASSWORD)
    app.button(key="sign_in_submit").click().run()
    assert not app.exception
    yield app
    cached_store.clear()


@pytest.mark.parametrize("page", routed_pages())
def test_every_page_runs_without_an_exception(admin_app, page):
    admin_app.switch_page(page).run()
    assert not admin_app.exception, [e.message for e in admin_app.exception]
    assert admin_app.title and admin_app.title[0].value.strip()


def test_sources_page_lists_every_dataset_with_provenance():
    app = AppTest.from_file(APP, default_timeout=60)
    app.run()
    app.switch_page("app_pages/sources.py").run()
    table = app.dataframe[0].value
    assert len(table) == 13
    assert table.set_index("File").loc["data/article5.csv", "Rows"] == 37
    assert table["sha256"].str.len().eq(12).all()
