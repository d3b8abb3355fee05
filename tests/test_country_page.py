"""The State Party page's model (domain.country_page) and its two renderers: the dashboard and the pack show the
same sections and the same figures (value, as-of, source), missing figures say "not reported" and why, and
text or addresses from data never become markup or links."""
from __future__ import annotations

import dataclasses
import datetime as dt
import html
import re

import pytest

from domain.country_page import Chart, Figures, NotReported, build_country_page
from domain.geography import select_neighbourhood
from domain.sources import source_label, web_address
from i18n import NOT_REPORTED
from pack.country_page import render_country_body
from pack.data import load_pack_data
from tests.test_app_country import open_state

STATES = ["KHM", "YEM", "NOR", "FIN"]  # rich, sparse, no obligation, withdrawn
EVIL = "<script>alert(1)</script>"
METRIC = re.compile(r'<div class="metric"><div class="label">([^<]*)</div><div class="value">([^<]*)</div>'
                    r'<div class="source">(.*?)</div>')


@pytest.fixture(scope="module")
def data():
    return load_pack_data(dt.date(2026, 11, 27))


def _page(data, iso3):
    profile = data.profile(iso3)
    return build_country_page(profile, data.projection(profile), select_neighbourhood(data.boundaries, iso3))


def _pack_figures(body: str) -> dict[str, tuple[str, str | None, str | None]]:
    """label -> (value, as-of text, source href) as the pack page shows them."""
    found = {}
    for label, value, source in METRIC.findall(body):
        as_of = re.match(r"as of (.*?)(?: · |$)", html.unescape(re.sub(r"<[^>]+>", "", source)))
        href = re.search(r'href="([^"]+)"', source)
        found[html.unescape(label)] = (html.unescape(value), as_of and as_of.group(1), href and html.unescape(href.group(1)))
    return found


@pytest.mark.parametrize("iso3", STATES)
def test_the_dashboard_and_the_pack_show_the_models_sections_and_figures(data, iso3):
    page = _page(data, iso3)
    titles = [s.title for s in page.sections]
    _, body = render_country_body(data, iso3)
    assert [html.unescape(t) for t in re.findall(r"<h2>([^<]*)</h2>", body)] == titles
    shown = _pack_figures(body)
    app = open_state(iso3)
    assert [h.value for h in app.header] == titles
    metrics = {m.label: m.value for m in app.metric}
    captions = [c.value.replace("\\", "") for c in app.caption]
    for figure in page.figures:
        assert shown[figure.label] == (figure.value, figure.as_of, web_address(figure.source_url)), figure.id
        assert metrics[figure.label] == figure.value, figure.id
        under = [f"as of {figure.as_of}"] if figure.as_of else []
        if figure.source_url:
            under.append(f"[{source_label(figure.source_url)}](<{figure.source_url}>)")
        assert (" · ".join(under) or "no source: not reported") in captions, figure.id


def test_the_outline_is_the_committees_and_the_individualised_approach_only_for_states_that_joined(data):
    assert [s.title for s in _page(data, "KHM").sections] == [
        "1. National context", "2. Status of implementation (Article 5)", "3. Needs and challenges", "4. Maps",
        "5. Individualised Approach", "6. Partnerships", "7. Contacts", "8. Additional resources"]
    assert "5. Individualised Approach" not in [s.title for s in _page(data, "USA").sections]


@pytest.mark.parametrize("iso3", [*STATES, "AGO", "COL", "USA"])
def test_every_reported_figure_has_its_source_and_missing_ones_read_not_reported_never_zero(data, iso3):
    page = _page(data, iso3)
    for figure in page.figures:
        if figure.value == NOT_REPORTED:
            continue
        assert web_address(figure.source_url), (iso3, figure.id)
        if figure.id != "article5_deadline":  # a deadline is a date: it is its own as-of
            assert figure.as_of, (iso3, figure.id)
    nothing = {f.id: f for f in _page(data, "NOR").figures}
    assert nothing["casualties"].value == NOT_REPORTED and nothing["survivors"].value == NOT_REPORTED
    assert nothing["casualties"].as_of is None and nothing["casualties"].source_url is None
    assert "0" not in (nothing["casualties"].value, nothing["survivors"].value)


def test_a_section_with_nothing_says_what_is_not_reported_and_why(data):
    reasons = {b.what: b.text for s in _page(data, "NOR").sections for b in s.blocks if isinstance(b, NotReported)}
    assert reasons["Casualties by year"] == "Casualties by year: not reported in the sources we hold."
    assert reasons["Individualised Approach meetings"].endswith(": not reported in the sources we hold.")
    yemen = _page(data, "YEM")
    assert yemen.figure("remaining_area").value == NOT_REPORTED
    assert "Land release by year" in {b.what for s in yemen.sections for b in s.blocks if isinstance(b, NotReported)}
    assert not any(isinstance(b, Chart) and b.kind == "outlook" for s in yemen.sections for b in s.blocks)


def test_a_withdrawn_state_keeps_its_treaty_dates_and_figures_rows_come_in_threes(data):
    finland = _page(data, "FIN")
    assert "withdrawal effective" in finland.header.dates and finland.header.treaty_url.startswith("https://")
    rows = [b for s in finland.sections for b in s.blocks if isinstance(b, Figures)]
    assert [len(r.figures) for r in rows] == [3, 1]  # national context; support (no Article 5 obligation)


def test_text_and_addresses_from_data_stay_text_in_the_pack(data):
    needs = data.reference.stated_needs.copy()
    khm = needs["iso3"] == "KHM"
    needs.loc[khm, "description"] = EVIL
    needs.loc[khm, "source_url"] = "javascript:alert(1)"
    panel = data.panel.copy()
    panel.loc[panel["iso3"] == "KHM", "casualties_source_url"] = "javascript:alert(2)"
    poisoned = dataclasses.replace(data, panel=panel,
                                   reference=dataclasses.replace(data.reference, stated_needs=needs))
    _, body = render_country_body(poisoned, "KHM")
    assert EVIL not in body and "&lt;script&gt;alert(1)&lt;/script&gt;" in body
    assert "javascript:alert(1)" in body and "javascript:alert(2)" in body  # shown, as text
    assert not re.search(r"href=\"\s*javascript", body, flags=re.I)
