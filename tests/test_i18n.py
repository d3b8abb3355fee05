"""Languages: every interface string is marked and translated; numbers, dates and state names follow the language."""
import ast
import datetime as dt
import re
from pathlib import Path

import pandas as pd
import pytest
from babel.messages.pofile import read_po

import i18n
from domain.countries import country_name
from domain.outlook import OutlookAssumptions, compute_outlook
from domain.overview import compute_headlines
from i18n import LANGUAGES, _, catalogue_path, format_date, format_decimal, format_number, format_percent, translate_message
from scripts.i18n import extract_messages

ROOT = Path(__file__).resolve().parents[1]
TRANSLATED = [code for code in LANGUAGES if code != "en"]
# Streamlit calls whose first argument (or label=/body=) is text a person reads.
TEXT_CALLS = {
    "title", "header", "subheader", "markdown", "caption", "metric", "button", "selectbox", "multiselect", "checkbox",
    "toggle", "slider", "select_slider", "number_input", "text_input", "text_area", "info", "warning", "error", "success",
    "download_button", "tabs", "expander", "segmented_control", "radio", "form_submit_button", "page_link", "write",
    "file_uploader",
}
TEXT_KEYWORDS = {"label", "body", "help", "placeholder"}
COLUMN_TYPES = {"Column", "TextColumn", "NumberColumn", "LinkColumn", "CheckboxColumn", "SelectboxColumn", "DateColumn",
                "ProgressColumn", "ListColumn"}


@pytest.fixture
def language():
    """Set a language for one test, and put English back after it."""
    tokens = []

    def use(code):
        tokens.append(i18n._language.set(code))

    yield use
    for token in reversed(tokens):
        i18n._language.reset(token)


@pytest.fixture(scope="module")
def extracted():
    return extract_messages()


def _catalogue(code):
    with catalogue_path(code).open("rb") as file:
        return read_po(file, locale=code)


# (a) the missing-translation test

@pytest.mark.parametrize("code", TRANSLATED)
def test_every_interface_string_has_a_reviewed_translation(code, extracted):
    catalogue = _catalogue(code)
    missing = [m.id for m in extracted if m.id and (catalogue.get(m.id) is None or not catalogue.get(m.id).string)]
    fuzzy = [m.id for m in catalogue if m.id and m.fuzzy]
    assert missing == [], f"{len(missing)} msgids lack a {code} translation: run python -m scripts.i18n extract and translate"
    assert fuzzy == []
    assert dict(catalogue.obsolete) == {}
    assert {m.id for m in catalogue if m.id} == {m.id for m in extracted if m.id}, "catalogue out of date: run extract"


@pytest.mark.parametrize("code", TRANSLATED)
def test_translations_keep_the_placeholders_of_their_msgid(code):
    """A translation that drops or renames a {placeholder} would fail (or lie) when filled."""
    placeholder = i18n._PLACEHOLDER
    wrong = [m.id for m in _catalogue(code) if m.id and set(placeholder.findall(m.id)) != set(placeholder.findall(m.string))]
    assert wrong == []


# (b) no literal interface text outside _()

def _files():
    return [ROOT / "dashboard.py", *sorted((ROOT / "app_pages").glob("*.py")), *sorted((ROOT / "ui").glob("*.py"))]


def _has_words(text: str) -> bool:
    """Letters that are not a path or address (an example like /country?iso3=KHM is the same in every language)."""
    return any(c.isalpha() for c in text) and not text.startswith(("/", "http", "app_pages/"))


def _is_literal_text(node) -> bool:
    """A string literal with words in it, or an f-string whose own text has words: text that skipped translation.

    An f-string only joining translated parts with punctuation ("**{status}** · {dates}") is fine."""
    if isinstance(node, ast.JoinedStr):
        return any(isinstance(part, ast.Constant) and _has_words(part.value) for part in node.values)
    return isinstance(node, ast.Constant) and isinstance(node.value, str) and _has_words(node.value)


