"""How much of each need partnerships cover, and what remains uncovered per state and area.

Only agreed, funded or delivered partnerships count. Amounts are added only within one currency;
a need whose partnerships are in other currencies with no USD figure gets no coverage figure (and
says why) rather than a silent sum. Gaps per state and area are grouped by currency and period too,
since a multi-year plan and a one-year shortfall are not comparable.
"""
from __future__ import annotations

import numpy as np
import pandas as pd

from i18n import N_

COUNTING_STATUSES = ("agreed", "funded", "delivered")
NO_PARTNERSHIP = N_("no agreed or funded partnership")
NOT_ADDED = N_("amounts in different currencies with no USD figure: not added")


def compute_need_coverage(needs: pd.DataFrame, partnerships: pd.DataFrame) -> pd.DataFrame:
    """Per need: covered amount, share and uncovered gap, in USD when every amount has a USD figure, else in
    the need's own currency when every partnership shares it; otherwise no figure, and `coverage_note` says why."""
    counted = partnerships[partnerships["status"].isin(COUNTING_STATUSES)]
    joined = counted.merge(needs[["need_id", "currency", "amount", "usd_million"]], on="need_id", suffixes=("", "_need"))
    joined["in_usd"] = joined["usd_million"].notna() & joined["usd_million_need"].notna()
    joined["in_currency"] = (joined["currency"].eq(joined["currency_need"]) & joined["amount"].notna()
                             & joined["amount_need"].notna())
    per_need = joined.groupby("need_id").agg(
        partnerships=("need_id", "size"), all_usd=("in_usd", "all"), all_currency=("in_currency", "all"),
        covered_usd=("usd_million", "sum"), covered_currency=("amount", "sum"),
    )
    result = needs.merge(per_need, left_on="need_id", right_index=True, how="left")
    result["partnerships"] = result["partnerships"].fillna(0).astype(int)
    none = result["partnerships"].eq(0)
    # With nothing covered yet, a need is counted in USD when it has a USD figure, like the rest.
    usd = result["all_usd"].eq(True) | (none & result["usd_million"].notna())
    currency = ~usd & result["all_currency"].eq(True)
    result["covered_unit"] = np.select([usd, currency | none], ["USD million", result["currency"]], default=None)
    result["covered"] = np.select([none, usd, currency], [0.0, result["covered_usd"], result["covered_currency"]], default=np.nan)
    base = np.where(usd, result["usd_million"], result["amount"])
    with np.errstate(divide="ignore", invalid="ignore"):
        result["share_covered"] = np.where(base > 0, result["covered"] / base, np.nan)
    result["uncovered"] = np.clip(base - result["covered"], 0, None)
    result["coverage_note"] = np.select(
        [none, ~usd & ~currency], [NO_PARTNERSHIP, NOT_ADDED],
        default="",
    )
    return result.drop(columns=["all_usd", "all_currency", "covered_usd", "covered_currency"])


def compute_gaps(coverage: pd.DataFrame) -> pd.DataFrame:
    """Per state, area, currency and period: needs stated, with an amount, covered and the uncovered gap."""
    keyed = coverage.assign(currency=coverage["covered_unit"].fillna("not stated"),
                            with_amount=coverage["amount"].notna(),
                            not_added=coverage["coverage_note"].str.startswith("amounts"))
    grouped = keyed.groupby(["iso3", "area", "currency", "period"], dropna=False)
    gaps = grouped.agg(needs=("need_id", "size"), with_amount=("with_amount", "sum"), not_added=("not_added", "sum"))
    gaps[["covered", "uncovered"]] = grouped[["covered", "uncovered"]].sum(min_count=1)  # all missing stays missing
    return gaps.reset_index()


def list_unoffered_needs(coverage: pd.DataFrame, compatible_offers: pd.Series) -> pd.DataFrame:
    """Needs no open offer fits and no partnership covers: what no one has offered for."""
    offers = coverage["need_id"].map(compatible_offers).fillna(0)
    return coverage[(offers == 0) & (coverage["partnerships"] == 0)]
