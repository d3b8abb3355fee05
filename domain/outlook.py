"""Completion outlook for Article 5: years needed at the recent pace against the deadline.

Assumptions (shown with the result): pace = mean land released (km²/year, all release methods)
over the last `pace_years` years with a figure; the estimate is the area at the end of its
estimate year; an estimate older than `max_estimate_age` years, or a latest land release figure
older than that, is too stale to project.
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import pandas as pd

from i18n import DEFAULT_LANGUAGE, N_, format_month_year

# Every text the outlook builds is an English template marked for translation: pages show it translated.
TYPED_PACE_RATE = N_("a typed pace of {rate} km²/year")
MEAN_PACE = N_("the mean land released over the last {years} years with data")
ASSUMPTIONS = N_("Pace: {pace}; estimates and release figures older than {age} years are not projected.")
NOT_APPLICABLE, COMPLETED, CANNOT = N_("not applicable"), N_("completed"), N_("cannot be computed")
ON_PACE, OFF_PACE = N_("on pace"), N_("off pace")
NO_OBLIGATION = N_("no Article 5 clearance obligation in the data")
COMPLETION_DECLARED = N_("completion declared in {year}")
NO_DEADLINE = N_("the Article 5 deadline is not reported")
DEADLINE_PASSED = N_("the deadline ({deadline}) has passed and no extension is reported")
NO_ESTIMATE = N_("no estimate of the remaining anti-personnel mined area")
STALE_ESTIMATE = N_("the estimate is from {year}, older than {age} years")
NO_RELEASE = N_("no land release figures to measure the pace")
STALE_RELEASE = N_("the latest land release figure is from {year}")
NOTHING_RELEASED = N_("no land was released in the pace period")
TYPED_PACE = N_("typed pace")
MEASURED_PACE = N_("pace from land release {years}")
FEWER_PACE_YEARS = N_("pace from land release {years}: only {used} of the {asked} years asked have a figure from the "
                      "last {age} years")
PAST_PROJECTION = N_("at {pace} km²/year the area estimated at the end of {year} would have been released by {month}, "
                     "yet no completion is declared: the estimate is out of date")
PROJECTED = N_("{years} years needed at {pace} km²/year ({basis}); projected completion {year}")


@dataclass(frozen=True)
class OutlookAssumptions:
    pace_years: int = 3
    max_estimate_age: int = 5
    pace_km2_per_year: float | None = None  # a rate the user typed instead of the recent pace

    def describe(self) -> str:
        if self.pace_km2_per_year is not None:
            pace = TYPED_PACE_RATE.format(rate=f"{self.pace_km2_per_year:g}")
        else:
            pace = MEAN_PACE.format(years=self.pace_years)
        return ASSUMPTIONS.format(pace=pace, age=self.max_estimate_age)


def compute_pace(releases: pd.DataFrame, assumptions: OutlookAssumptions, on: dt.date) -> pd.DataFrame:
    """Per iso3: pace_km2_per_year, pace_first_year, pace_last_year and pace_years_used, from (iso3, year,
    land_released_km2): the last `pace_years` years with a figure, among those no older than `max_estimate_age`
    (the age the assumptions' caption states: Cambodia's 2015 and 2016 figures no longer set its pace in 2026)."""
    recent = (
        releases.dropna(subset=["land_released_km2"])
        .loc[lambda frame: frame["year"] >= on.year - assumptions.max_estimate_age]
        .sort_values(["iso3", "year"])
        .groupby("iso3")
        .tail(assumptions.pace_years)
    )
    return recent.groupby("iso3").agg(
        pace_km2_per_year=("land_released_km2", "mean"),
        pace_first_year=("year", "min"),
        pace_last_year=("year", "max"),
        pace_years_used=("year", "count"),
    )


def decimal_year(deadline: str) -> float:
    """'2030-12-31' -> 2030.997; a year alone ('2030') counts to its end (month not reported)."""
    if len(deadline) == 4:
        return int(deadline) + 1.0
    day = dt.date.fromisoformat(deadline if len(deadline) == 10 else deadline + "-01")
    return day.year + (day.timetuple().tm_yday - 1) / 365.25


def compute_outlook(row: pd.Series, on: dt.date, assumptions: OutlookAssumptions) -> dict:
    """Outlook for one state's panel row: status, reason, years needed, projected completion."""
    empty = {"years_needed": pd.NA, "projected_completion_year": pd.NA}
    if not row["has_article5"]:
        return {"outlook": NOT_APPLICABLE, "outlook_reason": NO_OBLIGATION, **empty}
    if row["article5_completed"]:
        return {"outlook": COMPLETED, "outlook_reason": COMPLETION_DECLARED.format(year=row["completion_declared"]), **empty}
    if pd.isna(row["article5_deadline"]):
        return _cannot(NO_DEADLINE, empty)
    if row["deadline_passed"]:
        return _cannot(DEADLINE_PASSED.format(deadline=row["article5_deadline"]), empty)
    if pd.isna(row["ap_contamination_km2"]) or pd.isna(row["estimate_as_of"]):
        return _cannot(NO_ESTIMATE, empty)
    if on.year - row["estimate_as_of"] > assumptions.max_estimate_age:
        return _cannot(STALE_ESTIMATE.format(year=row["estimate_as_of"], age=assumptions.max_estimate_age), empty)
    pace = assumptions.pace_km2_per_year
    basis = TYPED_PACE
    if pace is None:
        if pd.isna(row["pace_km2_per_year"]):
            latest = row["latest_release_year"]
            return _cannot(NO_RELEASE if pd.isna(latest) else STALE_RELEASE.format(year=latest), empty)
        pace = row["pace_km2_per_year"]
        years = _years(row["pace_first_year"], row["pace_last_year"])
        used = int(row["pace_years_used"])
        basis = (MEASURED_PACE.format(years=years) if used >= assumptions.pace_years else
                 FEWER_PACE_YEARS.format(years=years, used=used, asked=assumptions.pace_years,
                                         age=assumptions.max_estimate_age))
    if pace <= 0:
        return _cannot(NOTHING_RELEASED, empty)
    years_needed = row["ap_contamination_km2"] / pace
    projected = row["estimate_as_of"] + 1 + years_needed  # the estimate stands at the end of its year
    # Shown as a month, not "2028.2" (read as a decimal comma in French): the month of the rounded figure
    # the pages and charts use, in English like every domain text (translated when shown).
    completion = format_month_year(round(projected, 1), DEFAULT_LANGUAGE)
    if projected <= decimal_year(on.isoformat()):
        # A completion date already behind us says the estimate, not the state, is late (Cambodia: 800 km² at the
        # end of 2022 and 362 km² released in 2023 would have ended in 2025): no outlook is drawn from it.
        return _cannot(PAST_PROJECTION.format(pace=f"{pace:.2f}", year=row["estimate_as_of"], month=completion), empty)
    on_pace = projected <= decimal_year(row["article5_deadline"])
    return {
        "outlook": ON_PACE if on_pace else OFF_PACE,
        "outlook_reason": PROJECTED.format(years=f"{years_needed:.1f}", pace=f"{pace:.2f}", basis=basis,
                                           year=completion),
        "years_needed": round(years_needed, 1),
        "projected_completion_year": round(projected, 1),
    }


def _years(first, last) -> str:
    return str(last) if pd.isna(first) or first == last else f"{first}-{last}"


def _cannot(reason: str, empty: dict) -> dict:
    return {"outlook": CANNOT, "outlook_reason": reason, **empty}
