"""Victim assistance facts for States Parties with significant numbers of survivors."""
import pandas as pd
from pandera.typing import Series

from data_loaders import fields
from data_loaders.base import SourceSchema, load_source
from data_loaders.source import Source, as_of_column


class VictimAssistanceSchema(SourceSchema):
    iso3: Series[str] = fields.country_code(name_column="state")
    state: Series[str] = fields.country_name()
    # Kept as the source words it ("52000-60000", "at least 510"); domain code reads bounds from it.
    survivors_estimate: Series[str] = fields.text()
    survivors_estimate_year: Series[pd.Int64Dtype] = fields.year()
    va_focal_point: Series[str] = fields.text()
    national_disability_plan: Series[str] = fields.text()
    significant_number_of_survivors: Series[str] = fields.vocabulary(("yes", "no"))
    source_url: Series[str] = fields.url()
    notes: Series[str] = fields.text()


SOURCE = Source(
    name="victim_assistance",
    title="Victim assistance (States Parties with significant numbers of survivors)",
    schema=VictimAssistanceSchema,
    key=("iso3",),
    source_columns=("source_url",),
    as_of=as_of_column("survivors_estimate_year"),
)


def load_victim_assistance(path=None):
    return load_source(SOURCE, path)
