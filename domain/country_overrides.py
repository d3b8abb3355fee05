"""The reviewed name decisions the libraries would get wrong or guess; each entry says why.

Kinds: "state" (an ISO3 we stand behind), "ambiguous" and "non_state" (reported as unmatched,
never guessed), "organisation" (a donor that is not a country), "aggregate" (a global or
multi-country row). Keys are compared case-insensitively after trimming, with typographic apostrophes
and dashes read as plain ones (domain.countries._key).
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
    "corée": Override("ambiguous", None, "French: could be the Republic of Korea (KOR) or the DPRK (PRK)"),
    "corea": Override("ambiguous", None, "Spanish: could be the Republic of Korea (KOR) or the DPRK (PRK)"),
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
    # The World Bank names Palestine "West Bank and Gaza" (its country list, code PSE since 2019:
    # https://data.worldbank.org/country/PS); "West Bank" alone is how its older tables and donor
    # reports shorten it. Both are the one ISO 3166 entry PSE (unlike "Gaza" alone, which stays out).
    "west bank and gaza": Override(
        "state", "PSE", "World Bank's name for the State of Palestine (https://data.worldbank.org/country/PS)"
    ),
    "west bank": Override("state", "PSE", "World Bank's short name for the State of Palestine; ISO 3166 has one entry, PSE"),
    "rdc": Override("state", "COD", "French abbreviation of République démocratique du Congo"),
    "rd congo": Override("state", "COD", "French and Spanish short form of the Democratic Republic of the Congo"),
    "car": Override("state", "CAF", "Landmine Monitor's abbreviation of the Central African Republic"),
    "centrafrique": Override("state", "CAF", "common French short name of the République centrafricaine"),
    "biélorussie": Override("state", "BLR", "French name before the UN's 'Bélarus'; still met in documents"),
    "ex-république yougoslave de macédoine": Override(
        "state", "MKD", "UN French name of North Macedonia until February 2019, in Convention documents of 1999-2018"
    ),
    # UN names (UNTERM, https://unterm.un.org, as in UN treaty records and Convention documents) that
    # pycountry's ISO 3166 catalogues spell otherwise; what pycountry has is quoted.
    # French:
    "royaume du bhoutan": Override("state", "BTN", "UN French formal name; pycountry misspells it 'Royaume du Bouthan'"),
    "république fédérative du brésil": Override(
        "state", "BRA", "UN French formal name; pycountry: 'République fédérale du Brésil'"
    ),
    "commonwealth de dominique": Override("state", "DMA", "UN French formal name; pycountry: 'Commonwealth de la Dominique'"),
    "république de l'équateur": Override("state", "ECU", "UN French formal name; pycountry: 'République d'Équateur'"),
    "république hellénique": Override("state", "GRC", "UN French formal name; pycountry: 'République grecque'"),
    "république de maurice": Override("state", "MUS", "UN French formal name; pycountry: 'République de l'Île Maurice'"),
    "république des palaos": Override("state", "PLW", "UN French formal name; pycountry: 'République de Palau'"),
    "état indépendant du samoa": Override("state", "WSM", "UN French formal name; pycountry: 'État indépendant de Samoa'"),
    "république de saint-marin": Override("state", "SMR", "UN French formal name; pycountry: 'République de San Marin'"),
    "république sud-africaine": Override("state", "ZAF", "UN French formal name; pycountry: 'République d'Afrique du Sud'"),
    "confédération suisse": Override("state", "CHE", "UN French formal name; pycountry: 'Confédération helvétique'"),
    "république tunisienne": Override("state", "TUN", "UN French formal name; pycountry: 'République de Tunisie'"),
    # Spanish:
    "república islámica del afganistán": Override(
        "state", "AFG", "UN Spanish formal name; pycountry: 'República Islámica de Afganistán'"
    ),
    "argelia": Override("state", "DZA", "UN Spanish short name; pycountry's Spanish catalogue leaves 'Algeria' untranslated"),
    "república argelina democrática y popular": Override(
        "state", "DZA", "UN Spanish formal name; pycountry: 'República Democrática Popular de Argelia'"
    ),
    "república de belarús": Override("state", "BLR", "UN Spanish formal name; pycountry: 'República de Bielorrusia'"),
    "reino de bhután": Override("state", "BTN", "UN Spanish formal name; pycountry: 'Reino de Bután'"),
    "república federativa del brasil": Override(
        "state", "BRA", "UN Spanish formal name; pycountry: 'República Federativa de Brasil'"
    ),
    "comoras": Override("state", "COM", "UN Spanish short name; pycountry: 'Comores, Islas'"),
    "unión de las comoras": Override("state", "COM", "UN Spanish formal name; pycountry: 'Unión de las Comores'"),
    "república democrática federal de etiopía": Override(
        "state", "ETH", "UN Spanish formal name; pycountry: 'República Federal Democrática de Etiopía'"
    ),
    "maldivas": Override("state", "MDV", "UN Spanish short name; pycountry: 'Islas Maldivas'"),
    "nueva zelandia": Override("state", "NZL", "UN Spanish name; pycountry: 'Nueva Zelanda'"),
    "sultanía de omán": Override("state", "OMN", "UN Spanish formal name; pycountry: 'Sultanato de Omán'"),
    "república del sudán": Override("state", "SDN", "UN Spanish formal name; pycountry: 'República de Sudán'"),
    # Spanish names of states not party, met in Convention documents (observers, statements):
    "república islámica del irán": Override("state", "IRN", "UN Spanish formal name; pycountry: 'República Islámica de Irán'"),
    "república árabe siria": Override("state", "SYR", "UN Spanish name; pycountry: 'República árabe de Siria'"),
    "federación de rusia": Override("state", "RUS", "UN Spanish name; pycountry: 'Federación Rusa'"),
    "república islámica del pakistán": Override(
        "state", "PAK", "UN Spanish formal name; pycountry: 'República Islámica de Pakistán'"
    ),
    "arabia saudita": Override("state", "SAU", "UN Spanish name; pycountry: 'Arabia Saudí'"),
    "kazajstán": Override("state", "KAZ", "UN Spanish name; pycountry: 'Kazajistán'"),
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
