"""The donors' filters over needs: area, region, size, urgency, status, current period, and 'no one has offered'."""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import numpy as np
import pandas as pd

from domain.periods import ENDED, period_status
from i18n import N_

# Size bands on the US$ figure (million); a need stated in another currency only is its own band.
SIZES = {
    "under_1m": N_("under US$ 1 million"),
    "1_to_10m": N_("US$ 1-10 million"),
    "over_10m": N_("over US$ 10 million"),
    "no_usd": N_("no US$ figure"),
}
STATUSES = {"open": N_("open"), "partly_met": N_("partly met"), "met": N_("met"), "withdrawn": N_("withdrawn"),
            "not_stated": N_("not stated")}
# The need areas (config.NEED_AREAS) as pages name them.
AREA_LABELS = {"clearance": N_("clearance"), "risk_education": N_("risk education"),
               "victim_assistance": N_("victim assistance"), "stockpile_destruction": N_("stockpile destruction"),
               "capacity_building": N_("capacity building"), "national_legislation": N_("national legislation"),
               "other": N_("other")}


def size_band(usd_million: pd.Series) -> pd.Series:
    return pd.Series(np.select([usd_million.isna(), usd_million < 1, usd_million <= 10],
                               ["no_usd", "under_1m", "1_to_10m"], default="over_10m"), index=usd_million.index)


@dataclass(frozen=True)
class NeedFilters:
    areas: tuple[str, ...] = ()
    regions: tuple[str, ...] = ()
    sizes: tuple[str, ...] = ()
    statuses: tuple[str, ...] = ()
    deadline_within_years: int | None = None  # the state's Article 5 deadline falls within N years
    rising_casualties: bool = False
    unoffered_only: bool = False  # no compatible offer and no partnership
    current_on: dt.date | None = None  # hide needs whose period ended before this date's year (not stated stays)


def period_statuses(periods: pd.Series, today: dt.date) -> pd.Series:
    """current / ended / not_stated for each period text (domain.periods)."""
    return periods.map(lambda text: period_status(text, today)).astype(object)


def filter_needs(coverage: pd.DataFrame, panel: pd.DataFrame, filters: NeedFilters) -> pd.DataFrame:
    """`coverage`: one row per need (with region, usd_million, status, compatible_offers, partnerships);
    `panel`: the State Party panel (years_left, casualties_trend) by iso3. Empty choices mean 'any'."""
    state = panel.set_index("iso3")
    years_left = coverage["iso3"].map(state["years_left"]).astype("Float64")
    trend = coverage["iso3"].map(state["casualties_trend"])
    keep = pd.Series(True, index=coverage.index)
    if filters.areas:
        keep &= coverage["area"].isin(filters.areas)
    if filters.regions:
        keep &= coverage["region"].isin(filters.regions)
    if filters.sizes:
        keep &= size_band(coverage["usd_million"]).isin(filters.sizes)
    if filters.statuses:
        keep &= coverage["status"].fillna("not_stated").isin(filters.statuses)
    if filters.deadline_within_years:
        keep &= ((years_left >= 0) & (years_left <= filters.deadline_within_years)).fillna(False).astype(bool)
    if filters.rising_casualties:
        keep &= trend.eq("rising").fillna(False).astype(bool)
    if filters.unoffered_only:
        keep &= coverage["compatible_offers"].eq(0) & coverage["partnerships"].eq(0)
    if filters.current_on is not None:
        keep &= period_statuses(coverage["period"], filters.current_on).ne(ENDED)
    return coverage[keep]
