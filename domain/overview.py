"""The world overview: which metric, which states, which legend bin, which headline figures.

Every value keeps its as-of and source; a state with no figure falls in its own "No data" bin.
"""
from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from domain.outlook import CANNOT, COMPLETED, OFF_PACE, ON_PACE
from domain.panel import OBLIGATION_COMPLETED
from domain.preference import is_landmine_monitor
from domain.sources import is_article7_link, source_label
from i18n import N_, format_counts

NO_DATA = N_("No data")
# Article 5 metrics tell a state with nothing to report apart from one whose figure is missing: no obligation
# (never bound, or no mined area reported) and a completion declared after the last estimate, which supersedes
# it (Croatia: declared 2026, last estimate 204 km² as of 2021). The estimate stays on the state's page.
NO_OBLIGATION = N_("no Article 5 obligation")
NOT_REPORTED = N_("not reported")
PERIODS_DIFFER = N_("periods differ per need")
# Group names and regions are also the values in the URL: they stay English there and are translated on screen.
STATUS_GROUPS = {N_("State Party"): ("state_party", "withdrawing", "not_yet_in_force"), N_("Withdrawn"): ("withdrawn",),
                 N_("Not party"): ("not_party",)}
REGIONS = (N_("Africa"), N_("Americas"), N_("Asia"), N_("Europe"), N_("Oceania"))


@dataclass(frozen=True)
class Metric:
    key: str
    label: str
    column: str
    as_of: str | None  # column holding the year (or date) the figure refers to; None when it varies per item
    source: str  # column holding the figure's source link; where it is missing, the `source_else` column's
    dataset: str  # the data/ file the figure comes from, for the "Data source" line
    edges: tuple[float, ...] = ()  # bin edges for numbers: [e0, e1) ... [en, inf)
    labels: tuple[str, ...] = ()  # one per bin, or the categories of a categorical metric
    unit: str = ""
    text: str | None = None  # column shown instead of the number (survivors' source wording)
    colors: tuple[str, ...] = ()
    statuses: tuple[str, ...] = ()  # Article 5 status bins shown instead of a figure (ARTICLE5_STATUSES)
    source_else: str | None = None
    # Columns (figure, as of, source) of the other source's figure for the same thing, shown beside the one that
    # leads: the compiled estimate beside a newer Article 7 report's, or the report's beside a compiled one.
    beside: tuple[str, str, str] | None = None

    @property
    def categorical(self) -> bool:
        return not self.edges


