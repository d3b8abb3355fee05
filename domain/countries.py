"""The one place that turns country names and codes into ISO3, saying how each was matched.

Order (after hdx-python-country and OWID's harmonizer): exact ISO3/ISO2 code, then the reviewed
overrides, then organisation/aggregate words, then pycountry's official and common names, then
country_converter's regexes. Ambiguous names and non-states come back unmatched, never guessed.
"""
from __future__ import annotations

import gettext
import logging
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
    method: str | None  # iso3_code | iso2_code | override | organisation_words | aggregate_words | pycountry | country_converter
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
def _pycountry_names() -> dict[str, str]:
    names: dict[str, str] = {}
    for c in pycountry.countries:
        for attr in ("name", "official_name", "common_name"):
            value = getattr(c, attr, None)
            if value:
                names[value.casefold()] = c.alpha_3
    return names


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


@cache  # names repeat on every row of a table; country_converter's regexes are the slow part
def to_iso3(raw: str) -> NameMatch:
    """Resolve one name or code; never guesses between two states."""
    name = " ".join(str(raw).split())
    if not name:
        return NameMatch(raw, None, "unmatched", None, "empty name")
    if name in _iso3_codes():
        return NameMatch(raw, name, "state", "iso3_code")
    if name in _iso2_to_iso3():
        return NameMatch(raw, _iso2_to_iso3()[name], "state", "iso2_code")
    key = name.casefold()
    if key in OVERRIDES:
        override = OVERRIDES[key]
        return NameMatch(raw, override.iso3, override.kind, "override", override.why)
    if any(key.startswith(prefix) for prefix in AGGREGATE_PREFIXES):
        return NameMatch(raw, None, "aggregate", "aggregate_words", "names several states or none")
    if any(word in key for word in ORGANISATION_WORDS):
        return NameMatch(raw, None, "organisation", "organisation_words", "an organisation, not a state")
    if key in _pycountry_names():
        return NameMatch(raw, _pycountry_names()[key], "state", "pycountry")
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
    return {iso3: REGION_NAMES.get(region, region) for iso3, region in zip(table["ISO3"], table["continent"])}


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
    seen = {" ".join(str(n).split()).casefold() for n in names.dropna()}
    return sorted(key for key in OVERRIDES if key not in seen)
