"""The reviewed name decisions the libraries would get wrong or guess; each entry says why.

Kinds: "state" (an ISO3 we stand behind), "ambiguous" and "non_state" (reported as unmatched,
never guessed), "organisation" (a donor that is not a country), "aggregate" (a global or
multi-country row). Keys are compared case-insensitively after trimming.
"""
from typing import NamedTuple


class Override(NamedTuple):
    kind: str
    iso3: str | None
    why: str


OVERRIDES: dict[str, Override] = {
    # Ambiguous: two states carry these words; a guess would put figures on the wrong map.
    "congo": Override("ambiguous", None, "could be the Republic of the Congo (COG) or DR Congo (COD)"),
    "korea": Override("ambiguous", None, "could be the Republic of Korea (KOR) or the DPRK (PRK)"),
    # Non-states: areas with no ISO 3166 code of their own. country_converter maps some of them to
    # the state they lie in (Somaliland -> SOM, Northern Cyprus -> CYP), which would misattribute.
    "somaliland": Override("non_state", None, "area without an ISO code (within Somalia per ISO); reference keeps its own rows"),
    "northern cyprus": Override("non_state", None, "area without an ISO code; figures must not be added to Cyprus"),
    "nagorno-karabakh": Override("non_state", None, "area without an ISO code; Landmine Monitor reports it separately"),
    "abkhazia": Override("non_state", None, "area without an ISO code; Landmine Monitor reports it separately"),
    "transnistria": Override("non_state", None, "area without an ISO code"),
    "south ossetia": Override("non_state", None, "area without an ISO code"),
    # Kosovo: no ISO 3166 code, but XKX is the user-assigned code used by the EU, the World Bank
    # and the Natural Earth boundaries we ship, so support to Kosovo can be mapped.
    "kosovo": Override("state", "XKX", "user-assigned code XKX (EU, World Bank, Natural Earth); not a State Party"),
    # Spellings met in the reference that the libraries do not know (reference README, name variants).
    "opt": Override("state", "PSE", "UN abbreviation 'occupied Palestinian territory'; ISO 3166 PSE"),
    "drc": Override("state", "COD", "common abbreviation of the Democratic Republic of the Congo"),
    "dr congo": Override("state", "COD", "common short form of the Democratic Republic of the Congo"),
    "bih": Override("state", "BIH", "common abbreviation of Bosnia and Herzegovina"),
    "uk": Override("state", "GBR", "common abbreviation of the United Kingdom"),
    "gaza": Override("non_state", None, "part of the State of Palestine; never mapped to the whole"),
    # Organisations that give money: donors, not countries (the EU has no ISO3).
    "european union": Override("organisation", None, "donor organisation (supranational), not a state"),
    "eu": Override("organisation", None, "donor organisation (supranational), not a state"),
    "european commission": Override("organisation", None, "EU donor body, not a state"),
    "icrc": Override("organisation", None, "International Committee of the Red Cross"),
    "international committee of the red cross": Override("organisation", None, "humanitarian organisation"),
    "gichd": Override("organisation", None, "Geneva International Centre for Humanitarian Demining"),
    "unmas": Override("organisation", None, "UN Mine Action Service"),
    "undp": Override("organisation", None, "UN Development Programme"),
    "unicef": Override("organisation", None, "UN Children's Fund"),
    "unops": Override("organisation", None, "UN Office for Project Services"),
    "un ocha": Override("organisation", None, "UN Office for the Coordination of Humanitarian Affairs"),
    "ocha": Override("organisation", None, "UN Office for the Coordination of Humanitarian Affairs"),
    "world bank": Override("organisation", None, "international financial institution"),
    "nato": Override("organisation", None, "NATO Support and Procurement Agency trust funds"),
    "osce": Override("organisation", None, "Organization for Security and Co-operation in Europe"),
    "itf enhancing human security": Override("organisation", None, "Slovenian trust fund for mine action"),
    "international road union": Override("organisation", None, "private-sector donor named by Landmine Monitor"),
    # Aggregates: rows for many states at once.
    "global": Override("aggregate", None, "global figure, no single state"),
    "(general)": Override("aggregate", None, "event about the Convention as a whole, no single state"),
}

# Words that mark an organisation (foundations, funds, UN bodies); checked after the exact
# overrides. "Union" is deliberately absent: "Union of the Comoros" is a state.
ORGANISATION_WORDS = (
    "foundation", "fund", "trust", "programme", "program", "agency", "bank", "institute",
    "committee", "organization", "organisation", "association", "society", "united nations",
    "red cross", "red crescent",
)
AGGREGATE_PREFIXES = ("global", "regional", "various", "multiple", "unspecified")
