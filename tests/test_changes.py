"""The Changes page's records: what two editions, the deadlines, IA events, reports and the registry say changed."""
import datetime as dt
from dataclasses import dataclass
from pathlib import Path

import pandas as pd
import pytest

from data_loaders.registry import LOADERS
from domain.changes import (
    AREA_LABELS,
    AREAS,
    COLUMNS,
    KIND_AREAS,
    KIND_LABELS,
    Change,
    RegistryChange,
    build_changes,
    by_area,
    by_state,
    changes_frame,
    compare_editions,
    deadline_day,
    deadlines_passed,
    ia_events_held,
    registry,
    reports_published,
)
from domain.panel import ReferenceTables
from domain.state_page import IAEvent
from tests.helpers import row, write_source_csv

DAY = dt.date(2026, 12, 1)
MONITOR = "http://www.the-monitor.org/en-gb/reports/2023/angola/impact.aspx"
APOPO = "https://apopo.org/?p=205344"
ANGOLA = {"ap_contamination_km2": "68", "estimate_as_of": "2022", "source_url": MONITOR}


def _tables(folder: Path, article5=(), history=(), casualties=(), needs=()) -> ReferenceTables:
    """Small tables as the loaders return them (validated, typed); the ones changes never read are empty."""
    folder.mkdir()
    load = {name: _load(folder, name, list(rows)) for name, rows in (
        ("article5", article5), ("article5_history", history), ("casualties", casualties), ("stated_needs", needs))}
    empty = pd.DataFrame()
    return ReferenceTables(states_parties=empty, article5=load["article5"], article5_history=load["article5_history"],
                           casualties=load["casualties"], victim_assistance=empty, support_by_recipient=empty,
                           stated_needs=load["stated_needs"], individualised_approach=empty)


def _load(folder: Path, name: str, rows: list[dict]) -> pd.DataFrame:
    """A loaded table; with no rows, the loaded columns and types and no row (a file needs one to load)."""
    table = LOADERS[name](write_source_csv(folder / f"{name}.csv", name, rows or [row(name)]))
    return table if rows else table.iloc[:0]


def _compare(tmp_path: Path, before: dict, after: dict) -> list[Change]:
    return compare_editions(_tables(tmp_path / "before", **before), _tables(tmp_path / "after", **after), DAY)


def test_angolas_new_area_is_listed_old_to_new_with_both_sources(tmp_path):
    changes = _compare(tmp_path, {"article5": [row("article5", **ANGOLA)]},
                       {"article5": [row("article5", ap_contamination_km2="67.43", estimate_as_of="2023",
                                         source_url=APOPO)]})
    assert changes == [Change("contamination_changed", "article5", "AGO", "Angola", DAY, "68 km² (2022)",
                              "67.43 km² (2023)", MONITOR, APOPO, "")]


def test_a_new_source_for_the_same_figure_is_not_a_change(tmp_path):
    assert _compare(tmp_path, {"article5": [row("article5", **ANGOLA)]},
                    {"article5": [row("article5", **{**ANGOLA, "source_url": APOPO})]}) == []


def test_no_older_edition_means_nothing_to_compare(tmp_path):
    assert compare_editions(None, _tables(tmp_path / "after", article5=[row("article5")]), DAY) == []


def test_a_blank_area_reads_not_reported_never_zero(tmp_path):
    blank = row("article5", ap_contamination_km2="", estimate_as_of="")
    found = _compare(tmp_path, {"article5": [blank]}, {"article5": [row("article5", **ANGOLA)]})
    assert [(c.kind, c.old, c.new) for c in found] == [("contamination_changed", "not reported", "68 km² (2022)")]
    lost = compare_editions(_tables(tmp_path / "b2", article5=[row("article5", **ANGOLA)]),
                            _tables(tmp_path / "a2", article5=[blank]), DAY)
    assert [(c.kind, c.old, c.new) for c in lost] == [("contamination_changed", "68 km² (2022)", "not reported")]


