"""A State's own page content on its State Party page (issue 15): the sections in its order, its texts beside the
compiled figures under who provided them, a text in another language labelled (never translated), contacts kept
for signed-in readers, and the Individualised Approach as a timeline with its documents as downloads. The model
(domain.country_page), the pack's HTML and the dashboard's renderer."""
from __future__ import annotations

import dataclasses
import datetime as dt
import html
import re

import pytest
from streamlit.testing.v1 import AppTest

from domain.country_page import Provenance, StateMarkdown, Table, Timeline, TimelineEvent, build_country_page, document_line
from domain.geography import select_neighbourhood
from domain.state_page import SECTION_KEYS, Contact, IADocument, IAEvent, PublishedPage, Resource, StatePageContent, StateText
from i18n import using_language
from pack.country_page import render_country_body
from pack.data import load_pack_data

TODAY = "2026-11-27"
CONTEXT = ("Mines block **farmland** in the north: see [the survey](https://example.org/survey).\n\n"
           "<script>alert(1)</script> <img src=x onerror=alert(2)>")
ORDER = ("national_context", "partnerships", "implementation", "needs", "maps", "individualised_approach", "contacts",
         "resources")
PDF = IADocument(7, "follow-up report.pdf", "application/pdf", 1_288_490, "ab" * 32)


def published(iso3: str = "KHM", **changes) -> PublishedPage:
    content = StatePageContent(
        iso3, order=ORDER, hidden=frozenset({"maps"}),
        texts={"socio_economic_impact": StateText(CONTEXT, "en"),
               "gender_dimensions": StateText("Les femmes sont **les premières** touchées.", "fr"),
               "priorities": StateText("Clear the last 20 km² by 2030.", "en"),
               "needs_victim_assistance": StateText("Prosthetics for 300 survivors a year.", "en")},
        contacts=(Contact("CMAA", "Director", "info@cmaa.example", "+855 23 000 000"),
                  Contact("CMAA victim assistance", "Officer", "va@cmaa.example", public=False)),
        resources=(Resource("national_website", "CMAA website", "https://www.cmaa.gov.kh"),))
    content = dataclasses.replace(content, **changes)
    return PublishedPage(content, 3, dt.datetime(2026, 11, 20, 9, 30, tzinfo=dt.UTC), "isu")


EVENTS = (
    IAEvent(1, "KHM", "launch", "2019-06", "Geneva, intersessional meetings", "held", "Platform launched",
            source="Committee conclusions 2019", source_url="https://www.apminebanconvention.org/conclusions"),
    IAEvent(2, "KHM", "follow_up", "2027-02-15", "Phnom Penh", "planned", "Follow-up with donors", documents=(PDF,)),
    IAEvent(3, "KHM", "stakeholder_meeting", "2026-03-10", "Siem Reap", "held", "Stakeholder <b>dialogue</b>"),
)


@pytest.fixture(scope="module")
def data():
    return load_pack_data(dt.date(2026, 11, 27))


def _page(data, iso3="KHM", **options):
    profile = data.profile(iso3)
    return build_country_page(profile, data.projection(profile), select_neighbourhood(data.boundaries, iso3),
                              today=TODAY, **options)


def _blocks(page, key):
    return next(s for s in page.sections if s.key == key).blocks


def test_the_sections_come_in_the_states_order_without_the_hidden_ones_numbered_as_shown(data):
    page = _page(data, state_page=published(), ia_events=EVENTS)
    assert [s.key for s in page.sections] == [k for k in ORDER if k != "maps"]
    assert [s.title for s in page.sections] == [
        "1. National context", "2. Partnerships", "3. Status of implementation (Article 5)", "4. Needs and challenges",
        "5. Individualised Approach", "6. Contacts", "7. Additional resources"]
    # Without a published page: the committee's order, every section.
    assert [s.key for s in _page(data).sections] == list(SECTION_KEYS)


def test_the_status_of_implementation_is_shown_even_if_a_version_hides_it(data):
    page = _page(data, state_page=published(hidden=frozenset({"implementation", "maps"})))
    assert "implementation" in [s.key for s in page.sections]


