"""AppTest of /meetings: a planned IA meeting is listed with a link to its State's page, the filters stay in the URL,
and while the store cannot be reached the compiled events are shown with the notice."""
from __future__ import annotations

from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from store.ia import create_ia_event
from tests.app_store import app_store
from tests.store.conftest import ADMIN, FOCAL_COL

APP = str(Path(__file__).resolve().parents[1] / "dashboard.py")
PLANNED = {"iso3": "ZWE", "kind": "follow_up", "date": "2099-09-14", "venue": "Harare", "status": "planned",
           "summary": "Follow-up meeting with partners <b>all welcome</b>"}


@pytest.fixture
def store(tmp_path, monkeypatch):
    with app_store(tmp_path, monkeypatch) as opened:
        yield opened


def open_meetings(**params: str) -> AppTest:
    app = AppTest.from_file(APP, default_timeout=60)  # opened as a shared link is: the first page of a session
    for key, value in params.items():
        app.query_params[key] = value
    app.switch_page("app_pages/meetings.py").run()
    assert not app.exception, [e.message for e in app.exception]
    return app


def table(app: AppTest):
    return app.dataframe[0].value  # the page's one table


def test_a_planned_meeting_is_listed_with_its_page_and_the_filters_stay_in_the_url(store):
    create_ia_event(store, ADMIN, PLANNED)
    create_ia_event(store, FOCAL_COL, {**PLANNED, "iso3": "COL", "venue": "Bogotá"})  # pending: not listed yet
    app = open_meetings()
    shown = table(app)
    assert shown["state"].tolist() == ["Zimbabwe"] and shown["venue"].tolist() == ["Harare"]
    assert shown["page"].tolist() == ["/country?iso3=ZWE"]
    assert shown["summary"].tolist() == [PLANNED["summary"]]  # a cell's text, never HTML
    assert shown["kind"].tolist() == ["Follow-up meeting"]

    app.multiselect(key="region").select("Africa").run()
    app.multiselect(key="kind").select("follow_up").run()
    assert app.query_params["region"] in (["Africa"], "Africa") and app.query_params["kind"] in (["follow_up"], "follow_up")
    assert len(table(app)) == 1
    app.multiselect(key="region").unselect("Africa").select("Europe").run()
    assert table(app).empty

    reopened = open_meetings(region="Africa", kind="follow_up", held="1", to="2099-12-31")
    assert reopened.multiselect(key="region").value == ["Africa"] and reopened.checkbox(key="held").value
    assert str(reopened.date_input(key="to").value) == "2099-12-31"
    assert "Zimbabwe" in table(reopened)["state"].tolist()  # the held Zimbabwe meetings of the seed too
    assert len(table(reopened)) > 1


def test_held_meetings_of_the_seed_show_with_their_sources(store):
    app = open_meetings(held="1", state="SDN")
    shown = table(app)
    assert "2017-06-08" in shown["date"].tolist() and shown["source"].astype(bool).all()


def test_while_the_store_cannot_be_reached_the_compiled_events_are_shown_with_the_notice(unreachable_store):
    app = open_meetings(held="1")
    assert any("compiled Individualised Approach events" in w.value for w in app.warning)
    shown = table(app)
    assert {"Sudan", "Zimbabwe", "Serbia", "Sri Lanka"} <= set(shown["state"])
