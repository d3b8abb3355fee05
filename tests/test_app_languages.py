"""AppTest of the languages in the real dashboard: ?lang= and the sidebar selector, French and Spanish pages
with their headings, numbers and state names, and English for an unknown language."""
from __future__ import annotations

import re
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from i18n import _, using_language
from tests.app_views import component_data, markup_tree, overview_table

ROOT = Path(__file__).resolve().parents[1]
APP = str(ROOT / "dashboard.py")
NNBSP = "\u202f"  # French groups thousands with a narrow no-break space (CLDR)


def run(app: AppTest) -> AppTest:
    app.run()
    assert not app.exception, [e.message for e in app.exception]
    return app


def open_page(page: str | None = None, **params) -> AppTest:
    app = AppTest.from_file(APP, default_timeout=60)
    for key, value in params.items():
        app.query_params[key] = value
    if page:
        app.switch_page(page)
    return run(app)


def texts(app: AppTest, *kinds: str) -> list[str]:
    return [str(e.value) for kind in kinds for e in app.get(kind)]


def test_overview_in_french_has_french_headings_and_number_formatting():
    app = open_page(lang="fr")
    assert app.title[0].value == "Où la contamination persiste, et ce dont on a besoin"
    assert {s.value for s in app.subheader} == {"Compte"}  # the sidebar's; the overview's are in its markup
    assert [h.text for h in markup_tree(component_data(app, "ranked")["markup"]).iter("h3")] == [
        "Chiffres les plus élevés", "Tous les États affichés"]
    cards = markup_tree(component_data(app, "world_map")["before"]).iter("div")
    metrics = {card[0].text: card[1].text for card in (list(div) for div in cards if div.get("class") == "mbc-headline")}
    assert set(metrics) == {"Obligations de déminage", "Zone minée AP restante", "Victimes, monde",
                            "Soutien international, monde"}
    assert re.fullmatch(r"\d+ États", metrics["Obligations de déminage"])
    # Thousands grouped the French way, never with a comma.
    assert re.fullmatch(rf"\d{{1,3}}(?:{NNBSP}\d{{3}})+ km²", metrics["Zone minée AP restante"])
    assert re.fullmatch(rf"\d{{1,3}}(?:{NNBSP}\d{{3}})+", metrics["Victimes, monde"])
    assert app.selectbox(key="metric").label == "Indicateur"
    assert app.segmented_control(key="language").value == "fr"


def test_overview_table_names_states_in_french():
    app = open_page(lang="fr")
    table = overview_table(app)
    assert "État" in table.columns and "Région" in table.columns
    assert "Cambodge" in set(table["État"])
    assert {"Afrique", "Asie"} <= set(table["Région"])


def test_state_party_page_in_spanish_has_spanish_sections():
    app = open_page("app_pages/country.py", lang="es", iso3="KHM")
    assert app.title[0].value == "Camboya"
    headers = [h.value for h in app.header]
    assert headers == ["1. Contexto nacional", "2. Estado de la aplicación (artículo 5)", "3. Necesidades y desafíos",
                       "4. Mapas", "5. Enfoque individualizado", "6. Alianzas", "7. Contactos", "8. Recursos adicionales"]
    assert "Perspectiva de finalización" in [s.value for s in app.subheader]
    labels = [m.label for m in app.metric]
    assert "Plazo del artículo 5" in labels and "Zona minada AP restante" in labels
    # Spanish groups with a point and writes decimals after a comma.
    area = next(m.value for m in app.metric if m.label == "Zona minada AP restante")
    assert re.fullmatch(r"\d{1,3}(?:\.\d{3})*(?:,\d+)? km²", area), area


def test_the_selector_switches_the_language_and_writes_it_in_the_url():
    app = open_page()
    assert app.title[0].value == "Where contamination remains, and what is needed"
    app.segmented_control(key="language").set_value("es")
    run(app)
    assert app.query_params["lang"] == "es"
    assert app.title[0].value == "Dónde persiste la contaminación y qué se necesita"
    app.segmented_control(key="language").set_value("en")
    run(app)
    assert "lang" not in app.query_params
    assert app.title[0].value == "Where contamination remains, and what is needed"


def test_an_unknown_language_falls_back_to_english():
    app = open_page(lang="xx")
    assert app.title[0].value == "Where contamination remains, and what is needed"
    assert app.segmented_control(key="language").value == "en"
    assert "lang" not in app.query_params


ENGLISH_TITLES = {
    "app_pages/gaps.py": "Gaps: where the Convention's work is off track",
    "app_pages/needs.py": "Needs and offers: what is needed, what fits, what no one covers",
    "app_pages/sources.py": "Sources, coverage and known gaps",
    "app_pages/registry.py": "Registry of needs, offers and partnerships",
    "app_pages/slides.py": "Slides for presenting",
}


@pytest.mark.parametrize("page", sorted(ENGLISH_TITLES))
@pytest.mark.parametrize("lang", ["fr", "es"])
def test_every_page_runs_in_each_language(page, lang):
    assert open_page(page).title[0].value == ENGLISH_TITLES[page]
    with using_language(lang):
        translated = _(ENGLISH_TITLES[page])
    assert translated != ENGLISH_TITLES[page]  # the catalogue has it
    assert open_page(page, lang=lang).title[0].value == translated


def test_gaps_panel_in_french_translates_the_domain_words():
    app = open_page("app_pages/gaps.py", lang="fr", view="table")
    table = app.dataframe[0].value
    assert {"Retiré", "État partie"} & set(table["Statut"])
    assert not {"on pace", "off pace", "rising", "falling"} & (set(table["Perspectives"]) | set(table["Tendance"]))
    assert "en hausse" in set(table["Tendance"])
    assert "membership as of" not in " ".join(texts(app, "caption"))


def test_a_language_switch_keeps_the_view():
    """The browser sends each choice as its label in the old language: the view must come through unchanged."""
    app = open_page()
    app.selectbox(key="metric").set_value("casualties")
    app.multiselect(key="region").set_value(["Africa"])
    run(app)
    app.segmented_control(key="language").set_value("fr")
    run(app)
    assert app.selectbox(key="metric").value == "casualties"
    assert app.multiselect(key="region").value == ["Africa"]
    assert app.query_params["metric"] == "casualties" and app.query_params["lang"] == "fr"
    assert set(overview_table(app)["Région"]) == {"Afrique"}
