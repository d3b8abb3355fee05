"""AppTest of the Needs & offers page (filters in the URL, offers ranked with reasons, a provider proposing a
partnership) and of presenter mode with its slides, on a fresh store seeded from data/."""
from __future__ import annotations

import json
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from store import create_offer, list_partnerships
from store.slides import create_slide, delete_slide, list_slides
from store.users import add_user
from tests.app_store import app_store
from tests.store.conftest import ADMIN, HALO
from ui.components import plain

APP = str(Path(__file__).resolve().parents[1] / "dashboard.py")
PASSWORD = "only for this test store"
OFFER = {"provider_kind": "organisation", "provider_name": "HALO Trust", "modality": "funding", "areas": ["clearance"],
         "targets": ["KHM"], "amount": "5,000,000", "currency": "USD", "usd_million": "5", "period": "2010-2030"}


@pytest.fixture
def store(tmp_path, monkeypatch):
    with app_store(tmp_path, monkeypatch) as opened:
        add_user(opened, "halo", PASSWORD, "provider", provider="HALO Trust", by="test")
        add_user(opened, "ana", PASSWORD, "admin", by="test")
        yield opened


def open_page(page: str, **params: str) -> AppTest:
    """Open `page` (the overview when empty) with `params` in its URL, as a shared link would."""
    app = AppTest.from_file(APP, default_timeout=60)
    if page:
        app.run()  # AppTest starts on the overview, which drops other pages' parameters: set them after it
    for key, value in params.items():
        app.query_params[key] = value
    app.switch_page(page).run() if page else app.run()
    assert not app.exception, [e.message for e in app.exception]
    return app


def metric(app: AppTest, label: str) -> str:
    return next(str(m.value) for m in app.metric if m.label == label)


def needs_table(app: AppTest):
    return next(d.value for d in app.dataframe if d.proto.id.endswith("needs_table"))


def select_row(app: AppTest, key: str, row: int) -> AppTest:
    """Rerun as the browser does after a row is selected (private API, as in test_app_overview.click_map)."""
    table = next(d for d in app.dataframe if d.proto.id.endswith(key))
    states = app._tree.get_widget_states()
    widget = states.widgets.add()
    widget.id = table.proto.id
    widget.string_value = json.dumps({"selection": {"rows": [row], "columns": []}})
    app._run(states)
    assert not app.exception, [e.message for e in app.exception]
    return app


def test_needs_page_lists_the_seeded_needs_and_keeps_its_filters_in_the_url(store):
    app = open_page("app_pages/needs.py", current="0")
    assert metric(app, "Needs shown") == "92 of 92"
    app.multiselect(key="area").select("clearance").run()
    app.checkbox(key="unoffered").check().run()
    assert app.query_params["area"] == ["clearance"] or app.query_params["area"] == "clearance"
    assert app.query_params["unoffered"] == "1"
    shown = needs_table(app)
    assert set(shown["area"]) == {"clearance"} and len(shown) == int(metric(app, "Needs shown").split()[0])
    reopened = open_page("app_pages/needs.py", area="clearance", unoffered="1")
    assert reopened.multiselect(key="area").value == ["clearance"] and reopened.checkbox(key="unoffered").value


def test_an_offer_that_fits_is_ranked_with_its_reasons_and_a_provider_proposes_a_partnership(store):
    offer = create_offer(store, HALO, OFFER)
    app = open_page("app_pages/needs.py", area="clearance", current="0")
    app.text_input(key="sign_in_username").input("halo")
    app.text_input(key="sign_in_password").input(PASSWORD)
    app.button(key="sign_in_submit").click().run()
    table = needs_table(app)
    cambodia = int(table.index[(table["iso3"] == "KHM") & (table["offers that fit"] > 0)][0])
    select_row(app, "needs_table", cambodia)
    ranked = next(d.value for d in app.dataframe if "kind" in d.value.columns)
    assert ranked["offer_id"].tolist() == [offer["id"]]
    assert ranked["kind"].tolist() == ["offered in the registry"]
    reasons = [m.value for m in app.markdown if m.value.startswith("- ")]
    assert "- targets KHM" in reasons[0].splitlines() and "- funding serves this area" in reasons[0].splitlines()
    app.button(key="propose").click().run()
    assert not app.exception
    proposed = list_partnerships(store)
    assert [(p["offer_id"], p["status"]) for p in proposed] == [(offer["id"], "proposed")]
    assert any("Partnership proposed" in s.value for s in app.success)


def test_a_visitor_sees_the_offers_but_cannot_propose(store):
    create_offer(store, HALO, OFFER)
    app = open_page("app_pages/needs.py", area="clearance", current="0")
    table = needs_table(app)
    select_row(app, "needs_table", int(table.index[table["iso3"] == "KHM"][0]))
    assert not [b for b in app.button if b.key == "propose"]
    assert list_partnerships(store) == []


def chart_font(app: AppTest, key: str) -> int:
    spec = json.loads(next(c for c in app.get("plotly_chart") if c.proto.id.endswith(key)).proto.spec)
    return spec["layout"]["font"]["size"]


def test_presenter_mode_hides_the_chrome_and_makes_type_and_charts_half_as_big_again(store):
    # plotly sizes its text in pixels, so the chart is told; the overview's SVG map and bars size theirs in rem,
    # which follow the root size the presenter CSS sets.
    presented = chart_font(open_page("app_pages/gaps.py", present="1"), "pace_chart")
    assert presented == round(chart_font(open_page("app_pages/gaps.py"), "pace_chart") * 1.5)
    normal = open_page("")
    present = open_page("", present="1")
    css = " ".join(h.proto.body for h in present.get("html"))
    assert "font-size: 150%" in css and '[data-testid="stSidebar"]' in css
    assert not normal.get("html")
    assert {b.key for b in present.button} >= {"slide_previous", "slide_next", "presenter_exit"}


