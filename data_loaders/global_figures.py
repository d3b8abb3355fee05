"""Headline global figures on contamination and clearance (Landmine Monitor)."""
import pandas as pd
from pandera.typing import Series

from data_loaders import fields
from data_loaders.base import SourceSchema, load_source
from data_loaders.source import Source, as_of_column


class GlobalFiguresSchema(SourceSchema):
    indicator: Series[str] = fields.text(required=True)
    year: Series[pd.Int64Dtype] = fields.year(required=True)
    value: Series[pd.Float64Dtype] = fields.number(required=True)
    unit: Series[str] = fields.text(required=True)
    source_url: Series[str] = fields.url()


SOURCE = Source(
    name="global_figures",
    title="Global contamination and clearance figures",
    schema=GlobalFiguresSchema,
    key=("indicator", "year"),
    source_columns=("source_url",),
    as_of=as_of_column("year"),
)


def load_global_figures(path=None):
    return load_source(SOURCE, path)
