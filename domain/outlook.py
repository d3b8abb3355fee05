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


@dataclass(frozen=True)
class OutlookAssumptions:
    pace_years: int = 3
    max_estimate_age: int = 5
    pace_km2_per_year: float | None = None  # a rate the user typed instead of the recent pace

    def describe(self) -> str:
        if self.pace_km2_per_year is not None:
            pace = f"a typed pace of {self.pace_km2_per_year:g} km²/year"
        else:
            pace = f"the mean land released over the last {self.pace_years} years with data"
        return f"Pace: {pace}; estimates and release figures older than {self.max_estimate_age} years are not projected."


def compute_pace(releases: pd.DataFrame, assumptions: OutlookAssumptions) -> pd.DataFrame:
    """Per iso3: pace_km2_per_year, pace_first_year, pace_last_year, from (iso3, year, land_released_km2)."""
    recent = (
        releases.dropna(subset=["land_released_km2"])
        .sort_values(["iso3", "year"])
        .groupby("iso3")
        .tail(assumptions.pace_years)
    )
    return recent.groupby("iso3").agg(
        pace_km2_per_year=("land_released_km2", "mean"),
        pace_first_year=("year", "min"),
        pace_last_year=("year", "max"),
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
        return {"outlook": "not applicable", "outlook_reason": "no Article 5 clearance obligation in the data", **empty}
    if row["article5_completed"]:
        return {"outlook": "completed", "outlook_reason": f"completion declared in {row['completion_declared']}", **empty}
    if pd.isna(row["article5_deadline"]):
        return _cannot("the Article 5 deadline is not reported", empty)
    if row["deadline_passed"]:
        return _cannot(f"the deadline ({row['article5_deadline']}) has passed and no extension is reported", empty)
    if pd.isna(row["ap_contamination_km2"]) or pd.isna(row["estimate_as_of"]):
        return _cannot("no estimate of the remaining anti-personnel mined area", empty)
    if on.year - row["estimate_as_of"] > assumptions.max_estimate_age:
        return _cannot(f"the estimate is from {row['estimate_as_of']}, older than {assumptions.max_estimate_age} years", empty)
    pace = assumptions.pace_km2_per_year
    basis = "typed pace"
    if pace is None:
        if pd.isna(row["pace_km2_per_year"]):
            return _cannot("no land release figures to measure the pace", empty)
        if on.year - row["pace_last_year"] > assumptions.max_estimate_age:
            return _cannot(f"the latest land release figure is from {row['pace_last_year']}", empty)
        pace = row["pace_km2_per_year"]
        basis = f"pace from land release {_years(row['pace_first_year'], row['pace_last_year'])}"
    if pace <= 0:
        return _cannot("no land was released in the pace period", empty)
    years_needed = row["ap_contamination_km2"] / pace
    projected = row["estimate_as_of"] + 1 + years_needed  # the estimate stands at the end of its year
    on_pace = projected <= decimal_year(row["article5_deadline"])
    return {
        "outlook": "on pace" if on_pace else "off pace",
        "outlook_reason": (
            f"{years_needed:.1f} years needed at {pace:.2f} km²/year ({basis}); projected completion {projected:.1f}"
        ),
        "years_needed": round(years_needed, 1),
        "projected_completion_year": round(projected, 1),
    }


def _years(first, last) -> str:
    return str(last) if pd.isna(first) or first == last else f"{first}-{last}"


def _cannot(reason: str, empty: dict) -> dict:
    return {"outlook": "cannot be computed", "outlook_reason": reason, **empty}
