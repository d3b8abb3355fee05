"""Which offers fit which needs: a deterministic, explainable score, computed on whole arrays.

A pair is compatible when the offer covers the need's area, the offer targets the need's state, its
UN region or any state, and their periods overlap (or either period is not stated). Its score adds:

    target   3 the state itself · 2 its region · 1 any state
    modality 1 when the modality serves the area (MODALITY_FITS), else 0
    amount   0-2: twice the share of the need the offer covers, in USD or a shared currency;
             0 when the amounts cannot be compared (not stated, different currencies)
    period   1 when both periods are stated and overlap, 0 when either is not stated
    history  1 when the provider has supported this state before (support records)

Candidates come from a join on (area, target key), never from every need x offer pair.
"""
from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from config import NEED_AREAS
from domain.periods import read_period
from i18n import N_

TARGET_WEIGHTS = {"state": 3.0, "region": 2.0, "any": 1.0}
AMOUNT_WEIGHT_PER_SHARE = 2.0
MODALITY_WEIGHT = 1.0
PERIOD_WEIGHT = 1.0
HISTORY_WEIGHT = 1.0
MODALITIES = ("funding", "equipment", "technical_expertise", "training", "south_south_cooperation")
# Which modality serves which area; funding, expertise and South-South cooperation serve every area.
MODALITY_FITS = {
    "funding": set(NEED_AREAS),
    "technical_expertise": set(NEED_AREAS),
    "south_south_cooperation": set(NEED_AREAS),
    "equipment": {"clearance", "stockpile_destruction", "victim_assistance"},
    "training": {"clearance", "risk_education", "victim_assistance", "capacity_building", "national_legislation"},
}
MATCHABLE_NEED_STATUSES = ("open", "partly_met")  # a need with no status (a stated reference need) counts as open
MATCHABLE_OFFER_STATUSES = ("open",)
ANY = "any"
# The reasons `explain` gives, joined with "; " (pages translate each one).
TARGETS, ANY_STATE = N_("targets {place}"), N_("open to any state")
AREA_MATCHES = N_("area matches ({area})")
SERVES, RARELY_SERVES = N_("{modality} serves this area"), N_("{modality} rarely serves this area")
NOT_COMPARABLE = N_("amounts not comparable (not stated or different currencies)")
COVERS_ALL, COVERS_SHARE = N_("covers the whole amount ({currency})"), N_("covers {share} of the amount ({currency})")
OVERLAP, NO_PERIOD = N_("periods overlap"), N_("a period is not stated")
SUPPORTED_BEFORE = N_("provider has supported this state before")
REASON_SEPARATOR = "; "


def _periods(column: pd.Series) -> tuple[np.ndarray, np.ndarray]:
    """First and last year of each period; -1 for both when none is stated. An open side reads as unbounded
    ("from 2013" runs on, "to 2020" ran from any time), so it overlaps whatever else its known side allows."""
    parsed = [read_period(text) for text in column]
    stated = [p is not None and (p.start is not None or p.end is not None) for p in parsed]
    start = np.array([(p.start if p.start is not None else 0) if ok else -1 for p, ok in zip(parsed, stated, strict=True)],
                     dtype=np.int32)
    end = np.array([(p.end if p.end is not None else 9999) if ok else -1 for p, ok in zip(parsed, stated, strict=True)],
                   dtype=np.int32)
    return start, end


def _codes(values: pd.Series, vocabulary: list) -> np.ndarray:
    """Position of each value in `vocabulary`, -1 when absent."""
    return pd.Index(vocabulary).get_indexer(pd.Index(values, dtype=object)).astype(np.int64)


@dataclass(frozen=True)
class Matches:
    """One row per compatible (need, offer) pair, with each score component, ranked from both sides."""
    pairs: pd.DataFrame  # need_id, offer_id, target_kind, score, the components, rank_for_need, rank_for_offer
    needs: pd.DataFrame  # the needs considered, with compatible_offers
    offers: pd.DataFrame  # the offers considered, with compatible_needs