SEQUENTIAL = ("#fee8c8", "#fdbb84", "#fc8d59", "#e34a33", "#b30000")  # ColorBrewer OrRd, colour-blind safe
METRICS = {
    m.key: m
    for m in (
        Metric("contamination", N_("Remaining anti-personnel mined area (km²)"), "ap_contamination_km2", "estimate_as_of",
               "contamination_source_url", "article5", (0, 5, 20, 100), (N_("under 5 (small)"), N_("5 to 20 (medium)"),
               N_("20 to 100 (large)"), N_("over 100 (massive)")), "km²", colors=SEQUENTIAL[1:],
               statuses=(OBLIGATION_COMPLETED, NO_OBLIGATION), source_else="article5_source_url",
               beside=("other_contamination_km2", "other_estimate_as_of", "other_contamination_source_url")),
        Metric("years_left", N_("Years left to the Article 5 deadline"), "years_left", "article5_deadline",
               "article5_source_url", "article5", (-np.inf, 0, 2, 5, 10), (N_("deadline passed"), N_("under 2"),
               N_("2 to 5"), N_("5 to 10"), N_("10 or more")), N_("years"), colors=tuple(reversed(SEQUENTIAL)),
               statuses=(OBLIGATION_COMPLETED, NO_OBLIGATION)),
        Metric("outlook", N_("Completion outlook (Article 5)"), "outlook", "estimate_as_of", "contamination_source_url",
               "article5", labels=(OFF_PACE, CANNOT, ON_PACE, COMPLETED),
               colors=("#D55E00", "#CC79A7", "#0072B2", "#56B4E9"),  # Okabe-Ito: told apart with any colour vision
               statuses=(NO_OBLIGATION,), source_else="article5_source_url"),
        Metric("casualties", N_("Mine/ERW casualties (latest year with data)"), "casualties_total", "casualties_year",
               "casualties_source_url", "casualties", (0, 1, 50, 200, 1000), ("0", N_("1 to 49"), N_("50 to 199"),
               N_("200 to 999"), N_("1,000 or more")), N_("casualties"), colors=SEQUENTIAL),
        Metric("survivors", N_("Mine survivors (lower bound of the estimate)"), "survivors_at_least",
               "survivors_estimate_year", "va_source_url", "victim_assistance", (0, 1000, 10_000, 50_000),
               (N_("under 1,000"), N_("1,000 to 10,000"), N_("10,000 to 50,000"), N_("50,000 or more")), N_("survivors"),
               text="survivors_estimate", colors=SEQUENTIAL[1:]),
        Metric("support", N_("International support received, latest year (US$ million)"), "support_latest_usd_million",
               "support_latest_year", "support_source_url", "support_by_recipient", (0, 1, 10, 50),
               (N_("under 1"), N_("1 to 10"), N_("10 to 50"), N_("50 or more")), N_("US$ million"), colors=SEQUENTIAL[1:]),
        Metric("needs", N_("Needs stated (number of statements)"), "needs_total", None, "article5_source_url",
               "stated_needs", (1, 2, 5, 10), ("1", N_("2 to 4"), N_("5 to 9"), N_("10 or more")), N_("needs"),
               colors=SEQUENTIAL[1:]),
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
    status = _article5_status(states).where(lambda s: s.isin(metric.statuses))
    value = value.where(status.isna())
    if metric.categorical:
        value = value.where(value.isin(metric.labels))
        bins = value.astype(object)
    else:
        numbers = value.astype("Float64").to_numpy(dtype=float, na_value=np.nan)
        positions = np.searchsorted(np.asarray(metric.edges[1:], dtype=float), numbers, side="right")
        bins = pd.Series([metric.labels[i] for i in positions], index=states.index, dtype=object)
    missing = value.isna() & status.isna()
    bins = bins.where(~missing, NO_DATA).where(status.isna(), status)
    text = states[metric.text].map(format_counts, na_action="ignore") if metric.text else \
        value.map(_format_value, na_action="ignore")
    text = text.astype(object).where(status.isna(), status)
    as_of = states[metric.as_of].astype("string") if metric.as_of else pd.Series(PERIODS_DIFFER, index=states.index,
                                                                                  dtype="string")
    completed = status == OBLIGATION_COMPLETED
    as_of = as_of.where(~completed, states["completion_declared"].astype("string")).where(value.notna() | completed)
    return pd.DataFrame(
        {
            "iso3": states["iso3"],
            "state": states["state"],
            "region": states["region"],
            "value": value,
            "value_text": text.where(~missing, NOT_REPORTED),
            "bin": bins,
            "as_of": as_of,
            "source_url": _source(states, metric).where(value.notna() | completed) if metric.key != "needs" else pd.NA,
            **(_beside(states, metric, shown=value.notna()) if metric.beside else {}),
        }
    ).reset_index(drop=True)


def _beside(states: pd.DataFrame, metric: Metric, shown: pd.Series) -> dict[str, pd.Series]:
    """The other source's figure, as of and source where the state shows a figure and another source gives one."""
    value, as_of, source = (states.get(c, pd.Series(pd.NA, index=states.index, dtype=object)) for c in metric.beside)
    given = shown & value.notna()
    return {"beside_text": value.where(given).map(_format_value, na_action="ignore").astype("string"),
            "beside_as_of": as_of.where(given).astype("string"),
            "beside_source_url": source.where(given).astype("string")}


def _source(states: pd.DataFrame, metric: Metric) -> pd.Series:
    """Each figure's source: the remaining area cites its own (a published Article 7 report's page where the report's
    figure leads), else the Article 5 table's."""
    columns = [c for c in (metric.source, metric.source_else) if c]
    return states.reindex(columns=columns).bfill(axis=1)[metric.source].astype("string")


def _article5_status(states: pd.DataFrame) -> pd.Series:
    """OBLIGATION_COMPLETED, NO_OBLIGATION, or missing for a state with an open obligation."""
    status = pd.Series(pd.NA, index=states.index, dtype=object)
    status = status.mask(states["article5_completed"].fillna(False).astype(bool), OBLIGATION_COMPLETED)
    return status.mask(~states["has_article5"].fillna(False).astype(bool), NO_OBLIGATION)


def top_states(binned: pd.DataFrame, metric: Metric, top: int = 15) -> pd.DataFrame:
    """The states with the highest figure (a categorical metric: in legend order, then by name); a state with no
    figure has no row here: the full table lists it."""
    ranked = binned.dropna(subset=["value"])
    if metric.categorical:
        order = ranked["bin"].map(legend_positions(metric))
        return ranked.assign(order=order).sort_values(["order", "state"]).drop(columns="order").head(top)
    return ranked.assign(value=ranked["value"].astype(float)).sort_values("value", ascending=False).head(top)


def legend_order(metric: Metric) -> list[str]:
    return [*metric.labels, *metric.statuses, NO_DATA]


def legend_positions(metric: Metric) -> dict[str, int]:
    """Each bin label's place in the legend: how a categorical metric (the outlook) ranks and sorts."""
    return {label: i for i, label in enumerate(metric.labels)}


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
OBLIGATIONS, REMAINING_AREA = N_("Clearance obligations"), N_("Remaining AP mined area")
WORLD_CASUALTIES_LABEL, WORLD_SUPPORT_LABEL = N_("Casualties"), N_("International support")
STATES = N_("{count} states")
AREA = N_("{area} km²")
ARTICLE5_AS_OF = N_("Article 5 table, {date}")
ESTIMATES_AS_OF = N_("sum of {count} national estimates from {first} to {last}; {without} states without one")
ESTIMATES_WITH_REPORTS = N_("sum of {count} national estimates from {first} to {last}, {reports} of them from the "
                            "States' published Article 7 reports; {without} states without one")
NO_ESTIMATE = N_("no estimate in the states shown")
SUPPORT_VALUE = N_("> US$ {amount} m")
WORLD = N_("{label}, world")
# Landmine Monitor's annual report covers the calendar year before it (Landmine Monitor 2025: 2024). A figure
# quoted from a news report of it names that report, so the label says who reported it.
MONITOR_YEAR = N_("{year} (Landmine Monitor {edition})")
MONITOR_AS_REPORTED = N_("{year} (Landmine Monitor {edition}, as reported by {reporter})")


def compute_headlines(states: pd.DataFrame, global_figures: pd.DataFrame, global_casualties: pd.DataFrame,
                      article5_compiled: str) -> list[Headline]:
    """The four figures beside the map; `article5_compiled`: when the Article 5 table was compiled (its provenance)."""
    obligated = states[states["has_article5"] & ~states["article5_completed"]]
    with_area = obligated.dropna(subset=["ap_contamination_km2"])
    headlines = [
        Headline(OBLIGATIONS, STATES.format(count=len(obligated)), ARTICLE5_AS_OF.format(date=article5_compiled), "article5"),
        Headline(
            REMAINING_AREA,
            AREA.format(area=f"{with_area['ap_contamination_km2'].sum():,.0f}") if len(with_area) else NOT_REPORTED,
            _estimates(with_area, len(obligated) - len(with_area)) if len(with_area) else NO_ESTIMATE,
            "article5",
        ),
    ]
    casualties = global_casualties[global_casualties["indicator"] == WORLD_CASUALTIES].sort_values("year").tail(1)
    headlines.append(_global_headline(WORLD_CASUALTIES_LABEL, casualties, "{amount}"))
    support = global_figures[global_figures["indicator"].str.startswith(WORLD_SUPPORT_PREFIX)].sort_values("year").tail(1)
    headlines.append(_global_headline(WORLD_SUPPORT_LABEL, support, SUPPORT_VALUE))
    return headlines


def _estimates(with_area: pd.DataFrame, without: int) -> str:
    """What the remaining-area total adds up, saying how many figures come from published Article 7 reports."""
    years = with_area["estimate_as_of"]
    reports = sum(map(is_article7_link, with_area.get("contamination_source_url", ())))
    template = ESTIMATES_WITH_REPORTS if reports else ESTIMATES_AS_OF
    return template.format(count=len(with_area), first=years.min(), last=years.max(), reports=reports, without=without)


def _global_headline(label: str, rows: pd.DataFrame, template: str) -> Headline:
    if rows.empty:
        return Headline(label, NOT_REPORTED, "", "")
    row = rows.iloc[0]
    url = row["source_url"]
    monitor_site = bool(is_landmine_monitor(pd.Series([url])).iloc[0])
    as_of = (MONITOR_YEAR.format(year=row["year"], edition=row["year"] + 1) if monitor_site else
             MONITOR_AS_REPORTED.format(year=row["year"], edition=row["year"] + 1, reporter=source_label(url)))
    return Headline(WORLD.format(label=label), template.format(amount=f"{row['value']:,.0f}"), as_of, url)
