"""The registry as the needs and gaps pages read it: frames, matches and coverage, fresh on every run.

Not cached: records change whenever someone saves, and reading them and matching take milliseconds. While the
registry's database cannot be reached, the pages read the reference records from the embedded data instead."""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import pandas as pd

from domain.countries import un_region
from domain.coverage import compute_need_coverage
from domain.matching import Matches, match_needs_and_offers
from domain.offer_kinds import offer_kind
from domain.registry import RegistryFrames, build_registry_frames
from store import StoreUnavailable, list_needs, list_offers, list_partnerships, list_support_records
from ui.cached import cached_reference_records, cached_store, cached_table
from ui.clock import as_of_date


@dataclass(frozen=True)
class RegistryView:
    frames: RegistryFrames
    matches: Matches
    # One row per need: compatible_offers, covered, share_covered, uncovered, coverage_note, and as_of (ISO date of
    # the record's last change)
    coverage: pd.DataFrame
    offer_info: pd.DataFrame  # by offer_id: kind (offered in the registry, or announced by a source), source_url
    stored: bool = True  # False: read from the embedded data, the registry's database cannot be reached


def read_records(support: bool = False) -> tuple[dict[str, list[dict]], bool]:
    """The registry's needs, offers and partnerships (and support records if asked), and whether they come from the
    store. While its database cannot be reached: the reference needs and announced offers from the embedded data,
    with no partnership (only the store has them)."""
    try:
        store = cached_store()
        if (day := as_of_date()) is not None:
            records = records_as_they_stood(store, day)
        else:
            records = {"need": list_needs(store), "offer": list_offers(store), "partnership": list_partnerships(store)}
        if support:
            records["support"] = list_support_records(store)
        return records, True
    except StoreUnavailable:
        embedded = cached_reference_records()
        records = {"need": embedded["need"], "offer": embedded["offer"], "partnership": []}
        return records | ({"support": embedded["support"]} if support else {}), False


def records_as_they_stood(store, day: dt.date) -> dict[str, list[dict]]:
    """The registry at the end of `day` (store.history): what people entered by then, as it read then, and of the
    compiled reference needs and announced offers, those the data edition of `day` held (the store's seed may come
    from a later one)."""
    from store.history import records_as_of
    from store.seed import announced_offers

    records = {table: records_as_of(store, table, day, seeded_from_start=True)
               for table in ("need", "offer", "partnership")}
    held = {(row.iso3 if isinstance(row.iso3, str) else None, row.need_category, row.period, row.description)
            for row in cached_table("stated_needs", day).itertuples()}
    records["need"] = [n for n in records["need"] if not n["is_reference"]
                       or (n["iso3"], n["area"], n["period"], n["description"]) in held]
    announced = {_announcement(o) for o in announced_offers(cached_table("support_pairs", day))}
    records["offer"] = [o for o in records["offer"] if not o["is_reference"] or _announcement(o) in announced]
    needs, offers = {n["id"] for n in records["need"]}, {o["id"] for o in records["offer"]}
    records["partnership"] = [p for p in records["partnership"] if p["need_id"] in needs and p["offer_id"] in offers]
    return records


def _announcement(offer: dict) -> tuple:
    """What names an announced offer in its source: who, to whom, when, how much, where it is written."""
    return (offer["provider_name"], tuple(offer["targets"]), offer["announced_year"], offer["usd_million"],
            offer["source_url"])


def read_registry() -> RegistryView:
    records, stored = read_records(support=True)
    needs, offers = records["need"], records["offer"]
    frames = build_registry_frames(needs, offers, records["partnership"], records["support"], un_region)
    matches = match_needs_and_offers(frames.needs, frames.offers, frames.history)
    # Coverage for every need, matchable or not (met and withdrawn needs keep their partnerships).
    with_offers = frames.needs.merge(matches.needs[["need_id", "compatible_offers"]], on="need_id", how="left")
    with_offers["compatible_offers"] = with_offers["compatible_offers"].fillna(0).astype(int)
    coverage = compute_need_coverage(with_offers, frames.partnerships)
    changed = {n["id"]: n["updated_at"].date().isoformat() for n in needs if n["updated_at"] is not None}
    offer_info = pd.DataFrame(
        [{"offer_id": o["id"], "kind": offer_kind(o.get("announced_as"), o.get("announced_year"), o.get("source_url")),
          "source_url": o.get("source_url")} for o in offers],
        columns=["offer_id", "kind", "source_url"]).set_index("offer_id")
    return RegistryView(frames, matches, coverage.assign(as_of=coverage["need_id"].map(changed)), offer_info, stored)
