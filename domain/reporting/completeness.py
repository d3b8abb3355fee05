"""Reporting completeness: per State Party and report year, whether its Article 7 report was published here on time
(by 30 April of the next year; an initial report within 180 days of entry into force), late, or is missing, and
which forms it marked unchanged or not applicable.

Only reports published through this dashboard count: a report sent through the official channel alone is missing
here, and the grid says so in those words (it replaces no channel and creates no obligation).
"""
from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

import pandas as pd

from domain.reporting import schema
from domain.reporting.published import PublishedReport
from i18n import N_

ON_TIME, LATE, MISSING, NOT_YET_DUE, NOT_PARTY = (N_("on time"), N_("late"), N_("missing"), N_("not yet due"),
                                                  N_("not a State Party"))
STATUSES = (ON_TIME, LATE, MISSING, NOT_YET_DUE, NOT_PARTY)
# Which date says when the State reported, in the order they are trusted (the first one given is used).
SENT, DOCUMENT, SUBMITTED, COVER, PUBLISHED = (
    N_("sent through the official channel"), N_("date of the State's document the ISU entered"),
    N_("submitted here"), N_("date of submission on the cover page"), N_("published here"))
INITIAL_REPORT_DAYS = 180  # Article 7.1: the initial report, within 180 days of entry into force


def due_date(year: int, initial: bool = False, entry_into_force: dt.date | None = None) -> dt.date:
    """30 April after the year reported (Article 7.2, as the States Parties apply it); an initial report 180 days
    after entry into force."""
    if initial and entry_into_force is not None:
        return entry_into_force + dt.timedelta(days=INITIAL_REPORT_DAYS)
    return dt.date(year + 1, 4, 30)


def reported_on(published: PublishedReport) -> tuple[dt.date, str]:
    """When the State reported, and which date says so: the day it sent the report through the official channel,
    else its own date (the document the ISU entered, the cover page) or the day it submitted it here."""
    cover = published.report.section("cover").values.get("date_of_submission")
    cover = dt.date.fromisoformat(cover) if cover else None
    trusted = ([(published.sent_on, SENT), (cover, COVER), (published.source_document_date, DOCUMENT)]
               if published.entered_by_isu else
               [(published.sent_on, SENT), (published.submitted_on, SUBMITTED), (cover, COVER)])
    return next(((day, how) for day, how in trusted if day is not None), (published.published_on, PUBLISHED))


def report_years(reports: Iterable[PublishedReport], today: dt.date) -> range:
    """From the first year a report published here covers to the last year whose report is due or given."""
    years = [p.year for p in reports]
    if not years:
        return range(0)
    return range(min(years), max(max(years), today.year - 1) + 1)


def _day(value: object) -> dt.date | None:
    return dt.date.fromisoformat(str(value)[:10]) if isinstance(value, str) and value else None


def _forms(report_: PublishedReport, status: str) -> str:
    """The forms with this cover-page status: "A, E" (unchanged ones with the year last reported: "A (2024)")."""
    found = []
    for key in schema.form_keys():
        section = report_.report.sections.get(key)
        if key == "cover" or section is None or section.status != status:
            continue
        found.append(f"{key} ({section.unchanged_since})" if status == "unchanged" and section.unchanged_since else key)
    return ", ".join(found)


def compute_completeness(reports: Iterable[PublishedReport], states: pd.DataFrame, years: range,
                         today: dt.date) -> pd.DataFrame:
    """One row per State and year: status (STATUSES), when and by which date it reported, its due date, the forms
    marked unchanged and not applicable, and the report's page. `states`: iso3, state, entry_into_force_date,
    withdrawal_effective_date (the States Parties table); a State is expected to report for the years it is party,
    and has no row when it is party in none of them."""
    by_key = {(p.iso3, p.year): p for p in reports}
    rows = []
    for state in states.itertuples(index=False):
        in_force, withdrawn = _day(state.entry_into_force_date), _day(state.withdrawal_effective_date)
        for year in years:
            found = by_key.get((state.iso3, year))
            row = {"iso3": state.iso3, "state": state.state, "year": year, "reported_on": None, "date_used": None,
                   "due": None, "unchanged": "", "not_applicable": "", "link": None}
            party = in_force is not None and in_force.year <= year and (withdrawn is None or withdrawn.year > year)
            if found is not None:
                due = due_date(year, found.report.initial, in_force)
                day, how = reported_on(found)
                row.update(status=ON_TIME if day <= due else LATE, reported_on=day, date_used=how, due=due,
                           unchanged=_forms(found, "unchanged"), not_applicable=_forms(found, "not_applicable"),
                           link=found.link)
            elif not party:
                row.update(status=NOT_PARTY)
            else:
                due = due_date(year)
                row.update(status=NOT_YET_DUE if due >= today else MISSING, due=due)
            rows.append(row)
    columns = ["iso3", "state", "year", "status", "reported_on", "date_used", "due", "unchanged", "not_applicable", "link"]
    grid = pd.DataFrame(rows, columns=columns)
    party = grid.groupby("iso3")["status"].transform(lambda s: (s != NOT_PARTY).any()).astype(bool)
    return grid[party].reset_index(drop=True)  # a State party in none of the years has no row


def count_statuses(grid: pd.DataFrame) -> pd.DataFrame:
    """Per year, how many States are in each status (a column per status, every status listed)."""
    counts = pd.crosstab(grid["year"], grid["status"]).reindex(columns=list(STATUSES), fill_value=0)
    return counts.rename_axis(columns=None).reset_index()
