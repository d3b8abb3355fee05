"""The /meetings table: events across States, upcoming first, filtered by State, region, kind and dates."""
import datetime as dt

import pandas as pd

from data_loaders.validated import load_validated
from domain.meetings import MeetingFilters, compiled_events, compiled_kind, filter_meetings, meetings_frame
from domain.state_page import IAEvent

TODAY = "2026-05-01"
EVENTS = [
    IAEvent(1, "ZWE", "follow_up", "2026-09-14", "Harare", "planned", "follow-up with partners"),
    IAEvent(2, "SDN", "launch", "2017-06-08", "Geneva", "held", "launch", source="committee"),
    IAEvent(3, "LKA", "stakeholder_meeting", "2026-06", "Colombo", "planned", "in-country meeting"),
    IAEvent(4, "SRB", "committee_meeting", "2026-04-02", "Geneva", "planned", "planned, but its date passed"),
]
NAMES = {"ZWE": "Zimbabwe", "SDN": "Sudan", "LKA": "Sri Lanka", "SRB": "Serbia"}


def test_upcoming_only_by_default_in_date_order_with_region_and_page_link():
    frame = meetings_frame(EVENTS, NAMES, TODAY)
    shown = filter_meetings(frame, MeetingFilters())
    assert shown["iso3"].tolist() == ["LKA", "ZWE"]
    assert shown["region"].tolist() == ["Asia", "Africa"]
    assert shown["page"].tolist() == ["/country?iso3=LKA", "/country?iso3=ZWE"]
    assert filter_meetings(frame, MeetingFilters(include_held=True))["iso3"].tolist() == ["SDN", "SRB", "LKA", "ZWE"]


def test_filters_by_state_region_kind_and_dates():
    frame = meetings_frame(EVENTS, NAMES, TODAY)
    every = MeetingFilters(include_held=True)
    assert filter_meetings(frame, MeetingFilters(states=("ZWE",)))["iso3"].tolist() == ["ZWE"]
    assert filter_meetings(frame, MeetingFilters(regions=("Europe",), include_held=True))["iso3"].tolist() == ["SRB"]
    assert filter_meetings(frame, MeetingFilters(kinds=("launch",), include_held=True))["iso3"].tolist() == ["SDN"]
    june = MeetingFilters(start=dt.date(2026, 6, 15), end=dt.date(2026, 12, 31), include_held=True)
    assert filter_meetings(frame, june)["iso3"].tolist() == ["LKA", "ZWE"]  # June 2026 lasts the month
    assert filter_meetings(frame, MeetingFilters(end=dt.date(2026, 6, 30)))["iso3"].tolist() == ["LKA"]
    assert len(filter_meetings(frame, every)) == 4


def test_an_empty_list_gives_an_empty_table_with_its_columns():
    shown = filter_meetings(meetings_frame([], NAMES, TODAY), MeetingFilters())
    assert shown.empty and {"date", "state", "kind", "source", "page"} <= set(shown.columns)


def test_the_compiled_events_with_their_kinds_and_sources():
    assert compiled_kind("Committee follow-up meeting on the 2017 IA") == "follow_up"
    assert compiled_kind("National stakeholder dialogue on humanitarian demining") == "stakeholder_meeting"
    assert compiled_kind("Individualised Approach platform launched at the intersessional meetings") == "launch"
    events = compiled_events(load_validated("individualised_approach"), TODAY)
    assert {e.iso3 for e in events} >= {"SDN", "ZWE", "SRB", "LKA"} and all(e.iso3 for e in events)
    sudan = next(e for e in events if e.iso3 == "SDN" and e.date == "2017-06-08")
    assert sudan.kind == "launch" and sudan.status == "held" and sudan.source_url.startswith("https://")
    assert all(e.source or e.source_url for e in events)
    assert isinstance(meetings_frame(events, {}, TODAY), pd.DataFrame)
