"""The one place that turns country names and codes into ISO3, saying how each was matched.

Order (after hdx-python-country and OWID's harmonizer): exact ISO3/ISO2 code, then the reviewed
overrides, then organisation/aggregate words (whole words), then pycountry's names in English, French
and Spanish (the Convention's three languages), then the same ignoring accents and hyphens, then
country_converter's English regexes. A name that fits two states is reported ambiguous, never guessed.
"""
from __future__ import annotations

import gettext
import logging
import re
import unicodedata
from dataclasses import dataclass
from functools import cache

import country_converter as coco
import pandas as pd
import pycountry

from domain.country_overrides import AGGREGATE_PREFIXES, ORGANISATION_WORDS, OVERRIDES

# Codes we accept that ISO 3166 does not assign (see the Kosovo override).
EXTRA_ISO3 = {"XKX": "Kosovo"}


@dataclass(frozen=True)
class NameMatch:
    name: str
    iso3: str | None
    kind: str  # state | organisation | aggregate | non_state | ambiguous | unmatched
    # iso3_code | iso2_code | override | organisation_words | aggregate_words | pycountry (English) |
    # pycountry_fr | pycountry_es | country_converter
    method: str | None
    reason: str = ""

    @property
    def is_state(self) -> bool:
        return self.kind == "state"


@cache
def _iso3_codes() -> frozenset[str]:
    return frozenset(c.alpha_3 for c in pycountry.countries) | frozenset(EXTRA_ISO3)


@cache
def _iso2_to_iso3() -> dict[str, str]:
    return {c.alpha_2: c.alpha_3 for c in pycountry.countries}


@cache
def _converter() -> coco.CountryConverter:
    # country_converter 1.3.2 reads its table with pandas' default NA values, which turns
    # Namibia's ISO2 "NA" into NaN and crashes under pandas 3; read it ourselves.
    table = pd.read_csv(
        coco.country_converter.COUNTRY_DATA_FILE, sep="\t", dtype=str, keep_default_na=False, na_values=[""]
    )
    logging.getLogger("country_converter").setLevel(logging.ERROR)
    return coco.CountryConverter(country_data=table)


def is_iso3(code: str) -> bool:
    return code in _iso3_codes()


@cache
def _country_names_in(language: str) -> gettext.NullTranslations:
    """pycountry's ISO 3166-1 catalogue for `language` (English, untranslated, when it has none)."""
    return gettext.translation("iso3166-1", pycountry.LOCALES_DIR, languages=[language], fallback=True)


def country_name(iso3: str, language: str = "en") -> str | None:
    """The state's short name in `language` ('DEU', 'fr' -> 'Allemagne'); None for a code ISO 3166 lacks."""
    if iso3 in EXTRA_ISO3:
        return EXTRA_ISO3[iso3]
    country = pycountry.countries.get(alpha_3=iso3)
    if country is None:
        return None
    common = getattr(country, "common_name", None)
    if language == "en":
        return common or country.name
    names = _country_names_in(language)
    # The catalogue translates some common names ('Bolivia'); otherwise the formal name's translation.
    if common and names.gettext(common) != common:
        return names.gettext(common)
    return names.gettext(country.name)


# The Convention's languages, in the order a tie is reported; the method names the catalogue that matched.
LANGUAGES = ("en", "fr", "es")
METHODS = {"en": "pycountry", "fr": "pycountry_fr", "es": "pycountry_es"}

# Typographic apostrophes and dashes that word processors put into names (a right single quotation
# mark in "Côte d'Ivoire"; pycountry's own French "Royaume d'Eswatini" has one), read as the plain ones.
_TYPOGRAPHY = str.maketrans({"\u2019": "'", "\u2018": "'", "\u02bc": "'", "\u00b4": "'", "`": "'",
                             "\u2010": "-", "\u2011": "-", "\u2012": "-", "\u2013": "-", "\u2014": "-"})
# A leading article: UN French and Spanish formal names carry one ("la République de Moldova",
# "el Estado Plurinacional de Bolivia", pycountry's "L'État d'Érythrée"), English ones sometimes ("The Gambia").
_LEADING_ARTICLE = re.compile(r"^(?:(?:the|le|la|les|el|los|las)\s+|l')")
# The inverted style of UN short names and ISO lists: "Moldova (République de)", "Iran (République islamique d')".
_PARENTHESIS = re.compile(r"^(?P<outer>[^()]+?)\s*\((?P<inner>[^()]+)\)$")
_ORGANISATION = re.compile(r"\b(?:" + "|".join(map(re.escape, ORGANISATION_WORDS)) + r")s?\b")


def _key(name: str) -> str:
    """Compare names case-insensitively, with whitespace, apostrophes and dashes made plain."""
    return " ".join(unicodedata.normalize("NFC", name).translate(_TYPOGRAPHY).split()).casefold()


def _loose(key: str) -> str:
    """`key` without accents and with hyphens as spaces: "Cote d'Ivoire", "Guinee Bissau" are real spellings."""
    bare = "".join(c for c in unicodedata.normalize("NFD", key) if not unicodedata.combining(c))
    return " ".join(bare.replace("-", " ").split())


def _join(words: str, name: str) -> str:
    # "République islamique d'" + "Iran" joins without a space; other words with one.
    return words + name if words.endswith("'") else f"{words} {name}"


def _spellings(key: str) -> list[str]:
    """`key` and its reorderings: "x, y" and "x (y)" read as "y x", each also without a leading article."""
    forms = [key]
    if key.count(",") == 1:
        name, words = (part.strip() for part in key.split(","))
        forms.append(_join(words, name))
    inverted = _PARENTHESIS.match(key)
    if inverted:
        forms.append(_join(inverted["inner"], inverted["outer"]))
    forms += [_LEADING_ARTICLE.sub("", form, count=1) for form in forms]
    return list(dict.fromkeys(form for form in forms if form))