def _untranslated(path: Path) -> list[str]:
    found = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if not isinstance(node, ast.Call) or not isinstance(node.func, ast.Attribute):
            continue
        name = node.func.attr
        owner = node.func.value
        is_column = name in COLUMN_TYPES and isinstance(owner, ast.Attribute) and owner.attr == "column_config"
        if name not in TEXT_CALLS and not is_column:
            continue
        arguments = [] if is_column and name != "Column" and not node.args else node.args[:1]
        arguments += [k.value for k in node.keywords if k.arg in TEXT_KEYWORDS]
        if name == "tabs" and node.args and isinstance(node.args[0], (ast.List, ast.Tuple)):
            arguments += node.args[0].elts
        found += [f"{path.relative_to(ROOT)}:{a.lineno} st.{name}" for a in arguments if _is_literal_text(a)]
    return found


def test_streamlit_text_goes_through_translation():
    offenders = [line for path in _files() for line in _untranslated(path)]
    assert offenders == []


def test_marked_strings_are_literals_so_they_can_be_extracted():
    """_(f"...") or _(variable) in the code that defines a string would never reach the catalogues."""
    offenders = []
    for path in [*_files(), *sorted((ROOT / "charts").glob("*.py")), *sorted((ROOT / "domain").glob("*.py"))]:
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if (isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id in ("_", "N_")
                    and node.args and isinstance(node.args[0], ast.JoinedStr)):
                offenders.append(f"{path.relative_to(ROOT)}:{node.lineno}")
    assert offenders == []


# (c) the domain's English texts, translated afterwards

def _outlook_row(**changes):
    row = {"has_article5": True, "article5_completed": False, "completion_declared": pd.NA,
           "article5_deadline": "2030-12-31", "deadline_passed": False, "ap_contamination_km2": 800.0,
           "estimate_as_of": 2023, "pace_km2_per_year": 192.5678, "pace_first_year": 2015, "pace_last_year": 2023,
           "pace_years_used": 3, "latest_release_year": 2023}
    return pd.Series({**row, **changes})


def test_the_domain_stays_english_whatever_the_language(language):
    language("fr")
    result = compute_outlook(_outlook_row(), dt.date(2026, 11, 27), OutlookAssumptions())
    assert result["outlook_reason"] == ("4.2 years needed at 192.57 km²/year (pace from land release 2015-2023); "
                                        "projected completion March 2028")
    assert result["projected_completion_year"] == 2028.2  # the number computed is kept; only its text is a month


@pytest.mark.parametrize("code, expected", [
    ("fr", "4,2 années nécessaires à 192,57 km²/an (rythme tiré de la remise à disposition des terres 2015-2023) ; "
           "achèvement prévu en mars 2028"),
    ("es", "4,2 años necesarios a 192,57 km²/año (ritmo según la liberación de tierras 2015-2023); "
           "finalización prevista en marzo de 2028"),
])
def test_an_outlook_reason_reads_in_the_language_with_its_numbers(language, code, expected):
    english = compute_outlook(_outlook_row(), dt.date(2026, 11, 27), OutlookAssumptions())["outlook_reason"]
    language(code)
    assert translate_message(english) == expected


@pytest.mark.parametrize("decimal_year, code, expected", [
    (2028.2, "en", "March 2028"), (2028.2, "fr", "mars 2028"), (2028.2, "es", "marzo de 2028"),
    (2027.0, "en", "January 2027"), (2027.5, "fr", "juillet 2027"), (2030.997, "en", "December 2030"),
])
def test_a_decimal_year_reads_as_a_month_never_as_a_decimal(language, decimal_year, code, expected):
    language(code)
    assert i18n.format_month_year(decimal_year) == expected


@pytest.mark.parametrize("code, expected", [("fr", "(en 2022)"), ("es", "(a fecha de 2022)")])
def test_as_of_a_year_reads_naturally(language, code, expected):
    language(code)
    assert _("(as of {year})").format(year=2022) == expected