def test_an_article5_state_new_to_the_table_had_no_old_value(tmp_path):
    found = _compare(tmp_path, {"article5": []}, {"article5": [row("article5", **ANGOLA)]})
    assert [(c.kind, c.old, c.new, c.old_source) for c in found] == [
        ("contamination_changed", None, "68 km² (2022)", None), ("land_released", None, "13.81 km² (2022)", None)]


def test_a_later_deadline_is_an_extension_a_year_made_precise_is_not(tmp_path):
    found = _compare(tmp_path, {"article5": [row("article5", article5_deadline="2025-12-31"),
                                             row("article5", iso3="TCD", state="Chad", article5_deadline="2025")]},
                     {"article5": [row("article5", article5_deadline="2030-12-31", source_url=APOPO),
                                   row("article5", iso3="TCD", state="Chad", article5_deadline="2025-12-31")]})
    assert found == [Change("deadline_extended", "article5", "AGO", "Angola", DAY, "2025-12-31", "2030-12-31",
                            "https://example.org/angola", APOPO, "")]


def test_a_completion_newly_declared_is_listed(tmp_path):
    oman = {"iso3": "OMN", "state": "Oman", "ap_contamination_km2": "", "estimate_as_of": "", "land_released_km2": "",
            "land_released_year": ""}
    found = _compare(tmp_path, {"article5": [row("article5", **oman)]},
                     {"article5": [row("article5", **oman, completion_declared="2025")]})
    assert [(c.kind, c.iso3, c.old, c.new) for c in found] == [("completion_declared", "OMN", "not reported", "2025")]


def test_land_release_changed_or_added_to_the_history(tmp_path):
    found = _compare(
        tmp_path,
        {"article5": [row("article5")], "history": [row("article5_history")]},
        {"article5": [row("article5", land_released_km2="9.5", land_released_year="2023")],
         "history": [row("article5_history"), row("article5_history", year="2011", land_released_km2="33",
                                                  source_url="https://example.org/khm2011")]})
    assert [(c.kind, c.iso3, c.old, c.new, c.new_source) for c in found] == [
        ("land_released", "AGO", "13.81 km² (2022)", "9.5 km² (2023)", "https://example.org/angola"),
        ("land_released", "KHM", None, "33 km² (2011)", "https://example.org/khm2011")]


def test_casualty_years_added_are_listed_a_blank_total_as_not_reported(tmp_path):
    kept = row("casualties", year="2021")
    found = _compare(
        tmp_path, {"casualties": [kept, row("casualties", year="2020")]},
        {"casualties": [kept, row("casualties", year="2020", casualties_total="12", source_url="https://example.org/r"),
                        row("casualties", year="2022", casualties_total="107", killed="", injured="",
                            child_casualties="", female_casualties=""),
                        row("casualties", iso3="IRQ", state="Iraq", year="2024", casualties_total="", killed="",
                            injured="", child_casualties="", female_casualties="")]})
    assert [(c.kind, c.iso3, c.detail, c.old, c.new, c.old_source, c.new_source) for c in found] == [
        ("casualties_reported", "AGO", "2020", "10", "12", "https://example.org/angola", "https://example.org/r"),
        ("casualties_reported", "AGO", "2022", None, "107", None, "https://example.org/angola"),
        ("casualties_reported", "IRQ", "2024", None, "not reported", None, "https://example.org/angola")]


def test_a_new_need_is_listed_with_its_amount_and_period(tmp_path):
    known = row("stated_needs")
    afghanistan = row("stated_needs", description="2012 extension request budget", amount_usd_million="773",
                      period="2013-2023", source_url="https://example.org/afg-2012")
    no_amount = row("stated_needs", iso3="COL", state="Colombia", description="a plan", amount_usd_million="",
                    period="2016-2021")
    found = _compare(tmp_path, {"needs": [known]}, {"needs": [known, afghanistan, no_amount]})
    assert found == [
        Change("need_added", "needs", "AFG", "Afghanistan", DAY, None, "US$773 million (2013-2023)", None,
               "https://example.org/afg-2012", "2012 extension request budget"),
        Change("need_added", "needs", "COL", "Colombia", DAY, None, "amount not reported", None,
               "https://example.org/afg", "a plan")]


