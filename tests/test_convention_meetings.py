"""The Convention's meetings: the shipped calendar loads, a bad one is refused cell by cell, and the domain picks
the last meeting before a day and the day a meeting's view stands on."""
from __future__ import annotations

import datetime as dt

import pandas as pd
import pytest

from data_loaders.convention_meetings import MEETINGS_FILE, SOURCE, load_convention_meetings
from data_loaders.problems import DataValidationError
from data_loaders.validated import table_names
from domain.convention_meetings import (
    KINDS,
    ConventionMeeting,
    last_meeting_before,
    meeting_by_key,
    meetings_from_frame,
    shown_at,
)
from tests.helpers import DATA_DIR, write_csv

HEADER = ["key", "kind", "name", "name_fr", "name_es", "start", "end", "venue", "source_url", "notes"]


def _row(**changes: str) -> dict[str, str]:
    row = {"key": "9MSP", "kind": "msp", "name": "Ninth Meeting of the States Parties",
           "name_fr": "Neuvième Assemblée des États parties", "name_es": "Novena Reunión de los Estados Partes",
           "start": "2008-11-24",
           "end": "2008-11-28", "venue": "Geneva", "source_url": "https://example.org/9msp", "notes": ""}
    return {**row, **changes}


def _problems(tmp_path, rows) -> list[tuple[int, str, str]]:
    path = write_csv(tmp_path / "convention_meetings.csv", HEADER, rows)
    with pytest.raises(DataValidationError) as refused:
        load_convention_meetings(path)
    assert refused.value.file == str(path)
    return [(p.row, p.column, p.reason) for p in refused.value.problems]


def test_the_shipped_calendar_loads_with_a_source_for_every_meeting():
    table = load_convention_meetings()
    assert list(table.columns[:10]) == HEADER
    assert table["key"].is_unique
    assert set(table["kind"]) == set(KINDS)
    assert table["source_url"].str.startswith("http").all()
    meetings = meetings_from_frame(table)
    assert len(meetings) == len(table)
    assert all(m.start <= m.end for m in meetings)


def test_the_calendar_is_not_a_reference_table():
    # data/*.csv are the reference tables the editions copy; the calendar sits one folder down.
    assert MEETINGS_FILE.parent == DATA_DIR / "calendar"
    assert "convention_meetings" not in table_names()


def test_a_good_file_loads(tmp_path):
    path = write_csv(tmp_path / "m.csv", HEADER, [_row(), _row(key="IS2009", kind="intersessional",
                                                                name="Intersessional meetings", start="2009-05-25",
                                                                end="2009-05-29", venue="")])
    table = load_convention_meetings(path)
    assert table["key"].tolist() == ["9MSP", "IS2009"]
    assert table["source_row"].tolist() == [2, 3]
    assert pd.isna(table.loc[1, "venue"])


@pytest.mark.parametrize("changes, column, reason", [
    ({"start": "2008-11-31"}, "start", "'2008-11-31' is not a real date"),
    ({"end": "28 November 2008"}, "end", "'28 November 2008' is not a date written YYYY-MM-DD"),
    ({"start": "2008-11"}, "start", "'2008-11' is not a date written YYYY-MM-DD"),
    ({"start": ""}, "start", "a value is required"),
    ({"end": "2008-11-23"}, "end", "the meeting ends (2008-11-23) before it starts (2008-11-24)"),
    ({"kind": "summit"}, "kind", "'summit' is not an allowed value; allowed: msp, review_conference, intersessional"),
    ({"source_url": ""}, "source_url", "the row names no source"),
    ({"source_url": "apminebanconvention.org"}, "source_url",
     "'apminebanconvention.org' is not a web link (must start with http:// or https://)"),
    ({"key": ""}, "key", "a value is required"),
])
def test_a_bad_cell_is_refused_with_its_row_column_and_reason(tmp_path, changes, column, reason):
    assert _problems(tmp_path, [_row(key="8MSP"), _row(**changes)]) == [(3, column, reason)]


