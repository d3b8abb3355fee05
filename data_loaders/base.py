"""The schema base every source extends, and the load path they share."""
from __future__ import annotations

from pathlib import Path

import pandas as pd
import pandera.pandas as pa

from config import DATA_DIR
from data_loaders.problems import DataValidationError
from data_loaders.source import Source
from data_loaders.validation import check_file


class SourceSchema(pa.DataFrameModel):
    class Config:
        strict = True
        coerce = True


def load_source(source: Source, path: Path | None = None) -> pd.DataFrame:
    """Read, validate and tidy one source; raise with every problem if the file breaks its rules."""
    path = Path(path) if path else DATA_DIR / f"{source.name}.csv"
    checked = check_file(source, path)
    if not checked.ok:
        raise DataValidationError(str(path), checked.problems)
    table = checked.table.copy()
    for column, match in checked.matches.items():
        if "iso3" in match:  # a donor named without a code column: add its resolved code
            table[f"{column}_iso3"] = match["iso3"].astype("string")
        table[f"{column}_method"] = match["method"].astype("string")
        table[f"{column}_kind"] = match["kind"].astype("string")
    table["as_of"] = source.as_of(table)
    table["source_row"] = table.index.astype("int64")  # the spreadsheet row, for tracing a figure back
    tidy = table.reset_index(drop=True).rename(columns=_tidy_names(source, table.columns))
    return tidy


def _tidy_names(source: Source, columns) -> dict[str, str]:
    names = {}
    for old, new in source.rename.items():
        for column in columns:
            if column == old or column.startswith(old + "_"):
                names[column] = new + column[len(old):]
    return names
