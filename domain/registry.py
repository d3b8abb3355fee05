"""The registry's records (as the store returns them) as the frames matching and coverage work on."""
from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import pandas as pd

NEED_COLUMNS = ["need_id", "iso3", "state_name", "region", "area", "description", "amount", "currency", "usd_million",
                "period", "urgency", "status", "source_url", "is_reference"]
OFFER_COLUMNS = ["offer_id", "provider_key", "provider_name", "provider_kind", "modality", "areas", "targets", "amount",
                 "currency", "usd_million", "period", "conditions", "contact", "status"]
PARTNERSHIP_COLUMNS = ["partnership_id", "need_id", "offer_id", "status", "amount", "currency", "usd_million"]


def provider_key(iso3: object, name: object) -> str:
    """A state provider by its ISO3, an organisation by its name (case-folded), so history and offers meet."""
    return iso3 if isinstance(iso3, str) and iso3 else str(name).casefold().strip()


@dataclass(frozen=True)
class RegistryFrames:
    needs: pd.DataFrame
    offers: pd.DataFrame
    partnerships: pd.DataFrame
    history: pd.DataFrame  # provider_key, iso3: who has supported whom (recorded support, pledges excluded)


def build_registry_frames(needs: list[dict], offers: list[dict], partnerships: list[dict], support: list[dict],
                          region_of: Callable[[str], str | None]) -> RegistryFrames:
    need_frame = pd.DataFrame(needs, columns=[c if c != "need_id" else "id" for c in NEED_COLUMNS if c != "region"])
    need_frame = need_frame.rename(columns={"id": "need_id"})
    need_frame["region"] = need_frame["iso3"].map(lambda code: region_of(code) if isinstance(code, str) and code else None)
    offer_frame = pd.DataFrame(offers, columns=["id", *[c for c in OFFER_COLUMNS if c not in ("offer_id", "provider_key")],
                                                "provider_iso3"]).rename(columns={"id": "offer_id"})
    offer_frame["provider_key"] = [provider_key(i, n) for i, n in zip(offer_frame["provider_iso3"], offer_frame["provider_name"],
                                                                       strict=True)]
    partnership_frame = (pd.DataFrame(partnerships, columns=["id", *PARTNERSHIP_COLUMNS[1:]])
                         .rename(columns={"id": "partnership_id"}))
    paid = [row for row in support if not row.get("is_announcement") and row.get("recipient_iso3")]
    history = pd.DataFrame({"provider_key": [provider_key(r.get("donor_iso3"), r.get("donor")) for r in paid],
                            "iso3": [r["recipient_iso3"] for r in paid]}).drop_duplicates(ignore_index=True)
    for frame in (need_frame, offer_frame, partnership_frame):
        for column in ("amount", "usd_million"):
            frame[column] = pd.to_numeric(frame[column], errors="coerce").astype("float64")
    return RegistryFrames(need_frame[NEED_COLUMNS], offer_frame[OFFER_COLUMNS], partnership_frame[PARTNERSHIP_COLUMNS], history)
