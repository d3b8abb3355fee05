"""Field builders for the pandera schemas; `metadata["kind"]` tells the parser how to read text."""
from __future__ import annotations

import datetime as dt

import pandera.pandas as pa

FIRST_YEAR = 1900


def _field(kind: str, required: bool = False, **checks) -> object:
    return pa.Field(nullable=not required, metadata={"kind": kind}, **checks)


def text(required: bool = False):
    return _field("text", required)


def country_code(name_column: str, allow_non_state: bool = False, organisation_ok: bool = False):
    """An ISO3 column paired with a name column; either may hold a name or a code."""
    return pa.Field(
        nullable=True,
        metadata={
            "kind": "country_code",
            "name_column": name_column,
            "allow_non_state": allow_non_state,
            "organisation_ok": organisation_ok,
        },
    )


def country_name(required: bool = True):
    return _field("country_name", required)


def count(required: bool = False):
    """A number of people, mines or events: whole and not negative."""
    return _field("count", required, ge=0)


def amount():
    """An area or a money amount: not negative."""
    return _field("number", False, ge=0)


def share():
    return _field("number", False, ge=0, le=100)


def number(required: bool = False):
    return _field("number", required)


def year(required: bool = False):
    """A year a figure refers to: never in the future."""
    return _field("year", required, ge=FIRST_YEAR, le=dt.date.today().year)


def date(required: bool = False, partial: bool = False):
    """An ISO date; `partial` also accepts YYYY-MM and YYYY where the source gave no day."""
    return _field("partial_date" if partial else "date", required)


def url(required: bool = False):
    return _field("url", required, str_matches=r"^https?://\S+$")


def vocabulary(values: tuple[str, ...], required: bool = False):
    return pa.Field(nullable=not required, isin=list(values), metadata={"kind": "vocabulary"})


def donor_name():
    """A donor named without a code: must be a state or an organisation, never guessed."""
    return pa.Field(nullable=False, metadata={"kind": "donor_name"})
