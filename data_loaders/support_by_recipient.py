"""International mine action support received, per recipient and year: the totals to use."""
import pandas as pd
from pandera.typing import Series

from data_loaders import fields
from data_loaders.base import SourceSchema, load_source
from data_loaders.source import Source, as_of_column


class SupportByRecipientSchema(SourceSchema):
    recipient_iso3: Series[str] = fields.country_code(name_column="recipient", allow_non_state=True)
    recipient: Series[str] = fields.country_name()
    year: Series[pd.Int64Dtype] = fields.year(required=True)
    usd_million: Series[pd.Float64Dtype] = fields.amount()
    source_url: Series[str] = fields.url()
    notes: Series[str] = fields.text()


SOURCE = Source(
    name="support_by_recipient",
    title="International support by recipient and year",
    schema=SupportByRecipientSchema,
    key=("recipient", "year"),
    source_columns=("source_url",),
    as_of=as_of_column("year"),
    rename={"recipient_iso3": "iso3"},
)


def load_support_by_recipient(path=None):
    return load_source(SOURCE, path)
