"""AppTest of the State Party page with a State's published page in the store (issue 15): the State's order, its
text shown as text, its IA timeline with a document to download, contacts for signed-in readers; and the compiled
content with a notice while the store cannot be reached."""
from __future__ import annotations

from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

import ui.cached as cached
from store.ia import add_ia_document, create_ia_event, list_ia_events
from store.state_pages import publish_page, save_page_draft, submit_page
from store.users import add_user
from tests.app_store import app_store
from tests.store.conftest import ADMIN
from tests.test_country_page_state import CONTEXT, published
from ui.cached import cached_store

APP = str(Path(__file__).resolve().parents[1] / "dashboard.py")
PASSWORD = "only for this test store"
PDF_BYTES = b"%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n"


@pytest.fixture
def store(tmp_path, monkeypatch):
    with app_store(tmp_path, monkeypatch) as opened:
        add_user(opened, "ana", PASSWORD, "admin", by="test")
        draft = save_page_draft(opened, ADMIN, "KHM", published().content.as_record(), None)
        submit_page(opened, ADMIN, "KHM", draft["version"])
        publish_page(opened, ADMIN, "KHM", draft["version"])
        event = create_ia_event(opened, ADMIN, {"iso3": "KHM", "kind": "follow_up", "date": "2099-02-15",
                                                "venue": "Phnom Penh", "status": "planned",
                                                "summary": "Follow-up <b>with</b> donors"})
        add_ia_document(opened, ADMIN, event.id, "follow-up report.pdf", PDF_BYTES)
        yield opened


def open_state(iso3: str) -> AppTest:
    app = AppTest.from_file(APP, default_timeout=60)
    app.query_params["iso3"] = iso3
    app.switch_page("app_pages/country.py").run()
    assert not app.exception, [e.message for e in app.exception]
    return app


def sign_in(app: AppTest, username: str) -> AppTest:
    app.text_input(key="sign_in_username").input(username)
    app.text_input(key="sign_in_password").input(PASSWORD)
    app.button(key="sign_in_submit").click().run()
    assert not app.exception, [e.message for e in app.exception]
    return app


def test_the_page_shows_the_states_order_its_text_as_text_and_its_timeline_with_a_download(store):
    app = open_state("KHM")
    assert [h.value for h in app.header] == [
        "1. National context", "2. Partnerships", "3. Status of implementation (Article 5)", "4. Needs and challenges",
        "5. Individualised Approach", "6. Contacts", "7. Additional resources"]
    assert not app.get("deckgl_json_chart")  # the hidden Maps section draws nothing
    captions = " ".join(c.value.replace("\\", "") for c in app.caption)
    assert "Provided by the State (published " in captions and "Compiled from sources" in captions
    assert "Written in French" in captions
    markdown = [m.value for m in app.markdown]
    context = next(m for m in markdown if "the survey" in m)
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in context and "&lt;img src=x onerror=alert(2)&gt;" in context
    assert "[the survey](https://example.org/survey)" in context and "<script" not in context
    assert CONTEXT.split("\n")[0].replace("<", "&lt;") in context
    assert not any(m.proto.allow_html and ("alert" in m.value or "survey" in m.value) for m in app.markdown)
    subheaders = [s.value for s in app.subheader]
    assert "Upcoming" in subheaders and "Past" not in subheaders  # Cambodia has no compiled IA event
    assert any("Follow-up <b>with</b> donors" in m.replace("\\", "") for m in markdown)  # as text, never bold
    (event,) = [e for e in list_ia_events(store, "KHM") if e.documents]
    button = next(b for b in app.get("download_button") if b.proto.label.startswith("follow-up report.pdf"))
    assert button.proto.label == f"follow-up report.pdf · {len(PDF_BYTES)} B · PDF"
    # The document is read from the store, checked, only when asked for.
    from ui.state_content import read_document

    assert read_document(event.documents[0].id) == PDF_BYTES
    # The seeded history is on the other States' timelines, each event with its source.
    sudan = open_state("SDN")
    assert "Past" in [s.value for s in sudan.subheader]
    assert "2017-06-08 · Launch of the platform" in " ".join(m.value.replace("\\", "") for m in sudan.markdown)
    assert "Source: Committee on the Enhancement" in " ".join(c.value.replace("\\", "") for c in sudan.caption)


def test_contacts_kept_for_signed_in_readers_appear_once_signed_in(store):
    app = open_state("KHM")
    frames = [d.value for d in app.dataframe]
    organisations = next(f["Organisation"].tolist() for f in frames if "Organisation" in f.columns)
    assert organisations == ["CMAA"]
    assert "Contacts of the State shown to signed-in users only: 1." in " ".join(c.value.replace("\\", "") for c in app.caption)
    app = sign_in(app, "ana")
    frames = [d.value for d in app.dataframe]
    organisations = next(f["Organisation"].tolist() for f in frames if "Organisation" in f.columns)
    assert organisations == ["CMAA", "CMAA victim assistance"]


def test_while_the_store_cannot_be_reached_the_page_shows_the_compiled_content_with_a_notice(tmp_path, monkeypatch):
    import store
    from store import StoreUnavailable

    def unreachable(url=None):
        raise StoreUnavailable()

    monkeypatch.delenv("DATABASE_URL", raising=False)
    monkeypatch.setenv("MBC_STORE_PATH", str(tmp_path / "store.sqlite3"))
    monkeypatch.setattr(store, "open_store", unreachable)
    monkeypatch.setattr(cached, "STORE_RETRY_SECONDS", 0)
    cached_store.clear()
    try:
        app = open_state("SDN")
        text = " ".join(c.value.replace("\\", "") for c in app.caption)
        assert "this page shows the compiled content only" in text
        assert [h.value for h in app.header][:2] == ["1. National context", "2. Status of implementation (Article 5)"]
        assert "Past" in [s.value for s in app.subheader]
        assert "2017-06-08 · Launch of the platform" in " ".join(m.value.replace("\\", "") for m in app.markdown)
    finally:
        cached_store.clear()


def test_the_pack_command_with_the_store_holds_the_states_published_page(store, tmp_path):
    from scripts.build_pack import pack_main, read_state_content

    out = tmp_path / "pack"
    assert pack_main(["build", str(out), "--states", "KHM", "SDN"], read_state_content=read_state_content) == 0
    body = (out / "country" / "KHM.html").read_text("utf-8")
    assert "Provided by the State (published " in body and "<h2>2. Partnerships</h2>" in body
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in body and "<script>alert" not in body
    assert '<a href="https://example.org/survey">the survey</a>' in body
    assert "follow-up report.pdf" in body and "Upcoming" in body
    assert "va@cmaa.example" not in body  # a contact for signed-in readers only
    sudan = (out / "country" / "SDN.html").read_text("utf-8")
    assert "2017-06-08 · Launch of the platform" in sudan
