"""Country names and codes -> ISO3: the golden spellings met in the reference, and the overrides."""
from __future__ import annotations

import csv

import pandas as pd
import pytest

from domain.countries import is_iso3, normalize_names, to_iso3, unused_overrides
from domain.country_overrides import OVERRIDES
from tests.helpers import DATA_DIR

NAME_COLUMNS = ("state", "recipient", "donor")
KINDS = {"state", "organisation", "aggregate", "non_state", "ambiguous", "unmatched"}

# name -> (iso3, kind, method); method None means "any method" for states the libraries resolve,
# and is pinned where the project decided it (codes and reviewed overrides).
GOLDEN = [
    ("Türkiye", "TUR", "state", None),
    ("Turkey", "TUR", "state", None),
    ("State of Palestine", "PSE", "state", None),
    ("Palestine", "PSE", "state", None),
    ("oPt", "PSE", "state", "override"),
    ("Democratic Republic of the Congo", "COD", "state", None),
    ("DR Congo", "COD", "state", "override"),
    ("DRC", "COD", "state", "override"),
    ("Congo, Dem. Rep.", "COD", "state", None),
    ("Lao PDR", "LAO", "state", None),
    ("Laos", "LAO", "state", None),
    ("Lao People's Democratic Republic", "LAO", "state", None),
    ("Bosnia and Herzegovina", "BIH", "state", None),
    ("BiH", "BIH", "state", "override"),
    ("Bosnia & Herzegovina", "BIH", "state", None),
    ("Côte d'Ivoire", "CIV", "state", None),
    ("Ivory Coast", "CIV", "state", None),
    ("Republic of Korea", "KOR", "state", None),
    ("South Korea", "KOR", "state", None),
    ("Viet Nam", "VNM", "state", None),
    ("Vietnam", "VNM", "state", None),
    ("Syrian Arab Republic", "SYR", "state", None),
    ("Syria", "SYR", "state", None),
    ("Iran (Islamic Republic of)", "IRN", "state", None),
    ("Iran", "IRN", "state", None),
    ("Myanmar", "MMR", "state", None),
    ("Burma", "MMR", "state", None),
    ("Eswatini", "SWZ", "state", None),
    ("Swaziland", "SWZ", "state", None),
    ("Czechia", "CZE", "state", None),
    ("Czech Republic", "CZE", "state", None),
    ("North Macedonia", "MKD", "state", None),
    ("Macedonia", "MKD", "state", None),
    ("FYROM", "MKD", "state", None),
    ("Republic of Moldova", "MDA", "state", None),
    ("Moldova", "MDA", "state", None),
    ("Holy See", "VAT", "state", None),
    ("Vatican", "VAT", "state", None),
    ("United Kingdom", "GBR", "state", None),
    ("UK", "GBR", "state", "override"),
    ("United States", "USA", "state", None),
    ("USA", "USA", "state", "iso3_code"),
    ("US", "USA", "state", "iso2_code"),
    ("AGO", "AGO", "state", "iso3_code"),
    ("AO", "AGO", "state", "iso2_code"),
    ("Kosovo", "XKX", "state", "override"),
    ("  Türkiye  ", "TUR", "state", None),
    ("Republic of the Congo", "COG", "state", None),
    ("Union of the Comoros", "COM", "state", None),
    # Ambiguous: never guessed.
    ("Congo", None, "ambiguous", "override"),
    ("Korea", None, "ambiguous", "override"),
    ("congo", None, "ambiguous", "override"),
    # Areas without an ISO code: never put on the state they lie in.
    ("Somaliland", None, "non_state", "override"),
    ("Northern Cyprus", None, "non_state", "override"),
    ("Nagorno-Karabakh", None, "non_state", "override"),
    ("Gaza", None, "non_state", "override"),
    # The World Bank's names for Palestine: "bank" is a word of the name, not an organisation.
    ("West Bank and Gaza", "PSE", "state", "override"),
    ("West Bank", "PSE", "state", "override"),
    # Donors that are not countries.
    ("European Union", None, "organisation", "override"),
    ("EU", None, "organisation", "override"),
    ("ICRC", None, "organisation", "override"),
    ("GICHD", None, "organisation", "override"),
    ("UNMAS", None, "organisation", "override"),
    ("UNDP", None, "organisation", "override"),
    ("Howard G. Buffett Foundation", None, "organisation", "organisation_words"),
    ("UN Voluntary Trust Fund for Assistance in Mine Action", None, "organisation", "organisation_words"),
    ("NATO Support and Procurement Agency trust funds", None, "organisation", "organisation_words"),
    ("Asian Development Bank", None, "organisation", "organisation_words"),
    # Rows about many states at once.
    ("Global", None, "aggregate", "override"),
    ("Global (UN Portfolio 2015, 23 countries/territories)", None, "aggregate", "aggregate_words"),
    # Not a name at all.
    ("Narnia", None, "unmatched", None),
    ("", None, "unmatched", None),
]


@pytest.mark.parametrize(("name", "iso3", "kind", "method"), GOLDEN, ids=[g[0] or "<empty>" for g in GOLDEN])
def test_name_resolves_to_golden_iso3_kind_and_method(name, iso3, kind, method):
    match = to_iso3(name)
    assert (match.iso3, match.kind) == (iso3, kind)
    assert match.is_state == (kind == "state")
    if method is not None or kind not in ("state",):
        assert match.method == method