def test_the_individualised_approach_only_for_a_state_that_ever_joined(data):
    usa = _page(data, "USA", state_page=published("USA"))
    assert "individualised_approach" not in [s.key for s in usa.sections]
    assert [s.title[:2] for s in usa.sections] == [f"{n}." for n in range(1, len(usa.sections) + 1)]


def test_the_states_text_is_said_to_be_its_own_beside_the_compiled_figures(data):
    blocks = _blocks(_page(data, state_page=published()), "national_context")
    assert blocks[0] == Provenance("Provided by the State (published 2026-11-20)", True)
    texts = [b for b in blocks if isinstance(b, StateMarkdown)]
    assert [t.label for t in texts] == ["Socio-economic impact", "Gender dimensions"]
    assert texts[0].markdown == CONTEXT and texts[0].language_note is None
    assert texts[1].language_note == "Written in French" and texts[1].markdown.startswith("Les femmes")
    compiled = blocks.index(Provenance("Compiled from sources", False))
    assert compiled > blocks.index(texts[-1]) and len(blocks) > compiled + 1  # the compiled figures follow
    # A section the State wrote nothing in says it is compiled; on the French page the English text is labelled.
    assert _blocks(_page(data, state_page=published()), "partnerships")[0] == Provenance("Compiled from sources", False)
    with using_language("fr"):
        french = [b for b in _blocks(_page(data, state_page=published()), "national_context")
                  if isinstance(b, StateMarkdown)]
    assert french[0].language_note and french[1].language_note is None


def test_needs_priorities_and_the_narrative_per_area(data):
    texts = [b for b in _blocks(_page(data, state_page=published()), "needs") if isinstance(b, StateMarkdown)]
    assert [(t.label, t.markdown) for t in texts] == [("Priorities", "Clear the last 20 km² by 2030."),
                                                      ("Victim assistance", "Prosthetics for 300 survivors a year.")]


def test_contacts_kept_for_signed_in_readers_are_shown_to_them_only(data):
    def tables(signed_in):
        blocks = _blocks(_page(data, state_page=published(), signed_in=signed_in), "contacts")
        return [b for b in blocks if isinstance(b, Table) and b.key.startswith("state_contacts")], blocks

    visitor, blocks = tables(False)
    assert list(visitor[0].frame["organisation"]) == ["CMAA"]
    assert any("Contacts of the State shown to signed-in users only: 1." in getattr(b, "plain", "")
               for b in blocks)
    assert "va@cmaa.example" not in repr(blocks)
    signed_in, _blocks_in = tables(True)
    assert list(signed_in[0].frame["organisation"]) == ["CMAA", "CMAA victim assistance"]
    # The compiled focal point stays beside them.
    assert any("Victim assistance focal point" in getattr(b, "plain", "") for b in blocks)


def test_resources_list_the_states_links_beside_the_cited_pages(data):
    blocks = _blocks(_page(data, state_page=published()), "resources")
    keys = [b.key for b in blocks if isinstance(b, Table)]
    assert keys == ["state_resources_KHM", "cited_pages_KHM"]
    resources = blocks[1].frame
    assert list(resources[["kind", "label", "url"]].iloc[0]) == [
        "National mine action website", "CMAA website", "https://www.cmaa.gov.kh"]


def test_the_individualised_approach_is_a_timeline_upcoming_and_past_each_with_its_source(data):
    blocks = _blocks(_page(data, state_page=published(), ia_events=EVENTS), "individualised_approach")
    assert blocks[0].text == "Compiled from sources and provided by the State: each event says which."
    timeline = next(b for b in blocks if isinstance(b, Timeline))
    assert [e.id for e in timeline.upcoming] == [2] and [e.id for e in timeline.past] == [1, 3]
    follow_up = timeline.upcoming[0]
    assert (follow_up.kind, follow_up.status, follow_up.source) == ("Follow-up meeting", "planned", "Provided by the State")
    assert follow_up.documents == (PDF,) and document_line(PDF) == "follow-up report.pdf · 1.2 MB · PDF"
    launch = timeline.past[0]
    assert launch.source == "Source: Committee conclusions 2019" and launch.source_url.startswith("https://")
    assert (launch.kind, launch.status) == ("Launch of the platform", "held")


