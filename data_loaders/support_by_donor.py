"""International mine action support given, per donor and year (Landmine Monitor)."""
import pandas as pd
from pandera.typing import Series

from data_loaders import fields
from data_loaders.base import SourceSchema, load_source
from data_loaders.source import Source, as_of_column


class SupportByDonorSchema(SourceSchema):
    donor: Series[str] = fields.country_name()
    donor_iso3: Series[str] = fields.country_code(name_column="donor", organisation_ok=True)
    year: Series[pd.Int64Dtype] = fields.year(required=True)
    usd_million: Series[pd.Float64Dtype] = fields.amount()
    source_url: Series[str] = fields.url()
    notes: Series[str] = fields.text()


SOURCE = Source(
    name="support_by_donor",
    title="International support by donor and year",
    schema=SupportByDonorSchema,
    key=("donor", "year"),
    source_columns=("source_url",),
    as_of=as_of_column("year"),
    rename={"donor_iso3": "iso3"},
)


def load_support_by_donor(path=None):
    return load_source(SOURCE, path)
