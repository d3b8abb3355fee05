"""What changed between two dates, as the Changes page lists it: one plain record per change."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date


@dataclass(frozen=True)
class RegistryChange:
    """What store.history returns for the registry: a need, offer or partnership added, or a need met."""

    kind: str  # need_added | need_met | offer_added | partnership_added
    iso3: str | None
    state: str
    area: str
    day: date
    detail: str
    source_url: str | None
