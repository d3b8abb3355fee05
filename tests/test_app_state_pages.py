"""AppTest of a State's own page: its focal point writes, saves and submits; another State's page is refused; the
ISU sees the side-by-side diff and publishes, or returns it with a comment the focal point then reads."""
from __future__ import annotations

from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from store.ia import list_ia_events
from store.state_pages import get_page_draft, get_published_page, save_page_draft, submit_page
from store.users import add_user
from tests.app_store import app_store
from tests.store.conftest import ADMIN, FOCAL_AFG
from ui.cached import cached_store

APP = str(Path(__file__).resolve().parents[1] / "dashboard.py")
PASSWORD = "only for this test store"
TEXT = "Mines block **farmland**. See [the plan](https://example.org/plan) <script>alert(1)</script>"


@pytest.fixture
def store(tmp_path, monkeypatch):
    with app_store(tmp_path, monkeypatch) as opened:
        add_user(opened, "fp_afg", PASSWORD, "focal_point", iso3="AFG", by="test")
        add_user(opened, "ana", PASSWORD, "admin", by="test")
        yield opened


def open_as(username: str, page: str, **params: str) -> AppTest:
    app = AppTest.from_file(APP, default_timeout=60)
    app.run()  # a page hidden from visitors opens once signed in, as after signing in on any page
    app.text_input(key="sign_in_username").input(username)
    app.text_input(key="sign_in_password").input(PASSWORD)
    app.button(key="sign_in_submit").click().run()
    for key, value in params.items():
        app.query_params[key] = value
    app.switch_page(page).run()
    assert not app.exception, [e.message for e in app.exception]
    return app


def texts(app: AppTest, kind: str) -> str:
    return " ".join(e.value for e in getattr(app, kind))


def submitted_page() -> None:
    record = {"texts": {"socio_economic_impact": {"text": TEXT, "language": "en"}},
              "hidden": ["maps"], "order": ["national_context", "implementation", "partnerships", "needs", "maps",
                                            "individualised_approach", "contacts", "resources"]}
    draft = save_page_draft(cached_store(), FOCAL_AFG, "AFG", record, None)
    submit_page(cached_store(), FOCAL_AFG, "AFG", draft["version"])


def test_a_visitor_is_asked_to_sign_in_as_the_focal_point():
    app = AppTest.from_file(APP, default_timeout=60)
    app.run()
    app.switch_page("app_pages/state_page_editor.py").run()
    assert "Sign in as the State's focal point" in texts(app, "warning")
    app.switch_page("app_pages/review.py").run()
    assert "Sign in as an admin" in texts(app, "warning")


def test_the_focal_point_writes_saves_and_submits_and_the_page_is_then_locked(store):
    app = open_as("fp_afg", "app_pages/state_page_editor.py")
    assert any("Afghanistan" in m.value for m in app.main.markdown)
    app.text_area(key="sp_text_socio_economic_impact").input(TEXT)
    app.selectbox(key="sp_lang_socio_economic_impact").select("fr")
    app.button(key="sp_save").click().run()
    assert not app.exception and "Draft saved (version 1)" in texts(app, "success")
    draft = get_page_draft(store, FOCAL_AFG, "AFG")
    assert draft["status"] == "draft" and draft["content"].texts["socio_economic_impact"].text == TEXT
    assert draft["content"].texts["socio_economic_impact"].language == "fr"
    preview = [m.value for m in app.markdown if "farmland" in m.value]
    assert preview and "&lt;script&gt;" in preview[0] and "<script>" not in preview[0]  # shown as text

    app.button(key="sp_submit").click().run()
    assert "Submitted for review" in texts(app, "success")
    assert get_page_draft(store, FOCAL_AFG, "AFG")["status"] == "pending"
    assert "locked" in texts(app, "warning") and app.button(key="sp_save").disabled
    assert app.text_area(key="sp_text_socio_economic_impact").disabled


def test_a_text_with_a_javascript_link_is_refused_per_field_and_kept_in_the_form(store):
    app = open_as("fp_afg", "app_pages/state_page_editor.py")
    bad = "[click](javascript:alert(1))"
    app.text_area(key="sp_text_priorities").input(bad)
    app.button(key="sp_save").click().run()
    assert "Not saved: fix these values" in texts(app, "error") and "Priorities" in texts(app, "error")
    assert "javascript" in texts(app, "error")
    assert app.text_area(key="sp_text_priorities").value == bad
    assert get_page_draft(store, FOCAL_AFG, "AFG") is None


def test_a_focal_point_cannot_open_another_states_page(store):
    app = open_as("fp_afg", "app_pages/state_page_editor.py", iso3="COL")
    assert "Not allowed" in texts(app, "error") and "COL" in texts(app, "error")
    assert not [b for b in app.button if b.key == "sp_save"]


