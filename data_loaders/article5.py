"""Article 5 obligations and contamination per State Party (Landmine Monitor, Mine Action Review)."""
import pandas as pd
from pandera.typing import Series

from config import CONTAMINATION_BANDS
from data_loaders import fields
from data_loaders.base import SourceSchema, load_source
from data_loaders.source import Source


class Article5Schema(SourceSchema):
    iso3: Series[str] = fields.country_code(name_column="state")
    state: Series[str] = fields.country_name()
    # A full date where the source gives one, else the year alone (month not reported).
    article5_deadline: Series[str] = fields.date(partial=True)
    extensions_granted: Series[pd.Int64Dtype] = fields.count()
    ap_contamination_km2: Series[pd.Float64Dtype] = fields.amount()
    contamination_band: Series[str] = fields.vocabulary(CONTAMINATION_BANDS)
    estimate_as_of: Series[pd.Int64Dtype] = fields.year()
    land_released_km2: Series[pd.Float64Dtype] = fields.amount()
    land_released_year: Series[pd.Int64Dtype] = fields.year()
    ap_mines_destroyed: Series[pd.Int64Dtype] = fields.count()
    completion_declared: Series[pd.Int64Dtype] = fields.year()
    source_url: Series[str] = fields.url()
    source_title: Series[str] = fields.text()
    notes: Series[str] = fields.text()


SOURCE = Source(
    name="article5",
    title="Article 5 clearance obligations and contamination",
    schema=Article5Schema,
    key=("iso3",),
    source_columns=("source_url", "source_title"),
    as_of=lambda d: d.estimate_as_of.astype("string").fillna(d.land_released_year.astype("string")),
)


def load_article5(path=None):
    return load_source(SOURCE, path)
