"""Periods read as the data writes them: current, ended or not stated, never guessed."""
import datetime as dt

import pandas as pd
import pytest

from domain.periods import CURRENT, ENDED, NOT_STATED, Period, period_status, read_period

TODAY = dt.date(2026, 12, 2)


@pytest.mark.parametrize("text, period", [
    ("2015", Period(2015, 2015)), ("2020-2021", Period(2020, 2021)), ("2019 to 2021", Period(2019, 2021)),
    ("FY2024", Period(2024, 2024)), ("from 2013", Period(2013, None)), ("from 2023 to completion", Period(2023, None)),
    ("Sep 2024 to 2028", Period(2024, 2028)), ("2015-Jan 2018", Period(2015, 2018)), ("to 2020", Period(None, 2020)),
    ("to March 2023", Period(None, 2023)), ("per year (2025-2026)", Period(2025, 2026)),
    ("to completion (third extension period 2026-2030)", Period(2026, 2030)), ("5 years (from 2024)", Period(2024, None)),
    ("pre-2013 (ahead of EU accession; deadline then 2019)", Period(None, 2012)),
    ("multi-year", None), ("multi-year (RDNA4, 2025)", None), ("to completion (Kurdistan Region only)", None),
    ("next year", None), ("ongoing", None), ("", None), (None, None), ("2025-2020", None),
])
def test_periods_are_read_as_written(text, period):
    assert read_period(text) == period


@pytest.mark.parametrize("text, status", [
    ("2026", CURRENT), ("2025", ENDED), ("2020-2021", ENDED), ("2024-2027", CURRENT), ("from 2013", CURRENT),
    ("to 2020", ENDED), ("to 2026", CURRENT), ("2031-2042", CURRENT), ("Sep 2024 to 2028", CURRENT),
    ("multi-year", NOT_STATED), ("to completion", NOT_STATED), (pd.NA, NOT_STATED), ("soon", NOT_STATED),
])
def test_a_period_is_current_ended_or_not_stated(text, status):
    assert period_status(text, TODAY) == status


def test_a_year_ends_on_its_last_day_not_its_first():
    assert period_status("2026", dt.date(2026, 1, 1)) == CURRENT
    assert period_status("2026", dt.date(2027, 1, 1)) == ENDED