def test_the_isu_sees_the_diff_side_by_side_and_publishes(store):
    submitted_page()
    app = open_as("ana", "app_pages/review.py")
    diff = app.dataframe[0].value
    assert list(diff.columns) == ["Field", "Published", "Proposed"]
    row = diff.set_index("Field").loc["Socio-economic impact"]
    assert row["Published"] == "" and row["Proposed"] == f"[en] {TEXT}"  # user text as a cell, never HTML
    assert "Sections hidden" in diff["Field"].tolist()
    app.button(key="review_comment_AFG_1_publish").click().run()
    assert not app.exception and "Published" in texts(app, "success")
    published = get_published_page(store, "AFG")
    assert published.version == 1 and "maps" in published.content.hidden
    assert "No page is waiting for review." in texts(app, "info")


def test_a_page_returned_with_a_comment_shows_the_comment_on_the_editor(store):
    submitted_page()
    review = open_as("ana", "app_pages/review.py")
    review.button(key="review_comment_AFG_1_return").click().run()
    assert "comment is required" in texts(review, "error")
    review.text_area(key="review_comment_AFG_1").input("Please add the *gender* dimensions.")
    review.button(key="review_comment_AFG_1_return").click().run()
    assert "Returned" in texts(review, "success")
    editor = open_as("fp_afg", "app_pages/state_page_editor.py")
    assert "returned by the ISU" in texts(editor, "error") and "gender" in texts(editor, "error")
    assert not editor.button(key="sp_save").disabled


def test_the_focal_point_plans_an_event_which_waits_for_the_isu(store):
    app = open_as("fp_afg", "app_pages/state_page_editor.py")
    app.selectbox(key="ia_kind").select("follow_up")
    app.text_input(key="ia_date").input("2099-09-14")
    app.text_input(key="ia_venue").input("Kabul")
    app.button(key="ia_add").click().run()
    assert not app.exception and "once the ISU publishes it" in texts(app, "success")
    assert [e.venue for e in list_ia_events(store, "AFG", FOCAL_AFG)] == ["Kabul"]
    assert [e.venue for e in list_ia_events(store, "AFG")] == []  # not public yet
    review = open_as("ana", "app_pages/review.py")
    event_id = list_ia_events(store, "AFG", ADMIN)[0].id
    review.button(key=f"review_event_comment_{event_id}_publish").click().run()
    assert [e.venue for e in list_ia_events(store, "AFG")] == ["Kabul"]


def test_an_event_without_its_venue_is_refused_per_field_and_what_was_typed_stays(store):
    # (File uploads cannot be driven in AppTest: the refusals by content are tested on the store, tests/store.)
    app = open_as("fp_afg", "app_pages/state_page_editor.py")
    app.text_input(key="ia_date").input("2099-09")
    app.button(key="ia_add").click().run()
    assert "**Venue**: required" in texts(app, "error")
    assert app.text_input(key="ia_date").value == "2099-09" and list_ia_events(store, "AFG", FOCAL_AFG) == []
    assert not [b for b in app.button if b.key == "ia_add_document"]  # no event yet to add a document to


def test_a_stale_save_says_who_changed_the_page_and_keeps_the_typed_text(store):
    app = open_as("fp_afg", "app_pages/state_page_editor.py")
    app.text_area(key="sp_text_priorities").input("first")
    app.button(key="sp_save").click().run()
    save_page_draft(store, ADMIN, "AFG", {"texts": {"priorities": {"text": "the ISU's", "language": "en"}}}, 1)
    app.text_area(key="sp_text_priorities").input("mine")
    app.button(key="sp_save").click().run()
    assert "ana changed this page since you opened it (version 1 → 2)" in texts(app, "warning")
    assert app.text_area(key="sp_text_priorities").value == "mine"
    app.button(key="sp_rebase").click().run()
    app.button(key="sp_save").click().run()
    assert "Draft saved (version 3)" in texts(app, "success")
    assert get_page_draft(store, FOCAL_AFG, "AFG")["content"].texts["priorities"].text == "mine"


def test_sections_hidden_and_moved_in_the_table_are_saved_in_that_order(store):
    app = open_as("fp_afg", "app_pages/state_page_editor.py")
    sections = app.session_state["sp_tables"]["sections"].set_index("key")
    sections.loc["maps", "shown"] = False
    sections.loc["implementation", "shown"] = False  # always shown: unticking it changes nothing
    sections.loc["partnerships", "position"] = 2  # moved up: before the section that was second
    app.session_state["sp_tables"]["sections"] = sections.reset_index()  # as the table's edits come back
    app.session_state["sp_edited"] = {}
    app.button(key="sp_save").click().run()
    content = get_page_draft(store, FOCAL_AFG, "AFG")["content"]
    assert content.hidden == {"maps"} and content.order[:3] == ("national_context", "partnerships", "implementation")


def planned_event(venue: str = "Kabul") -> int:
    """A follow-up meeting the focal point planned, published by the ISU."""
    from store.ia import create_ia_event, publish_ia_event

    event = create_ia_event(cached_store(), FOCAL_AFG, {"kind": "follow_up", "date": "2026-06", "venue": venue,
                                                        "status": "planned", "summary": ""})
    publish_ia_event(cached_store(), ADMIN, event.id)
    return event.id


def events_table(app: AppTest):
    return next(d.value for d in app.dataframe if "Summary" in d.value.columns)


