"""One state's page, assembled from the loaded tables: every figure with its source, every source kept.

Pure pandas. Sections follow the cooperation committee's country-page outline; an empty frame means
the sources hold nothing for that section (the page says "not reported").
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import pandas as pd

from config import NEED_AREAS
from domain.history import rank_casualties, rank_releases
from domain.outlook import OutlookAssumptions, compute_outlook, compute_pace, decimal_year
from domain.panel import ReferenceTables
from domain.resources import collect_resources
from i18n import N_

ARTICLE5_OBLIGATION, ARTICLE5_COMPLETED = N_("Article 5 mine clearance"), N_("Article 5 mine clearance (completed)")
VA_OBLIGATION = N_("victim assistance (significant numbers of survivors)")
ANNOUNCED, CONTRIBUTION = N_("announced (not a recorded payment)"), N_("reported contribution")


@dataclass(frozen=True)
class CountryProfile:
    iso3: str
    panel: pd.Series  # the state's row of the world panel (latest figures, deadline, outlook)
    treaty: pd.Series | None  # its states_parties row; None for a state that never joined
    not_party: pd.Series | None  # its states_not_party row, if any (withdrawn states have both)
    casualties: pd.DataFrame
    releases: pd.DataFrame
    needs: pd.DataFrame
    ia_events: pd.DataFrame
    support_totals: pd.DataFrame
    support_pairs: pd.DataFrame
    resources: pd.DataFrame

    @property
    def name(self) -> str:
        return str(self.panel["state"])

    @property
    def ever_joined(self) -> bool:
        return self.treaty is not None

    @property
    def obligations(self) -> list[str]:
        found = []
        if self.panel["has_article5"]:
            found.append(ARTICLE5_COMPLETED if self.panel["article5_completed"] else ARTICLE5_OBLIGATION)
        if self.panel["significant_survivors"]:
            found.append(VA_OBLIGATION)
        return found

    @property
    def newest_as_of(self) -> int | None:
        """The most recent year any figure on the page refers to."""
        years = [
            self.casualties["year"].max(), self.releases["year"].max(), self.support_totals["year"].max(),
            self.support_pairs["year"].max(), self.panel["estimate_as_of"], self.panel["survivors_estimate_year"],
            self.ia_events["date"].str.slice(0, 4).astype("Int64").max(),
        ]
        known = [int(y) for y in years if not pd.isna(y)]
        return max(known) if known else None


def build_country_profile(
    iso3: str, panel: pd.DataFrame, tables: ReferenceTables, support_pairs: pd.DataFrame, states_not_party: pd.DataFrame
) -> CountryProfile:
    """`panel` is the world panel (one row per state); `iso3` must be one of its rows."""
    row = panel.set_index("iso3").loc[iso3]
    row = pd.concat([pd.Series({"iso3": iso3}), row])
    treaty = _one(tables.states_parties, iso3)
    profile_tables = {
        "casualties": rank_casualties(_of(tables.casualties, iso3)).sort_values(["year", "leads"], ascending=[True, False]),
        "releases": rank_releases(_of(tables.article5, iso3), _of(tables.article5_history, iso3)).sort_values(
            ["year", "leads"], ascending=[True, False]),
        "needs": _needs(_of(tables.stated_needs, iso3)),
        "ia_events": _of(tables.individualised_approach, iso3).sort_values("date"),
        "support_totals": _of(tables.support_by_recipient, iso3).dropna(subset=["year"]).sort_values("year"),
        "support_pairs": _support_pairs(_of(support_pairs, iso3)),
    }
    resources = collect_resources(
        [tables.states_parties, states_not_party, tables.article5, tables.article5_history, tables.casualties,
         tables.victim_assistance, tables.support_by_recipient, support_pairs, tables.stated_needs,
         tables.individualised_approach],
        iso3,
    )
    return CountryProfile(iso3=iso3, panel=row, treaty=treaty, not_party=_one(states_not_party, iso3),
                          resources=resources, **profile_tables)


def _of(table: pd.DataFrame, iso3: str) -> pd.DataFrame:
    return table[table["iso3"] == iso3].reset_index(drop=True)


def _one(table: pd.DataFrame, iso3: str) -> pd.Series | None:
    rows = _of(table, iso3)
    return rows.iloc[0] if len(rows) else None


def _needs(needs: pd.DataFrame) -> pd.DataFrame:
    order = {area: i for i, area in enumerate(NEED_AREAS)}
    return needs.assign(_order=needs["need_category"].map(order)).sort_values(["_order", "period"]).drop(columns="_order")


def _support_pairs(pairs: pd.DataFrame) -> pd.DataFrame:
    """Donor -> this state rows; announcements are labelled, and rows from truncated tables marked partial."""
    notes = pairs["notes"].fillna("")
    return pairs.assign(
        kind=pairs["is_announcement"].map({True: ANNOUNCED, False: CONTRIBUTION}),
        partial_table=notes.str.contains("partial", case=False),
        sources_differ=notes.str.contains("SOURCES DIFFER"),
    ).sort_values(["year", "donor"])


@dataclass(frozen=True)
class Projection:
    """The outlook for one state under chosen assumptions, with what a chart needs to draw it."""
    outlook: str
    reason: str
    assumptions: str
    pace_km2_per_year: float | None
    years_needed: float | None
    start_year: float | None  # the end of the estimate year: when the remaining area was measured
    remaining_km2: float | None
    projected_completion_year: float | None
    deadline_year: float | None


def compute_projection(profile: CountryProfile, on: dt.date, assumptions: OutlookAssumptions) -> Projection:
    """The completion outlook with the pace measured over `assumptions.pace_years` or the typed rate."""
    row = profile.panel.copy()
    primary = profile.releases[profile.releases["leads"]] if len(profile.releases) else profile.releases
    pace = compute_pace(primary, assumptions, on) if len(primary) else pd.DataFrame()
    for column in ("pace_km2_per_year", "pace_first_year", "pace_last_year", "pace_years_used"):
        row[column] = pace[column].iloc[0] if len(pace) else pd.NA
    result = compute_outlook(row, on, assumptions)
    computed = result["outlook"] in ("on pace", "off pace")
    deadline = row["article5_deadline"]
    typed = assumptions.pace_km2_per_year
    return Projection(
        outlook=result["outlook"],
        reason=result["outlook_reason"],
        assumptions=assumptions.describe(),
        pace_km2_per_year=(typed if typed is not None else float(row["pace_km2_per_year"])) if computed else None,
        years_needed=float(result["years_needed"]) if computed else None,
        start_year=float(row["estimate_as_of"] + 1) if computed else None,
        remaining_km2=float(row["ap_contamination_km2"]) if computed else None,
        projected_completion_year=float(result["projected_completion_year"]) if computed else None,
        deadline_year=decimal_year(deadline) if isinstance(deadline, str) else None,
    )
