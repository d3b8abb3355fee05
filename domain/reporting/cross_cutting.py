"""The committees' cross-cutting view: what each State's newest published Article 7 report says on casualties by sex
and age, risk education by sex and age, socio-economic impact, the situation of survivors, and gender in needs and
partnerships. A row per State, counts across States, and each gap flagged.

A topic is given when the report answers it: a disaggregation when all its parts are reported (a zero is an answer),
a text when it is written. A form marked not applicable makes its topics not applicable, not gaps.
"""
from __future__ import annotations

from collections.abc import Iterable

import pandas as pd

from domain.reporting.published import PublishedReport
from domain.reporting.report import Report
from i18n import N_

GIVEN, GAP, NOT_APPLICABLE = N_("given"), N_("gap"), N_("not applicable")
# topic -> (its words, the form it is reported in, the fields that answer it, whether it is a text)
TOPICS = {
    "casualties_by_sex": (N_("Casualties by sex"), "J", ("casualties_female", "casualties_male"), False),
    "casualties_by_age": (N_("Casualties by age"), "J", ("casualties_adults", "casualties_children"), False),
    "risk_education_by_sex_and_age": (N_("Risk education by sex and age"), "I",
                                      ("re_women", "re_men", "re_girls", "re_boys"), False),
    "socio_economic_impact": (N_("Socio-economic impact"), "J", ("socio_economic",), True),
    "survivors_situation": (N_("Situation of survivors"), "J", ("survivors_situation",), True),
    "gender_in_needs_and_partnerships": (N_("Gender in needs and partnerships"), "J", ("gender_diversity",), True),
}


def _answer(report: Report, form: str, fields: tuple[str, ...], text: bool) -> str:
    section = report.section(form)
    if section.status == "not_applicable":
        return NOT_APPLICABLE
    values = [section.values.get(f) for f in fields]
    given = all(isinstance(v, str) and v.strip() for v in values) if text else all(v is not None for v in values)
    return GIVEN if given else GAP


def compute_cross_cutting(reports: Iterable[PublishedReport]) -> pd.DataFrame:
    """One row per State, from its newest published report: the report's year and page, each topic GIVEN, GAP or
    NOT_APPLICABLE, the needs it states (Form J, a count of rows) and its number of gaps."""
    newest: dict[str, PublishedReport] = {}
    for published in reports:
        if published.iso3 not in newest or published.year > newest[published.iso3].year:
            newest[published.iso3] = published
    rows = []
    for published in sorted(newest.values(), key=lambda p: p.state):
        report = published.report
        answers = {topic: _answer(report, form, fields, text) for topic, (_words, form, fields, text) in TOPICS.items()}
        needs = report.section("J").tables.get("needs") or []
        rows.append({"iso3": published.iso3, "state": published.state, "year": published.year, **answers,
                     "needs_stated": len(needs), "gaps": sum(a == GAP for a in answers.values()), "link": published.link})
    return pd.DataFrame(rows, columns=["iso3", "state", "year", *TOPICS, "needs_stated", "gaps", "link"])


def count_across_states(view: pd.DataFrame) -> pd.DataFrame:
    """Per topic: how many States give it, leave it a gap, or have it not applicable."""
    return pd.DataFrame([{"topic": topic, "given": int((view[topic] == GIVEN).sum()),
                          "gap": int((view[topic] == GAP).sum()),
                          "not_applicable": int((view[topic] == NOT_APPLICABLE).sum())} for topic in TOPICS])
