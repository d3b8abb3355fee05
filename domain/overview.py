"""The world overview: which metric, which states, which legend bin, which headline figures.

Every value keeps its as-of and source; a state with no figure falls in its own "No data" bin.
"""
from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

NO_DATA = "No data"
STATUS_GROUPS = {"State Party": ("state_party", "withdrawing", "not_yet_in_force"), "Withdrawn": ("withdrawn",),
                 "Not party": ("not_party",)}
REGIONS = ("Africa", "Americas", "Asia", "Europe", "Oceania")


@dataclass(frozen=True)
class Metric:
    key: str
    label: str
    column: str
    as_of: str | None  # column holding the year (or date) the figure refers to; None when it varies per item
    source: str  # column holding the figure's source link
    dataset: str  # the data/ file the figure comes from, for the "Data source" line
    edges: tuple[float, ...] = ()  # bin edges for numbers: [e0, e1) ... [en, inf)
    labels: tuple[str, ...] = ()  # one per bin, or the categories of a categorical metric
    unit: str = ""
    text: str | None = None  # column shown instead of the number (survivors' source wording)
    colors: tuple[str, ...] = ()

    @property
    def categorical(self) -> bool:
        return not self.edges


SEQUENTIAL = ("#fee8c8", "#fdbb84", "#fc8d59", "#e34a33", "#b30000")  # ColorBrewer OrRd, colour-blind safe
METRICS = {
    m.key: m
    for m in (
        Metric("contamination", "Remaining anti-personnel mined area (km²)", "ap_contamination_km2", "estimate_as_of",
               "article5_source_url", "article5", (0, 5, 20, 100), ("under 5 (small)", "5 to 20 (medium)",
               "20 to 100 (large)", "over 100 (massive)"), "km²", colors=SEQUENTIAL[1:]),
        Metric("years_left", "Years left to the Article 5 deadline", "years_left", "article5_deadline",
               "article5_source_url", "article5", (-np.inf, 0, 2, 5, 10), ("deadline passed", "under 2", "2 to 5",
               "5 to 10", "10 or more"), "years", colors=tuple(reversed(SEQUENTIAL))),
        Metric("outlook", "Completion outlook (Article 5)", "outlook", "estimate_as_of", "article5_source_url", "article5",
               labels=("off pace", "cannot be computed", "on pace", "completed"),
               colors=("#d6604d", "#fdb863", "#4393c3", "#1b7837")),
        Metric("casualties", "Mine/ERW casualties (latest year with data)", "casualties_total", "casualties_year",
               "casualties_source_url", "casualties", (0, 1, 50, 200, 1000), ("0", "1 to 49", "50 to 199",
               "200 to 999", "1,000 or more"), "casualties", colors=SEQUENTIAL),
        Metric("survivors", "Mine survivors (lower bound of the estimate)", "survivors_at_least",
               "survivors_estimate_year", "va_source_url", "victim_assistance", (0, 1000, 10_000, 50_000),
               ("under 1,000", "1,000 to 10,000", "10,000 to 50,000", "50,000 or more"), "survivors",
               text="survivors_estimate", colors=SEQUENTIAL[1:]),
        Metric("support", "International support received, latest year (US$ million)", "support_latest_usd_million",
               "support_latest_year", "support_source_url", "support_by_recipient", (0, 1, 10, 50),
               ("under 1", "1 to 10", "10 to 50", "50 or more"), "US$ million", colors=SEQUENTIAL[1:]),
        Metric("needs", "Needs stated (number of statements)", "needs_total", None, "article5_source_url",
               "stated_needs", (1, 2, 5, 10), ("1", "2 to 4", "5 to 9", "10 or more"), "needs", colors=SEQUENTIAL[1:]),
    )
}


@dataclass(frozen=True)
class OverviewFilters:
    regions: tuple[str, ...] = ()  # empty = every region
    statuses: tuple[str, ...] = ("State Party",)
    article5_only: bool = False
    survivors_only: bool = False
    deadline_within_years: int | None = None


