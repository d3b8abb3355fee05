"""`python -m data_loaders validate` reads state names in French and Spanish as it reads English ones:
a name alone gives the row its ISO3, and a name that belongs to another state than the row's code is refused."""
from __future__ import annotations

import csv

from data_loaders.cli import run
from tests.helpers import row, write_source_csv


def _validate(capsys, path, *extra) -> tuple[int, list[str], str]:
    code = run(["validate", "--source", "casualties", str(path), *map(str, extra)])
    out, err = capsys.readouterr()
    return code, out.splitlines(), err


def _problems_at(lines: list[str], path, row_number: int, column: str) -> list[str]:
    return [line for line in lines if line.startswith(f"{path}:{row_number}:{column}: ")]


def _written_iso3(path) -> list[str]:
    with path.open(encoding="utf-8", newline="") as handle:
        return [record["iso3"] for record in csv.DictReader(handle)]


def test_french_names_are_accepted_with_their_code_or_alone(tmp_path, capsys):
    rows = [
        row("casualties", iso3="ZAF", state="Afrique du Sud"),
        row("casualties", iso3="GBR", state="Royaume-Uni de Grande-Bretagne et d'Irlande du Nord"),
        row("casualties", iso3="", state="République démocratique du Congo"),
        row("casualties", iso3="", state="Côte d\u2019Ivoire"),
        row("casualties", iso3="", state="Bolivie (État plurinational de)"),
        row("casualties", iso3="", state="Saint-Siège"),
    ]
    path = write_source_csv(tmp_path / "victimes.csv", "casualties", rows)
    out = tmp_path / "out.csv"
    code, lines, err = _validate(capsys, path, "--output", out)
    assert code == 0, lines
    assert err == ""
    # Côte d'Ivoire is spelt alike in all three languages: the English catalogue matches it first.
    assert "names matched by: iso3_code 2, pycountry 1, pycountry_fr 3;" in lines[0], lines
    assert _written_iso3(out) == ["ZAF", "GBR", "COD", "CIV", "BOL", "VAT"]


def test_spanish_names_are_accepted_with_their_code_or_alone(tmp_path, capsys):
    rows = [
        row("casualties", iso3="ZAF", state="Sudáfrica"),
        row("casualties", iso3="", state="Reino Unido de Gran Bretaña e Irlanda del Norte"),
        row("casualties", iso3="", state="Estado Plurinacional de Bolivia"),
        row("casualties", iso3="", state="Guinea"),
        row("casualties", iso3="", state="Santa Sede"),
        row("casualties", iso3="", state="Estado de Palestina"),
    ]
    path = write_source_csv(tmp_path / "victimas.csv", "casualties", rows, encoding="cp1252", delimiter=";")
    out = tmp_path / "out.csv"
    code, lines, err = _validate(capsys, path, "--output", out)
    assert code == 0, lines
    assert err == ""
    # "Guinea" is spelt alike in English and Spanish (one state, GIN): the English catalogue matches it first.
    assert "names matched by: iso3_code 1, pycountry 1, pycountry_es 4;" in lines[0], lines
    assert _written_iso3(out) == ["ZAF", "GBR", "BOL", "GIN", "VAT", "PSE"]


def test_french_name_of_another_state_than_the_code_is_refused_at_its_cell(tmp_path, capsys):
    rows = [
        row("casualties", iso3="COD", state="République démocratique du Congo"),
        row("casualties", iso3="COG", state="République démocratique du Congo", year="2021"),
    ]
    path = write_source_csv(tmp_path / "victimes.csv", "casualties", rows)
    code, lines, err = _validate(capsys, path)
    assert code == 1
    assert "nothing was written" in err
    assert _problems_at(lines, path, 2, "iso3") == []
    assert _problems_at(lines, path, 3, "iso3") == [
        f"{path}:3:iso3: code COG (Congo) contradicts the name 'République démocratique du Congo' (COD)"
    ]


def test_spanish_name_of_another_state_than_the_code_is_refused_at_its_cell(tmp_path, capsys):
    path = write_source_csv(tmp_path / "victimas.csv", "casualties", [row("casualties", iso3="GIN", state="Guinea Ecuatorial")])
    code, lines, _ = _validate(capsys, path)
    assert code == 1
    assert _problems_at(lines, path, 2, "iso3") == [
        f"{path}:2:iso3: code GIN (Guinea) contradicts the name 'Guinea Ecuatorial' (GNQ)"
    ]


def test_french_and_spanish_names_two_states_share_are_refused_not_guessed(tmp_path, capsys):
    rows = [row("casualties", iso3="", state="Corée"), row("casualties", iso3="", state="Corea", year="2021")]
    path = write_source_csv(tmp_path / "noms.csv", "casualties", rows)
    code, lines, _ = _validate(capsys, path)
    assert code == 1
    assert any("ambiguous country 'Corée'" in line for line in _problems_at(lines, path, 2, "state")), lines
    assert any("ambiguous country 'Corea'" in line for line in _problems_at(lines, path, 3, "state")), lines
