"""Treaty membership of the states that ever joined, from the UN Treaty Collection (XXVI-5)."""
from pandera.typing import Series

from config import MEMBERSHIP_STATUSES
from data_loaders import fields
from data_loaders.base import SourceSchema, load_source
from data_loaders.source import Source, as_of_column, rule


class StatesPartiesSchema(SourceSchema):
    iso3: Series[str] = fields.country_code(name_column="state")
    state: Series[str] = fields.country_name()
    signature_date: Series[str] = fields.date()
    ratification_or_accession_date: Series[str] = fields.date(required=True)
    entry_into_force_date: Series[str] = fields.date(required=True)
    withdrawal_notified_date: Series[str] = fields.date()
    withdrawal_effective_date: Series[str] = fields.date()
    status: Series[str] = fields.vocabulary(MEMBERSHIP_STATUSES, required=True)
    source_url: Series[str] = fields.url()
    notes: Series[str] = fields.text()


SOURCE = Source(
    name="states_parties",
    title="Treaty membership (UN Treaty Collection, chapter XXVI-5)",
    schema=StatesPartiesSchema,
    key=("iso3",),
    source_columns=("source_url",),
    as_of=as_of_column("ratification_or_accession_date"),
    row_rules=(
        rule(("withdrawal_notified_date", "ratification_or_accession_date"),
             "withdrawal notified {withdrawal_notified_date} is before joining ({ratification_or_accession_date})",
             lambda d: d.withdrawal_notified_date < d.ratification_or_accession_date),
        rule(("withdrawal_effective_date", "ratification_or_accession_date"),
             "withdrawal effective {withdrawal_effective_date} is before joining ({ratification_or_accession_date})",
             lambda d: d.withdrawal_effective_date < d.ratification_or_accession_date),
        rule(("withdrawal_effective_date", "withdrawal_notified_date"),
             "withdrawal effective {withdrawal_effective_date} is before it was notified ({withdrawal_notified_date})",
             lambda d: d.withdrawal_effective_date < d.withdrawal_notified_date),
        rule(("status", "withdrawal_effective_date"),
             "status is 'withdrawn' but no withdrawal date is given",
             lambda d: (d.status == "withdrawn") & d.withdrawal_effective_date.isna()),
    ),
)


def load_states_parties(path=None):
    return load_source(SOURCE, path)