def test_states_resolve_with_a_method_and_non_states_say_why():
    for name, _, kind, _ in GOLDEN:
        match = to_iso3(name)
        if kind == "state":
            assert match.method, name
        else:
            assert match.reason, name


def _name_cells() -> list[tuple[str, str, str]]:
    cells = []
    for path in sorted(DATA_DIR.glob("*.csv")):
        with path.open(encoding="utf-8", newline="") as handle:
            for record in csv.DictReader(handle):
                for column in NAME_COLUMNS:
                    if record.get(column, "").strip():
                        cells.append((path.name, column, record[column]))
    return cells


# Every name in data/ that is not a state, pinned: a new one must be reviewed, not silently dropped.
KNOWN_NOT_STATES = {
    ("(general)", "aggregate"),
    ("Congo", "ambiguous"),  # states_parties.csv pairs it with its code COG
    ("European Union", "organisation"),
    ("Global", "aggregate"),
    ("Global (States Parties with significant numbers of survivors)", "aggregate"),
    ("Global (UN Mine Action Portfolio 2017, 22 countries/territories)", "aggregate"),
    ("Global (UN Mine Action Portfolio 2019, 19 countries)", "aggregate"),
    ("Global (UN Portfolio 2015, 23 countries/territories)", "aggregate"),
    ("Global (UN Portfolio of Mine Action Projects 2005, 30 countries and 3 territories)", "aggregate"),
    ("Global (UN Portfolio, 24 countries/territories)", "aggregate"),
    ("Nagorno-Karabakh", "non_state"),
    ("Somaliland", "non_state"),
}


def test_every_name_in_data_resolves_except_the_known_non_states():
    cells = _name_cells()
    assert len(cells) > 1000  # all name columns of all files were read
    not_states = {(name, to_iso3(name).kind) for _, _, name in cells if not to_iso3(name).is_state}
    assert not_states == KNOWN_NOT_STATES
    assert all(kind != "unmatched" for _, kind in not_states)


def test_names_in_data_agree_with_their_iso3_column():
    for path in sorted(DATA_DIR.glob("*.csv")):
        with path.open(encoding="utf-8", newline="") as handle:
            for record in csv.DictReader(handle):
                for name_column, code_column in (("state", "iso3"), ("recipient", "recipient_iso3"), ("donor", "donor_iso3")):
                    name, code = record.get(name_column, ""), record.get(code_column, "")
                    match = to_iso3(name) if name else None
                    if code and match is not None and match.is_state:
                        assert match.iso3 == code, (path.name, name, code)


def _values(column: pd.Series) -> list:
    return [value if isinstance(value, str) else None for value in column]


def test_normalize_names_reports_method_per_row_in_input_order():
    names = pd.Series(["UK", "AGO", "Congo", None, "Türkiye", "UK", "European Union"], index=[10, 11, 12, 13, 14, 15, 16])
    result = normalize_names(names)
    assert list(result.index) == [10, 11, 12, 13, 14, 15, 16]
    assert list(result.columns) == ["name", "iso3", "kind", "method", "reason"]
    assert list(result["name"][[10, 11, 12, 14, 15, 16]]) == ["UK", "AGO", "Congo", "Türkiye", "UK", "European Union"]
    assert _values(result["iso3"]) == ["GBR", "AGO", None, None, "TUR", "GBR", None]
    assert _values(result["kind"]) == ["state", "state", "ambiguous", "unmatched", "state", "state", "organisation"]
    assert _values(result["method"]) == ["override", "iso3_code", "override", None, "pycountry", "override", "override"]
    assert "COG" in result.at[12, "reason"] and "COD" in result.at[12, "reason"]


def test_normalize_names_of_an_empty_series_is_empty():
    result = normalize_names(pd.Series([], dtype=object))
    assert result.empty
    assert list(result.columns) == ["name", "iso3", "kind", "method", "reason"]


def test_unused_overrides_lists_overrides_no_name_used():
    unused = unused_overrides(pd.Series(["Congo", "  uk ", "EU", None, "Angola"]))
    assert "congo" not in unused and "uk" not in unused and "eu" not in unused
    assert "korea" in unused and "somaliland" in unused
    assert unused == sorted(unused)
    assert set(unused) == set(OVERRIDES) - {"congo", "uk", "eu"}


def test_unused_overrides_of_data_names_keeps_the_ones_data_does_not_need():
    names = pd.Series([name for _, _, name in _name_cells()])
    unused = unused_overrides(names)
    assert "somaliland" not in unused and "european union" not in unused and "global" not in unused
    assert "transnistria" in unused and "korea" in unused


@pytest.mark.parametrize("key", sorted(OVERRIDES))
def test_override_has_a_reason_and_a_valid_kind(key):
    override = OVERRIDES[key]
    assert override.why.strip()
    assert override.kind in {"state", "organisation", "aggregate", "non_state", "ambiguous"}
    assert key == " ".join(key.split()).casefold(), "keys are compared after trimming and casefolding"
    if override.kind == "state":
        assert override.iso3 is not None and is_iso3(override.iso3)
    else:
        assert override.iso3 is None


@pytest.mark.parametrize("key", sorted(OVERRIDES))
def test_override_is_what_to_iso3_returns(key):
    match = to_iso3(key)
    assert (match.iso3, match.kind, match.method) == (OVERRIDES[key].iso3, OVERRIDES[key].kind, "override")


def test_is_iso3_accepts_real_codes_only():
    assert is_iso3("AGO") and is_iso3("XKX")
    assert not is_iso3("ZZZ") and not is_iso3("ago") and not is_iso3("AO")