def test_without_the_stores_events_the_compiled_ones_are_on_the_timeline(data):
    timeline = next(b for b in _blocks(_page(data, "SDN"), "individualised_approach") if isinstance(b, Timeline))
    assert not timeline.upcoming and timeline.past[0].date == "2017-06-08"
    assert timeline.past[0].kind == "Launch of the platform" and timeline.past[0].source.startswith("Source: ")
    nothing = _blocks(_page(data, "NOR"), "individualised_approach")
    assert nothing[0].what == "Individualised Approach meetings"


def test_the_pack_shows_the_states_text_as_text_and_only_web_links(data):
    with_state = dataclasses.replace(data, state_pages={"KHM": published()}, ia_events={"KHM": EVENTS})
    _, body = render_country_body(with_state, "KHM")
    assert [html.unescape(t) for t in re.findall(r"<h2>([^<]*)</h2>", body)][:3] == [
        "1. National context", "2. Partnerships", "3. Status of implementation (Article 5)"]
    assert "4. Maps" not in body and "regional_map" not in body
    assert "<script>alert(1)</script>" not in body and "&lt;script&gt;alert(1)&lt;/script&gt;" in body
    assert "<img" not in body and "&lt;img src=x onerror=alert(2)&gt;" in body
    assert '<a href="https://example.org/survey">the survey</a>' in body
    assert "<strong>farmland</strong>" in body
    assert "Provided by the State (published 2026-11-20)" in body and "Written in French" in body
    assert "Stakeholder &lt;b&gt;dialogue&lt;/b&gt;" in body
    assert "follow-up report.pdf · 1.2 MB · PDF" in body and "Upcoming" in body
    assert "va@cmaa.example" not in body  # the pack is public: signed-in-only contacts never go in


def _render_blocks(blocks):
    """AppTest script: draws the given blocks with a document reader that records what it read."""
    import streamlit as st

    from ui.country_sections import render_block

    def read(document_id):
        st.session_state["read"] = document_id
        return b"%PDF-1.4 test"

    for block in blocks:
        render_block(block, read)


def test_the_dashboard_draws_the_states_text_as_text_and_documents_as_downloads():
    blocks = (Provenance("Provided by the State (published 2026-11-20)", True),
              StateMarkdown("Socio-economic impact", CONTEXT, "en"),
              StateMarkdown("Gender dimensions", "Les femmes", "fr", "Written in French"),
              Timeline("Upcoming", "Past", (TimelineEvent(2, "Follow-up meeting", "2027-02-15", "Phnom Penh", "planned",
                                                          "Follow-up *with* donors", "Provided by the State", None,
                                                          (PDF,), True, True),), (), "No meeting planned."))
    app = AppTest.from_function(_render_blocks, args=(blocks,), default_timeout=30).run()
    assert not app.exception
    markdown = [m.value for m in app.markdown]
    assert any("&lt;script&gt;alert(1)&lt;/script&gt;" in m and "&lt;img src=x onerror=alert(2)&gt;" in m
               and "[the survey](https://example.org/survey)" in m for m in markdown)
    assert all("<script" not in m and "<img" not in m for m in markdown)
    assert not any(m.proto.allow_html for m in app.markdown)
    captions = [c.value for c in app.caption]
    assert "Provided by the State \\(published 2026\\-11\\-20\\)" in captions or any(
        "Provided by the State" in c for c in captions)
    assert any("Written in French" in c for c in captions)
    assert [h.value for h in app.subheader] == ["Upcoming"]
    button = app.get("download_button")[0]
    assert button.proto.label == "follow-up report.pdf · 1.2 MB · PDF"
    assert "read" not in app.session_state  # fetched only when clicked