@pytest.mark.parametrize(("deadline", "day"), [("2026", dt.date(2026, 12, 31)), ("2026-02", dt.date(2026, 2, 28)),
                                               ("2026-03-01", dt.date(2026, 3, 1))])
def test_a_deadline_falls_on_the_last_day_of_what_the_source_gives(deadline, day):
    assert deadline_day(deadline) == day


def test_a_year_only_deadline_passes_on_its_31_december(tmp_path):
    article5 = _tables(tmp_path / "t", article5=[row("article5", iso3="TCD", state="Chad", article5_deadline="2026",
                                                     source_url="https://example.org/tcd")]).article5
    assert deadlines_passed(article5, dt.date(2026, 12, 1), dt.date(2026, 12, 30)) == []
    assert deadlines_passed(article5, dt.date(2026, 12, 1), dt.date(2027, 1, 5)) == [
        Change("deadline_passed", "article5", "TCD", "Chad", dt.date(2026, 12, 31), None, "2026", None,
               "https://example.org/tcd", "")]


def test_a_deadline_on_the_start_day_is_excluded_on_the_end_day_included(tmp_path):
    article5 = _tables(tmp_path / "t", article5=[row("article5", article5_deadline="2026-03-01")]).article5
    assert deadlines_passed(article5, dt.date(2026, 3, 1), dt.date(2026, 6, 1)) == []
    assert [c.day for c in deadlines_passed(article5, dt.date(2026, 1, 1), dt.date(2026, 3, 1))] == [dt.date(2026, 3, 1)]


def test_a_completed_obligation_has_no_deadline_to_pass_unless_contamination_was_found_again(tmp_path):
    article5 = _tables(tmp_path / "t", article5=[
        row("article5", iso3="OMN", state="Oman", article5_deadline="2025-02-01", completion_declared="2025"),
        row("article5", iso3="GNB", state="Guinea-Bissau", article5_deadline="2025-02-01", completion_declared="2012"),
    ]).article5
    assert [c.iso3 for c in deadlines_passed(article5, dt.date(2025, 1, 1), dt.date(2025, 3, 1))] == ["GNB"]


def _event(date: str, status: str = "held", iso3: str = "SDN") -> IAEvent:
    return IAEvent(id=1, iso3=iso3, kind="launch", date=date, venue="Geneva", status=status, summary="platform launched",
                   source_url="https://example.org/sdn")


def test_ia_events_held_in_the_period_a_month_only_date_lasting_its_month():
    events = [_event("2026-06-08"), _event("2026-06-09", status="planned"), _event("2026-05"), _event("2026-04-30")]
    found = ia_events_held(events, dt.date(2026, 5, 15), dt.date(2026, 6, 8), {"SDN": "Sudan"})
    assert found == [
        Change("ia_event_held", "ia", "SDN", "Sudan", dt.date(2026, 6, 8), None, "2026-06-08", None,
               "https://example.org/sdn", "platform launched"),
        Change("ia_event_held", "ia", "SDN", "Sudan", dt.date(2026, 5, 1), None, "2026-05", None,
               "https://example.org/sdn", "platform launched")]


@dataclass(frozen=True)
class _Published:  # what reports_published reads of a domain.reporting.published.PublishedReport
    iso3: str
    state: str
    year: int
    published_on: dt.date


def test_reports_published_in_the_period_from_reports_or_tuples():
    reports = [_Published("AGO", "Angola", 2025, dt.date(2026, 4, 30)),
               ("KHM", "Cambodia", 2025, dt.date(2026, 4, 1)), ("TCD", "Chad", 2025, dt.date(2026, 5, 1))]
    assert reports_published(reports, dt.date(2026, 4, 1), dt.date(2026, 4, 30)) == [
        Change("report_published", "reporting", "AGO", "Angola", dt.date(2026, 4, 30), None, None, None,
               "/reporting?iso3=AGO&year=2025&published=2026-04-30", "2025")]


