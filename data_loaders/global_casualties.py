"""Global casualty figures per year; a revised year keeps both rows (indicator *_revised)."""
import pandas as pd
from pandera.typing import Series

from data_loaders import fields
from data_loaders.base import SourceSchema, load_source
from data_loaders.source import Source, as_of_column


class GlobalCasualtiesSchema(SourceSchema):
    indicator: Series[str] = fields.text(required=True)
    year: Series[pd.Int64Dtype] = fields.year(required=True)
    value: Series[pd.Float64Dtype] = fields.number(required=True)
    unit: Series[str] = fields.text(required=True)
    source_url: Series[str] = fields.url()


SOURCE = Source(
    name="global_casualties",
    title="Global casualty figures",
    schema=GlobalCasualtiesSchema,
    key=("indicator", "year"),
    source_columns=("source_url",),
    as_of=as_of_column("year"),
)


def load_global_casualties(path=None):
    return load_source(SOURCE, path)
