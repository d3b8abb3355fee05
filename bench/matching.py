"""Print how long the full matching (ranking from both sides) and coverage take on synthetic registries.

The needs and offers here are generated, clearly synthetic, and exist only in this benchmark: real
ISO3 codes and UN regions, random areas, amounts, periods and statuses. Shape of the data: each
offer covers 1-3 areas and targets 1-3 states (85 %), one region (10 %) or any state (5 %); 10 % of
amounts are in EUR with no USD figure; partnerships join 30 % as many pairs as there are needs.
Run: python bench/matching.py [--repeat 3]. One line per size; the best of the repeats.
"""
from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

import numpy as np
import pandas as pd

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from config import NEED_AREAS
from data_loaders.states_parties import load_states_parties
from domain.countries import un_region
from domain.coverage import compute_gaps, compute_need_coverage, list_unoffered_needs
from domain.matching import MODALITIES, match_needs_and_offers

SIZES = (1_000, 2_000, 5_000, 10_000)
REGIONS = ("Africa", "Americas", "Asia", "Europe", "Oceania")


def _periods(rng: np.random.Generator, size: int) -> list[str]:
    start = rng.integers(2024, 2030, size)
    span = rng.integers(0, 4, size)
    return [f"{s}" if d == 0 else f"{s}-{s + d}" for s, d in zip(start, span, strict=True)]


def _money(rng: np.random.Generator, size: int) -> dict:
    usd = np.round(rng.lognormal(0.5, 1.2, size), 3)
    euro = rng.random(size) < 0.1
    return {"amount": usd, "currency": np.where(euro, "EUR", "USD"), "usd_million": np.where(euro, np.nan, usd)}


def synthetic(size: int, seed: int = 7) -> tuple[pd.DataFrame, pd.DataFrame, pd.DataFrame, pd.DataFrame]:
    rng = np.random.default_rng(seed)
    states = load_states_parties()["iso3"].to_numpy()
    region_of = {iso3: un_region(iso3) for iso3 in states}
    need_states = rng.choice(states, size)
    needs = pd.DataFrame({
        "need_id": np.arange(1, size + 1), "iso3": need_states, "region": [region_of[s] for s in need_states],
        "area": rng.choice(NEED_AREAS, size, p=[0.4, 0.15, 0.2, 0.05, 0.1, 0.05, 0.05]), **_money(rng, size),
        "period": _periods(rng, size), "status": rng.choice(["open", "partly_met", "met", None], size, p=[0.7, 0.1, 0.1, 0.1]),
    })
    kinds = rng.choice(["state", "region", "any"], size, p=[0.85, 0.10, 0.05])
    targets = [list(rng.choice(states, rng.integers(1, 4), replace=False)) if k == "state"
               else [str(rng.choice(REGIONS))] if k == "region" else ["any"] for k in kinds]
    offers = pd.DataFrame({
        "offer_id": np.arange(1, size + 1), "provider_key": rng.choice([f"P{i}" for i in range(300)], size),
        "modality": rng.choice(MODALITIES, size), "areas": [list(rng.choice(NEED_AREAS, rng.integers(1, 4), replace=False))
                                                            for _ in range(size)],
        "targets": targets, **_money(rng, size), "period": _periods(rng, size),
        "status": rng.choice(["open", "matched", "withdrawn"], size, p=[0.9, 0.05, 0.05]),
    })
    count = int(size * 0.3)
    partnerships = pd.DataFrame({
        "need_id": rng.integers(1, size + 1, count), "offer_id": rng.integers(1, size + 1, count),
        "status": rng.choice(["proposed", "agreed", "funded", "delivered"], count), **_money(rng, count),
    })
    history = pd.DataFrame({"provider_key": rng.choice([f"P{i}" for i in range(300)], 2_000), "iso3": rng.choice(states, 2_000)})
    return needs, offers, partnerships, history


def run_once(needs, offers, partnerships, history) -> tuple[float, int]:
    started = time.perf_counter()
    matches = match_needs_and_offers(needs, offers, history)
    coverage = compute_need_coverage(matches.needs, partnerships)
    compute_gaps(coverage)
    list_unoffered_needs(coverage, matches.needs.set_index("need_id")["compatible_offers"])
    return time.perf_counter() - started, len(matches.pairs)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    times = {}
    for size in SIZES:
        data = synthetic(size)
        runs = [run_once(*data) for _ in range(args.repeat)]
        times[size] = min(seconds for seconds, _ in runs)
        print(f"needs={size} offers={size} seconds={times[size]:.3f} compatible_pairs={runs[0][1]}")
    print(f"ratio time(10k)/time(1k)={times[10_000] / times[1_000]:.1f} (targets: 10k x 10k <= 1 s, ratio <= 15)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
