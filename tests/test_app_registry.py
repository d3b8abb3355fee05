"""AppTest for the registry and import pages: sign-in, the forms and their refusals, text shown as text."""
from __future__ import annotations

from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from config import NEED_AREAS
from data_loaders.registry import LOADERS
from store import Actor, list_import_batches, list_needs, list_offers, update_need
from store.users import add_user
from tests.app_store import app_store
from ui import auth
from ui.components import plain

ROOT = Path(__file__).resolve().parents[1]
APP = str(ROOT / "dashboard.py")
PASSWORD = "only for this test store"  # the users live in a temporary store deleted after each test
SCRIPT = "<script>alert(1)</script>"
LINK = "[x](javascript:alert(1))"
# The registry is seeded with every stated need of the reference (data/stated_needs.csv), and with the offers
# donors announced (the pledge, commitment and announcement rows of data/support_pairs.csv).
SEEDED_NEEDS = len(LOADERS["stated_needs"]())
SEEDED_OFFERS = int(LOADERS["support_pairs"]()["is_announcement"].sum())


@pytest.fixture
def store(tmp_path, monkeypatch):
    """A fresh SQLite store the app opens too (MBC_STORE_PATH), with one user per role."""
    with app_store(tmp_path, monkeypatch) as opened:
        add_user(opened, "ana", PASSWORD, "admin", by="test")
        add_user(opened, "fp-afg", PASSWORD, "focal_point", iso3="AFG", by="test")
        add_user(opened, "halo", PASSWORD, "provider", provider="HALO Trust", by="test")
        yield opened


@pytest.fixture
def app(store) -> AppTest:
    at = AppTest.from_file(APP, default_timeout=60)
    at.run()
    at.switch_page("app_pages/registry.py").run()
    assert not at.exception
    return at


def sign_in(at: AppTest, username: str, password: str = PASSWORD) -> AppTest:
    at.text_input(key="sign_in_username").input(username)
    at.text_input(key="sign_in_password").input(password)
    at.button(key="sign_in_submit").click().run()
    assert not at.exception
    return at


def table(at: AppTest, column: str):
    """The first table with this column (AppTest does not expose a table's key)."""
    return next(d.value for d in at.dataframe if column in d.value.columns)


def shown_text(at: AppTest) -> list[str]:
    """Everything rendered as Markdown: titles, text, captions, alerts."""
    return [e.value for kind in ("markdown", "caption", "error", "warning", "info", "success") for e in at.get(kind)]


def test_a_visitor_reads_every_list_but_gets_no_form(app):
    assert len(app.dataframe[0].value) == SEEDED_NEEDS
    assert any("Reading is open to everyone" in i.value for i in app.info)
    assert not [b for b in app.button if b.label.startswith("Add ")]
    assert app.text_input(key="sign_in_username")


def test_sign_in_shows_who_and_the_role_and_sign_out_ends_it(app):
    sign_in(app, "ana", "not the password")
    assert "Wrong username or password." in [e.value for e in app.error]
    assert app.text_input(key="sign_in_password").value == ""  # the password is never kept

    sign_in(app, "fp-afg")
    assert "Signed in as **fp\\-afg**" in [m.value for m in app.sidebar.markdown]
    assert any("focal point for AFG" in c.value for c in app.sidebar.caption)
    assert app.button(key="need_save").label == "Add need"

    app.button(key="sign_out").click().run()
    assert app.text_input(key="sign_in_username")
    assert not [b for b in app.button if b.label.startswith("Add ")]


def test_a_focal_point_adds_a_need_of_its_own_state(app, store):
    sign_in(app, "fp-afg")
    assert app.text_input(key="need_f_iso3").value == "AFG"
    app.selectbox(key="need_f_area").select("victim_assistance")
    app.text_area(key="need_f_description").input("prosthetics for two regional centres")
    app.text_input(key="need_f_amount").input("250,000")
    app.text_input(key="need_f_period").input("2026")
    app.button(key="need_save").click().run()

    assert [s.value for s in app.success] == [f"Added need {SEEDED_NEEDS + 1}."]
    added = list_needs(store)[0]
    assert (added["iso3"], added["area"], added["amount"]) == ("AFG", "victim_assistance", 250000)
    assert added["author"] == "fp-afg"
    assert app.text_area(key="need_f_description").value == ""  # a blank form for the next need
    assert len(app.dataframe[0].value) == SEEDED_NEEDS + 1


