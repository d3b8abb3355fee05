"""Donors' filters over needs, and the registry records turned into matching frames, on small data."""
import datetime as dt

import numpy as np
import pandas as pd

from domain.needs_filters import NeedFilters, filter_needs, period_statuses, size_band
from domain.registry import build_registry_frames, provider_key


def coverage():
    return pd.DataFrame({
        "need_id": [1, 2, 3, 4],
        "iso3": ["KHM", "AGO", "KHM", "UKR"],
        "region": ["Asia", "Africa", "Asia", "Europe"],
        "area": ["clearance", "victim_assistance", "risk_education", "clearance"],
        "usd_million": [0.5, 5.0, np.nan, 50.0],
        "status": ["open", None, "met", "open"],
        "compatible_offers": [2, 0, 0, 1],
        "partnerships": [0, 0, 1, 0],
        "period": ["2026-2028", "2020-2021", "multi-year", "from 2023"],
    })


PANEL = pd.DataFrame({"iso3": ["KHM", "AGO", "UKR"], "years_left": [4.1, 1.5, np.nan],
                      "casualties_trend": ["falling", "rising", "rising"]})


def ids(filters: NeedFilters) -> list[int]:
    return filter_needs(coverage(), PANEL, filters)["need_id"].tolist()


def test_no_choice_means_every_need():
    assert ids(NeedFilters()) == [1, 2, 3, 4]


def test_area_region_size_and_status():
    assert ids(NeedFilters(areas=("clearance",))) == [1, 4]
    assert ids(NeedFilters(regions=("Asia", "Europe"))) == [1, 3, 4]
    assert ids(NeedFilters(sizes=("under_1m", "no_usd"))) == [1, 3]
    assert ids(NeedFilters(statuses=("not_stated",))) == [2]


def test_urgency_deadline_within_and_rising_casualties():
    assert ids(NeedFilters(deadline_within_years=2)) == [2]  # UKR: no deadline in the panel, never 'within'
    assert ids(NeedFilters(rising_casualties=True)) == [2, 4]


def test_only_needs_no_one_has_offered_for():
    assert ids(NeedFilters(unoffered_only=True)) == [2]


def test_current_needs_hide_ended_periods_and_keep_those_not_stated():
    today = dt.date(2026, 12, 2)
    assert ids(NeedFilters(current_on=today)) == [1, 3, 4]
    assert period_statuses(coverage()["period"], today).tolist() == ["current", "ended", "not_stated", "current"]


def test_size_bands_keep_a_need_without_usd_apart():
    bands = size_band(pd.Series([0.2, 1.0, 10.0, 10.5, np.nan])).tolist()
    assert bands == ["under_1m", "1_to_10m", "1_to_10m", "over_10m", "no_usd"]


def test_registry_frames_key_providers_and_keep_only_recorded_support_as_history():
    frames = build_registry_frames(
        needs=[{"id": 1, "iso3": "KHM", "state_name": "Cambodia", "area": "clearance", "description": "d", "amount": "2000000",
                "currency": "USD", "usd_million": "2", "period": "2026", "urgency": None, "status": "open",
                "source_url": None, "is_reference": False}],
        offers=[{"id": 5, "provider_name": "HALO Trust", "provider_kind": "organisation", "provider_iso3": None,
                 "modality": "funding", "areas": ["clearance"], "targets": ["any"], "amount": None, "currency": None,
                 "usd_million": None, "period": None, "conditions": None, "contact": None, "status": "open"}],
        partnerships=[],
        support=[{"donor": "Japan", "donor_iso3": "JPN", "recipient_iso3": "KHM", "is_announcement": False},
                 {"donor": "Norway", "donor_iso3": "NOR", "recipient_iso3": "KHM", "is_announcement": True}],
        region_of={"KHM": "Asia"}.get,
    )
    assert frames.needs.loc[0, "region"] == "Asia" and frames.needs.loc[0, "usd_million"] == 2.0
    assert frames.offers.loc[0, "provider_key"] == "halo trust"
    assert frames.history.to_dict("records") == [{"provider_key": "JPN", "iso3": "KHM"}]  # a pledge is not a payment
    assert frames.partnerships.empty and list(frames.partnerships.columns)[:3] == ["partnership_id", "need_id", "offer_id"]
    assert provider_key("JPN", "Japan") == "JPN"
