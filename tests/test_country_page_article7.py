"""The State Party page and its brief with a published Article 7 report: the report's newer figure leads, named
"Article 7 report YYYY (State), published DATE", with the compiled figure beside it; a year both give shows both."""
from __future__ import annotations

import dataclasses
import datetime as dt
import io

import pytest
from pypdf import PdfReader

from charts.brief import make_country_brief_pdf
from data_loaders.registry import LOADERS
from domain.country import build_country_profile, compute_projection
from domain.country_page import Provenance, build_country_page
from domain.outlook import OutlookAssumptions
from domain.panel import ReferenceTables, build_world_panel
from domain.reporting.figures import article7_rows, with_article7
from domain.sources import article7_link, source_label
from tests.test_reporting_figures import PUBLISHED, published

TODAY = dt.date(2026, 11, 27)
LABEL = "Article 7 report 2025 (Angola), published 2 May 2026"


@pytest.fixture(scope="module")
def reference() -> ReferenceTables:
    return ReferenceTables(**{f.name: LOADERS[f.name]() for f in dataclasses.fields(ReferenceTables)})


def page_of(reference: ReferenceTables, iso3: str, *reports):
    tables = with_article7(reference, article7_rows(reports))
    others = LOADERS["states_not_party"]()
    profile = build_country_profile(iso3, build_world_panel(tables, others, TODAY), tables, LOADERS["support_pairs"](),
                                    others)
    projection = compute_projection(profile, TODAY, OutlookAssumptions())
    return profile, projection, build_country_page(profile, projection, today=TODAY.isoformat())


def test_a_newer_report_figure_is_shown_with_its_label_and_the_compiled_figure_beside_it(reference):
    _, _, page = page_of(reference, "AGO", published(sizes=(30_000_000.0,), j={"killed": 2, "injured": 5}))
    area, compiled = page.figure("remaining_area"), page.figure("remaining_area_compiled")
    assert (area.value, area.as_of, area.source_url) == ("30 km²", "2025", article7_link("AGO", 2025, PUBLISHED))
    assert source_label(area.source_url) == LABEL
    assert (compiled.value, compiled.as_of, compiled.source_url) == ("67.43 km²", "2023", "https://apopo.org/?p=205344")
    assert compiled.label == "Area, compiled sources" and compiled.note == "band: large"
    casualties = page.figure("casualties")
    assert (casualties.value, casualties.as_of) == ("7", "2025")
    assert casualties.note == "compiled sources: 107 in 2022 (verangola.net)"
    implementation = next(s for s in page.sections if s.key == "implementation")
    assert any(isinstance(b, Provenance) and "Article 7 reports" in b.text for b in implementation.blocks)
    outlook = next(b for s in page.sections for b in s.blocks if getattr(b, "kind", None) == "outlook")
    assert outlook.source_url == area.source_url  # the outlook starts from the area it cites


def test_without_a_report_the_page_is_as_compiled(reference):
    _, _, page = page_of(reference, "AGO")
    assert page.figure("remaining_area").value == "67.43 km²"
    assert page.figure("remaining_area_compiled") is None and page.figure("remaining_area_article7") is None


def test_a_report_for_the_year_of_the_compiled_figure_is_shown_beside_it(reference):
    _, _, page = page_of(reference, "AGO", published(year=2023, sizes=(70_000_000.0,)))
    area, report = page.figure("remaining_area"), page.figure("remaining_area_article7")
    assert (area.value, area.source_url) == ("67.43 km²", "https://apopo.org/?p=205344")
    assert "sources differ for 2023" in area.note
    assert (report.value, report.as_of, report.source_url) == ("70 km²", "2023", article7_link("AGO", 2023, PUBLISHED))


def test_year_tables_name_the_report_a_row_comes_from(reference):
    _, _, page = page_of(reference, "AGO", published(j={"cleared_m2": 4_000_000.0, "killed": 2, "injured": 5}))
    tables = {b.key: b for s in page.sections for b in s.blocks if hasattr(b, "frame") and hasattr(b, "columns")}
    charts = {b.key: b.data for s in page.sections for b in s.blocks if getattr(b, "kind", None) in ("casualties", "release")}
    for table in [*tables.values(), *charts.values()]:
        if "source_url" in table.frame:
            rows = table.frame[table.frame["source_url"] == article7_link("AGO", 2025, PUBLISHED)]
            assert rows.empty or rows["notes"].tolist() == [LABEL] * len(rows), table.key
    release = charts["release_chart"].frame
    assert release.loc[release["year"] == 2025, "land_released_km2"].tolist() == [4.0]


def test_the_brief_prints_the_report_figure_with_its_label_and_the_compiled_one(reference):
    profile, projection, _ = page_of(reference, "AGO", published(sizes=(30_000_000.0,)))
    pdf = make_country_brief_pdf(profile, projection, "2026-11-27", today=TODAY.isoformat())
    text = " ".join(PdfReader(io.BytesIO(pdf)).pages[0].extract_text().split())
    assert f"30 km² (as of 2025) [{LABEL}]" in text
    assert "Area, compiled sources: 67.43 km² (as of 2023) [apopo.org]" in text