def test_a_provider_adds_an_offer_under_its_own_name(app, store):
    sign_in(app, "halo")
    assert app.text_input(key="offer_f_provider_name").value == "HALO Trust"
    app.selectbox(key="offer_f_modality").select("training")
    app.multiselect(key="offer_f_areas").select("clearance").select("risk_education")
    app.text_input(key="offer_f_targets").input("AFG, Africa")
    app.button(key="offer_save").click().run()

    assert [s.value for s in app.success] == [f"Added offer {SEEDED_OFFERS + 1}."]
    offer = list_offers(store)[0]
    assert (offer["provider_name"], offer["areas"], offer["targets"]) == ("HALO Trust", ["clearance", "risk_education"],
                                                                         ["AFG", "Africa"])
    offers = app.dataframe[1].value
    assert offers.loc[0, "provider_name"] == "HALO Trust" and offers.loc[0, "areas"] == "clearance; risk education"


def test_a_partnership_records_the_action_21_elements(app, store):
    sign_in(app, "ana")
    app.selectbox(key="offer_f_provider_kind").select("state")
    app.text_input(key="offer_f_provider_name").input("Norway")
    app.selectbox(key="offer_f_modality").select("funding")
    app.multiselect(key="offer_f_areas").select("clearance")
    app.text_input(key="offer_f_targets").input("any")
    app.button(key="offer_save").click().run()
    need = list_needs(store, iso3="AFG")[0]

    app.selectbox(key="partnership_f_need_id").select(need["id"])
    app.selectbox(key="partnership_f_offer_id").select(SEEDED_OFFERS + 1)
    app.text_area(key="partnership_f_need_side_responsibilities").input("release land, report yearly")
    app.text_area(key="partnership_f_offer_side_responsibilities").input("fund two teams")
    app.text_area(key="partnership_f_targets").input("4 km2 a year; survivors' needs met, half of them women")
    app.checkbox(key="partnership_f_targets_age_gender_sensitive").check()
    app.text_input(key="partnership_f_commitment_from_year").input("2027")
    app.text_input(key="partnership_f_commitment_to_year").input("2026")
    app.text_input(key="partnership_f_dialogue_dates").input("2027-02-10, 2026-11-03")
    app.button(key="partnership_save").click().run()
    assert "**Commitment to \\(year\\)**: 2026 is before the first year 2027" in app.error[0].value

    app.text_input(key="partnership_f_commitment_to_year").input("2029")
    app.button(key="partnership_save").click().run()
    assert "Added partnership 1." in [s.value for s in app.success]
    listed = table(app, "dialogue_dates").iloc[0]
    assert (listed["need_id"], listed["offer_id"], listed["status"]) == (need["id"], SEEDED_OFFERS + 1, "proposed")
    assert (listed["commitment_from_year"], listed["commitment_to_year"]) == (2027, 2029)
    assert listed["dialogue_dates"] == "2026-11-03; 2027-02-10" and listed["targets_age_gender_sensitive"]
    assert len(app.get("download_button")) == 6  # CSV and XLSX of each list


def test_invalid_values_name_each_field_and_write_nothing(app, store):
    sign_in(app, "ana")
    app.text_input(key="need_f_iso3").input("Narnia")
    app.text_input(key="need_f_amount").input("lots")
    app.text_input(key="need_f_period").input("2026")
    app.button(key="need_save").click().run()

    message = app.error[0].value
    assert "Nothing was written" in message
    assert "**State**: 'Narnia' is not a state" in message
    assert "**Amount**: 'lots'" in message
    assert "**Area**: a value is required" in message and "**Description**: a value is required" in message
    assert len(list_needs(store)) == SEEDED_NEEDS
    assert app.text_input(key="need_f_amount").value == "lots"  # what was typed stays to be fixed