def match_needs_and_offers(needs: pd.DataFrame, offers: pd.DataFrame, history: pd.DataFrame) -> Matches:
    """needs: need_id, iso3, region, area, amount, currency, usd_million, period, status.
    offers: offer_id, provider_key, modality, areas (list), targets (list of ISO3, region names or 'any'),
    amount, currency, usd_million, period, status.
    history: provider_key, iso3 (a provider that has supported a state before)."""
    # Sorted by id, so a row's position orders ties the same way whatever order the input came in.
    matchable = needs["status"].isna() | needs["status"].isin(MATCHABLE_NEED_STATUSES)
    needs = needs[matchable].sort_values("need_id", ignore_index=True)
    offers = offers[offers["status"].isin(MATCHABLE_OFFER_STATUSES)].sort_values("offer_id", ignore_index=True)
    places = sorted(set(needs["iso3"].dropna()) | set(needs["region"].dropna()) | {ANY}
                    | {t for targets in offers["targets"] for t in targets})
    areas = list(NEED_AREAS)

    # Keys: (area, place). A need has three (its state, its region, any); an offer one per area x target.
    need_keys = pd.DataFrame({
        "n": np.tile(np.arange(len(needs)), 3),
        "area": np.tile(_codes(needs["area"], areas), 3),
        "place": np.concatenate([_codes(needs["iso3"], places), _codes(needs["region"], places),
                                 np.full(len(needs), places.index(ANY))]),
        "kind": np.repeat(np.array([0, 1, 2], dtype=np.int8), len(needs)),
    })
    exploded = offers[["areas", "targets"]].assign(o=np.arange(len(offers))).explode("areas").explode("targets")
    offer_keys = pd.DataFrame({"o": exploded["o"].to_numpy(np.int64), "area": _codes(exploded["areas"], areas),
                               "place": _codes(exploded["targets"], places)})
    pairs = need_keys[need_keys["place"] >= 0].merge(offer_keys, on=["area", "place"])
    n, o, kind = pairs["n"].to_numpy(), pairs["o"].to_numpy(), pairs["kind"].to_numpy()
    # An offer naming both a state and its region meets the need twice: keep the closer target.
    pair_id = n * len(offers) + o
    order = np.argsort(pair_id * 4 + kind, kind="stable")
    first = np.ones(len(order), dtype=bool)
    first[1:] = pair_id[order][1:] != pair_id[order][:-1]
    n, o, kind = n[order][first], o[order][first], kind[order][first]

    need_start, need_end = _periods(needs["period"])
    offer_start, offer_end = _periods(offers["period"])
    both_dated = (need_start[n] >= 0) & (offer_start[o] >= 0)
    overlap = both_dated & (np.maximum(need_start[n], offer_start[o]) <= np.minimum(need_end[n], offer_end[o]))
    keep = ~both_dated | overlap
    n, o, kind, overlap = n[keep], o[keep], kind[keep], overlap[keep]

    target = np.array([TARGET_WEIGHTS["state"], TARGET_WEIGHTS["region"], TARGET_WEIGHTS["any"]])[kind]
    fits = np.array([[area in MODALITY_FITS.get(m, set()) for area in areas] for m in MODALITIES])
    modality_code, area_code = _codes(offers["modality"], list(MODALITIES)), _codes(needs["area"], areas)
    fit = np.where(modality_code[o] >= 0, fits[modality_code[o].clip(0), area_code[n]], False)
    share, comparable_in = _shares(needs, offers, n, o)
    provider_codes = {key: i for i, key in enumerate(pd.unique(pd.concat([offers["provider_key"], history["provider_key"]])))}
    state_codes = {iso3: i for i, iso3 in enumerate(pd.unique(pd.concat([needs["iso3"], history["iso3"]])))}
    width = len(state_codes) + 1
    known = set((history["provider_key"].map(provider_codes) * width + history["iso3"].map(state_codes))
                .dropna().astype(np.int64))
    pair_key = (offers["provider_key"].map(provider_codes).to_numpy(np.int64)[o] * width
                + needs["iso3"].map(state_codes).fillna(-1).to_numpy(np.int64)[n])
    supported = np.isin(pair_key, np.fromiter(known, dtype=np.int64, count=len(known)))

    amount_points = AMOUNT_WEIGHT_PER_SHARE * np.nan_to_num(share)
    score = target + MODALITY_WEIGHT * fit + amount_points + PERIOD_WEIGHT * overlap + HISTORY_WEIGHT * supported
    score = np.round(score, 6)
    result = pd.DataFrame({
        "need_id": needs["need_id"].to_numpy()[n], "offer_id": offers["offer_id"].to_numpy()[o],
        "target_kind": pd.Categorical.from_codes(kind, ["state", "region", "any"]), "modality_fits": fit,
        "share_covered": share, "compared_in": comparable_in, "periods_overlap": overlap, "supported_before": supported,
        "score": score,
    })
    result["rank_for_offer"], _ = _rank(o, n, score)
    result["rank_for_need"], by_need = _rank(n, o, score)
    result = result.iloc[by_need].reset_index(drop=True)
    needs = needs.assign(compatible_offers=needs["need_id"].map(result["need_id"].value_counts()).fillna(0).astype(int))
    offers = offers.assign(compatible_needs=offers["offer_id"].map(result["offer_id"].value_counts()).fillna(0).astype(int))
    return Matches(result, needs, offers)


