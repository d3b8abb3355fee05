"""A State's own page content: its checks (sections, limits, languages, links, contacts, resources), the
review's diff, and the two ways its Markdown is drawn, with HTML always shown as text."""
from __future__ import annotations

import pytest

from domain.state_page import (
    ALWAYS_SHOWN,
    SECTION_KEYS,
    TEXT_LIMITS,
    Contact,
    IAEvent,
    StatePageContent,
    StateText,
    check_content,
    diff_content,
    links_in,
    markdown_as_text,
    markdown_html,
)

HOSTILE = "See [our site](https://example.org) <script>alert(1)</script> <img src=x onerror=alert(2)>"


def text(value: str, language: str = "en") -> dict:
    return {"text": value, "language": language}


def test_a_state_hides_and_reorders_sections_but_never_the_status_of_implementation():
    order = ["partnerships", *[k for k in SECTION_KEYS if k != "partnerships"]]
    content, problems = check_content("SRB", {"order": order, "hidden": ["maps"]})
    assert problems == {}
    assert content.shown[0] == "partnerships" and "maps" not in content.shown and ALWAYS_SHOWN in content.shown
    assert check_content("SRB", {"hidden": [ALWAYS_SHOWN]})[1] == {"hidden": "the status of implementation is always shown"}
    assert "order" in check_content("SRB", {"order": ["maps", "implementation"]})[1]
    assert "order" in check_content("SRB", {"order": [*SECTION_KEYS, "gossip"]})[1]


def test_html_in_a_text_is_kept_as_typed_and_only_ever_drawn_as_text():
    content, problems = check_content("SRB", {"texts": {"socio_economic_impact": text(HOSTILE)}})
    assert problems == {} and content.texts["socio_economic_impact"] == StateText(HOSTILE, "en")
    shown = markdown_as_text(HOSTILE)
    assert "<script>" not in shown and "&lt;script&gt;" in shown and "&lt;img" in shown
    html = markdown_html(HOSTILE)
    assert "<script>" not in html and "<img" not in html and "&lt;img src=x onerror=alert(2)&gt;" in html
    assert '<a href="https://example.org">our site</a>' in html


@pytest.mark.parametrize("link", ["javascript:alert(1)", "JavaScript:alert(1)", "data:text/html,x", "vbscript:x",
                                  "file:///etc/passwd", "/relative/page"])
def test_only_web_links_are_accepted_in_a_text(link):
    problems = check_content("SRB", {"texts": {"priorities": text(f"[click]({link})")}})[1]
    assert problems == {"texts.priorities": f"only http:// and https:// links are allowed, not '{link}'"}
    assert "href" not in markdown_html(f"[click]({link})")


def test_links_are_found_wherever_markdown_makes_them():
    assert links_in("[a](https://a.org) <https://b.org> ![c](http://c.org/i.png)\n\n[d]: javascript:x\n[e][d]") == [
        "https://a.org", "https://b.org", "http://c.org/i.png", "javascript:x"]


def test_limits_languages_and_unknown_texts_are_refused_with_their_reason():
    limit = TEXT_LIMITS["gender_dimensions"]
    problems = check_content("SRB", {"texts": {
        "gender_dimensions": text("x" * (limit + 1)), "priorities": text("Priorités", "de"), "poem": text("…")}})[1]
    assert problems == {"texts.gender_dimensions": f"{limit + 1} characters; at most {limit}",
                        "texts.priorities": "language 'de' is not one of en, fr, es",
                        "texts.poem": "'poem' is not a text of the page"}
    assert check_content("SRB", {"texts": {"gender_dimensions": text("x" * limit)}})[1] == {}


def test_contacts_and_resources_are_checked_field_by_field():
    content, problems = check_content("SRB", {
        "contacts": [{"organisation": "Serbian Mine Action Centre", "role": "Director", "email": "smac@example.org",
                      "phone": "+381 11 000 000", "public": False}],
        "resources": [{"kind": "national_website", "label": "SMAC", "url": "https://www.czrs.gov.rs"}]})
    assert problems == {}
    assert content.contacts == (Contact("Serbian Mine Action Centre", "Director", "smac@example.org", "+381 11 000 000",
                                        public=False),)
    problems = check_content("SRB", {
        "contacts": [{"organisation": "", "email": "not an address", "phone": "call <me>"}],
        "resources": [{"kind": "gossip", "url": "javascript:alert(1)"}]})[1]
    assert problems == {"contacts.1.organisation": "required", "contacts.1.email": "'not an address' is not an email address",
                        "contacts.1.phone": "a phone number holds digits, spaces and + ( ) . / - only",
                        "resources.1.kind": "'gossip' is not a kind of resource",
                        "resources.1.url": "'javascript:alert(1)' is not an http:// or https:// address"}


def test_the_review_sees_each_changed_field_both_sides():
    before = StatePageContent("SRB", texts={"priorities": StateText("Survey first", "en")})
    after = StatePageContent("SRB", order=("partnerships", *[k for k in SECTION_KEYS if k != "partnerships"]),
                             hidden=frozenset({"maps"}), texts={"priorities": StateText("Déminer d'abord", "fr")})
    changes = {c.field: (c.before, c.after) for c in diff_content(before, after)}
    assert set(changes) == {"order", "hidden", "texts.priorities"}
    assert changes["texts.priorities"] == ("[en] Survey first", "[fr] Déminer d'abord")
    assert changes["hidden"] == ("", "maps")
    assert diff_content(after, after) == []
    assert {c.field for c in diff_content(None, before)} == {"order", "hidden", "texts.priorities"} - {"hidden"}


def test_a_content_round_trips_through_its_record():
    content = check_content("SRB", {"hidden": ["maps"], "texts": {"priorities": text("Survey", "fr")},
                                    "contacts": [{"organisation": "SMAC"}]})[0]
    assert check_content("SRB", content.as_record()) == (content, {})


def test_an_event_is_upcoming_while_planned_and_not_past():
    event = IAEvent(1, "SRB", "follow_up", "2027-06", "Geneva", "planned", "Follow-up at the intersessionals")
    assert event.upcoming("2026-12-02") and not event.upcoming("2027-06-02")
    assert not IAEvent(2, "SRB", "launch", "2018-06", "Geneva", "held", "Launch").upcoming("2017-01-01")
