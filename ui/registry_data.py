"""The registry as the needs and gaps pages read it: frames, matches and coverage, fresh on every run.

Not cached: records change whenever someone saves, and reading them and matching take milliseconds."""
from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from domain.countries import un_region
from domain.coverage import compute_need_coverage
from domain.matching import Matches, match_needs_and_offers
from domain.registry import RegistryFrames, build_registry_frames
from store import list_needs, list_offers, list_partnerships, list_support_records
from ui.cached import cached_store


@dataclass(frozen=True)
class RegistryView:
    frames: RegistryFrames
    matches: Matches
    coverage: pd.DataFrame  # one row per need: compatible_offers, covered, share_covered, uncovered, coverage_note


def read_registry() -> RegistryView:
    store = cached_store()
    frames = build_registry_frames(list_needs(store), list_offers(store), list_partnerships(store),
                                   list_support_records(store), un_region)
    matches = match_needs_and_offers(frames.needs, frames.offers, frames.history)
    # Coverage for every need, matchable or not (met and withdrawn needs keep their partnerships).
    needs = frames.needs.merge(matches.needs[["need_id", "compatible_offers"]], on="need_id", how="left")
    needs["compatible_offers"] = needs["compatible_offers"].fillna(0).astype(int)
    return RegistryView(frames, matches, compute_need_coverage(needs, frames.partnerships))
