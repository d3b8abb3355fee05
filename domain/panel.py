"""The State Party panel: one row per state that ever joined, every figure with source and as-of.

Pure pandas: it takes the loaded tables and a date, joins them and computes the outlook.
"""
from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

import pandas as pd

from config import NEED_AREAS
from domain.countries import un_region
from domain.history import release_rows
from domain.membership import compute_membership
from domain.outlook import OutlookAssumptions, compute_outlook, compute_pace, decimal_year
from domain.preference import split_primary
from i18n import N_

NO_ARTICLE5 = N_("no Article 5 obligation")
OBLIGATION_COMPLETED = N_("obligation completed")
PASSED_NO_EXTENSION = N_("deadline passed; extension not reported")
EXTENSIONS_NOT_REPORTED = N_("number of extensions not reported")
EXTENSIONS_GRANTED = N_("{count} extension(s) granted")
# Casualty trend words (the Gaps page uses the same for its directions).
RISING, FALLING, STABLE, CANNOT_TELL = N_("rising"), N_("falling"), N_("stable"), N_("cannot tell")
PRECISIONS = {4: N_("year"), 7: N_("month"), 10: N_("day")}
# What the panel reads of the Article 5 table besides the compiled columns: the remaining area's own source (the
# deadline keeps the table's), and the other source's figure for the area, shown beside the one that leads
# (domain.reporting.figures.with_article7 fills them from published Article 7 reports).
CONTAMINATION_COLUMNS = {"contamination_source_url": "string", "other_contamination_km2": "Float64",
                         "other_estimate_as_of": "Int64", "other_contamination_source_url": "string"}


@dataclass(frozen=True)
class ReferenceTables:
    states_parties: pd.DataFrame
    article5: pd.DataFrame
    article5_history: pd.DataFrame
    casualties: pd.DataFrame
    victim_assistance: pd.DataFrame
    support_by_recipient: pd.DataFrame
    stated_needs: pd.DataFrame
    individualised_approach: pd.DataFrame


def build_state_panel(
    tables: ReferenceTables, on: dt.date, assumptions: OutlookAssumptions = OutlookAssumptions()
) -> pd.DataFrame:
    return _assemble(_membership(tables.states_parties, on), tables, on, assumptions)


def build_world_panel(
    tables: ReferenceTables, states_not_party: pd.DataFrame, on: dt.date,
    assumptions: OutlookAssumptions = OutlookAssumptions(),
) -> pd.DataFrame:
    """The State Party panel plus one row per state not party (casualties, support where known)."""
    parties = _membership(tables.states_parties, on)
    others = states_not_party[~states_not_party["iso3"].isin(parties["iso3"])]
    others = pd.DataFrame({"iso3": others["iso3"], "state": others["state"], "membership_status": "not_party",
                           "membership_source_url": others["source_url"]}).astype("string")
    return _assemble(pd.concat([parties, others], ignore_index=True), tables, on, assumptions)


def _assemble(panel: pd.DataFrame, tables: ReferenceTables, on: dt.date, assumptions: OutlookAssumptions) -> pd.DataFrame:
    panel = panel.assign(region=panel["iso3"].map(un_region).astype("string"))
    for part in (
        _article5(tables.article5, on),
        _releases(tables.article5, tables.article5_history, assumptions, on),
        _casualties(tables.casualties),
        _victim_assistance(tables.victim_assistance),
        _support(tables.support_by_recipient),
        _needs(tables.stated_needs),
        _individualised_approach(tables.individualised_approach),
    ):
        panel = panel.merge(part, on="iso3", how="left")
    panel["has_article5"] = panel["has_article5"].astype("boolean").fillna(False).astype(bool)
    panel["extension_status"] = panel["extension_status"].fillna(NO_ARTICLE5)
    panel["article5_completed"] = panel["article5_completed"].astype("boolean").fillna(False).astype(bool)
    panel["deadline_passed"] = panel["deadline_passed"].astype("boolean")
    # Absent from the victim assistance table = not listed with significant numbers of survivors.
    panel["significant_survivors"] = panel["significant_survivors"].astype("boolean").fillna(False).astype(bool)
    outlook = panel.apply(lambda row: compute_outlook(row, on, assumptions), axis=1, result_type="expand")
    panel = pd.concat([panel, outlook], axis=1)
    panel["years_needed"] = panel["years_needed"].astype("Float64")
    panel["projected_completion_year"] = panel["projected_completion_year"].astype("Float64")
    for column in [c for c in panel.columns if c.startswith("needs_")]:
        panel[column] = panel[column].astype("Int64").fillna(0)  # a count of rows: none stated is 0
    panel["ia_events"] = panel["ia_events"].astype("Int64").fillna(0)
    panel["newest_as_of"] = panel[
        ["estimate_as_of", "latest_release_year", "casualties_year", "survivors_estimate_year", "support_latest_year"]
    ].max(axis=1, skipna=True).astype("Int64")
    return panel


