"""The registry as the needs and gaps pages read it: frames, matches and coverage, fresh on every run.

Not cached: records change whenever someone saves, and reading them and matching take milliseconds."""
from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from domain.countries import un_region
from domain.coverage import compute_need_coverage
from domain.matching import Matches, match_needs_and_offers
from domain.offer_kinds import offer_kind
from domain.registry import RegistryFrames, build_registry_frames
from store import list_needs, list_offers, list_partnerships, list_support_records
from ui.cached import cached_store


@dataclass(frozen=True)
class RegistryView:
    frames: RegistryFrames
    matches: Matches
    # One row per need: compatible_offers, covered, share_covered, uncovered, coverage_note, and as_of (ISO date of
    # the record's last change)
    coverage: pd.DataFrame
    offer_info: pd.DataFrame  # by offer_id: kind (offered in the registry, or announced by a source), source_url


def read_registry() -> RegistryView:
    store = cached_store()
    needs, offers = list_needs(store), list_offers(store)
    frames = build_registry_frames(needs, offers, list_partnerships(store), list_support_records(store), un_region)
    matches = match_needs_and_offers(frames.needs, frames.offers, frames.history)
    # Coverage for every need, matchable or not (met and withdrawn needs keep their partnerships).
    with_offers = frames.needs.merge(matches.needs[["need_id", "compatible_offers"]], on="need_id", how="left")
    with_offers["compatible_offers"] = with_offers["compatible_offers"].fillna(0).astype(int)
    coverage = compute_need_coverage(with_offers, frames.partnerships)
    changed = {n["id"]: n["updated_at"].date().isoformat() for n in needs}
    offer_info = pd.DataFrame(
        [{"offer_id": o["id"], "kind": offer_kind(o.get("announced_as"), o.get("announced_year"), o.get("source_url")),
          "source_url": o.get("source_url")} for o in offers],
        columns=["offer_id", "kind", "source_url"]).set_index("offer_id")
    return RegistryView(frames, matches, coverage.assign(as_of=coverage["need_id"].map(changed)), offer_info)