def test_required_fields_are_marked_in_every_form(app):
    sign_in(app, "ana")
    labels = {w.key: w.label for kind in ("text_input", "text_area", "selectbox", "multiselect") for w in app.get(kind)
              if w.key and "_f_" in w.key}
    required = {"need_f_iso3", "need_f_area", "need_f_period", "need_f_description", "offer_f_provider_kind",
                "offer_f_provider_name", "offer_f_modality", "offer_f_areas", "offer_f_targets", "partnership_f_need_id",
                "partnership_f_offer_id"}
    assert {key for key, label in labels.items() if label.endswith(" \\*")} == required
    assert "Fields marked \\* are required." in [c.value for c in app.caption]


def test_a_period_no_one_can_date_is_refused_naming_the_field_and_the_forms_to_write(app, store):
    sign_in(app, "ana")
    app.text_input(key="need_f_iso3").input("AFG")
    app.selectbox(key="need_f_area").select("clearance")
    app.text_area(key="need_f_description").input("survey")
    app.text_input(key="need_f_period").input("next year")
    app.button(key="need_save").click().run()
    assert "- **Period**: " + plain("'next year' is not a period we can read: write a year (2026), a range (2026-2028) "
                                    "or 'from 2026'") in app.error[0].value
    assert len(list_needs(store)) == SEEDED_NEEDS


@pytest.mark.parametrize("language", ["en", "fr", "es"])
def test_area_codes_never_show_raw_in_any_table(store, language):
    at = AppTest.from_file(APP, default_timeout=60)
    at.query_params["lang"] = language
    at.run()
    at.switch_page("app_pages/registry.py").run()
    at.selectbox(key="offer_record").select(next(o["id"] for o in list_offers(store) if "victim_assistance" in o["areas"]))
    at.run()
    cells = [str(v) for frame in at.dataframe for column in frame.value.columns for v in frame.value[column].tolist()]
    assert cells and not [c for c in cells if any(area in c for area in NEED_AREAS if "_" in area)]
    assert not [o.value for o in at.selectbox if o.value and "_" in str(o.value) and not str(o.value).isdigit()]


def test_a_focal_point_cannot_edit_another_states_need(app, store):
    other = next(n for n in list_needs(store) if n["iso3"] == "COL")
    sign_in(app, "fp-afg")
    app.selectbox(key="need_record").select(other["id"]).run()
    app.text_area(key="need_f_notes").input("changed by the wrong focal point")
    app.button(key="need_save").click().run()

    assert app.error[0].value == (
        f"Not allowed: {plain('a focal point for AFG may only write needs of AFG, not of COL')}. Nothing was written.")
    assert list_needs(store, iso3="COL")[0]["version"] == other["version"]


def test_a_stale_edit_is_refused_with_what_changed_and_the_typed_values_kept(app, store):
    need = list_needs(store, iso3="KHM")[0]
    sign_in(app, "ana")
    app.selectbox(key="need_record").select(need["id"]).run()
    app.text_area(key="need_f_notes").input("my careful note")
    # Someone else saves first, from another session.
    update_need(store, Actor("bob", "admin"), need["id"], {"description": "bob's wording", "urgency": "high"},
                need["version"])
    app.button(key="need_save").click().run()

    warning = app.warning[0].value
    assert "bob changed this need since you opened it" in warning and "nothing was lost" in warning
    changes = table(app, "When you opened it").set_index("Field")
    assert changes.loc["Description", "Now"] == "bob's wording"
    assert changes.loc["Description", "When you opened it"] == need["description"]
    assert changes.loc["Urgency", "Now"] == "high"
    assert app.text_area(key="need_f_notes").value == "my careful note"
    assert list_needs(store, iso3="KHM")[0]["notes"] == need["notes"]

    # Keeping the typed change on top of bob's version loses neither.
    app.button(key="need_rebase").click().run()
    assert app.text_area(key="need_f_description").value == "bob's wording"
    app.button(key="need_save").click().run()
    saved = next(n for n in list_needs(store) if n["id"] == need["id"])
    assert (saved["description"], saved["urgency"], saved["notes"]) == ("bob's wording", "high", "my careful note")


