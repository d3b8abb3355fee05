"""Turn raw spreadsheet text into typed values, one reason per cell that cannot be read."""
from __future__ import annotations

import datetime as dt
import math
import re

import pandas as pd

from data_loaders.problems import Problem

MISSING_MARKERS = {"", "n/a", "na", "not reported", "-", "–", "—", ".."}
PLAIN_NUMBER = re.compile(r"^[+-]?(\d+(\.\d*)?|\.\d+)$")
# Beyond this a whole number cannot be stored exactly (and no count of people comes near it).
LARGEST_WHOLE = 2**53
THOUSANDS = re.compile(r"^[+-]?\d{1,3}([,\u00a0\u202f ]\d{3})+(\.\d+)?$")
NON_FINITE = {"nan", "inf", "+inf", "-inf", "infinity", "+infinity", "-infinity", "#num!", "#div/0!", "#value!"}
FULL_DATE = re.compile(r"^(\d{4})-(\d{2})-(\d{2})$")
YEAR_MONTH = re.compile(r"^(\d{4})-(\d{2})$")
YEAR_ONLY = re.compile(r"^(\d{4})(\.0+)?$")


class CellError(ValueError):
    pass


def read_number(text: str) -> float | None:
    value = text.strip()
    if value.casefold() in MISSING_MARKERS:
        return None
    if value.casefold() in NON_FINITE:
        raise CellError(f"'{value}' is not a finite number")
    if PLAIN_NUMBER.match(value):
        number = float(value)
    elif THOUSANDS.match(value):
        number = float(re.sub(r"[,\u00a0\u202f ]", "", value))
    elif re.match(r"^[+-]?\d+,\d+$", value):
        raise CellError(f"'{value}' is ambiguous: write decimals with a point (13.81) and no thousands commas")
    else:
        raise CellError(f"'{value}' is text where a number belongs")
    if not math.isfinite(number):
        raise CellError(f"'{value}' is not a finite number")
    return number


def read_whole(text: str, what: str) -> int | None:
    number = read_number(text)
    if number is None:
        return None
    if not number.is_integer():
        raise CellError(f"'{text.strip()}' is not a whole number of {what}")
    if abs(number) > LARGEST_WHOLE:
        raise CellError(f"'{text.strip()}' is too large to be a number of {what}")
    return int(number)


def read_date(text: str, partial: bool) -> str | None:
    value = text.strip()
    if value.casefold() in MISSING_MARKERS:
        return None
    if value.endswith("T00:00:00") or value.endswith(" 00:00:00"):
        value = value[:10]
    if match := FULL_DATE.match(value):
        try:
            return dt.date(*map(int, match.groups())).isoformat()
        except ValueError:
            raise CellError(f"'{value}' is not a real date") from None
    if partial and (match := YEAR_MONTH.match(value)):
        if not 1 <= int(match.group(2)) <= 12:
            raise CellError(f"'{value}' is not a real month")
        return value
    if partial and (match := YEAR_ONLY.match(value)):
        return match.group(1)
    formats = "YYYY-MM-DD, YYYY-MM or YYYY" if partial else "YYYY-MM-DD"
    raise CellError(f"'{value}' is not a date written {formats}")


def read_text(text: str) -> str | None:
    # Text is kept verbatim (HTML or a formula in a note is data); only an empty cell is missing.
    return text if text.strip() else None


def read_code_or_name(text: str) -> str | None:
    value = text.strip()
    return value or None


def read_vocabulary(text: str, allowed: list[str]) -> str | None:
    value = text.strip()
    if not value:
        return None
    folded = value.casefold()
    for candidate in (folded, folded.replace(" ", "_").replace("-", "_")):
        if candidate in allowed:
            return candidate
    return value  # left for the schema to reject with the list of allowed values


def parse_column(raw: pd.Series, column: str, kind: str, allowed: list[str] | None) -> tuple[list, list[Problem]]:
    values: list = []
    problems: list[Problem] = []
    for row, text in raw.items():
        try:
            if kind == "count":
                values.append(read_whole(text, "people or items"))
            elif kind == "year":
                values.append(read_whole(text, "years"))
            elif kind == "number":
                values.append(read_number(text))
            elif kind in ("date", "partial_date"):
                values.append(read_date(text, partial=kind == "partial_date"))
            elif kind == "vocabulary":
                values.append(read_vocabulary(text, allowed or []))
            elif kind in ("country_code", "country_name", "url"):
                values.append(read_code_or_name(text))
            else:
                values.append(read_text(text))
        except CellError as err:
            values.append(None)
            problems.append(Problem(int(row), column, str(err)))
    return values, problems
