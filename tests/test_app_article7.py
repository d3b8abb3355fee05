"""AppTest of Article 7 across States (/article7) and of the pages published reports feed: with no report published the
page says so and shows nothing invented; published reports are listed with links, the grid says on time, late or
missing in words with the forms marked unchanged, the cross-cutting view flags gaps; a report published while the
dashboard runs shows on the State Party page, the overview and the Gaps page at their next run, its figure named
and the compiled one beside it."""
from __future__ import annotations

import datetime as dt
import html
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from domain.reporting import schema
from domain.reporting.report import Section, empty_report
from i18n import format_date
from store import StoreUnavailable
from store.reports import create_report, publish_report, record_sent, submit_report
from tests.app_store import app_store
from tests.app_views import component_data, overview_table
from tests.store.conftest import ADMIN
from ui import article7_sections, cached

ROOT = Path(__file__).resolve().parents[1]
PAGE, APP = str(ROOT / "app_pages" / "article7.py"), str(ROOT / "dashboard.py")


@pytest.fixture
def store(tmp_path, monkeypatch):
    with app_store(tmp_path, monkeypatch) as opened:
        yield opened


def publish(store, iso3: str, year: int, *, sizes=(30_000_000.0,), j: dict | None = None, unchanged: dict | None = None,
            sent: str | None = None):
    """A report without errors (the cover, Form C's areas, Form J; the rest not applicable), submitted and published."""
    report = empty_report(iso3, year)
    for key in schema.form_keys()[1:]:
        report.sections[key] = Section("not_applicable")
    report.sections["cover"] = Section(values={"period_from": f"{year}-01-01", "period_to": f"{year}-12-31",
                                               "date_of_submission": f"{year + 1}-04-20",
                                               "contact_organisation": "Mine Action Authority"})
    report.sections["C"] = Section(tables={"areas": [
        {"area_id": f"{iso3}-{n}", "admin_code": f"{iso3}01", "status": "confirmed", "size_m2": size,
         "mine_types": ["PMN-2"]} for n, size in enumerate(sizes, start=1)]})
    report.sections["J"] = Section(values=dict(j or {}))
    for form, since in (unchanged or {}).items():  # last reported in `since`: its content is that year's
        report.sections[form] = Section("unchanged", since, tables={"measures": [
            {"type": "legislation", "title": "Mine Ban Act"}]})
    create_report(store, ADMIN, iso3, year, content=report)
    submit_report(store, ADMIN, iso3, year, {})
    if sent:
        record_sent(store, ADMIN, iso3, year, sent)
    return publish_report(store, ADMIN, iso3, year)


def ran(app: AppTest) -> AppTest:
    assert not app.exception, [e.message for e in app.exception]
    return app


def open_page(**params: str) -> AppTest:
    app = AppTest.from_file(PAGE, default_timeout=60)
    for key, value in params.items():
        app.query_params[key] = value
    return ran(app.run())


def texts(app: AppTest, *kinds: str) -> str:
    return " ".join(e.value for kind in kinds for e in app.get(kind)).replace("\\", "")


def frame_with(app: AppTest, column: str):
    return next(d.value for d in app.dataframe if column in d.value.columns)


def test_with_no_report_published_the_page_says_so_and_shows_no_grid(store):
    app = open_page()
    assert "No State has published an Article 7 report through this tool yet" in texts(app, "info")
    assert not app.dataframe and not app.toggle


def test_published_reports_are_listed_linked_and_the_grid_says_on_time_late_or_missing(store):
    publish(store, "AGO", 2020, sent="2021-04-15", unchanged={"A": 2018})
    publish(store, "AGO", 2021, sent="2022-05-20", j={"casualties_total": 9, "casualties_female": 2,
                                                       "casualties_male": 7, "socio_economic": "Livelihoods."})
    publish(store, "KHM", 2021, sent="2022-04-01")
    app = open_page()
    assert "Reports published here (3)" in [h.value for h in app.header]
    listed = frame_with(app, "Published")
    assert sorted(zip(listed["State"], listed["Year reported"], strict=True)) == [
        ("Angola", 2020), ("Angola", 2021), ("Cambodia", 2021)]
    assert set(listed["Report"]) == {f"/reporting?iso3={i}&year={y}&published={dt.date.today().isoformat()}"
                                     for i, y in (("AGO", 2020), ("AGO", 2021), ("KHM", 2021))}
    grid = frame_with(app, "2020")
    assert list(grid.index) == ["Angola", "Cambodia"]  # the States that published here, by default
    assert grid.loc["Angola", "2020"] == "on time · unchanged: A (2018) · not applicable: B, D, E, F, G, H, I"
    assert grid.loc["Angola", "2021"].startswith("late")
    assert grid.loc["Cambodia", "2020"] == "missing" and grid.loc["Cambodia", "2021"].startswith("on time")
    crossing = frame_with(app, "Casualties by sex").set_index("State")
    assert crossing.loc["Angola", "Report"] == 2021 and crossing.loc["Angola", "Casualties by sex"] == "✓ given"
    assert crossing.loc["Cambodia", "Casualties by sex"] == "✗ gap"
    assert crossing.loc["Angola", "Risk education by sex and age"] == "not applicable"  # Form I not applicable
    counts = frame_with(app, "States giving it").set_index("Topic")
    assert counts.loc["Socio-economic impact"].tolist() == [1, 1, 0]


