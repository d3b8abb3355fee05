"""The committees' cross-cutting view: per State, from its newest published report, which topics it gives (every part
of a disaggregation, a written text), which are gaps and which do not apply; counts across States."""
from __future__ import annotations

import datetime as dt

from domain.reporting.cross_cutting import GAP, GIVEN, NOT_APPLICABLE, TOPICS, compute_cross_cutting, count_across_states
from domain.reporting.published import PublishedReport
from domain.reporting.report import Section, empty_report

FULL_J = {"casualties_total": 10, "casualties_female": 0, "casualties_male": 10, "casualties_adults": 7,
          "casualties_children": 3, "socio_economic": "Livelihood programmes.", "survivors_situation": "Care in 3 centres.",
          "gender_diversity": "Women's groups consulted on priorities."}
FULL_I = {"re_women": 100, "re_men": 90, "re_girls": 50, "re_boys": 60}


def published(iso3: str, year: int, j: dict, i: dict | None = None, *, i_status: str = "changed", needs: int = 0):
    report = empty_report(iso3, year)
    report.sections["J"] = Section("changed", None, dict(j), {"needs": [{"area": "clearance"}] * needs})
    report.sections["I"] = Section(i_status, None, dict(i or {}), {})
    return PublishedReport(report, iso3.title(), dt.date(year + 1, 5, 1))


def test_a_row_per_state_from_its_newest_report_with_each_topic_given_or_a_gap():
    view = compute_cross_cutting([
        published("AGO", 2024, FULL_J, FULL_I, needs=2),
        published("AGO", 2025, {**FULL_J, "casualties_male": None, "socio_economic": "  "}, FULL_I, needs=1),
        published("KHM", 2025, FULL_J, {**FULL_I, "re_boys": None}),
    ]).set_index("iso3")
    assert list(view.index) == ["AGO", "KHM"]
    angola = view.loc["AGO"]
    assert angola["year"] == 2025 and angola["needs_stated"] == 1
    assert angola["casualties_by_sex"] == GAP and angola["socio_economic_impact"] == GAP  # a part missing; blank text
    assert angola["casualties_by_age"] == GIVEN and angola["gender_in_needs_and_partnerships"] == GIVEN
    assert angola["gaps"] == 2
    assert view.loc["KHM", "risk_education_by_sex_and_age"] == GAP and view.loc["KHM", "casualties_by_sex"] == GIVEN
    assert view.loc["KHM", "link"] == "/reporting?iso3=KHM&year=2025&published=2026-05-01"


def test_a_form_not_applicable_makes_its_topics_not_applicable_not_gaps():
    view = compute_cross_cutting([published("NOR", 2025, {}, i_status="not_applicable")]).set_index("iso3")
    assert view.loc["NOR", "risk_education_by_sex_and_age"] == NOT_APPLICABLE
    assert view.loc["NOR", "casualties_by_sex"] == GAP and view.loc["NOR", "gaps"] == len(TOPICS) - 1


def test_counts_across_states_per_topic():
    view = compute_cross_cutting([published("AGO", 2025, FULL_J, FULL_I),
                                  published("NOR", 2025, {}, i_status="not_applicable")])
    counts = count_across_states(view).set_index("topic")
    assert counts.loc["risk_education_by_sex_and_age"].to_dict() == {"given": 1, "gap": 0, "not_applicable": 1}
    assert counts.loc["survivors_situation"].to_dict() == {"given": 1, "gap": 1, "not_applicable": 0}
    assert list(counts.index) == list(TOPICS)


def test_no_report_no_row():
    view = compute_cross_cutting([])
    assert view.empty and count_across_states(view)["given"].sum() == 0