def test_injection_strings_are_shown_literally(app, store):
    sign_in(app, "ana")
    app.text_input(key="need_f_iso3").input("AFG")
    app.selectbox(key="need_f_area").select("other")
    app.text_area(key="need_f_description").input(SCRIPT)
    app.text_area(key="need_f_notes").input(LINK)
    app.text_input(key="need_f_period").input(f"2026-2027 {LINK}")  # a period must be one we can date
    app.button(key="need_save").click().run()
    added = list_needs(store)[0]
    assert (added["description"], added["notes"]) == (SCRIPT, LINK)

    app.selectbox(key="need_record").select(added["id"]).run()
    listed = app.dataframe[0].value
    assert listed.loc[0, "description"] == SCRIPT and listed.loc[0, "period"] == f"2026-2027 {LINK}"
    history = table(app, "who").set_index("field")
    assert history.loc["notes", "new"] == LINK
    assert app.text_area(key="need_f_description").value == SCRIPT

    app.text_input(key="need_f_iso3").input(SCRIPT)  # a refusal quoting the typed value escapes it too
    app.button(key="need_save").click().run()
    assert plain(SCRIPT) in app.error[0].value
    for text in shown_text(app):
        assert "<script>" not in text and "](javascript:" not in text


def _stated_needs_csv(*rows: str) -> bytes:
    header = "iso3,state,need_category,description,amount_usd_million,period,source_url,notes"
    return "\n".join([header, *rows]).encode("utf-8")


def test_the_import_page_reports_problems_then_previews_and_commits(app, store):
    sign_in(app, "ana")
    app.switch_page("app_pages/import_data.py").run()
    assert any("10 MB, 100,000 rows, 10,000 characters per cell" in m.value for m in app.markdown)

    bad = _stated_needs_csv("AFG,Afghanistan,clearance,survey,lots,2026,https://example.org/afg,")
    app.file_uploader(key="import_file").set_value(("bad.csv", bad, "text/csv")).run()
    assert "bad.csv:2:amount_usd_million:" in app.code[0].value
    assert "import_commit" not in [b.key for b in app.button]

    seeded = (ROOT / "data" / "stated_needs.csv").read_text(encoding="utf-8").splitlines()[1:]
    seeded[1] = seeded[1].replace(",48,2015,", ",50,2015,")  # a stated amount revised since
    good = _stated_needs_csv("AFG,Afghanistan,clearance,survey of two districts,1.5,2026,https://example.org/afg,",
                             f"KHM,Cambodia,other,{SCRIPT},,2027,https://example.org/khm,", *seeded)
    app.file_uploader(key="import_file").set_value(("good.csv", good, "text/csv")).run()
    assert [m.value for m in app.metric] == ["2", "1", str(SEEDED_NEEDS - 1)]  # added, changed, unchanged
    revised = table(app, "after import").set_index("field")
    assert (revised.loc["usd_million", "now"], revised.loc["usd_million", "after import"]) == (48, 50)
    assert table(app, "description")["description"].tolist() == ["survey of two districts", SCRIPT]
    assert len(list_needs(store)) == SEEDED_NEEDS  # a preview writes nothing

    app.button(key="import_commit").click().run()
    assert not app.exception
    assert "Imported good.csv as batch" in app.success[0].value.replace("\\", "")
    assert len(list_needs(store)) == SEEDED_NEEDS + 2
    assert list_needs(store, iso3="AFG")[-2]["usd_million"] == 50
    batch = list_import_batches(store)[0]
    assert (batch["filename"], batch["actor"], batch["added"], batch["changed"]) == ("good.csv", "ana", 2, 1)


