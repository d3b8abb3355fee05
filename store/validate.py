"""Check form values with the validation command's rules; return clean values or raise InvalidRecord.

The rules are data_loaders' own: numbers read by `data_loaders.parsing`, countries by
`domain.countries.to_iso3` (never guessed), areas from config.NEED_AREAS, the same URL pattern and
cell-size limit. Every problem is reported at once, each naming its field.
"""
from __future__ import annotations

import math
import re
from collections.abc import Callable, Mapping

from config import MAX_CELL_CHARS, NEED_AREAS
from data_loaders.parsing import CellError, read_date, read_number, read_vocabulary, read_whole
from domain.countries import country_name, to_iso3
from domain.periods import read_period
from i18n import N_
from store.errors import InvalidRecord

# Refusal reasons, in English here; marked so the pages show them in the reader's language.
REQUIRED = N_("a value is required")
TOO_LONG = N_("{length} characters; the limit is {limit}")
NOT_A_NUMBER = N_("'{value}' is not a number")
NOT_FINITE = N_("'{value}' is not a finite number")
NEGATIVE = N_("{value} is negative")
NOT_ALLOWED = N_("'{value}' is not an allowed value; allowed: {allowed}")
NOT_A_STATE = N_("'{value}' is not a state we can name for sure ({why}); give its ISO3 code")
NOT_A_LINK = N_("'{value}' is not a web link (must start with http:// or https://)")
NOT_A_CURRENCY = N_("'{value}' is not a three-letter currency code (USD, EUR, ...)")
CHOOSE_AREA = N_("choose at least one of: {areas}")
NAME_TARGETS = N_("name target states or regions, or 'any'")
ANY_ALONE = N_("'any' stands alone")
NOT_A_YEAR = N_("{value} is not a plausible year")
NOT_YES_NO = N_("'{value}' is not yes or no")
NOT_A_RECORD = N_("'{value}' is not a record number")
NOT_A_FIELD = N_("not a field of this record")
UNREADABLE = N_("'{value}' cannot be read ({error})")
NEEDS_CURRENCY = N_("an amount needs its currency")
IS_A_STATE = N_("'{value}' is a state: choose provider kind 'state'")
YEARS_REVERSED = N_("{end} is before the first year {start}")
# The forms domain.periods reads, named in the refusal so the person knows what to type.
NOT_A_PERIOD = N_("'{value}' is not a period we can read: write a year (2026), a range (2026-2028) or 'from 2026'")


NEED_STATUSES = ("open", "partly_met", "met", "withdrawn")
URGENCIES = ("low", "medium", "high")
OFFER_STATUSES = ("open", "matched", "closed", "withdrawn")
MODALITIES = ("funding", "equipment", "technical_expertise", "training", "south_south_cooperation")
PROVIDER_KINDS = ("state", "organisation")
PARTNERSHIP_STATUSES = ("proposed", "agreed", "funded", "delivered")  # in this order
UN_REGIONS = ("Africa", "Americas", "Asia", "Europe", "Oceania")  # as domain.countries.un_region names them
URL = re.compile(r"^https?://\S+$")  # data_loaders.fields.url's pattern
CURRENCY = re.compile(r"^[A-Z]{3}$")  # an ISO 4217 code

NEED_FIELDS = ("iso3", "state_name", "area", "description", "amount", "currency", "usd_million", "period",
               "urgency", "status", "source_url", "notes")
OFFER_FIELDS = ("provider_kind", "provider_name", "modality", "areas", "targets", "amount", "currency",
                "usd_million", "period", "conditions", "contact", "status", "source_url", "notes")
PARTNERSHIP_FIELDS = ("need_id", "offer_id", "status", "amount", "currency", "usd_million", "notes",
                      "need_side_responsibilities", "offer_side_responsibilities", "targets",
                      "targets_age_gender_sensitive", "commitment_from_year", "commitment_to_year", "dialogue_dates")


def _blank(value) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


def text(value, required: bool = False):
    if _blank(value):
        if required:
            raise CellError(REQUIRED)
        return None
    value = str(value)  # kept verbatim: HTML or a formula typed in a note is data, shown as text
    if len(value) > MAX_CELL_CHARS:
        raise CellError(TOO_LONG.format(length=len(value), limit=MAX_CELL_CHARS))
    return value


