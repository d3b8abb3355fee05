"""What kind of offer a row is, in words a donor reads: a live offer entered in the registry, or an
announcement (pledge, commitment) seeded from a cited source, which is never a recorded payment."""
from __future__ import annotations

from domain.sources import source_label
from i18n import N_

REGISTRY_OFFER = N_("offered in the registry")
ANNOUNCED = N_("announced ({kind}, {year}), not a payment: {source}")
ANNOUNCED_UNDATED = N_("announced ({kind}), not a payment: {source}")
# How sources word an announcement (store.seed.ANNOUNCED_AS, lower-cased).
ANNOUNCED_AS = {"pledge": N_("pledge"), "commitment": N_("commitment"), "announcement": N_("announcement"),
                "pledge/announcement": N_("pledge/announcement")}


def offer_kind(announced_as: object, announced_year: object, source_url: object) -> str:
    """The kind label of one offer, in English (pages translate it with translate_message)."""
    if not isinstance(announced_as, str) or not announced_as:
        return REGISTRY_OFFER
    kind = ANNOUNCED_AS.get(announced_as, announced_as)
    if isinstance(announced_year, int | float) and announced_year == announced_year:  # NaN is not a year
        return ANNOUNCED.format(kind=kind, year=int(announced_year), source=source_label(source_url))
    return ANNOUNCED_UNDATED.format(kind=kind, source=source_label(source_url))
