"""AppTest of /changes: since the last Convention meeting by default, the changed contamination figure with both sources,
a new need and a passed deadline, each State's page linked at both dates; dates and grouping in the URL; dates that
cannot be shown refused with a message; a registry need added shows; the editions' changes still show while the store
cannot be reached."""
from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

import ui.clock
from store.writes import create_need
from tests.app_store import app_store
from tests.store.conftest import ADMIN, NEED
from ui.changes_sections import download_frame, read_changes

APP = str(Path(__file__).resolve().parents[1] / "dashboard.py")
TODAY = dt.date(2026, 12, 2)


@pytest.fixture
def on_today(monkeypatch):
    monkeypatch.setattr(ui.clock, "system_date", lambda: TODAY)


def open_changes(**params: str) -> AppTest:
    app = AppTest.from_file(APP, default_timeout=60)  # opened as a shared link is: the first page of a session
    for key, value in params.items():
        app.query_params[key] = value
    return ran(app.switch_page("app_pages/changes.py").run())


def ran(app: AppTest) -> AppTest:
    assert not app.exception, [e.message for e in app.exception]
    return app


def lines(app: AppTest) -> str:
    return "\n".join(m.value for m in app.main.markdown).replace("\\", "")  # Markdown escapes


def headings(app: AppTest) -> list[str]:
    return [h.value.replace("\\", "") for h in app.main.subheader]


def counts(app: AppTest) -> dict[str, str]:
    return {m.label: m.value for m in app.main.metric}


def test_since_the_last_meeting_a_changed_figure_a_new_need_and_a_passed_deadline_are_listed(on_today):
    app = open_changes()
    assert app.query_params["from"] in ("2025-12-01", ["2025-12-01"])  # the 22MSP opened on 1 December 2025
    assert app.query_params["to"] in ("2026-12-02", ["2026-12-02"])
    assert app.selectbox(key="changes_meeting").value == "22MSP"
    # The first edition held is later than the meeting: the page says what it compares from.
    assert [i.value for i in app.info] == ["Figures are compared from the earliest data edition held, 27 November 2026."]
    text = lines(app)
    assert "data edition of 27 November 2026 compared with 1 December 2026" in text
    angola = next(line for line in text.splitlines() if "Contamination figure changed" in line and "67.43" in line)
    assert "68 km² (2022), source [the-monitor.org](<http://www.the-monitor.org/en-gb/reports/2023/angola/impact.aspx>)" \
        in angola
    assert "→ 67.43 km² (2023), source [apopo.org](<https://apopo.org/?p=205344>)" in angola
    assert "**Need added** (1 December 2026): US$773 million (2013-2023)" in text
    assert "**Article 5 deadline passed** (31 December 2025): source [mineactionreview.org](<https://www.mineactionreview" \
           ".org/country/tajikistan/anti-personnel-mines>)" in text
    assert "[on 27 November 2026](</country?iso3=AGO&as_of=2026-11-27>) · [on 2 December 2026](</country?iso3=AGO&as_of=" \
           "2026-12-02>)" in text
    assert {"Angola", "Afghanistan", "Tajikistan", "Türkiye"} <= set(headings(app))
    assert "Mauritania" not in headings(app)  # its deadline, 31 December 2026, is still ahead
    assert counts(app)["Clearance (Article 5)"] == "8" and counts(app)["Needs"] == "2"


def test_the_period_comes_from_the_url_and_the_meeting_list_sets_from(on_today):
    app = open_changes(**{"from": "2026-12-01", "to": "2026-12-02"})
    assert "no new data edition in the period (the edition of 1 December 2026" in lines(app)
    # The edition of 1 December is in force from the start: nothing changed since.
    assert [i.value for i in app.info] == ["No change recorded from 1 December 2026 to 2 December 2026."]
    app.selectbox(key="changes_meeting").select("5RC").run()
    ran(app)
    assert app.query_params["from"] in ("2024-11-25", ["2024-11-25"])
    assert str(app.date_input(key="from").value) == "2024-11-25" and "67.43" in lines(app)

    between = open_changes(**{"from": "2026-11-28", "to": "2026-12-01"})
    assert not between.info and "67.43" in lines(between) and "Tajikistan" not in headings(between)