@cache
def _catalogue_names() -> dict[str, dict[str, frozenset[str]]]:
    """language -> name key -> the ISO3 codes that name belongs to, from pycountry's ISO 3166-1 names.

    French and Spanish come from pycountry's gettext catalogues; only real translations count, so an
    untranslated English name is not reported as French. A name pycountry glosses in parentheses
    ("Saint-Siège (état de la cité du Vatican)") is also known by the part before them.
    """
    tables: dict[str, dict[str, set[str]]] = {language: {} for language in LANGUAGES}
    for country in pycountry.countries:
        for attr in ("name", "official_name", "common_name"):
            english = getattr(country, attr, None)
            if not english:
                continue
            for language in LANGUAGES:
                name = english if language == "en" else _country_names_in(language).gettext(english)
                if language != "en" and name == english:
                    continue
                key = _key(name)
                glossed = _PARENTHESIS.match(key)
                for form in _spellings(key) + (_spellings(glossed["outer"]) if glossed else []):
                    tables[language].setdefault(form, set()).add(country.alpha_3)
    return {language: {key: frozenset(codes) for key, codes in table.items()} for language, table in tables.items()}


@cache
def _loose_catalogue_names() -> dict[str, dict[str, frozenset[str]]]:
    """The same names compared without accents and hyphens; a loose key two states share stays ambiguous."""
    loose: dict[str, dict[str, set[str]]] = {language: {} for language in LANGUAGES}
    for language, table in _catalogue_names().items():
        for key, codes in table.items():
            loose[language].setdefault(_loose(key), set()).update(codes)
    return {language: {key: frozenset(codes) for key, codes in table.items()} for language, table in loose.items()}


def _catalogue_match(raw: str, spellings: list[str], tables: dict[str, dict[str, frozenset[str]]],
                     how: str) -> NameMatch | None:
    for spelling in spellings:
        found = {language: tables[language][spelling] for language in LANGUAGES if spelling in tables[language]}
        if not found:
            continue
        codes = sorted(frozenset().union(*found.values()))
        if len(codes) > 1:
            return NameMatch(raw, None, "ambiguous", None, f"matches several states ({', '.join(codes)})")
        return NameMatch(raw, codes[0], "state", METHODS[next(iter(found))], how)
    return None


@cache  # names repeat on every row of a table; country_converter's regexes are the slow part
def to_iso3(raw: str) -> NameMatch:
    """Resolve one name or code in English, French or Spanish; never guesses between two states."""
    name = " ".join(str(raw).split())
    if not name:
        return NameMatch(raw, None, "unmatched", None, "empty name")
    if name in _iso3_codes():
        return NameMatch(raw, name, "state", "iso3_code")
    if name in _iso2_to_iso3():
        return NameMatch(raw, _iso2_to_iso3()[name], "state", "iso2_code")
    key = _key(name)
    if key in OVERRIDES:
        override = OVERRIDES[key]
        return NameMatch(raw, override.iso3, override.kind, "override", override.why)
    if any(key.startswith(prefix) for prefix in AGGREGATE_PREFIXES):
        return NameMatch(raw, None, "aggregate", "aggregate_words", "names several states or none")
    # Whole words: as substrings "bank" made "West Bank" an organisation.
    if _ORGANISATION.search(key):
        return NameMatch(raw, None, "organisation", "organisation_words", "an organisation, not a state")
    spellings = _spellings(key)
    for spelling in spellings[1:]:
        if spelling in OVERRIDES:
            override = OVERRIDES[spelling]
            return NameMatch(raw, override.iso3, override.kind, "override", override.why)
    matched = _catalogue_match(raw, spellings, _catalogue_names(), "") or _catalogue_match(
        raw, list(dict.fromkeys(map(_loose, spellings))), _loose_catalogue_names(), "accents and hyphens ignored"
    )
    if matched:
        return matched
    converted = _converter().convert(name, to="ISO3", not_found=None)
    if isinstance(converted, str) and is_iso3(converted):
        return NameMatch(raw, converted, "state", "country_converter")
    if isinstance(converted, list) and converted:
        return NameMatch(raw, None, "ambiguous", None, f"matches several states ({', '.join(map(str, converted))})")
    return NameMatch(raw, None, "unmatched", None, "not a country name we know")


# UN geoscheme regions (M49); country_converter calls the Americas "America".
REGION_NAMES = {"America": "Americas"}


@cache
def _regions() -> dict[str, str]:
    table = _converter().data.drop_duplicates("ISO3").dropna(subset=["continent"])
    return {iso3: REGION_NAMES.get(region, region) for iso3, region in zip(table["ISO3"], table["continent"], strict=True)}


def un_region(iso3: str) -> str | None:
    """The UN geoscheme region (Africa, Americas, Asia, Europe, Oceania) of an ISO3 code."""
    return _regions().get(iso3)


def normalize_names(names: pd.Series) -> pd.DataFrame:
    """One row per input name: iso3, kind, method and reason, in the input order."""
    rows = [to_iso3(value) if pd.notna(value) else to_iso3("") for value in names]
    return pd.DataFrame(
        {
            "name": names.to_numpy(),
            "iso3": [m.iso3 for m in rows],
            "kind": [m.kind for m in rows],
            "method": [m.method for m in rows],
            "reason": [m.reason for m in rows],
        },
        index=names.index,
    )


def unused_overrides(names: pd.Series) -> list[str]:
    """Overrides no name in `names` needed: candidates for review, as OWID's harmonizer reports."""
    seen = {_key(str(n)) for n in names.dropna()}
    return sorted(key for key in OVERRIDES if key not in seen)