def test_slides_step_forward_and_back_and_exit_leaves_presenter_mode(store):
    for shipped in list_slides(store):  # the default deck, seeded at first start: this test brings its own
        delete_slide(store, ADMIN, shipped["id"])
    create_slide(store, ADMIN, {"title": "Where contamination remains", "view": "/overview?metric=casualties"})
    create_slide(store, ADMIN, {"title": "Cambodia", "view": "/country?iso3=KHM"})
    app = open_page("", present="1")
    app.button(key="slide_next").click().run()  # starts the slides
    assert app.selectbox(key="metric").value == "casualties"
    assert app.query_params["slide"] == "1" and app.query_params["present"] == "1"
    app.button(key="slide_next").click().run()
    assert app.title[0].value == "Cambodia" and app.query_params["slide"] == "2"
    assert app.button(key="slide_next").disabled
    app.button(key="slide_previous").click().run()
    assert app.query_params["slide"] == "1"
    app.button(key="presenter_exit").click().run()
    assert "present" not in app.query_params and "slide" not in app.query_params


def test_only_an_admin_adds_slides_and_a_view_outside_the_dashboard_is_refused(store):
    app = open_page("app_pages/slides.py")
    assert not [t for t in app.text_input if t.label == "View"]  # a visitor reads, never edits
    app.text_input(key="sign_in_username").input("ana")
    app.text_input(key="sign_in_password").input(PASSWORD)
    app.button(key="sign_in_submit").click().run()

    def add(title: str, view: str) -> None:
        # The "Add a slide" form is the last: each slide of the shipped deck has its own edit form above it.
        [t for t in app.text_input if t.label == "Title"][-1].input(title)
        [t for t in app.text_input if t.label == "View"][-1].input(view)
        next(b for b in app.button if b.label == "Add").click().run()
        assert not app.exception

    shipped = list_slides(store)
    add("Gaps", "javascript:alert(1)")
    assert list_slides(store) == shipped
    assert any("is not a view of this dashboard" in e.value for e in app.error)
    add("Gaps", "/gaps?view=pace")
    assert [s["view"] for s in list_slides(store)] == [s["view"] for s in shipped] + ["/gaps?view=pace"]


def sign_in(app: AppTest, username: str) -> AppTest:
    app.text_input(key="sign_in_username").input(username)
    app.text_input(key="sign_in_password").input(PASSWORD)
    app.button(key="sign_in_submit").click().run()
    assert not app.exception
    return app


def test_current_needs_only_is_on_by_default_and_kept_in_the_url(store):
    app = open_page("app_pages/needs.py")
    assert app.checkbox(key="current").value
    shown = needs_table(app)
    assert "ended" not in set(shown["period_status"]) and {"current", "period not stated"} <= set(shown["period_status"])
    assert len(shown) < 92
    app.checkbox(key="current").uncheck().run()
    assert app.query_params["current"] == "0"
    assert set(needs_table(app)["period_status"]) == {"current", "ended", "period not stated"}
    reopened = open_page("app_pages/needs.py", current="0")
    assert not reopened.checkbox(key="current").value and metric(reopened, "Needs shown") == "92 of 92"


@pytest.mark.parametrize("language", ["en", "fr", "es"])
def test_area_codes_never_show_raw_on_the_needs_page(store, language):
    app = open_page("app_pages/needs.py", lang=language, area="victim_assistance", current="0")
    cells = [str(v) for frame in app.dataframe for column in frame.value.columns for v in frame.value[column].tolist()]
    assert cells and not [c for c in cells if "victim_assistance" in c or "partly_met" in c or "not_stated" in c]


def iraq_need(app: AppTest) -> int:
    table = needs_table(app)
    return int(table.index[(table["iso3"] == "IRQ") & (table["offers that fit"] > 0)][0])


DUPLICATE = {"en": ("Not proposed:", "this need and this offer are already partners (partnership 1)"),
             "fr": ("Non proposé :", "ce besoin et cette offre sont déjà partenaires (partenariat 1)"),
             "es": ("No propuesta:", "esta necesidad y esta oferta ya están asociadas (asociación 1)")}


@pytest.mark.parametrize("language", ["en", "fr", "es"])
def test_an_announced_offer_fits_and_proposing_the_same_partnership_twice_is_refused_in_the_readers_language(
        store, language):
    app = sign_in(open_page("app_pages/needs.py", lang=language, area="clearance", region="Asia"), "ana")
    select_row(app, "needs_table", iraq_need(app))
    ranked = next(d.value for d in app.dataframe if "kind" in d.value.columns)
    assert len(ranked) == 6 and ranked["provider"].iloc[0] == "United States"  # the six Iraq pledges of July 2016
    if language == "en":
        assert set(ranked["kind"]) == {"announced (pledge, 2016), not a payment: the-monitor.org"}
    app.button(key="propose").click().run()
    assert len(list_partnerships(store)) == 1
    app.button(key="propose").click().run()
    assert len(list_partnerships(store)) == 1
    prefix, reason = DUPLICATE[language]
    assert [e.value for e in app.error] == [f"{prefix} {plain(reason)}"]
