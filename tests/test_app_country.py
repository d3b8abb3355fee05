"""AppTest of the State Party page in the real dashboard, on data/: rich, sparse, no-obligation, withdrawn
and non-party states, the outlook controls in the URL, and every State Party rendering without an error."""
from __future__ import annotations

from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from charts.renderer import images_available
from data_loaders.registry import LOADERS

ROOT = Path(__file__).resolve().parents[1]
APP = str(ROOT / "dashboard.py")
OUTLINE = ["1. National context", "2. Status of implementation (Article 5)", "3. Needs and challenges", "4. Maps",
           "5. Individualised Approach", "6. Partnerships", "7. Contacts", "8. Additional resources"]


def open_state(iso3: str, **params: str) -> AppTest:
    app = AppTest.from_file(APP, default_timeout=60)
    app.query_params["iso3"] = iso3
    for key, value in params.items():
        app.query_params[key] = value
    app.switch_page("app_pages/country.py").run()
    assert not app.exception, [e.message for e in app.exception]
    return app


def metric(app: AppTest, label: str) -> str:
    return next(m.value for m in app.metric if m.label == label)


def text(app: AppTest) -> str:
    """Everything the page writes as text (markdown, captions, alerts), Markdown escapes removed."""
    parts = [e.value for kind in ("markdown", "caption", "info", "warning") for e in app.get(kind)]
    return "\n".join(parts).replace("\\", "")


def charts(app: AppTest) -> set[str]:
    return {c.proto.id.rsplit("-", 1)[-1] for c in app.get("plotly_chart")}


def test_an_unknown_code_says_so_and_the_url_names_the_state_shown():
    app = open_state("XXX")
    assert "No State with the code 'XXX' in our data; showing Angola (AGO)." in [w.value for w in app.warning]
    assert app.title[0].value == "Angola"
    assert app.query_params["iso3"] == "AGO"  # the link now reopens what is shown


def test_a_lower_case_code_opens_that_state_and_the_url_is_upper_case():
    app = open_state("khm")
    assert app.title[0].value == "Cambodia"
    assert not app.warning
    assert app.query_params["iso3"] == "KHM"


@pytest.mark.parametrize("iso3", ["AGO", "KHM"])
def test_every_state_is_named_in_the_url_even_the_default_one(iso3):
    app = open_state(iso3)
    assert app.query_params["iso3"] == iso3
    app.select_slider(key="pace_years").set_value(1).run()  # a rerun keeps it
    assert app.query_params["iso3"] == iso3


def test_the_page_without_a_code_names_the_state_it_shows():
    app = AppTest.from_file(APP, default_timeout=60)
    app.switch_page("app_pages/country.py").run()
    assert not app.exception and not app.warning
    assert app.title[0].value == "Angola" and app.query_params["iso3"] == "AGO"


def test_a_rich_state_shows_the_whole_outline_with_charts_map_and_sources():
    app = open_state("KHM")
    assert app.title[0].value == "Cambodia"
    assert [h.value for h in app.header] == OUTLINE
    assert metric(app, "Article 5 deadline") == "2030-12-31"
    assert metric(app, "Remaining AP mined area") == "800 km²"
    assert metric(app, "Survivors (estimate)") == "44,000"  # the source writes 44000
    assert "as of 2022 · [mineactionreview.org]" in text(app)
    assert charts(app) >= {"casualties_chart", "release_chart", "support_chart"}
    assert len(app.get("deck_gl_json_chart")) == 1
    # 800 km² at the end of 2022 at 2023's 362 km²/year would have been released by 2025: no outlook is drawn.
    assert "cannot be computed" in text(app) and "the estimate is out of date" in text(app)
    assert "outlook_chart" not in charts(app)
    downloads = [d.proto.label for d in app.get("download_button")]
    assert "One-page brief (PDF)" in downloads
    if images_available():  # server-side images of this view need Chromium on the server
        assert {"Slide (PNG)", "Slide (PDF)"} <= set(downloads)
    assert downloads.count("Download this table (CSV)") == downloads.count("Download this table (XLSX)") >= 5  # every table


def test_angola_deadline_extensions_and_outlook_come_from_the_reference():
    app = open_state("AGO")
    assert metric(app, "Article 5 deadline") == "2030-12-31"
    assert "3 extension(s) granted" in text(app)
    assert metric(app, "Remaining AP mined area") == "67.43 km²"


@pytest.mark.parametrize("iso3, name", [("YEM", "Yemen"), ("UKR", "Ukraine")])
def test_states_with_obligations_but_sparse_data_say_not_reported_and_why(iso3, name):
    app = open_state(iso3)
    assert app.title[0].value == name
    assert metric(app, "Remaining AP mined area") == "not reported"
    assert "cannot be computed" in text(app) and "no estimate of the remaining anti-personnel mined area" in text(app)
    assert "outlook_chart" not in charts(app)
    assert "Land release by year: not reported" in text(app)


def test_a_state_without_obligations_has_every_section_saying_not_reported():
    app = open_state("NOR")
    assert [h.value for h in app.header] == OUTLINE
    assert "No Article 5 clearance obligation in the data" in text(app)
    assert metric(app, "Casualties, latest year") == "not reported"
    assert "Individualised Approach meetings: not reported" in text(app)
    assert "Obligations: none in the data" in text(app)
    assert not app.get("slider") and not app.get("select_slider")  # no outlook controls without an obligation


def test_a_withdrawn_state_shows_its_withdrawal_dates():
    app = open_state("FIN")
    assert "Withdrawn" in text(app)
    states = LOADERS["states_parties"]().set_index("iso3")
    assert f"withdrawal effective {states.at['FIN', 'withdrawal_effective_date']}" in text(app)


def test_a_state_not_party_gets_the_short_page():
    app = open_state("USA")
    assert "Not party" in text(app)
    headers = [h.value for h in app.header]
    assert "5. Individualised Approach" not in headers and "5. Partnerships" in headers  # numbered as shown


def test_sources_that_disagree_are_both_shown():
    app = open_state("COL")
    assert "Sources differ on casualties for 2019, 2020, 2021, 2022, 2023" in text(app)
    table = app.dataframe[0].value  # the casualties table: every source's row
    assert table.groupby("Year").size().max() > 1


def test_a_state_on_pace_draws_its_outlook():
    app = open_state("AGO")
    assert "outlook_chart" in charts(app)
    assert "on pace" in text(app) and "projected completion November 2028" in text(app)


def test_outlook_assumptions_are_read_from_and_written_to_the_url():
    app = open_state("AGO", pace_years="1")
    assert app.select_slider(key="pace_years").value == 1
    assert "pace from land release 2022" in text(app)
    app.number_input(key="rate").set_value(100.0).run()
    assert "typed pace of 100 km²/year" in text(app)
    assert app.query_params["rate"] == "100.0" and app.query_params["pace_years"] == "1"
    app.select_slider(key="max_age").set_value(2).run()
    assert "older than 2 years" in text(app)


def test_a_bad_rate_in_the_url_is_ignored():
    app = open_state("KHM", rate="lots")
    assert app.number_input(key="rate").value is None


def test_every_state_party_and_every_state_not_party_renders_without_an_exception():
    app = open_state("AGO")
    for iso3 in [*LOADERS["states_parties"]()["iso3"], *LOADERS["states_not_party"]()["iso3"]]:
        app.selectbox(key="iso3").select(iso3).run()
        assert not app.exception, (iso3, [e.message for e in app.exception])
        assert [h.value for h in app.header][:4] == OUTLINE[:4], iso3