def _shares(needs: pd.DataFrame, offers: pd.DataFrame, n: np.ndarray, o: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Share of the need the offer covers (capped at 1), in USD where both have it, else in a shared currency."""
    need_usd = needs["usd_million"].to_numpy(float, na_value=np.nan)[n]
    offer_usd = offers["usd_million"].to_numpy(float, na_value=np.nan)[o]
    need_amount = needs["amount"].to_numpy(float, na_value=np.nan)[n]
    offer_amount = offers["amount"].to_numpy(float, na_value=np.nan)[o]
    same_currency = needs["currency"].fillna("").to_numpy(str)[n] == offers["currency"].fillna("?").to_numpy(str)[o]
    in_usd = ~np.isnan(need_usd) & ~np.isnan(offer_usd) & (need_usd > 0)
    in_currency = ~in_usd & same_currency & ~np.isnan(need_amount) & ~np.isnan(offer_amount) & (need_amount > 0)
    with np.errstate(divide="ignore", invalid="ignore"):
        share = np.where(in_usd, offer_usd / need_usd, np.where(in_currency, offer_amount / need_amount, np.nan))
    compared = pd.Series(np.where(in_usd, "USD", np.where(in_currency, needs["currency"].fillna("").to_numpy(str)[n], "")),
                         dtype="category")
    return np.minimum(share, 1.0), compared


def _rank(group: np.ndarray, tie: np.ndarray, score: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Rank within each group (row positions), 1 = best: higher score first, then the lower position.

    Returns the ranks and the order that sorts rows by (group, rank). One int64 key sorts all three at once."""
    score_steps = np.round(score * 1e6).astype(np.int64)  # scores are sums of weights x shares, kept to 6 decimals
    key = (group.astype(np.int64) << 42) | ((score_steps.max(initial=0) - score_steps) << 18) | tie.astype(np.int64)
    order = np.argsort(key, kind="stable")
    sorted_group = group[order]
    starts = np.r_[0, np.flatnonzero(sorted_group[1:] != sorted_group[:-1]) + 1]
    ranks = np.empty(len(order), dtype=np.int64)
    ranks[order] = np.arange(len(order)) - np.repeat(starts, np.diff(np.r_[starts, len(order)])) + 1
    return ranks, order


def explain(pairs: pd.DataFrame, needs: pd.DataFrame, offers: pd.DataFrame) -> pd.Series:
    """Plain-language reasons for the given pairs (made only for the rows someone looks at)."""
    need = needs.set_index("need_id")
    offer = offers.set_index("offer_id")
    reasons = []
    for row in pairs.itertuples():
        n, o = need.loc[row.need_id], offer.loc[row.offer_id]
        place = {"state": TARGETS.format(place=n["iso3"]), "region": TARGETS.format(place=n["region"]),
                 "any": ANY_STATE}[row.target_kind]
        parts = [AREA_MATCHES.format(area=n["area"].replace("_", " ")), place]
        modality = o["modality"].replace("_", " ")
        parts.append((SERVES if row.modality_fits else RARELY_SERVES).format(modality=modality))
        if pd.isna(row.share_covered):
            parts.append(NOT_COMPARABLE)
        elif row.share_covered >= 1:
            parts.append(COVERS_ALL.format(currency=row.compared_in))
        else:
            parts.append(COVERS_SHARE.format(share=f"{row.share_covered:.0%}", currency=row.compared_in))
        parts.append(OVERLAP if row.periods_overlap else NO_PERIOD)
        if row.supported_before:
            parts.append(SUPPORTED_BEFORE)
        reasons.append(REASON_SEPARATOR.join(parts))
    return pd.Series(reasons, index=pairs.index, dtype="string")
