"""The one-page PDF brief: made offline, one A4 page, its figures and the sources they come from."""
import dataclasses
import datetime as dt
import io
from typing import ClassVar

import pytest
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure
from pypdf import PdfReader

import charts.brief
import i18n
from charts.brief import make_country_brief_pdf
from data_loaders.registry import LOADERS
from domain.country import build_country_profile, compute_projection
from domain.outlook import OutlookAssumptions
from domain.panel import ReferenceTables, build_world_panel

TODAY = dt.date(2026, 11, 27)


@pytest.fixture(scope="module")
def build():
    tables = ReferenceTables(**{f.name: LOADERS[f.name]() for f in dataclasses.fields(ReferenceTables)})
    panel = build_world_panel(tables, LOADERS["states_not_party"](), TODAY)

    def brief(iso3: str) -> tuple[object, str, PdfReader]:
        profile = build_country_profile(iso3, panel, tables, LOADERS["support_pairs"](), LOADERS["states_not_party"]())
        pdf = make_country_brief_pdf(profile, compute_projection(profile, TODAY, OutlookAssumptions()), "2026-11-27")
        reader = PdfReader(io.BytesIO(pdf))
        return profile, " ".join(reader.pages[0].extract_text().split()), reader

    return brief


def test_brief_is_one_a4_page_naming_the_state_and_its_sources(build):
    profile, text, reader = build("KHM")
    assert len(reader.pages) == 1
    width, height = float(reader.pages[0].mediabox.width), float(reader.pages[0].mediabox.height)
    assert (round(width), round(height)) == (595, 842)  # A4 in points
    assert "Cambodia" in text and "Sources" in text
    for url in profile.resources["url"].head(3):
        assert url in text.replace(" ", "") or url in text
    assert "Article 5 deadline: 2030-12-31" in text
    assert "the estimate is out of date" in text


def test_brief_of_a_state_with_nothing_says_not_reported(build):
    _, text, _ = build("NOR")
    assert "Norway" in text and "not reported" in text
    assert "no Article 5 clearance obligation" in text


def test_brief_labels_announcements_as_not_payments(build):
    _, text, _ = build("SOM")
    assert "Japan, 2023" in text and "announced (not a recorded payment)" in text


def test_brief_lists_needs_with_their_periods_and_never_a_total(build):
    profile, text, _ = build("KHM")
    assert len(profile.needs) > 8
    assert f"and {len(profile.needs) - 8} more on the dashboard (amounts cover different periods: never added)" in text
    assert "clearance (2010-2014)" in text


def test_the_brief_is_written_in_the_language_asked_for():
    tables = ReferenceTables(**{f.name: LOADERS[f.name]() for f in dataclasses.fields(ReferenceTables)})
    panel = build_world_panel(tables, LOADERS["states_not_party"](), TODAY)
    profile = build_country_profile("KHM", panel, tables, LOADERS["support_pairs"](), LOADERS["states_not_party"]())
    projection = compute_projection(profile, TODAY, OutlookAssumptions())
    french = " ".join(PdfReader(io.BytesIO(make_country_brief_pdf(profile, projection, "2026-11-27", "fr")))
                      .pages[0].extract_text().split())
    assert "Cambodge" in french and "Chiffres clés" in french and "Échéance de l'article 5" in french
    spanish = " ".join(PdfReader(io.BytesIO(make_country_brief_pdf(profile, projection, "2026-11-27", "es")))
                       .pages[0].extract_text().split())
    assert "Camboya" in spanish and "Cifras clave" in spanish
    assert i18n.current_language() == "en"  # the language is the brief's own, not left behind


@pytest.fixture(scope="module")
def profiles():
    tables = ReferenceTables(**{f.name: LOADERS[f.name]() for f in dataclasses.fields(ReferenceTables)})
    panel = build_world_panel(tables, LOADERS["states_not_party"](), TODAY)
    return lambda iso3: build_country_profile(iso3, panel, tables, LOADERS["support_pairs"](), LOADERS["states_not_party"]())


class SavedFigure(Figure):
    """The brief's page as drawn: kept when it is saved, so a test can measure every text on it."""

    saved: ClassVar[list[Figure]] = []

    def savefig(self, *args, **kwargs):
        SavedFigure.saved.append(self)
        return super().savefig(*args, **kwargs)


@pytest.mark.parametrize("language", ["en", "fr", "es"])
@pytest.mark.parametrize("iso3", ["KHM", "AFG"])
def test_no_text_runs_off_the_page(profiles, monkeypatch, iso3, language):
    monkeypatch.setattr(charts.brief, "Figure", SavedFigure)
    SavedFigure.saved.clear()
    profile = profiles(iso3)
    make_country_brief_pdf(profile, compute_projection(profile, TODAY, OutlookAssumptions()), "2026-11-27", language)
    page = SavedFigure.saved[-1]
    renderer = FigureCanvasAgg(page).get_renderer()
    outside = [(text.get_text(), extent.x0, extent.x1) for text in page.texts
               for extent in [text.get_window_extent(renderer)]
               if extent.x0 < 0 or extent.y0 < 0 or extent.x1 > page.bbox.x1 or extent.y1 > page.bbox.y1]
    assert outside == []
    assert len(page.texts) > 40  # the page is full, not emptied to pass


def test_dollar_signs_in_the_data_are_printed_as_written_not_set_as_mathematics(build):
    profile, text, _ = build("AFG")
    stated = "needed over US$80 million for 2015, of which only US$20 million secured"
    assert stated in " ".join(profile.needs["description"])
    assert stated in text


def test_brief_holds_the_states_published_text_and_its_ia_timeline(build):
    from tests.test_country_page_state import EVENTS, published

    profile, _, _ = build("KHM")
    state_page = published()
    pdf = make_country_brief_pdf(profile, compute_projection(profile, TODAY, OutlookAssumptions()), "2026-11-27",
                                 state_page=state_page, ia_events=EVENTS, today="2026-11-27")
    reader = PdfReader(io.BytesIO(pdf))
    assert len(reader.pages) == 1
    text = " ".join(reader.pages[0].extract_text().split())
    assert "In the State's words" in text and "Provided by the State (published 2026-11-20)" in text
    # As written, as text: the markup of the State's Markdown and HTML is printed, never read.
    assert "Mines block **farmland** in the north" in text and "<script>alert(1)</script>" in text
    assert "Gender dimensions (Written in French): Les femmes" in text
    assert "Upcoming: 2027-02-15 · Follow-up meeting (planned), Phnom Penh" in text
    assert "documents: follow-up report.pdf" in text
    assert "va@cmaa.example" not in text  # a contact for signed-in readers never goes in a file passed on
    # Without a published page: the compiled IA events, each with its source.
    _, sudan, _ = build("SDN")
    assert "Individualised Approach" in sudan and "Past: 2017-06-08 · Launch of the platform (held)" in sudan
