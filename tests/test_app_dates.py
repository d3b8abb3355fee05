"""A server runs for days: each page run reads today's date once (ui.clock) and every cache that depends on
it is keyed by it, so a run after midnight shows that day's deadlines, years left and current needs, not the
first day's: in a new session and in a session already open, without a restart."""
from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

import ui.clock
from tests.app_views import overview_table
from ui.cached import cached_store

APP = str(Path(__file__).resolve().parents[1] / "dashboard.py")
BEFORE_ANGOLAS_DEADLINE = dt.date(2026, 12, 2)  # Angola's deadline: 2030-12-31
AFTER_ANGOLAS_DEADLINE = dt.date(2031, 1, 2)


def run_on(day: dt.date, monkeypatch, page: str | None = None, **params: str) -> AppTest:
    monkeypatch.setattr(ui.clock, "system_date", lambda: day)
    app = AppTest.from_file(APP, default_timeout=60)
    for key, value in params.items():
        app.query_params[key] = value
    app.switch_page(page).run() if page else app.run()
    assert not app.exception, [e.message for e in app.exception]
    return app


@pytest.mark.parametrize("first, then", [(BEFORE_ANGOLAS_DEADLINE, AFTER_ANGOLAS_DEADLINE),
                                         (AFTER_ANGOLAS_DEADLINE, BEFORE_ANGOLAS_DEADLINE)])
def test_the_state_party_page_follows_the_day_of_each_run(monkeypatch, first, then):
    def captions(day):
        app = run_on(day, monkeypatch, "app_pages/country.py", iso3="AGO")
        return " | ".join(c.value for c in app.caption).replace("\\", "")  # Markdown escapes

    shown = {day: captions(day) for day in (first, then)}
    assert "4.1 years left" in shown[BEFORE_ANGOLAS_DEADLINE] and "deadline passed" not in shown[BEFORE_ANGOLAS_DEADLINE]
    assert "deadline passed" in shown[AFTER_ANGOLAS_DEADLINE] and "years left" not in shown[AFTER_ANGOLAS_DEADLINE]


def test_the_overview_follows_the_day_of_each_run(monkeypatch):
    def angola(day):
        table = overview_table(run_on(day, monkeypatch, metric="years_left"))
        return table.set_index(table.columns[0]).loc["Angola"].tolist()

    before, after = angola(BEFORE_ANGOLAS_DEADLINE), angola(AFTER_ANGOLAS_DEADLINE)
    assert (before[0], before[3]) == ("4.08", "2 to 5")
    assert (after[0], after[3]) == ("-0.01", "deadline passed")


def test_a_session_left_open_past_the_deadline_shows_it_on_its_next_run(monkeypatch):
    def captions(app: AppTest) -> str:
        return " | ".join(c.value for c in app.caption).replace("\\", "")  # Markdown escapes

    app = run_on(BEFORE_ANGOLAS_DEADLINE, monkeypatch, "app_pages/country.py", iso3="AGO")
    assert "4.1 years left" in captions(app)
    monkeypatch.setattr(ui.clock, "system_date", lambda: AFTER_ANGOLAS_DEADLINE)  # midnight passes; no restart
    app.run()
    assert not app.exception, [e.message for e in app.exception]
    assert "deadline passed" in captions(app) and "years left" not in captions(app)


def test_the_overview_fragment_reads_the_new_day_on_a_filter_change(monkeypatch):
    app = run_on(BEFORE_ANGOLAS_DEADLINE, monkeypatch, metric="years_left")
    monkeypatch.setattr(ui.clock, "system_date", lambda: AFTER_ANGOLAS_DEADLINE)
    app.checkbox(key="art5").check().run()  # reruns the overview's fragment alone
    assert not app.exception, [e.message for e in app.exception]
    table = overview_table(app)
    assert table.set_index(table.columns[0]).loc["Angola"].tolist()[3] == "deadline passed"


def test_current_needs_end_with_their_period_in_a_session_left_open(monkeypatch, tmp_path):
    monkeypatch.delenv("DATABASE_URL", raising=False)
    monkeypatch.setenv("MBC_STORE_PATH", str(tmp_path / "store.sqlite3"))
    cached_store.clear()
    try:
        app = run_on(dt.date(2026, 12, 31), monkeypatch, "app_pages/needs.py")
        shown = metric_value(app, "Needs shown")
        # Bosnia and Herzegovina (2025-2026), Croatia (to 2026; 2023-2026) and Senegal (2021-2026; 2025-2026)
        monkeypatch.setattr(ui.clock, "system_date", lambda: dt.date(2027, 1, 1))
        app.run()
        assert not app.exception, [e.message for e in app.exception]
        assert _count(metric_value(app, "Needs shown")) == _count(shown) - 5
    finally:
        cached_store.clear()


def metric_value(app: AppTest, label: str) -> str:
    return next(str(m.value) for m in app.metric if m.label == label)


def _count(shown: str) -> int:
    return int(shown.split(" of ")[0])