def filter_states(panel: pd.DataFrame, filters: OverviewFilters) -> pd.DataFrame:
    keep = pd.Series(True, index=panel.index)
    if filters.regions:
        keep &= panel["region"].isin(filters.regions)
    statuses = [code for group in filters.statuses for code in STATUS_GROUPS[group]]
    keep &= panel["membership_status"].isin(statuses)
    if filters.article5_only:
        keep &= panel["has_article5"] & ~panel["article5_completed"]
    if filters.survivors_only:
        keep &= panel["significant_survivors"]
    if filters.deadline_within_years is not None:
        keep &= (panel["years_left"] <= filters.deadline_within_years).fillna(False).astype(bool)
    return panel[keep]


def compute_metric_bins(states: pd.DataFrame, metric: Metric) -> pd.DataFrame:
    """One row per state: value, display text, legend bin (NO_DATA when missing), as-of and source."""
    value = states[metric.column]
    if metric.key == "needs":
        value = value.where(value > 0)  # no need stated in the sources is "No data", not a need of zero
    if metric.categorical:
        value = value.where(value.isin(metric.labels))
        bins = value.astype(object)
    else:
        numbers = value.astype("Float64").to_numpy(dtype=float, na_value=np.nan)
        positions = np.searchsorted(np.asarray(metric.edges[1:], dtype=float), numbers, side="right")
        bins = pd.Series([metric.labels[i] for i in positions], index=states.index, dtype=object)
    missing = value.isna()
    bins = bins.where(~missing, NO_DATA)
    text = states[metric.text] if metric.text else value.map(_format_value, na_action="ignore")
    return pd.DataFrame(
        {
            "iso3": states["iso3"],
            "state": states["state"],
            "region": states["region"],
            "value": value,
            "value_text": text.astype(object).where(~missing, "not reported"),
            "bin": bins,
            "as_of": (states[metric.as_of].astype("string") if metric.as_of else
                      pd.Series("periods differ per need", index=states.index, dtype="string")).where(~missing),
            "source_url": states[metric.source].where(~missing) if metric.key != "needs" else pd.NA,
        }
    ).reset_index(drop=True)


def legend_order(metric: Metric) -> list[str]:
    return [*metric.labels, NO_DATA]


def _format_value(value) -> str:
    if isinstance(value, str):
        return value
    return f"{value:,.0f}" if float(value).is_integer() else f"{value:,.2f}"


@dataclass(frozen=True)
class Headline:
    label: str
    value: str
    as_of: str
    source: str


# Global figures quoted as headlines: the Landmine Monitor series for casualties, and its funding
# research lead's international support total (global_figures.csv, indicator text as compiled).
WORLD_CASUALTIES = "casualties_total"
WORLD_SUPPORT_PREFIX = "International donor mine action funding"


def compute_headlines(states: pd.DataFrame, global_figures: pd.DataFrame, global_casualties: pd.DataFrame) -> list[Headline]:
    obligated = states[states["has_article5"] & ~states["article5_completed"]]
    with_area = obligated.dropna(subset=["ap_contamination_km2"])
    years = with_area["estimate_as_of"]
    headlines = [
        Headline("Clearance obligations", f"{len(obligated)} states", "Article 5 table, 2026-11-27", "article5"),
        Headline(
            "Remaining AP mined area",
            f"{with_area['ap_contamination_km2'].sum():,.0f} km²" if len(with_area) else "not reported",
            f"sum of {len(with_area)} national estimates from {years.min()} to {years.max()}; "
            f"{len(obligated) - len(with_area)} states without one" if len(with_area) else "no estimate in the states shown",
            "article5",
        ),
    ]
    casualties = global_casualties[global_casualties["indicator"] == WORLD_CASUALTIES].sort_values("year").tail(1)
    headlines.append(_global_headline("Casualties", casualties, "{:,.0f}"))
    support = global_figures[global_figures["indicator"].str.startswith(WORLD_SUPPORT_PREFIX)].sort_values("year").tail(1)
    headlines.append(_global_headline("International support", support, "> US$ {:,.0f} m"))
    return headlines


def _global_headline(label: str, rows: pd.DataFrame, template: str) -> Headline:
    if rows.empty:
        return Headline(label, "not reported", "", "")
    row = rows.iloc[0]
    return Headline(label + ", world", template.format(row["value"]), f"{row['year']} (Landmine Monitor)", row["source_url"])
