"""Mine/ERW casualties per state and year (Landmine Monitor and national counts, labelled)."""
import pandas as pd
from pandera.typing import Series

from data_loaders import fields
from data_loaders.base import SourceSchema, load_source
from data_loaders.source import Source, as_of_column, rule


class CasualtiesSchema(SourceSchema):
    iso3: Series[str] = fields.country_code(name_column="state")
    state: Series[str] = fields.country_name()
    year: Series[pd.Int64Dtype] = fields.year(required=True)
    casualties_total: Series[pd.Int64Dtype] = fields.count()
    killed: Series[pd.Int64Dtype] = fields.count()
    injured: Series[pd.Int64Dtype] = fields.count()
    civilian_share_pct: Series[pd.Float64Dtype] = fields.share()
    child_casualties: Series[pd.Int64Dtype] = fields.count()
    female_casualties: Series[pd.Int64Dtype] = fields.count()
    source_url: Series[str] = fields.url()
    notes: Series[str] = fields.text()


SOURCE = Source(
    name="casualties",
    title="Mine/ERW casualties by state and year",
    schema=CasualtiesSchema,
    key=("iso3", "year"),
    source_columns=("source_url",),
    as_of=as_of_column("year"),
    row_rules=(
        rule(("casualties_total", "killed", "injured"),
             "killed {killed} + injured {injured} is more than the total {casualties_total}",
             lambda d: d.killed + d.injured > d.casualties_total),
        rule(("child_casualties", "casualties_total"),
             "child casualties {child_casualties} are more than the total {casualties_total}",
             lambda d: d.child_casualties > d.casualties_total),
        rule(("female_casualties", "casualties_total"),
             "female casualties {female_casualties} are more than the total {casualties_total}",
             lambda d: d.female_casualties > d.casualties_total),
    ),
)


def load_casualties(path=None):
    return load_source(SOURCE, path)
