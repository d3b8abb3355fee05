"""Figures from published Article 7 reports, as rows shaped like the reference tables the panel reads, and those
tables with the rows merged in (`with_article7`): the State Party panel, the overview, the State Party page, the
Gaps page and the brief then use them with the rest, through the same rules.

Each row cites the report's page on this dashboard (domain.sources.article7_link), which every page names
"Article 7 report YYYY (State), published DATE". A report's figure leads where it is newer than the compiled one;
for a year both give, the compiled figure leads and the report's stays beside it (domain.preference: keep both,
labelled). A report that does not report a figure says nothing about it: no row, never a zero.
"""
from __future__ import annotations

import dataclasses
from collections.abc import Iterable
from dataclasses import dataclass

import pandas as pd

from domain.panel import ReferenceTables, with_contamination_columns
from domain.reporting.published import PublishedReport
from domain.reporting.report import Report, casualties, land_released_m2, mined_area_m2

M2_PER_KM2 = 1_000_000
# A report's rows rank after every compiled row of the same year (preference.rank_sources orders by source_row;
# the Article 5 table's latest-release rows are at +100,000): for a year both give, the compiled figure leads.
ARTICLE7_ROWS = 200_000

MINED_AREA = {"iso3": "string", "state": "string", "ap_contamination_km2": "Float64", "estimate_as_of": "Int64",
              "source_url": "string", "as_of": "string", "source_row": "int64"}
RELEASES = {"iso3": "string", "state": "string", "year": "Int64", "land_released_km2": "Float64",
            "cleared_km2": "Float64", "ap_mines_destroyed": "Int64", "source_url": "string", "as_of": "string",
            "source_row": "int64"}
CASUALTIES = {"iso3": "string", "state": "string", "year": "Int64", "casualties_total": "Int64", "killed": "Int64",
              "injured": "Int64", "child_casualties": "Int64", "female_casualties": "Int64", "source_url": "string",
              "as_of": "string", "source_row": "int64"}
@dataclass(frozen=True, eq=False)  # eq=False: frames have no single truth value to compare
class Article7Rows:
    mined_area: pd.DataFrame  # one row per State and year: AP mined area (km²) at the end of the year
    releases: pd.DataFrame  # article5_history-like: land released in the year by method (km²)
    casualties: pd.DataFrame  # casualties-like: casualties in the year, killed, injured, children, women and girls


def _described_year(report: Report, form: str) -> int | None:
    """The year a form's figures describe: the report's own when the form is changed; the year the State last
    reported them when it is marked unchanged; None when not applicable (or unchanged with no year given)."""
    section = report.section(form)
    if section.status == "not_applicable":
        return None
    return section.unchanged_since if section.status == "unchanged" else report.year


def _mines_destroyed_in_mined_areas(report: Report) -> int | None:
    """Form G's mines destroyed under Article 5 in the year; None when Form G lists none (not reported, not 0)."""
    section = report.section("G")
    if section.status != "changed":
        return None
    quantities = [row.get("quantity") for row in section.tables.get("destroyed") or [] if row.get("article") == "art5"]
    quantities = [q for q in quantities if q is not None]
    return sum(quantities) if quantities else None


def _km2(m2: float | None) -> float | None:
    return None if m2 is None else m2 / M2_PER_KM2


def article7_rows(reports: Iterable[PublishedReport]) -> Article7Rows:
    """The figures every published report gives, one row per State, year and figure."""
    mined, released, counted = [], [], []
    for published in reports:
        report = published.report
        cites = {"iso3": report.iso3, "state": published.state, "source_url": published.link,
                 "_report_year": report.year}
        year, area = _described_year(report, "C"), mined_area_m2(report)
        if year is not None and area is not None:
            mined.append({**cites, "ap_contamination_km2": _km2(area["total_m2"]), "estimate_as_of": year,
                          "_copied": year != report.year})
        year = _described_year(report, "J")
        if year is None:
            continue
        if (land := land_released_m2(report)) is not None:
            released.append({**cites, "year": year, "land_released_km2": _km2(land["total_m2"]),
                             "cleared_km2": _km2(land["cleared_m2"]), "_copied": year != report.year,
                             "ap_mines_destroyed": _mines_destroyed_in_mined_areas(report) if year == report.year else None})
        people = casualties(report)
        if people is not None and people["total"] is not None:  # the panel compares totals: a part alone is no row
            values = report.section("J").values
            counted.append({**cites, "year": year, "casualties_total": people["total"], "killed": people["killed"],
                            "injured": people["injured"], "child_casualties": values.get("casualties_children"),
                            "female_casualties": values.get("casualties_female"), "_copied": year != report.year})
    return Article7Rows(_one_per_year(mined, "estimate_as_of", MINED_AREA, 0),
                        _one_per_year(released, "year", RELEASES, len(mined)),
                        _one_per_year(counted, "year", CASUALTIES, len(mined) + len(released)))