def test_registry_changes_keep_their_day_and_source_under_the_pages_area():
    added = RegistryChange("need_added", "AGO", "Angola", "clearance", dt.date(2026, 5, 2), "dogs for survey",
                           "https://example.org/need")
    assert registry([added]) == [Change("need_added", "needs", "AGO", "Angola", dt.date(2026, 5, 2), None, None, None,
                                        "https://example.org/need", "dogs for survey")]


def test_build_changes_merges_everything_sorted_by_state_area_and_day(tmp_path):
    before = _tables(tmp_path / "before", article5=[row("article5", **ANGOLA)])
    after = _tables(tmp_path / "after", article5=[
        row("article5", ap_contamination_km2="67.43", estimate_as_of="2023", source_url=APOPO),
        row("article5", iso3="TCD", state="Chad", article5_deadline="2026-11-30")])
    met = RegistryChange("need_met", "AGO", "Angola", "clearance", dt.date(2026, 11, 28), "a shortfall", None)
    offer = RegistryChange("offer_added", None, "", "survey", dt.date(2026, 11, 28), "HALO Trust: in kind", None)
    changes = build_changes(dt.date(2026, 11, 27), dt.date(2026, 12, 2),
                            [(dt.date(2026, 11, 27), before), (DAY, after)],
                            events=[_event("2026-11-29", iso3="AGO")], names={"AGO": "Angola"},
                            reports=[("AGO", "Angola", 2025, dt.date(2026, 12, 2))], registry_changes=[offer, met])
    assert [(c.state, c.kind, c.day) for c in changes] == [
        ("Angola", "report_published", dt.date(2026, 12, 2)),
        ("Angola", "contamination_changed", DAY),
        ("Angola", "need_met", dt.date(2026, 11, 28)),
        ("Angola", "ia_event_held", dt.date(2026, 11, 29)),
        # Chad's whole row is new to the table: its land release is listed; its deadline passed in the period.
        ("Chad", "deadline_passed", dt.date(2026, 11, 30)),
        ("Chad", "contamination_changed", DAY),
        ("Chad", "land_released", DAY),
        ("", "offer_added", dt.date(2026, 11, 28)),
    ]
    assert [(state, len(listed)) for state, listed in by_state(changes)] == [("Angola", 4), ("Chad", 3), ("", 1)]
    assert [(area, [c.state for c in listed]) for area, listed in by_area(changes)] == [
        ("reporting", ["Angola"]), ("article5", ["Angola", "Chad", "Chad", "Chad"]), ("needs", ["Angola"]),
        ("offers", [""]), ("ia", ["Angola"])]


def test_one_edition_alone_lists_only_what_is_dated_in_the_period(tmp_path):
    only = _tables(tmp_path / "only", article5=[row("article5", **ANGOLA)])
    assert build_changes(dt.date(2026, 11, 27), dt.date(2026, 12, 2), [(DAY, only)]) == []


def test_the_download_has_one_row_per_change_and_leaves_blanks_blank():
    changes = [Change("need_added", "needs", None, "Global", DAY, None, "amount not reported", None, None, "a need")]
    frame = changes_frame(changes)
    assert list(frame.columns) == list(COLUMNS)
    assert frame.iloc[0]["day"] == "2026-12-01" and frame.iloc[0]["new"] == "amount not reported"
    assert frame.iloc[0][["iso3", "old", "old_source", "new_source"]].isna().all()
    assert list(changes_frame([]).columns) == list(COLUMNS)


def test_every_kind_and_area_has_a_label():
    assert set(KIND_LABELS) == set(KIND_AREAS) and set(AREA_LABELS) == set(AREAS)
    assert set(KIND_AREAS.values()) == set(AREAS)
