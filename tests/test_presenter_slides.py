"""Presenter slides: the filters' one-line summary, the slides list (titles, views as plain text), and the
casualties-against-support chart keeping every State inside its axes however extreme one change is."""
from __future__ import annotations

import pandas as pd
import pytest

from charts.gaps import MARKED_CHANGE_PCT, make_casualties_support_figure, symlog
from data_loaders.registry import LOADERS
from domain.gaps import compute_casualties_against_support
from store.roles import Actor
from store.slides import DEFAULT_DECK, create_slide
from tests.test_app_needs_presenter import open_page, store  # noqa: F401  (store: the fixture, used by name)
from ui.components import plain
from ui.presenter import summary_line


def test_the_summary_line_leaves_out_what_is_not_set():
    assert summary_line(["Africa", "", "State Party", "deadline within 5 years", ""]) == (
        "Africa · State Party · deadline within 5 years")


SUMMARY = {"en": "Remaining anti-personnel mined area (km²) · Africa · State Party · Article 5 obligation · "
                 "deadline within 5 years",
           "fr": "Afrique · État partie"}


@pytest.mark.parametrize("language", ["en", "fr"])
def test_a_slide_hides_the_overview_filters_and_says_them_in_one_line(store, language):  # noqa: F811
    app = open_page("", present="1", region="Africa", art5="1", within="5", lang=language)
    captions = [c.value for c in app.caption]
    assert any(plain(SUMMARY[language]) in c for c in captions), captions  # as text: Markdown characters escaped
    normal = open_page("", region="Africa", art5="1", within="5", lang=language)
    assert not any(plain(SUMMARY[language]) in c.value for c in normal.caption)


def test_the_gaps_slide_is_named_by_its_slide_and_says_its_view(store):  # noqa: F811
    app = open_page("app_pages/gaps.py", present="1", view="casualties", slide="3")
    assert app.title[0].value == "Casualties against support"
    assert any(c.value == "Casualties and support" for c in app.caption)


def test_the_slides_list_shows_titles_and_views_as_plain_text(store):  # noqa: F811
    app = open_page("app_pages/slides.py")
    assert [c.value for c in app.code] == [view for _title, view, _note in DEFAULT_DECK]
    titles = [m.value for m in app.markdown if m.value.startswith("**")]
    assert titles[:len(DEFAULT_DECK)] == [f"**{n}. {plain(title)}**" for n, (title, _v, _n) in enumerate(DEFAULT_DECK, 1)]
    assert not [m.value for m in app.markdown if "\\=" in m.value or "\\_" in m.value]
    french = open_page("app_pages/slides.py", lang="fr")
    assert "**6. Angola**" in [m.value for m in french.markdown]


def _points(figure) -> pd.DataFrame:
    return pd.DataFrame([{"trace": t.name, "x": x, "y": y, "text": text, "symbol": t.marker.symbol}
                         for t in figure.data for x, y, text in zip(t.x, t.y, t.text, strict=True)])


def test_every_state_is_inside_the_casualties_chart_and_the_extreme_one_is_marked_with_its_true_value():
    trends = compute_casualties_against_support(LOADERS["casualties"](), LOADERS["support_by_recipient"]())
    figure = make_casualties_support_figure(trends)
    points = _points(figure)
    assert len(points) == len(trends)
    (x_low, x_high), (y_low, y_high) = figure.layout.xaxis.range, figure.layout.yaxis.range
    assert points["x"].between(x_low, x_high).all() and points["y"].between(y_low, y_high).all()
    yemen = points[points["text"].str.startswith("YEM")].iloc[0]
    assert yemen["symbol"] == "triangle-up-open" and "+5,270%" in yemen["text"] and "+2,325%" in yemen["text"]
    assert yemen["x"] == pytest.approx(symlog(trends.set_index("iso3").loc["YEM", "support_change"] * 100))
    # The others keep their place, unmarked, spread over more than half the plot's width (not squashed in a corner).
    others = points[points["symbol"] != "triangle-up-open"]
    assert (others["x"].abs() < symlog(MARKED_CHANGE_PCT)).all()
    assert others["x"].max() - others["x"].min() > (x_high - x_low) / 2


def test_a_single_extreme_change_of_any_size_stays_inside_the_axes():
    trends = pd.DataFrame({
        "iso3": ["AAA", "BBB"], "previous_year": [2022, 2022], "year": [2023, 2023],
        "casualties_total_before": [10, 100], "casualties_total": [50_000, 90],
        "support_usd_million_before": [1.0, 5.0], "support_usd_million": [0.01, 6.0],
        "casualties_change": [4999.0, -0.1], "support_change": [-0.99, 0.2], "rising_while_support_falls": [True, False],
    })
    figure = make_casualties_support_figure(trends)
    points = _points(figure)
    (x_low, x_high), (y_low, y_high) = figure.layout.xaxis.range, figure.layout.yaxis.range
    assert points["x"].between(x_low, x_high).all() and points["y"].between(y_low, y_high).all()
    assert points.loc[points["text"].str.startswith("AAA"), "symbol"].item() == "triangle-up-open"


def test_a_slide_pinned_to_a_date_opens_that_date_and_the_next_slide_shows_today(store):  # noqa: F811
    pinned = create_slide(store, Actor("ana", "admin"), {"title": "Angola as it stood",
                                                          "view": "/country?iso3=AGO&as_of=2026-11-28"})
    listed = open_page("app_pages/slides.py")
    assert "Pinned: the data as it stood on 2026\\-11\\-28" in [c.value for c in listed.caption]
    number = len(DEFAULT_DECK) + 1
    assert pinned["position"] == number
    # Step back from the pinned slide (the deck's last) to the slide before it: that one names no date.
    app = open_page("app_pages/country.py", iso3="AGO", as_of="2026-11-28", present="1", slide=str(number))
    assert "As the data stood on 28 November 2026" in " ".join(m.value for m in app.markdown)
    app.button(key="slide_previous").click().run()
    assert "as_of" not in app.query_params
    assert not any("As the data stood on" in m.value for m in app.markdown)