def _one_per_year(rows: list[dict], year: str, columns: dict[str, str], offset: int) -> pd.DataFrame:
    """A State's figure for a year once: from the report that gave it that year, else the newest report repeating it
    (a form marked unchanged copies an earlier year's); typed as the reference table it joins."""
    if not rows:
        return pd.DataFrame({name: pd.Series(dtype=dtype) for name, dtype in columns.items()})
    frame = pd.DataFrame(rows).sort_values(["iso3", year, "_copied", "_report_year"], ascending=[True, True, True, False])
    frame = frame.drop_duplicates(subset=["iso3", year]).reset_index(drop=True)
    frame["as_of"] = frame[year].astype(str)
    frame["source_row"] = ARTICLE7_ROWS + offset + frame.index
    return frame[list(columns)].astype(columns)


# --- the reference tables with the reports' rows ------------------------------------------------------------

def with_article7(tables: ReferenceTables, rows: Article7Rows) -> ReferenceTables:
    """`tables` with the reports' figures: land release and casualty rows added beside the compiled ones (the panel
    ranks them), and the Article 5 table's remaining area taken from a report where the report is newer."""
    return dataclasses.replace(
        tables, article5=_with_mined_area(tables.article5, rows.mined_area),
        article5_history=_appended(tables.article5_history, rows.releases),
        casualties=_appended(tables.casualties, rows.casualties))


def _appended(table: pd.DataFrame, rows: pd.DataFrame) -> pd.DataFrame:
    if rows.empty:
        return table
    return pd.concat([table, rows.reindex(columns=table.columns).astype(table.dtypes.to_dict())], ignore_index=True)


def _with_mined_area(article5: pd.DataFrame, rows: pd.DataFrame) -> pd.DataFrame:
    """Per State, its newest report's area against the compiled one: newer leads (the compiled beside it); the same
    year stays beside the compiled figure, which leads; older is left to the report's own page."""
    table = with_contamination_columns(article5)
    newest = rows.sort_values("estimate_as_of").drop_duplicates(subset="iso3", keep="last")
    added = []
    report_columns = ["ap_contamination_km2", "estimate_as_of", "contamination_source_url"]
    other_columns = ["other_contamination_km2", "other_estimate_as_of", "other_contamination_source_url"]
    for row in newest.itertuples(index=False):
        found = table.index[table["iso3"] == row.iso3]
        figure = [row.ap_contamination_km2, row.estimate_as_of, row.source_url]
        if not len(found):
            # A State with no row in the compiled table: its report is the only figure (no deadline, not reported).
            added.append({"iso3": row.iso3, "state": row.state, "as_of": row.as_of, "source_row": row.source_row,
                          **dict(zip(report_columns, figure, strict=True))})
            continue
        at = found[0]
        compiled = [table.at[at, column] for column in report_columns]
        if pd.isna(compiled[0]) or pd.isna(compiled[1]) or row.estimate_as_of > compiled[1]:
            if not pd.isna(compiled[0]):
                table.loc[at, other_columns] = compiled
            table.loc[at, report_columns] = figure
        elif row.estimate_as_of == compiled[1]:
            table.loc[at, other_columns] = figure
    if not added:
        return table
    new = pd.DataFrame(added).reindex(columns=table.columns).astype(table.dtypes.to_dict())
    return pd.concat([table, new], ignore_index=True)
