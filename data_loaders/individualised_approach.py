"""Individualised Approach events (committee conclusions, statements, state presentations)."""
from pandera.typing import Series

from data_loaders import fields
from data_loaders.base import SourceSchema, load_source
from data_loaders.source import Source, as_of_column


class IndividualisedApproachSchema(SourceSchema):
    iso3: Series[str] = fields.country_code(name_column="state", allow_non_state=True)
    state: Series[str] = fields.country_name()
    event: Series[str] = fields.text(required=True)
    date: Series[str] = fields.date(required=True, partial=True)
    venue: Series[str] = fields.text()
    notes: Series[str] = fields.text()
    source_url: Series[str] = fields.url()
    source: Series[str] = fields.text()


SOURCE = Source(
    name="individualised_approach",
    title="Individualised Approach events",
    schema=IndividualisedApproachSchema,
    key=("state", "event", "date"),
    source_columns=("source_url", "source"),
    as_of=as_of_column("date"),
)


def load_individualised_approach(path=None):
    return load_source(SOURCE, path)