@pytest.mark.parametrize("code, expected", [
    ("fr", "l'estimation date de 2015, plus de 5 ans"), ("es", "la estimación es de 2015, de hace más de 5 años"),
])
def test_a_stale_estimate_keeps_its_year_unseparated(language, code, expected):
    english = compute_outlook(_outlook_row(estimate_as_of=2015), dt.date(2026, 11, 27), OutlookAssumptions())["outlook_reason"]
    assert english == "the estimate is from 2015, older than 5 years"
    language(code)
    assert translate_message(english) == expected


def test_headlines_translate_with_grouped_numbers(language):
    states = pd.DataFrame({"has_article5": [True, True], "article5_completed": [False, False],
                           "ap_contamination_km2": [1234.4, 1000.0], "estimate_as_of": [2022, 2024]})
    figures = pd.DataFrame({"indicator": ["International donor mine action funding (US$)"], "year": [2023],
                            "value": [1250.0], "source_url": ["https://the-monitor.org"]})
    casualties = pd.DataFrame({"indicator": ["casualties_total"], "year": [2023], "value": [5757], "source_url": ["x"]})
    headlines = compute_headlines(states, figures, casualties, "2026-01-31")
    assert [h.value for h in headlines[:2]] == ["2 states", "2,234 km²"]
    language("fr")
    assert [translate_message(h.label) for h in headlines] == [
        "Obligations de déminage", "Zone minée AP restante", "Victimes, monde", "Soutien international, monde"]
    assert translate_message(headlines[1].value) == "2\u202f234 km²"
    assert translate_message(headlines[2].value) == "5\u202f757"
    assert translate_message(headlines[3].value) == "> 1\u202f250 M$ US"


def test_matching_reasons_translate_part_by_part(language):
    language("es")
    assert translate_message("covers 42% of the amount (USD)") == "cubre el 42\xa0% del importe (USD)"
    assert translate_message("area matches (risk education)") == "el área coincide (educación sobre el riesgo)"


def test_text_that_is_data_comes_back_unchanged(language):
    language("fr")
    assert translate_message("Halo Trust survey, 2019") == "Halo Trust survey, 2019"
    assert translate_message(None) is None


# (d) numbers and dates

@pytest.mark.parametrize("code, number, decimal, percent, day", [
    ("en", "1,234", "1,234.5", "42%", "27 November 2026"),
    ("fr", "1\u202f234", "1\u202f234,5", "42\u00a0%", "27 novembre 2026"),
    ("es", "1.234", "1.234,5", "42\u00a0%", "27 de noviembre de 2026"),
])
def test_numbers_and_dates_follow_the_language(language, code, number, decimal, percent, day):
    language(code)
    assert format_number(1234) == number
    assert format_decimal(1234.5, 1) == decimal
    assert format_percent(0.42) == percent
    assert format_date(dt.date(2026, 11, 27)) == day


def test_an_unknown_language_is_english():
    assert i18n.set_language("xx") == "en"
    assert i18n.current_language() == "en"
    assert _("State Party") == "State Party"


# (e) state names

@pytest.mark.parametrize("iso3, code, name", [
    ("DEU", "fr", "Allemagne"), ("DEU", "es", "Alemania"), ("KHM", "fr", "Cambodge"), ("KHM", "es", "Camboya"),
    ("DEU", "en", "Germany"), ("XKX", "fr", "Kosovo"),
])
def test_state_names_in_the_language(iso3, code, name):
    assert country_name(iso3, code) == name


@pytest.mark.parametrize("language", ["fr", "es"])
def test_the_stores_refusals_are_shown_in_the_readers_language(language):
    from i18n import set_language, translate_message
    from store import roles, slides, validate, writes

    templates = [value for module in (validate, roles, slides, writes) for name, value in vars(module).items()
                 if name.isupper() and isinstance(value, str) and " " in value]  # the sentences, not codes
    assert len(templates) >= 25
    set_language(language)
    try:
        for template in templates:
            names = list(dict.fromkeys(re.findall(r"\{(\w+)\}", template)))
            english = template.format(**{name: f"X{i}Y" for i, name in enumerate(names)})
            shown = translate_message(english)
            assert shown != english, template
            assert all(f"X{i}Y" in shown for i in range(len(names))), template  # every value kept
    finally:
        set_language("en")
