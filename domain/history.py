"""Year-by-year series of one kind (land release, casualties), every source's row kept and ranked.

The row that leads a year is the one the panel uses; the others stay beside it, labelled, so a page
can show both figures where sources disagree.
"""
from __future__ import annotations

import pandas as pd

from domain.preference import rank_sources

RELEASE_COLUMNS = ["iso3", "year", "land_released_km2", "cleared_km2", "ap_mines_destroyed", "source_url", "source_row"]


def release_rows(article5: pd.DataFrame, history: pd.DataFrame) -> pd.DataFrame:
    """Land release per state and year from the history table and the Article 5 table's latest figure."""
    latest = article5.rename(columns={"land_released_year": "year"}).assign(cleared_km2=pd.NA)
    latest = latest[RELEASE_COLUMNS].dropna(subset=["year", "land_released_km2"])
    latest = latest.assign(source_row=latest["source_row"] + 100_000)  # ranks after the history rows
    rows = pd.concat([history[RELEASE_COLUMNS], latest], ignore_index=True)
    return rows.drop_duplicates(subset=["iso3", "year", "land_released_km2", "source_url"])


def rank_releases(article5: pd.DataFrame, history: pd.DataFrame) -> pd.DataFrame:
    return rank_sources(release_rows(article5, history), ["iso3", "year"], "land_released_km2")


def rank_casualties(casualties: pd.DataFrame) -> pd.DataFrame:
    return rank_sources(casualties, ["iso3", "year"], "casualties_total", notes="notes")
