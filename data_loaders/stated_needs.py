"""Needs and challenges states stated; amounts cover different periods and are not comparable."""
import pandas as pd
from pandera.typing import Series

from config import NEED_AREAS
from data_loaders import fields
from data_loaders.base import SourceSchema, load_source
from data_loaders.source import Source, as_of_column


class StatedNeedsSchema(SourceSchema):
    iso3: Series[str] = fields.country_code(name_column="state", allow_non_state=True)
    state: Series[str] = fields.country_name()
    need_category: Series[str] = fields.vocabulary(NEED_AREAS, required=True)
    description: Series[str] = fields.text(required=True)
    amount_usd_million: Series[pd.Float64Dtype] = fields.amount()
    period: Series[str] = fields.text(required=True)
    source_url: Series[str] = fields.url()
    notes: Series[str] = fields.text()


SOURCE = Source(
    name="stated_needs",
    title="Needs and challenges stated by states",
    schema=StatedNeedsSchema,
    key=("state", "need_category", "period", "description"),
    source_columns=("source_url",),
    as_of=as_of_column("period"),
)


def load_stated_needs(path=None):
    return load_source(SOURCE, path)