def period(value, required: bool = False):
    """A period typed in a form: one the needs page can date (current or ended). Reference rows keep the
    source's wording ("multi-year"), shown there as 'period not stated'."""
    value = text(value, required)
    if value is not None and read_period(value) is None:
        raise CellError(NOT_A_PERIOD.format(value=value))
    return value


def amount(value, decimals: int):
    if isinstance(value, bool):
        raise CellError(NOT_A_NUMBER.format(value=value))
    number = read_number(value) if isinstance(value, str) else None if value is None else float(value)
    if number is None:
        return None
    if not math.isfinite(number):
        raise CellError(NOT_FINITE.format(value=value))
    if number < 0:
        raise CellError(NEGATIVE.format(value=value))
    return round(number, decimals)


def vocabulary(allowed: tuple[str, ...], required: bool = False, default: str | None = None):
    def check(value):
        if _blank(value):
            if required and default is None:
                raise CellError(REQUIRED)
            return default
        word = read_vocabulary(str(value), list(allowed))
        if word not in allowed:
            raise CellError(NOT_ALLOWED.format(value=value, allowed=", ".join(allowed)))
        return word

    return check


def state(value) -> str:
    if _blank(value):
        raise CellError(REQUIRED)
    match = to_iso3(str(value))
    if not match.is_state:
        raise CellError(NOT_A_STATE.format(value=value, why=match.reason or match.kind))
    return match.iso3


def url(value):
    value = text(value)
    if value is not None and not URL.match(value):
        raise CellError(NOT_A_LINK.format(value=value))
    return value


def currency(value):
    if _blank(value):
        return None
    code = str(value).strip().upper()
    if not CURRENCY.match(code):
        raise CellError(NOT_A_CURRENCY.format(value=value))
    return code


def items(value) -> list[str]:
    """A list from a form's multiselect, or from one cell separated by commas or semicolons."""
    if _blank(value):
        return []
    parts = re.split(r"[;,]", value) if isinstance(value, str) else list(value)
    return [str(part).strip() for part in parts if not _blank(part)]


def areas(value) -> list[str]:
    chosen = [vocabulary(NEED_AREAS, required=True)(area) for area in items(value)]
    if not chosen:
        raise CellError(CHOOSE_AREA.format(areas=", ".join(NEED_AREAS)))
    return list(dict.fromkeys(chosen))


def targets(value) -> list[str]:
    """ISO3 codes, UN regions, or ["any"]."""
    chosen = items(value)
    if not chosen:
        raise CellError(NAME_TARGETS)
    if any(t.casefold() == "any" for t in chosen):
        if len(chosen) > 1:
            raise CellError(ANY_ALONE)
        return ["any"]
    regions = {region.casefold(): region for region in UN_REGIONS}
    return list(dict.fromkeys(regions.get(t.casefold()) or state(t) for t in chosen))


def year(value):
    if isinstance(value, str):
        number = read_whole(value, "years")
    elif value is None:
        number = None
    else:
        number = int(value)
    if number is not None and not 1900 <= number <= 2100:
        raise CellError(NOT_A_YEAR.format(value=number))
    return number


def dates(value) -> list[str]:
    return sorted({read_date(str(d), partial=False) for d in items(value)})


def flag(value) -> bool:
    if isinstance(value, str):
        if value.strip().casefold() in ("yes", "true", "1"):
            return True
        if _blank(value) or value.strip().casefold() in ("no", "false", "0"):
            return False
        raise CellError(NOT_YES_NO.format(value=value))
    return bool(value)


def record_id(value) -> int:
    if isinstance(value, bool) or _blank(value):
        raise CellError(REQUIRED)
    try:
        return int(value)
    except (TypeError, ValueError):
        raise CellError(NOT_A_RECORD.format(value=value)) from None


