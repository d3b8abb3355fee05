"""What the pipeline needs to know about one source: its schema, key, and how to tidy it."""
from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

import pandas as pd
import pandera.pandas as pa

from data_loaders.problems import Problem


@dataclass(frozen=True)
class Source:
    name: str
    title: str
    schema: type[pa.DataFrameModel]
    key: tuple[str, ...]  # one record per key and source; two sources may disagree, both kept
    source_columns: tuple[str, ...]  # at least one must be filled on every row
    as_of: Callable[[pd.DataFrame], pd.Series]
    rename: dict[str, str] = field(default_factory=dict)  # tidy names, e.g. recipient_iso3 -> iso3
    row_rules: tuple[Callable[[pd.DataFrame], list[Problem]], ...] = ()

    @property
    def columns(self) -> list[str]:
        return list(self.schema.to_schema().columns)

    def column_meta(self, column: str) -> dict:
        return self.schema.to_schema().columns[column].metadata or {}

    def column_allowed(self, column: str) -> list[str] | None:
        for check in self.schema.to_schema().columns[column].checks:
            if check.name == "isin":
                return list(check.statistics["allowed_values"])
        return None


def as_of_column(column: str) -> Callable[[pd.DataFrame], pd.Series]:
    def as_of(df: pd.DataFrame) -> pd.Series:
        return df[column].astype("string")

    return as_of


def rule(columns: tuple[str, ...], reason: str, broken: Callable[[pd.DataFrame], pd.Series]):
    """A row rule over several columns: `broken` is True where the row breaks it."""

    def check(df: pd.DataFrame) -> list[Problem]:
        mask = broken(df).fillna(False).astype(bool)
        return [Problem(int(row), columns[0], reason.format(**df.loc[row, list(columns)].to_dict())) for row in df.index[mask]]

    return check
