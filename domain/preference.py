"""When two sources give a figure for the same state and year, which is shown first, and the rest.

Landmine Monitor is the Convention community's reference series, so its figure leads; every other
source's figure stays beside it, labelled, never dropped (reference README: keep both).
"""
from __future__ import annotations

import pandas as pd

from domain.sources import source_label

MONITOR_HOSTS = ("the-monitor.org",)


def is_landmine_monitor(source_url: pd.Series, notes: pd.Series | None = None) -> pd.Series:
    by_url = source_url.fillna("").str.contains("|".join(MONITOR_HOSTS), regex=True)
    if notes is None:
        return by_url
    return by_url | notes.fillna("").str.startswith("Landmine Monitor")


def rank_sources(rows: pd.DataFrame, by: list[str], value: str, notes: str | None = None) -> pd.DataFrame:
    """Every row with a figure, the preferred one of each `by` group first and flagged `leads`.

    `source_name` labels each row's source; `sources_differ` marks groups whose figures disagree."""
    ranked = rows.dropna(subset=[value]).copy()
    ranked["_monitor"] = is_landmine_monitor(ranked["source_url"], ranked[notes] if notes else None)
    ranked = ranked.sort_values([*by, "_monitor", "source_row"], ascending=[True] * len(by) + [False, True])
    ranked["leads"] = ~ranked.duplicated(subset=by)
    ranked["source_name"] = ranked["source_url"].map(source_label)
    ranked["sources_differ"] = ranked.groupby(by)[value].transform("nunique") > 1
    return ranked.drop(columns=["_monitor"])


def split_primary(rows: pd.DataFrame, by: list[str], value: str, notes: str | None = None) -> pd.DataFrame:
    """One row per `by` group: the preferred row, plus `<value>_alternatives` naming the others."""
    ranked = rank_sources(rows, by, value, notes)
    others = ranked[~ranked["leads"]]
    labels = others[value].map(_format_number) + " (" + others["source_name"] + ")"
    alternatives = labels.groupby([others[column] for column in by]).agg("; ".join)
    primary = ranked[ranked["leads"]].set_index(by)
    primary[f"{value}_alternatives"] = alternatives.reindex(primary.index).astype("string")
    return primary.drop(columns=["leads", "source_name", "sources_differ"]).reset_index()


def _format_number(value: float) -> str:
    return f"{value:,.2f}".rstrip("0").rstrip(".")
