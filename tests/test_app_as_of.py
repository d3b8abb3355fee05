"""`?as_of=YYYY-MM-DD`: pages drawn from the data edition in force that day, with a banner and the way back; dates
that cannot be shown are refused with a reason; nothing built for today is served to an as-of view, or back."""
from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from tests.test_app_overview import headlines, map_spec, texts_around_the_map
from ui.cached import cached_panel, cached_table, edition_for

ROOT = Path(__file__).resolve().parents[1]
APP = str(ROOT / "dashboard.py")
BEFORE_EDITION_3 = "2026-11-28"  # the edition of 2026-11-27 was in force: Angola 68 km2 (2022)


def open_page(page: str, **params: str) -> AppTest:
    app = AppTest.from_file(APP, default_timeout=60)
    for key, value in params.items():
        app.query_params[key] = value
    app.switch_page(page).run()
    assert not app.exception, [e.message for e in app.exception]
    return app


def text(app: AppTest) -> str:
    parts = [e.value for kind in ("markdown", "caption", "info", "warning") for e in app.get(kind)]
    return "\n".join(parts).replace("\\", "")


def metric(app: AppTest, label: str) -> str:
    return next(m.value for m in app.metric if m.label == label)


def test_the_panel_of_each_date_holds_its_own_edition_in_any_order():
    today, before = dt.date.today(), dt.date.fromisoformat(BEFORE_EDITION_3)
    for on, km2 in ((today, 67.43), (before, 68), (today, 67.43), (before, 68)):
        assert cached_panel(on).set_index("iso3").loc["AGO", "ap_contamination_km2"] == km2, on
    assert edition_for(today) is None  # today reads data/ itself
    assert edition_for(before).day == dt.date(2026, 11, 27)
    assert len(cached_table("stated_needs", before)) == len(cached_table("stated_needs")) - 2


def test_a_country_page_as_of_a_date_shows_that_editions_figures_under_a_banner():
    today = open_page("app_pages/country.py", iso3="AGO")
    assert metric(today, "Remaining AP mined area") == "67.43 km²"
    assert "As the data stood on" not in text(today)
    earlier = open_page("app_pages/country.py", iso3="AGO", as_of=BEFORE_EDITION_3)
    assert metric(earlier, "Remaining AP mined area") == "68 km²"
    assert "As the data stood on 28 November 2026" in text(earlier)
    assert "data edition of 27 November 2026" in text(earlier)
    assert earlier.query_params["as_of"] == BEFORE_EDITION_3
    # Today's page again, after the as-of view: its own figure, no banner.
    again = open_page("app_pages/country.py", iso3="AGO")
    assert metric(again, "Remaining AP mined area") == "67.43 km²"


def test_back_to_today_leaves_the_date():
    app = open_page("app_pages/country.py", iso3="AGO", as_of=BEFORE_EDITION_3)
    app.button(key="as_of_back").click().run()
    assert "as_of" not in app.query_params
    assert metric(app, "Remaining AP mined area") == "67.43 km²"
    assert "As the data stood on" not in text(app)


def test_the_overview_as_of_a_date_counts_what_that_edition_held():
    today = open_page("app_pages/overview.py")
    earlier = open_page("app_pages/overview.py", as_of=BEFORE_EDITION_3)
    assert "As the data stood on 28 November 2026" in text(earlier)
    # Oman's completion (edition 3) takes one State off the clearance obligations; Angola's area is 0.57 km2 less.
    assert dict(headlines(map_spec(earlier)))["Clearance obligations"] == "32 states"
    assert dict(headlines(map_spec(today)))["Clearance obligations"] == "31 states"
    assert "as of Article 5 table, 2026-11-27" in texts_around_the_map(map_spec(earlier))