def test_every_state_party_is_shown_when_asked_and_the_choice_is_in_the_url(store):
    publish(store, "AGO", 2020, sent="2021-04-15")
    app = open_page()
    assert list(frame_with(app, "2020").index) == ["Angola"]
    ran(app.toggle(key="every").set_value(True).run())
    grid = frame_with(app, "2020")
    assert len(grid) > 100 and grid.loc["Cambodia", "2020"] == "missing"
    assert app.query_params["every"] == "1"
    assert len(frame_with(open_page(every="1"), "2020")) == len(grid)  # the link reopens this view


def test_while_the_database_is_away_the_page_says_so(store, monkeypatch):
    publish(store, "AGO", 2020)

    def unreachable():
        raise StoreUnavailable()

    monkeypatch.setattr(article7_sections, "cached_store", unreachable)
    app = open_page()
    assert "cannot be reached" in texts(app, "warning") and not app.dataframe


def test_a_report_published_while_the_dashboard_runs_feeds_the_state_party_page_with_the_compiled_figure_beside(store):
    app = AppTest.from_file(APP, default_timeout=60)
    app.query_params["iso3"] = "AGO"
    ran(app.switch_page("app_pages/country.py").run())
    metrics = {m.label: m.value for m in app.metric}
    assert metrics["Remaining AP mined area"] == "67.43 km²" and "Area, compiled sources" not in metrics
    publish(store, "AGO", 2025, sizes=(20_000_000.0, 10_000_000.0), j={"killed": 2, "injured": 5})
    ran(app.run())  # the next run, no restart
    metrics = {m.label: m.value for m in app.metric}
    assert metrics["Remaining AP mined area"] == "30 km²"
    assert metrics["Area, compiled sources"] == "67.43 km²"
    assert metrics["Casualties, latest year"] == "7"
    label = f"Article 7 report 2025 (Angola), published {format_date(dt.date.today())}"
    link = f"/reporting?iso3=AGO&year=2025&published={dt.date.today().isoformat()}"
    captions = texts(app, "caption")
    assert f"as of 2025 · [{label}](<{link}>)" in captions
    assert "as of 2023 · [apopo.org](<https://apopo.org/?p=205344>)" in captions


def test_the_overview_and_the_gaps_page_use_the_newer_figure(store):
    publish(store, "AGO", 2025, sizes=(30_000_000.0,))
    app = AppTest.from_file(APP, default_timeout=60)
    ran(app.run())
    angola = overview_table(app).set_index("State").loc["Angola"]
    label = f"Article 7 report 2025 (Angola), published {format_date(dt.date.today())}"
    # The figure, its year and its source, named; the compiled figure beside it with its own year and source.
    assert angola.iloc[:3].tolist() == ["30", "2025", f"{label}other source: 67.43, as of 2023 · apopo.org"]
    assert "/reporting?iso3=AGO&amp;year=2025" in component_data(app, "ranked")["markup"]
    headlines = html.unescape(component_data(app, "world_map")["before"])
    assert ", 1 of them from the States' published Article 7 reports;" in headlines
    app.query_params.update({"view": "table"})
    ran(app.switch_page("app_pages/gaps.py").run())
    panel = frame_with(app, "Area source").set_index("ISO3")
    assert panel.loc["AGO", "AP mined area (km²)"] == 30 and panel.loc["AGO", "Area as of"] == 2025
    assert panel.loc["AGO", "Area source"].startswith("/reporting?iso3=AGO&year=2025")
    assert panel.loc["AGO", "Art. 5 source"] == "https://apopo.org/?p=205344"
    assert (panel.loc["AGO", "Other source's area (km²)"], panel.loc["AGO", "Other area as of"]) == (67.43, 2023)


def test_the_gaps_completeness_view_links_the_grid(store):
    app = AppTest.from_file(APP, default_timeout=60)
    app.query_params["view"] = "completeness"
    ran(app.switch_page("app_pages/gaps.py").run())
    assert "[Article 7 reporting across States](/article7)" in texts(app, "markdown")


def test_the_cached_builds_are_keyed_by_the_reports_published(store):
    assert cached.published_reports_key() == ""
    publish(store, "AGO", 2025)
    first = cached.published_reports_key()
    assert first and cached.published_reports_key() == first
    publish(store, "KHM", 2025)
    assert cached.published_reports_key() not in ("", first)
