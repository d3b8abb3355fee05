"""Land release per State Party and year; the same year may come from two sources, both kept."""
import pandas as pd
from pandera.typing import Series

from data_loaders import fields
from data_loaders.base import SourceSchema, load_source
from data_loaders.source import Source, as_of_column, rule


class Article5HistorySchema(SourceSchema):
    iso3: Series[str] = fields.country_code(name_column="state")
    state: Series[str] = fields.country_name()
    year: Series[pd.Int64Dtype] = fields.year(required=True)
    land_released_km2: Series[pd.Float64Dtype] = fields.amount()
    cleared_km2: Series[pd.Float64Dtype] = fields.amount()
    ap_mines_destroyed: Series[pd.Int64Dtype] = fields.count()
    source_url: Series[str] = fields.url()


SOURCE = Source(
    name="article5_history",
    title="Land release history",
    schema=Article5HistorySchema,
    key=("iso3", "year"),
    source_columns=("source_url",),
    as_of=as_of_column("year"),
    row_rules=(
        rule(("cleared_km2", "land_released_km2"),
             "cleared {cleared_km2} km2 is more than the land released {land_released_km2} km2",
             lambda d: d.cleared_km2 > d.land_released_km2),
    ),
)


def load_article5_history(path=None):
    return load_source(SOURCE, path)
