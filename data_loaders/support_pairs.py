"""Donor -> recipient amounts. Partial tables and announcements: never summed into totals."""
import pandas as pd
from pandera.typing import Series

from data_loaders import fields
from data_loaders.base import SourceSchema, load_source
from data_loaders.source import Source, as_of_column


class SupportPairsSchema(SourceSchema):
    donor: Series[str] = fields.donor_name()
    recipient_iso3: Series[str] = fields.country_code(name_column="recipient", allow_non_state=True)
    recipient: Series[str] = fields.country_name()
    year: Series[pd.Int64Dtype] = fields.year()
    usd_million: Series[pd.Float64Dtype] = fields.amount()
    thematic_area: Series[str] = fields.text()
    source_url: Series[str] = fields.url()
    notes: Series[str] = fields.text()


SOURCE = Source(
    name="support_pairs",
    title="Support from donor to recipient",
    schema=SupportPairsSchema,
    key=("donor", "recipient", "year", "thematic_area", "usd_million"),
    source_columns=("source_url",),
    as_of=as_of_column("year"),
    rename={"recipient_iso3": "iso3"},
)


def load_support_pairs(path=None):
    pairs = load_source(SOURCE, path)
    # Announced offers (PLEDGE / COMMITMENT / ANNOUNCEMENT notes) are not recorded payments.
    pairs["is_announcement"] = pairs["notes"].str.match(r"^\s*(PLEDGE|COMMITMENT|ANNOUNCEMENT)", na=False)
    return pairs
