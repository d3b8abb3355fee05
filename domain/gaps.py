"""What committees look for: who is off pace, where casualties rise while support falls, and where
information itself is missing. Pure pandas over the State Party panel and the loaded tables."""
from __future__ import annotations

import datetime as dt

import numpy as np
import pandas as pd

from domain.history import rank_casualties
from domain.outlook import COMPLETED
from domain.panel import CANNOT_TELL, FALLING, RISING, STABLE
from i18n import N_

NOT_REPORTED, NO_OBLIGATION, STALE = N_("not reported"), N_("no obligation"), N_("stale ({year})")
CURRENT, PASSED = N_("current"), N_("passed, extension not reported")

CHANGE_THRESHOLD = 0.10  # a change under 10 % either way is "stable", as the panel's casualty trend


def _change(now: pd.Series, before: pd.Series) -> pd.Series:
    now, before = now.astype("float64"), before.astype("float64")  # nullable -> NaN, so comparisons stay plain booleans
    with np.errstate(divide="ignore", invalid="ignore"):
        return ((now - before) / before).where(before > 0)


def _direction(change: pd.Series) -> pd.Series:
    labels = np.select([change > CHANGE_THRESHOLD, change < -CHANGE_THRESHOLD, change.notna()], [RISING, FALLING, STABLE],
                       default=CANNOT_TELL)
    return pd.Series(labels, index=change.index)


def compute_casualties_against_support(casualties: pd.DataFrame, support: pd.DataFrame) -> pd.DataFrame:
    """Per state: the change in casualties and in support received between the last two years that have both
    figures (so the two changes cover the same years), and the flag committees ask for: casualties rising
    while support falls."""
    lead = rank_casualties(casualties)
    lead = lead.loc[lead["leads"], ["iso3", "year", "casualties_total", "source_url"]]
    paid = support.dropna(subset=["iso3", "usd_million"])[["iso3", "year", "usd_million", "source_url"]]
    both = lead.merge(paid, on=["iso3", "year"], suffixes=("_casualties", "_support")).sort_values(["iso3", "year"])
    latest = both.groupby("iso3").tail(1).set_index("iso3")
    before = both.groupby("iso3").nth(-2).set_index("iso3")[["year", "casualties_total", "usd_million"]]
    result = latest.join(before.add_suffix("_before"), how="inner")
    result["casualties_change"] = _change(result["casualties_total"], result["casualties_total_before"])
    result["support_change"] = _change(result["usd_million"], result["usd_million_before"])
    result["casualties_direction"] = _direction(result["casualties_change"])
    result["support_direction"] = _direction(result["support_change"])
    result["rising_while_support_falls"] = result["casualties_direction"].eq(RISING) & result["support_direction"].eq(FALLING)
    return result.rename(columns={"usd_million": "support_usd_million", "usd_million_before": "support_usd_million_before",
                                  "year_before": "previous_year"}).reset_index()


def compute_reporting_completeness(panel: pd.DataFrame, on: dt.date, max_age: int = 5) -> pd.DataFrame:
    """Per state, what information exists: each cell says the year, 'stale (year)', a count, or 'not reported'.

    A figure older than `max_age` years is stale; 'no obligation' where a field does not apply."""
    def dated(year: pd.Series, applies: pd.Series) -> pd.Series:
        written = year.astype("string").fillna("")
        text = np.where(year.isna(), NOT_REPORTED,
                        np.where(on.year - year.fillna(0) > max_age, written.map(lambda y: STALE.format(year=y)), written))
        return pd.Series(np.where(applies, text, NO_OBLIGATION), index=year.index)

    article5 = panel["has_article5"] & ~panel["article5_completed"]
    deadline = np.select(
        [~panel["has_article5"], panel["article5_completed"], panel["article5_deadline"].isna(),
         panel["deadline_passed"].fillna(False)],
        [NO_OBLIGATION, COMPLETED, NOT_REPORTED, PASSED], default=CURRENT,
    )
    grid = pd.DataFrame({
        "iso3": panel["iso3"], "state": panel["state"],
        "contamination_estimate": dated(panel["estimate_as_of"], article5),
        "deadline": deadline,
        "needs_stated": panel["needs_total"].astype("Int64"),
        "casualty_data": dated(panel["casualties_year"], pd.Series(True, index=panel.index)),
        "victim_assistance_data": dated(panel["survivors_estimate_year"], panel["significant_survivors"]),
        "ia_events": panel["ia_events"].astype("Int64"),
    })
    missing = (grid[["contamination_estimate", "casualty_data", "victim_assistance_data"]] == NOT_REPORTED).sum(axis=1)
    stale = (grid[["contamination_estimate", "casualty_data", "victim_assistance_data"]]
             .apply(lambda c: c.str.startswith("stale")).sum(axis=1))
    grid["gaps"] = missing + stale + (grid["deadline"] == PASSED) + (grid["needs_stated"] == 0)
    return grid.sort_values(["gaps", "state"], ascending=[False, True], ignore_index=True)


def count_uncovered_needs(coverage: pd.DataFrame) -> pd.Series:
    """Per ISO3: needs not fully covered by agreed or funded partnerships (amount or not)."""
    uncovered = coverage["share_covered"].isna() | (coverage["share_covered"] < 1)
    return coverage[uncovered].groupby("iso3").size()
