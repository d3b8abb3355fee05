"""Today's date, read once at the top of each page run: every date-dependent cache is keyed by it.

A server runs for days; a cache keyed without the date would keep the day it started (deadlines
passed, years left). Tests move this clock to check that.
"""
from __future__ import annotations

import datetime as dt


def today() -> dt.date:
    return dt.date.today()