def _membership(states: pd.DataFrame, on: dt.date) -> pd.DataFrame:
    panel = states[
        ["iso3", "state", "ratification_or_accession_date", "entry_into_force_date", "withdrawal_notified_date",
         "withdrawal_effective_date", "source_url"]
    ].rename(columns={"source_url": "membership_source_url"})
    panel.insert(2, "membership_status", compute_membership(states, on))
    return panel.reset_index(drop=True)


def with_contamination_columns(article5: pd.DataFrame) -> pd.DataFrame:
    """The Article 5 table with CONTAMINATION_COLUMNS: the area's source is the table's own unless a report's figure
    replaced it; no other figure unless a report gave one."""
    table = article5.copy()
    for name, dtype in CONTAMINATION_COLUMNS.items():
        if name not in table:
            table[name] = pd.Series(pd.NA, index=table.index, dtype=dtype)
    table["contamination_source_url"] = table["contamination_source_url"].fillna(table["source_url"])
    return table


def _article5(article5: pd.DataFrame, on: dt.date) -> pd.DataFrame:
    part = with_contamination_columns(article5)[
        ["iso3", "article5_deadline", "extensions_granted", "ap_contamination_km2", "contamination_band",
         "estimate_as_of", "completion_declared", "source_url", "source_title", "notes", *CONTAMINATION_COLUMNS]
    ].rename(columns={"source_url": "article5_source_url", "source_title": "article5_source_title", "notes": "article5_notes"})
    part = part.assign(has_article5=True)
    deadline = part["article5_deadline"]
    deadline_year = deadline.str.slice(0, 4).astype("Int64")
    today = decimal_year(on.isoformat())
    deadline_decimal = deadline.map(decimal_year, na_action="ignore").astype("Float64")
    # Completion declared on or after the deadline year ends the obligation; a later deadline means
    # contamination was found again after the declaration (Guinea-Bissau, Mauritania, Nigeria).
    part["article5_completed"] = part["completion_declared"].notna() & (
        deadline_year.isna() | (part["completion_declared"] >= deadline_year)
    ).fillna(True)
    part["deadline_passed"] = deadline_decimal <= today
    # Time left means nothing once the obligation is completed.
    # Unrounded: a deadline passed days ago must stay negative, not become -0.0 (pages round for display).
    part["years_left"] = (deadline_decimal - today).where(~part["article5_completed"])
    part["deadline_precision"] = deadline.str.len().map(PRECISIONS).astype("string")
    part["extension_status"] = [
        _extension_status(n, passed, done)
        for n, passed, done in zip(part["extensions_granted"], part["deadline_passed"], part["article5_completed"], strict=True)
    ]
    return part


def _extension_status(granted, passed, completed) -> str:
    if completed:
        return OBLIGATION_COMPLETED
    if not pd.isna(passed) and bool(passed):
        return PASSED_NO_EXTENSION
    if pd.isna(granted):
        return EXTENSIONS_NOT_REPORTED
    return EXTENSIONS_GRANTED.format(count=granted)


def _releases(article5: pd.DataFrame, history: pd.DataFrame, assumptions: OutlookAssumptions,
              on: dt.date) -> pd.DataFrame:
    primary = split_primary(release_rows(article5, history), ["iso3", "year"], "land_released_km2")
    latest = primary.sort_values("year").groupby("iso3").tail(1).set_index("iso3")
    part = pd.DataFrame(
        {
            "latest_release_km2": latest["land_released_km2"],
            "latest_release_year": latest["year"],
            "latest_release_source_url": latest["source_url"],
            "latest_release_alternatives": latest["land_released_km2_alternatives"],
        }
    )
    return part.join(compute_pace(primary, assumptions, on), how="outer").reset_index()