def test_the_focal_point_records_its_planned_meeting_as_held_and_it_waits_for_the_isu_again(store):
    from store.ia import ia_event_review

    event_id = planned_event()
    app = open_as("fp_afg", "app_pages/state_page_editor.py")
    assert app.selectbox(key="ia_edit_event").value == event_id
    assert app.radio(key="ia_edit_status").value == "planned" and app.text_input(key="ia_edit_venue").value == "Kabul"
    app.radio(key="ia_edit_status").set_value("held")
    app.text_input(key="ia_edit_date").input("2026-06-17")
    app.text_input(key="ia_edit_venue").input("Kabul, Ministry of Defence")
    app.text_area(key="ia_edit_summary").input("Held: the 2026-2030 plan was agreed with three partners.")
    app.button(key="ia_edit_save").click().run()
    assert not app.exception and "Event" in texts(app, "success") and "review again" in texts(app, "success")
    review = ia_event_review(store, FOCAL_AFG, event_id)
    event = review["event"]
    assert (event.status, event.date, event.venue) == ("held", "2026-06-17", "Kabul, Ministry of Defence")
    assert event.summary.startswith("Held: the 2026-2030 plan") and review["review_status"] == "pending"
    assert review["version"] == 3 and review["pending_changes"]
    public = list_ia_events(store, "AFG")  # the public keeps the published version until the ISU publishes this one
    assert [(e.status, e.date, e.venue) for e in public] == [("planned", "2026-06", "Kabul")]
    row = events_table(app).set_index("id").loc[event_id]
    assert row["Planned or held"] == "held" and row["Venue"] == "Kabul, Ministry of Defence"
    assert row["Review"] == "waiting for the ISU's review" and row["Summary"].startswith("Held:")
    assert app.text_input(key="ia_edit_date").value == "2026-06-17"  # the form holds the saved event
    app.button(key="ia_edit_save").click().run()  # saved again as it is: nothing to write
    assert "Nothing to save" in texts(app, "info") and ia_event_review(store, FOCAL_AFG, event_id)["version"] == 3


def test_a_stale_event_edit_says_who_changed_it_and_keeps_the_typed_summary(store):
    from store.ia import ia_event_review, update_ia_event

    event_id = planned_event()
    app = open_as("fp_afg", "app_pages/state_page_editor.py")
    update_ia_event(store, ADMIN, event_id, {"venue": "Kabul, UNAMA compound"}, 2)  # the ISU, meanwhile
    app.text_area(key="ia_edit_summary").input("Agreed: survey of Helmand first.")
    app.button(key="ia_edit_save").click().run()
    assert "ana changed this event since you opened it (version 2 → 3)" in texts(app, "warning")
    assert app.text_area(key="ia_edit_summary").value == "Agreed: survey of Helmand first."
    assert ia_event_review(store, FOCAL_AFG, event_id)["event"].summary in ("", None)
    app.button(key="ia_edit_rebase").click().run()  # the ISU's venue taken, the typed summary kept
    assert app.text_input(key="ia_edit_venue").value == "Kabul, UNAMA compound"
    app.button(key="ia_edit_save").click().run()
    event = ia_event_review(store, FOCAL_AFG, event_id)["event"]
    assert (event.venue, event.summary) == ("Kabul, UNAMA compound", "Agreed: survey of Helmand first.")


def test_a_focal_point_cannot_edit_an_event_of_another_state(store):
    from store.ia import ia_event_review, update_ia_event

    event_id = planned_event()
    app = open_as("fp_afg", "app_pages/state_page_editor.py")
    update_ia_event(store, ADMIN, event_id, {"iso3": "COL"}, 2)  # the ISU finds it was Colombia's meeting
    app.text_input(key="ia_edit_venue").input("Bogotá")
    app.button(key="ia_edit_save").click().run()
    assert not app.exception
    errors = texts(app, "error")
    assert "Not allowed" in errors and "may only keep the Individualised Approach events of AFG, not of COL" in errors
    assert ia_event_review(store, ADMIN, event_id)["event"].venue == "Kabul"  # nothing written


def test_a_compiled_event_corrected_by_the_state_keeps_its_source(store):
    from store.ia import ia_event_review
    from store.roles import Actor

    compiled = next(e for e in list_ia_events(store) if e.source_url)
    add_user(store, "fp_compiled", PASSWORD, "focal_point", iso3=compiled.iso3, by="test")
    app = open_as("fp_compiled", "app_pages/state_page_editor.py")
    app.selectbox(key="ia_edit_event").select(compiled.id).run()
    assert "Compiled from a public source" in texts(app, "caption")
    app.text_area(key="ia_edit_summary").input(compiled.summary + " The State adds: the plan was adopted.")
    app.button(key="ia_edit_save").click().run()
    assert "review again" in texts(app, "success")
    review = ia_event_review(store, Actor("fp_compiled", "focal_point", iso3=compiled.iso3), compiled.id)
    assert review["event"].summary.endswith("the plan was adopted.") and review["review_status"] == "pending"
    assert (review["event"].source, review["event"].source_url) == (compiled.source, compiled.source_url)
