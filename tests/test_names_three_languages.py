"""The name normaliser reads the Convention's three languages: every State that ever joined, by its
UN names in English, French and Spanish and the variants met in documents (tests/golden/)."""
from __future__ import annotations

import csv
from pathlib import Path

import pytest

from domain.countries import LANGUAGES, _loose_catalogue_names, to_iso3
from tests.helpers import DATA_DIR

GOLDEN_DIR = Path(__file__).parent / "golden"
NAME_COLUMNS = ("en_short", "en_formal", "fr_short", "fr_formal", "es_short", "es_formal")


def _read(name: str) -> list[dict[str, str]]:
    with (GOLDEN_DIR / name).open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


STATE_NAMES = _read("state_names.csv")
AMBIGUOUS = {row["name"]: row for row in _read("ambiguous_names.csv")}
OTHER_STATES = _read("other_state_names.csv")


def _golden_names() -> list[tuple[str, str, str]]:
    """(iso3, column, name) for every filled cell: the six UN names and each variant."""
    names = []
    for record in STATE_NAMES:
        for column in NAME_COLUMNS:
            names.append((record["iso3"], column, record[column]))
        names += [(record["iso3"], "variants", variant) for variant in record["variants"].split("|") if variant]
    return names


GOLDEN_NAMES = _golden_names()
RESOLVABLE = [entry for entry in GOLDEN_NAMES if entry[2] not in AMBIGUOUS]


@pytest.mark.parametrize(("iso3", "column", "name"), RESOLVABLE, ids=[f"{i}-{c}-{n}" for i, c, n in RESOLVABLE])
def test_un_name_in_each_language_resolves_to_its_state(iso3, column, name):
    match = to_iso3(name)
    assert (match.iso3, match.kind) == (iso3, "state"), match
    assert match.method


def test_golden_table_covers_every_state_that_ever_joined_in_all_six_forms():
    with (DATA_DIR / "states_parties.csv").open(encoding="utf-8", newline="") as handle:
        joined = {record["iso3"] for record in csv.DictReader(handle)}
    assert len(joined) == 166
    assert len({record["iso3"] for record in STATE_NAMES}) == len(STATE_NAMES), "one row per state"
    assert {record["iso3"] for record in STATE_NAMES} == joined
    empty = [(record["iso3"], column) for record in STATE_NAMES for column in NAME_COLUMNS if not record[column].strip()]
    assert empty == []


@pytest.mark.parametrize("name", sorted(AMBIGUOUS))
def test_name_two_states_share_is_reported_ambiguous_not_guessed(name):
    match = to_iso3(name)
    assert (match.iso3, match.kind) == (None, "ambiguous")
    for candidate in AMBIGUOUS[name]["candidates"].split():
        assert candidate in match.reason, match


def test_ambiguous_golden_names_belong_to_one_of_their_candidates():
    for iso3, _, name in GOLDEN_NAMES:
        if name in AMBIGUOUS:
            assert iso3 in AMBIGUOUS[name]["candidates"].split(), name


@pytest.mark.parametrize(("iso3", "name"), [(r["iso3"], r["name"]) for r in OTHER_STATES],
                         ids=[r["name"] for r in OTHER_STATES])
def test_names_of_states_not_party_resolve_in_three_languages(iso3, name):
    match = to_iso3(name)
    assert (match.iso3, match.kind) == (iso3, "state"), match


@pytest.mark.parametrize(("name", "iso3", "method"), [
    ("Afrique du Sud", "ZAF", "pycountry_fr"),
    ("Sudáfrica", "ZAF", "pycountry_es"),
    ("Royaume-Uni de Grande-Bretagne et d'Irlande du Nord", "GBR", "pycountry_fr"),
    ("Reino Unido de Gran Bretaña e Irlanda del Norte", "GBR", "pycountry_es"),
    ("Allemagne", "DEU", "pycountry_fr"),
    ("Alemania", "DEU", "pycountry_es"),
    ("République sud-africaine", "ZAF", "override"),
    ("Saint-Siège", "VAT", "pycountry_fr"),
    ("Santa Sede", "VAT", "pycountry_es"),
])
def test_method_names_the_language_that_matched(name, iso3, method):
    match = to_iso3(name)
    assert (match.iso3, match.method) == (iso3, method)


@pytest.mark.parametrize(("name", "iso3"), [
    ("Guinea", "GIN"),  # the same word in English and Spanish, one state
    ("Guinée", "GIN"),
    ("Guinée équatoriale", "GNQ"),
    ("Guinea Ecuatorial", "GNQ"),
    ("Guinée-Bissau", "GNB"),
    ("Papouasie-Nouvelle-Guinée", "PNG"),
    ("République du Congo", "COG"),
    ("República del Congo", "COG"),
    ("République démocratique du Congo", "COD"),
    ("República Democrática del Congo", "COD"),
])
def test_names_sharing_a_word_resolve_to_their_own_state(name, iso3):
    assert (to_iso3(name).iso3, to_iso3(name).kind) == (iso3, "state")


@pytest.mark.parametrize("name", ["Côte d\u2019Ivoire", "Cote d'Ivoire", "COTE D'IVOIRE", "  côte   d'ivoire ",
                                  "Côte d`Ivoire", "République de Côte d\u2019Ivoire"])
def test_case_spacing_accents_and_typographic_apostrophes_do_not_matter(name):
    assert to_iso3(name).iso3 == "CIV"


def test_names_that_differ_only_by_accents_or_hyphens_belong_to_one_state_each():
    # "Niger"/"Níger" or "Guinée-Bissau"/"Guinee Bissau" must not fold two states together; the one
    # pair ISO itself shares (Saint-Martin) is in ambiguous_names.csv.
    shared = {key for language in LANGUAGES for key, codes in _loose_catalogue_names()[language].items() if len(codes) > 1}
    assert shared == {"saint martin"}