def test_a_bookmarked_import_page_says_to_sign_in_as_an_admin_not_page_not_found(app):
    app.switch_page("app_pages/import_data.py").run()
    assert not app.exception
    assert "Sign in to import files" in app.warning[0].value and not app.file_uploader
    sign_in(app, "fp-afg")
    assert "Only an admin may import files; you are signed in as fp\\-afg." in app.warning[0].value
    assert not app.file_uploader


def test_the_import_page_itself_refuses_a_visitor(store):
    at = AppTest.from_file(str(ROOT / "app_pages" / "import_data.py"), default_timeout=60).run()
    assert "Sign in to import files" in at.warning[0].value
    assert not at.file_uploader


def reload_with_cookie(monkeypatch, token: str | None) -> AppTest:
    """A new browser session whose request carried the session cookie (st.context.cookies is empty in AppTest)."""
    monkeypatch.setattr(auth, "_cookie_token", lambda: token)
    at = AppTest.from_file(APP, default_timeout=60)
    at.run()
    at.switch_page("app_pages/registry.py").run()
    assert not at.exception
    return at


def cookie_scripts(at: AppTest) -> list[str]:
    return [element.proto.body for element in at.sidebar.get("html")]


def test_signing_in_survives_a_reload_until_sign_out_revokes_the_token(app, monkeypatch):
    sign_in(app, "halo")
    token = app.session_state[auth.TOKEN_KEY]
    assert any("mbc_session=" in body and f'"{token}"' in body and "Max-Age=43200; SameSite=Strict" in body
               for body in cookie_scripts(app))  # the script that sets the cookie is in this run

    reloaded = reload_with_cookie(monkeypatch, token)
    assert "Signed in as **halo**" in [m.value for m in reloaded.sidebar.markdown]
    assert reloaded.button(key="offer_save").label == "Add offer"
    assert "Signed in as **halo**" not in [m.value for m in reload_with_cookie(monkeypatch, token[::-1]).sidebar.markdown]

    reloaded.button(key="sign_out").click().run()
    assert any('"mbc_session=" + "" + "; Path=/; Max-Age=0' in body for body in cookie_scripts(reloaded))
    assert "sign_in_username" in [t.key for t in reloaded.text_input]
    again = reload_with_cookie(monkeypatch, token)  # the browser kept the cookie: the server no longer honours it
    assert "sign_in_username" in [t.key for t in again.text_input] and "offer_save" not in [b.key for b in again.button]


def test_with_an_openid_provider_the_account_maps_to_a_store_user(store):
    add_user(store, "ana@example.org", PASSWORD, "admin", by="test")
    at = AppTest.from_file(APP, default_timeout=60)
    at.secrets["auth"] = {"redirect_uri": "http://localhost:8501/oauth2callback", "cookie_secret": "test",
                          "client_id": "x", "client_secret": "x",
                          "server_metadata_url": "https://id.example.org/.well-known/openid-configuration"}
    at.user = {"is_logged_in": True, "email": "ana@example.org"}
    at.run()
    at.switch_page("app_pages/registry.py").run()
    assert "sign_in_username" not in [t.key for t in at.text_input]  # no password form under OpenID Connect
    assert "Signed in as **ana@example\\.org**" in [m.value for m in at.sidebar.markdown]
    assert at.button(key="need_save").label == "Add need"
    at.switch_page("app_pages/import_data.py").run()  # an admin's page is listed

    at.user = {"is_logged_in": True, "email": "nobody@example.org"}
    at.switch_page("app_pages/registry.py").run()
    assert "no role here yet" in at.sidebar.warning[0].value
    assert "need_save" not in [b.key for b in at.button]


def test_signed_in_as_of_a_date_the_registry_is_read_not_edited(store):
    at = AppTest.from_file(APP, default_timeout=60)
    at.run()
    at.query_params["as_of"] = "2026-11-28"
    at.switch_page("app_pages/registry.py").run()
    sign_in(at, "ana")
    assert any("shown as it stood on 28 November 2026: go back to today" in i.value for i in at.info)
    assert not at.get("form")  # no add or edit form while the records are those of another day
    at.button(key="as_of_back").click().run()
    assert at.get("form")
