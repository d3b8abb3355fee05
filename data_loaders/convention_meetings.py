"""The Convention's meetings with their dates (data/calendar/convention_meetings.csv, our own compilation).

Not a reference table: it lives beside them, in data/calendar/, so the editions and the reference registry never
hold it. Read and refused like one (problems name file, row, column and reason).
"""
from __future__ import annotations

from pathlib import Path

import pandas as pd
from pandera.typing import Series

from config import MEETINGS_FILE
from data_loaders import fields
from data_loaders.base import SourceSchema, load_source
from data_loaders.problems import Problem
from data_loaders.source import Source, as_of_column, rule
from domain.convention_meetings import KINDS


class ConventionMeetingsSchema(SourceSchema):
    key: Series[str] = fields.text(required=True)
    kind: Series[str] = fields.vocabulary(KINDS, required=True)
    name: Series[str] = fields.text(required=True)
    name_fr: Series[str] = fields.text(required=True)  # the Convention's own French and Spanish names
    name_es: Series[str] = fields.text(required=True)
    start: Series[str] = fields.date(required=True)
    end: Series[str] = fields.date(required=True)
    venue: Series[str] = fields.text()
    source_url: Series[str] = fields.url()
    notes: Series[str] = fields.text()


def _key_used_twice(df: pd.DataFrame) -> list[Problem]:
    """A key names one meeting. A row repeating an earlier row's key and source is already reported as a repeat."""
    problems = []
    seen: dict[str, tuple[int, str | None]] = {}
    for row, key, source in zip(df.index, df["key"].tolist(), df["source_url"].tolist(), strict=True):
        if not isinstance(key, str):
            continue
        source = source if isinstance(source, str) else None  # NA compares to nothing
        if key in seen:
            first, first_source = seen[key]
            if source != first_source:
                problems.append(Problem(int(row), "key", f"key {key} is already used on row {first}"))
        else:
            seen[key] = (int(row), source)
    return problems


SOURCE = Source(
    name="convention_meetings",
    title="Meetings of the Convention",
    schema=ConventionMeetingsSchema,
    key=("key",),
    source_columns=("source_url",),
    as_of=as_of_column("start"),
    row_rules=(
        # ISO dates compare as text; a blank or unreadable date is reported by its own check.
        rule(("end", "start"), "the meeting ends ({end}) before it starts ({start})", lambda df: df["end"] < df["start"]),
        _key_used_twice,
    ),
)


def load_convention_meetings(path: Path | None = None) -> pd.DataFrame:
    return load_source(SOURCE, path or MEETINGS_FILE)