def test_dates_that_cannot_be_shown_are_refused_with_a_message(on_today):
    app = open_changes(**{"from": "2025-13-01", "to": "2099-01-01"})
    warnings = " ".join(w.value for w in app.warning).replace("\\", "")  # Markdown escapes: the text as typed
    assert "'from' date '2025-13-01' is not a day" in warnings and "1 December 2025 is used instead" in warnings
    assert "'to' date '2099-01-01' is not a day" in warnings and "2 December 2026 is used instead" in warnings
    assert app.query_params["from"] in ("2025-12-01", ["2025-12-01"]) and "67.43" in lines(app)

    reversed_ = open_changes(**{"from": "2026-12-01", "to": "2026-11-01"})
    assert "'From' (1 December 2026) is after 'To' (1 November 2026)" in reversed_.error[0].value
    assert not headings(reversed_) and not reversed_.main.metric


def test_grouped_by_area_each_line_names_its_state_and_links_its_page(on_today):
    app = open_changes(group="area")
    assert headings(app) == ["Clearance (Article 5)", "Casualties", "Needs"]
    assert "**Angola** · **Contamination figure changed**" in lines(app)
    assert "**Tajikistan** · **Article 5 deadline passed** (31 December 2025)" in lines(app)
    app.segmented_control(key="group").set_value("state").run()
    assert "Angola" in headings(ran(app)) and "group" not in app.query_params


def test_the_download_names_kinds_and_areas_in_words_and_the_period(on_today):
    frame = download_frame(read_changes(dt.date(2026, 11, 28), TODAY).changes, dt.date(2026, 11, 28), TODAY)
    angola = frame[(frame["iso3"] == "AGO") & (frame["kind"] == "Contamination figure changed")].iloc[0]
    assert (angola["area"], angola["old"], angola["new"]) == ("Clearance (Article 5)", "68 km² (2022)", "67.43 km² (2023)")
    assert angola["new_source"] == "https://apopo.org/?p=205344" and angola["period_from"] == "2026-11-28"


def test_a_need_added_to_the_registry_in_the_period_is_listed(tmp_path, monkeypatch):
    # The audit's clock is the real one: the period ends on the real today.
    with app_store(tmp_path, monkeypatch) as store:
        create_need(store, ADMIN, {**NEED, "description": "survey of two <b>districts</b>"})
        app = open_changes(**{"from": "2026-11-28", "to": dt.date.today().isoformat()})
    assert "**Need added**" in lines(app) and "survey of two <b>districts</b>" in lines(app)  # escaped, as typed


def test_while_the_store_cannot_be_reached_the_editions_changes_are_still_listed(on_today, unreachable_store):
    app = open_changes()
    assert any("Article 7 reports published, needs, offers and partnerships" in w.value for w in app.warning)
    assert "67.43" in lines(app) and "US$773 million" in lines(app)


def test_some_states_only_and_a_state_party_page_links_its_own_changes(on_today):
    app = open_changes(states="AGO")
    assert headings(app) == ["Angola"]
    assert "67.43" in lines(app) and "Afghanistan" not in lines(app)
    assert app.multiselect(key="states").value == ["AGO"]
    both = open_changes(states=["AGO", "TJK"])
    assert headings(both) == ["Angola", "Tajikistan"]
    state_page = AppTest.from_file(APP, default_timeout=60)
    state_page.query_params["iso3"] = "TJK"
    ran(state_page.switch_page("app_pages/country.py").run())
    link = next(p for p in state_page.get("page_link") if p.proto.label == "What changed")
    assert (link.proto.page, link.proto.query_string) == ("changes", "states=TJK")
