"""States not party to the Convention (the withdrawn states appear here too, marked FORMER)."""
from pandera.typing import Series

from data_loaders import fields
from data_loaders.base import SourceSchema, load_source
from data_loaders.source import Source


class StatesNotPartySchema(SourceSchema):
    iso3: Series[str] = fields.country_code(name_column="state")
    state: Series[str] = fields.country_name()
    notes: Series[str] = fields.text()
    source_url: Series[str] = fields.url()


SOURCE = Source(
    name="states_not_party",
    title="States not party to the Convention",
    schema=StatesNotPartySchema,
    key=("iso3",),
    source_columns=("source_url",),
    as_of=lambda d: d.notes.str.extract(r"status (\d{4}-\d{2}-\d{2})", expand=False).astype("string"),
)


def load_states_not_party(path=None):
    return load_source(SOURCE, path)