def test_a_key_used_twice_is_refused(tmp_path):
    rows = [_row(), _row(name="Another", source_url="https://example.org/other")]
    assert _problems(tmp_path, rows) == [(3, "key", "key 9MSP is already used on row 2")]


def test_a_repeated_row_is_reported_once_as_a_repeat(tmp_path):
    # A table of text only, with a blank cell: still told apart from a row with different values.
    assert _problems(tmp_path, [_row(), _row()]) == [(3, "key", "repeats row 2")]


def test_an_unknown_column_is_refused(tmp_path):
    path = write_csv(tmp_path / "m.csv", [*HEADER, "president"], [{**_row(), "president": "Canada"}])
    with pytest.raises(DataValidationError, match="unknown column for convention_meetings"):
        load_convention_meetings(path)
    assert SOURCE.columns == HEADER


# The domain, on small data

def _meeting(key: str, start: str, end: str, kind: str = "msp") -> ConventionMeeting:
    return ConventionMeeting(key, kind, f"Meeting {key}", dt.date.fromisoformat(start), dt.date.fromisoformat(end),
                             "Geneva", f"https://example.org/{key}")


IS = _meeting("IS2025", "2025-06-17", "2025-06-20", "intersessional")
MSP = _meeting("22MSP", "2025-12-01", "2025-12-05")
RC = _meeting("5RC", "2024-11-25", "2024-11-29", "review_conference")


def test_meetings_from_a_frame_are_sorted_by_their_first_day():
    frame = pd.DataFrame([
        {"key": m.key, "kind": m.kind, "name": m.name, "start": m.start.isoformat(), "end": m.end.isoformat(),
         "venue": m.venue, "source_url": m.source_url, "notes": pd.NA}
        for m in (MSP, RC, IS)
    ]).astype("string")
    frame.loc[0, "venue"] = pd.NA
    meetings = meetings_from_frame(frame)
    assert [m.key for m in meetings] == ["5RC", "IS2025", "22MSP"]
    assert meetings[2].venue is None and meetings[0].venue == "Geneva"
    assert meetings[2].start == dt.date(2025, 12, 1)
    assert meetings[2].name_in("fr") == meetings[2].name  # no French name given: the English one


def test_the_shipped_meetings_have_their_names_in_the_three_languages():
    meetings = {m.key: m for m in meetings_from_frame(load_convention_meetings())}
    assert meetings["22MSP"].name_in("en") == "Twenty-Second Meeting of the States Parties"
    assert meetings["22MSP"].name_in("fr") == "Vingt-deuxième Assemblée des États parties"
    assert meetings["22MSP"].name_in("es") == "Vigésima Segunda Reunión de los Estados Partes"


@pytest.mark.parametrize("day, expected", [
    (dt.date(2024, 11, 29), None),  # the 5RC is still sitting on its last day
    (dt.date(2024, 11, 30), "5RC"),
    (dt.date(2025, 6, 18), "5RC"),  # during the intersessionals the last one over is the 5RC
    (dt.date(2025, 6, 21), "IS2025"),
    (dt.date(2025, 12, 5), "IS2025"),
    (dt.date(2026, 12, 2), "22MSP"),
])
def test_the_last_meeting_before_a_day_ended_before_it(day, expected):
    found = last_meeting_before((MSP, IS, RC), day)
    assert (found.key if found else None) == expected


def test_no_meeting_before_an_empty_calendar():
    assert last_meeting_before((), dt.date(2026, 1, 1)) is None


def test_a_meeting_by_its_key_and_the_day_its_view_stands_on():
    assert meeting_by_key((MSP, IS, RC), "IS2025") is IS
    assert meeting_by_key((MSP, IS, RC), "23MSP") is None
    assert shown_at(MSP) == dt.date(2025, 12, 1)
