"""Periods as the data writes them ("2015", "2020-2021", "from 2013", "Sep 2024 to 2028", ...), read to years.

Only written forms are read: a text naming no range, start or end that we recognise ("multi-year",
"to completion") is 'not stated', never guessed as current or ended. Years only: a need dated
"to March 2023" ends in 2023.
"""
from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from i18n import N_

_YEAR = r"((?:19|20)\d{2})"
_MONTH = r"(?:[A-Za-z]{3,9}\.?\s+)?"  # "Sep 2024", "Jan 2018": the month is kept in the text, not read
# "2020-2021", "2015-Jan 2018", "Sep 2024 to 2028", "2019 to 2021", "2019/2020", "2019–2021"
_RANGE = re.compile(rf"{_MONTH}{_YEAR}\s*(?:-|–|to|/)\s*{_MONTH}{_YEAR}")
_FROM = re.compile(rf"\b(?:from|since|starting)\s+{_MONTH}{_YEAR}", re.IGNORECASE)
_UNTIL = re.compile(rf"^\s*(?:to|until|till|by)\s+{_MONTH}{_YEAR}\b", re.IGNORECASE)
_BEFORE = re.compile(rf"\b(?:pre-?|before\s+){_YEAR}", re.IGNORECASE)
_ONE_YEAR = re.compile(rf"^\s*(?:FY\s?)?{_MONTH}{_YEAR}\s*(?:\(.*\))?\s*$")  # "2015", "FY2024", "Sep 2024", "2015 (est.)"

CURRENT, ENDED, NOT_STATED = "current", "ended", "not_stated"
# What a page shows for each; "current" includes periods that start later.
PERIOD_STATUS_LABELS = {CURRENT: N_("current"), ENDED: N_("ended"), NOT_STATED: N_("period not stated")}


@dataclass(frozen=True)
class Period:
    start: int | None  # None: the text gives no first year ("to 2026")
    end: int | None  # None: open-ended ("from 2013")


def read_period(text: object) -> Period | None:
    """The years a period text states, or None when it states none we can read."""
    if not isinstance(text, str) or not text.strip():
        return None
    if found := _RANGE.search(text):
        start, end = int(found.group(1)), int(found.group(2))
        return Period(start, end) if end >= start else None
    if found := _FROM.search(text):
        return Period(int(found.group(1)), None)
    if found := _UNTIL.search(text):
        return Period(None, int(found.group(1)))
    if found := _BEFORE.search(text):
        return Period(None, int(found.group(1)) - 1)
    if found := _ONE_YEAR.match(text):
        year = int(found.group(1))
        return Period(year, year)
    return None


def period_status(text: object, today: dt.date) -> str:
    """current (not ended: running, open-ended or still to start), ended, or not_stated."""
    period = read_period(text)
    if period is None or (period.start is None and period.end is None):
        return NOT_STATED
    return ENDED if period.end is not None and period.end < today.year else CURRENT