@pytest.mark.parametrize(("as_of", "reason"), [
    ("2026-13-01", "'2026-13-01' is not a date (YYYY-MM-DD)"),
    ("2020-01-01", "holds its data as it stood from 27 November 2026 on; 1 January 2020 is earlier"),
    ((dt.date.today() + dt.timedelta(days=1)).isoformat(), "is after today"),
])
def test_a_date_that_cannot_be_shown_is_refused_with_its_reason_and_today_shown(as_of, reason):
    app = open_page("app_pages/country.py", iso3="AGO", as_of=as_of)
    assert reason in text(app)
    assert "As the data stood on" not in text(app)
    assert "as_of" not in app.query_params
    assert metric(app, "Remaining AP mined area") == "67.43 km²"


def test_the_needs_page_as_of_a_date_holds_the_needs_known_then():
    today = open_page("app_pages/needs.py")
    earlier = open_page("app_pages/needs.py", as_of=BEFORE_EDITION_3)
    # Edition 3 added two stated needs (Afghanistan's US$773 million, Colombia's US$327 million).
    assert metric(today, "Needs shown").endswith("of 92")
    assert metric(earlier, "Needs shown").endswith("of 90")
    assert "As the data stood on 28 November 2026" in text(earlier)


@pytest.mark.parametrize("page", sorted(str(p.relative_to(ROOT)) for p in (ROOT / "app_pages").glob("*.py")))
def test_every_page_runs_as_of_a_date_under_the_banner(page):
    app = open_page(page, as_of=BEFORE_EDITION_3)
    assert "As the data stood on 28 November 2026" in text(app)


def test_the_registry_as_of_a_date_lists_the_records_then_and_editing_pages_say_they_work_on_today():
    today, earlier = open_page("app_pages/registry.py"), open_page("app_pages/registry.py", as_of=BEFORE_EDITION_3)
    assert "1. All needs (92)" in [h.value for h in today.subheader]
    assert "1. All needs (90)" in [h.value for h in earlier.subheader]
    assert "Editing always works on today's data" not in text(earlier)
    reporting = open_page("app_pages/reporting.py", as_of=BEFORE_EDITION_3)
    assert "Editing always works on today's data." in text(reporting)


def test_a_date_typed_as_markdown_is_shown_as_typed_never_as_a_link():
    app = open_page("app_pages/overview.py", as_of="[x](https://example.org)")
    warning = next(w.value for w in app.warning if "is not a date" in w.value)
    assert "\\[x\\]\\(https" in warning  # escaped: Markdown shows the brackets, draws no link


def test_the_sources_page_lists_the_editions_held_and_what_each_changed():
    app = open_page("app_pages/sources.py")
    editions = next(d.value for d in app.dataframe if "Edition" in d.value.columns)
    assert editions["Edition"].tolist()[:2] == ["2026-11-27", "2026-12-01"]
    assert editions["Tables changed since the edition before"].tolist()[:2] == [
        "the first edition held", "article5, casualties, global_figures, stated_needs, support_by_donor"]
    assert editions["Overview as the data stood then"].tolist()[0] == "/?as_of=2026-11-27"


def test_as_of_a_date_the_registry_keeps_only_the_announced_offers_that_days_edition_held(tmp_path, monkeypatch):
    from store import list_offers
    from tests.app_store import app_store
    from ui import registry_data

    pairs = cached_table("support_pairs")
    announced = pairs[pairs["is_announcement"] & pairs["iso3"].notna() & pairs["iso3_kind"].eq("state")]
    older = pairs.drop(index=announced.index[0])  # an edition that did not hold the first announcement yet
    monkeypatch.setattr(registry_data, "cached_table",
                        lambda name, on=None: older if name == "support_pairs" else cached_table(name, on))
    with app_store(tmp_path, monkeypatch) as store:
        stored = list_offers(store)
        shown = registry_data.records_as_they_stood(store, dt.date.today())
    assert len(stored) == len(announced) and len(shown["offer"]) == len(stored) - 1
    missing = {o["id"] for o in stored} - {o["id"] for o in shown["offer"]}
    (gone,) = [o for o in stored if o["id"] in missing]
    assert (gone["source_url"], gone["targets"]) == (announced.iloc[0]["source_url"], [announced.iloc[0]["iso3"]])