def _casualties(casualties: pd.DataFrame) -> pd.DataFrame:
    primary = split_primary(casualties, ["iso3", "year"], "casualties_total", notes="notes").sort_values(["iso3", "year"])
    latest = primary.groupby("iso3").tail(1).set_index("iso3")
    previous = primary.groupby("iso3").nth(-2).set_index("iso3")
    part = pd.DataFrame(
        {
            "casualties_year": latest["year"],
            "casualties_total": latest["casualties_total"],
            "casualties_killed": latest["killed"],
            "casualties_injured": latest["injured"],
            "casualties_source_url": latest["source_url"],
            "casualties_alternatives": latest["casualties_total_alternatives"],
            "casualties_previous_year": previous["year"],
            "casualties_previous_total": previous["casualties_total"],
        }
    )
    part["casualties_trend"] = [
        _trend(now, before) for now, before in zip(part["casualties_total"], part["casualties_previous_total"], strict=True)
    ]
    return part.reset_index()


def _trend(now, before) -> str:
    """Rising or falling by more than 10 % against the previous year with data."""
    if pd.isna(now) or pd.isna(before):
        return CANNOT_TELL
    if before == 0:
        return RISING if now > 0 else STABLE
    change = (now - before) / before
    return RISING if change > 0.1 else FALLING if change < -0.1 else STABLE


def survivors_lower_bound(estimate: object) -> object:
    """The smallest number a survivors estimate states ('52000-60000' -> 52000, 'at least 510' -> 510)."""
    if not isinstance(estimate, str):
        return pd.NA
    numbers = re.findall(r"\d[\d,]*", estimate)
    return int(numbers[0].replace(",", "")) if numbers else pd.NA


def _victim_assistance(va: pd.DataFrame) -> pd.DataFrame:
    part = va[
        ["iso3", "survivors_estimate", "survivors_estimate_year", "va_focal_point", "national_disability_plan",
         "significant_number_of_survivors", "source_url"]
    ].rename(columns={"source_url": "va_source_url"})
    part["survivors_at_least"] = part["survivors_estimate"].map(survivors_lower_bound).astype("Int64")
    part["significant_survivors"] = part.pop("significant_number_of_survivors").eq("yes").astype(bool)
    return part


def _support(support: pd.DataFrame) -> pd.DataFrame:
    reported = support.dropna(subset=["iso3", "usd_million"]).sort_values(["iso3", "year"])
    latest = reported.groupby("iso3").tail(1).set_index("iso3")
    span = reported.groupby("iso3")["year"].agg(["min", "count"])
    return pd.DataFrame(
        {
            "support_latest_usd_million": latest["usd_million"],
            "support_latest_year": latest["year"],
            "support_source_url": latest["source_url"],
            "support_first_year": span["min"],
            "support_years_reported": span["count"],
        }
    ).reset_index()


def _needs(needs: pd.DataFrame) -> pd.DataFrame:
    stated = needs.dropna(subset=["iso3"])
    counts = pd.crosstab(stated["iso3"], stated["need_category"]).reindex(columns=list(NEED_AREAS), fill_value=0)
    counts.columns = [f"needs_{area}" for area in counts.columns]
    counts["needs_total"] = counts.sum(axis=1)
    counts["needs_with_amount"] = stated.dropna(subset=["amount_usd_million"]).groupby("iso3").size()
    return counts.reset_index()


def _individualised_approach(ia: pd.DataFrame) -> pd.DataFrame:
    events = ia.dropna(subset=["iso3"]).sort_values("date")
    latest = events.groupby("iso3").tail(1).set_index("iso3")
    return pd.DataFrame(
        {
            "ia_events": events.groupby("iso3").size(),
            "ia_latest_date": latest["date"],
            "ia_latest_event": latest["event"],
            "ia_latest_source": latest["source_url"].fillna(latest["source"]),
        }
    ).reset_index()