def _run(values: Mapping, fields: tuple[str, ...], rules: dict[str, Callable]) -> tuple[dict, dict]:
    problems = {field: NOT_A_FIELD for field in values if field not in fields}
    clean = {}
    for field, rule in rules.items():
        try:
            clean[field] = rule(values.get(field))
        except CellError as err:
            problems[field] = str(err)
        except (TypeError, ValueError) as err:
            problems[field] = UNREADABLE.format(value=values.get(field), error=err)
    return clean, problems


def _money_rules(clean: dict, problems: dict) -> None:
    if clean.get("amount") is not None and not clean.get("currency") and "currency" not in problems:
        problems["currency"] = NEEDS_CURRENCY
    if clean.get("currency") == "USD" and clean.get("amount") is not None and clean.get("usd_million") is None:
        clean["usd_million"] = round(clean["amount"] / 1e6, 6)


def _finish(clean: dict, problems: dict) -> dict:
    if problems:
        raise InvalidRecord(problems)
    return clean


def validate_need(values: Mapping, *, reference: bool = False) -> dict:
    """A need as a form gives it. `reference` rows may name no single state (e.g. a global appeal)."""
    no_state = reference and _blank(values.get("iso3")) and not _blank(values.get("state_name"))
    clean, problems = _run(values, NEED_FIELDS, {
        "iso3": (lambda v: None) if no_state else state,
        "area": vocabulary(NEED_AREAS, required=True),
        "description": lambda v: text(v, required=True),
        "amount": lambda v: amount(v, 2),
        "currency": currency,
        "usd_million": lambda v: amount(v, 6),
        "period": (lambda v: text(v, required=True)) if reference else (lambda v: period(v, required=True)),
        "urgency": vocabulary(URGENCIES),
        "status": vocabulary(NEED_STATUSES, default=None if reference else "open"),
        "source_url": url,
        "notes": text,
    })
    _money_rules(clean, problems)
    clean["state_name"] = text(values.get("state_name")) if no_state else country_name(clean.get("iso3") or "")
    return _finish(clean, problems)


def _provider(clean: dict, problems: dict, name) -> None:
    kind = clean.get("provider_kind")
    try:
        name = text(name, required=True)
        if kind == "state":
            clean["provider_iso3"] = state(name)
            clean["provider_name"] = country_name(clean["provider_iso3"])
        elif kind == "organisation":
            if to_iso3(name).is_state:
                raise CellError(IS_A_STATE.format(value=name))
            clean["provider_iso3"], clean["provider_name"] = None, name.strip()
    except CellError as err:
        problems["provider_name"] = str(err)


def validate_offer(values: Mapping) -> dict:
    clean, problems = _run(values, OFFER_FIELDS, {
        "provider_kind": vocabulary(PROVIDER_KINDS, required=True),
        "modality": vocabulary(MODALITIES, required=True),
        "areas": areas,
        "targets": targets,
        "amount": lambda v: amount(v, 2),
        "currency": currency,
        "usd_million": lambda v: amount(v, 6),
        "period": period,
        "conditions": text,
        "contact": text,
        "status": vocabulary(OFFER_STATUSES, default="open"),
        "source_url": url,
        "notes": text,
    })
    _provider(clean, problems, values.get("provider_name"))
    _money_rules(clean, problems)
    return _finish(clean, problems)


def validate_partnership(values: Mapping) -> dict:
    clean, problems = _run(values, PARTNERSHIP_FIELDS, {
        "need_id": record_id,
        "offer_id": record_id,
        "status": vocabulary(PARTNERSHIP_STATUSES, default="proposed"),
        "amount": lambda v: amount(v, 2),
        "currency": currency,
        "usd_million": lambda v: amount(v, 6),
        "notes": text,
        "need_side_responsibilities": text,
        "offer_side_responsibilities": text,
        "targets": text,
        "targets_age_gender_sensitive": flag,
        "commitment_from_year": year,
        "commitment_to_year": year,
        "dialogue_dates": dates,
    })
    _money_rules(clean, problems)
    start, end = clean.get("commitment_from_year"), clean.get("commitment_to_year")
    if start is not None and end is not None and end < start:
        problems["commitment_to_year"] = YEARS_REVERSED.format(end=end, start=start)
    return _finish(clean, problems)
