"""A server runs for days: each page run reads today's date (ui.clock) and every cache that depends on it
is keyed by it, so a run after midnight shows that day's deadlines and years left, not the first day's."""
from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

import ui.clock
from tests.app_views import overview_table

APP = str(Path(__file__).resolve().parents[1] / "dashboard.py")
BEFORE_ANGOLAS_DEADLINE = dt.date(2026, 12, 2)  # Angola's deadline: 2030-12-31
AFTER_ANGOLAS_DEADLINE = dt.date(2031, 1, 2)


def run_on(day: dt.date, monkeypatch, page: str | None = None, **params: str) -> AppTest:
    monkeypatch.setattr(ui.clock, "today", lambda: day)
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
