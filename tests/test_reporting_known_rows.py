"""read_section with `known` rows (the stored ones): a row sent again unchanged is the stored row, not parsed again;
a row changed, added, or not exactly the stored one (another type, a field missing) is parsed as before, and the
section read is the same as without `known`."""
import pytest

from domain.reporting import report as report_module
from domain.reporting import schema
from domain.reporting.report import read_section
from domain.reporting.schema import Field

FORM = schema.form("C")
AREAS = [{"area_id": f"BA-{n:03d}", "admin_code": "BA01", "status": "confirmed", "size_m2": str(1000 + n),
          "mine_types": "PMA-2; PROM-1", "estimated_quantity": str(n)} for n in range(1, 31)]


@pytest.fixture
def stored() -> list[dict]:
    """The areas as the store keeps them: read once."""
    section, problems = read_section(FORM, "changed", None, {}, {"areas": AREAS})
    assert not problems
    return section.tables["areas"]


@pytest.fixture
def parsed(monkeypatch, stored):
    """Every answer parse_value is asked to read after the areas were stored, in order."""
    calls = []
    real = report_module.parse_value

    def counting(spec, raw):
        calls.append((spec.key, raw))
        return real(spec, raw)
    monkeypatch.setattr(report_module, "parse_value", counting)
    return calls


def read(raw_rows, known):
    return read_section(FORM, "changed", None, {}, {"areas": raw_rows}, known={"areas": known})


def test_rows_sent_again_unchanged_are_not_parsed_and_a_changed_one_is(stored, parsed):
    sent = [dict(row) for row in stored]
    sent[16] = {**sent[16], "size_m2": "about 300"}
    section, problems = read(sent, stored)
    assert [(p.row, p.field) for p in problems] == [(17, "size_m2")]  # still refused, located at its row
    assert parsed == [(spec.key, sent[16].get(spec.key)) for spec in FORM.tables[0].fields]  # that row only
    assert section.tables["areas"][:16] == stored[:16] and section.tables["areas"][17:] == stored[17:]
    assert section.tables["areas"][0] is stored[0]  # the stored row itself


def test_rows_moved_up_by_a_deletion_are_found_by_their_key(stored, parsed):
    sent = [dict(row) for row in stored[1:]] + [{"area_id": "BA-999", "status": "suspected", "size_m2": "5"}]
    section, problems = read(sent, stored)
    assert not problems and section.tables["areas"][:-1] == stored[1:]
    assert [raw for key, raw in parsed if key == "area_id"] == ["BA-999"]  # only the row added


@pytest.mark.parametrize("change", [
    {"size_m2": 1001},  # an int where a float is stored: parsed (the same value comes out)
    {"estimated_quantity": True},  # True == 1, but a count is not yes or no: parsed, and refused
    {"mine_types": ("PMA-2", "PROM-1")},  # a tuple, not the stored list
])
def test_a_value_equal_but_of_another_type_is_parsed(change, stored, parsed):
    sent = [dict(row) for row in stored]
    sent[0] = {**sent[0], **change}
    with_known = read(sent, stored)
    assert [raw for key, raw in parsed if key == "area_id"] == ["BA-001"]  # that row parsed, the others not
    assert with_known == read_section(FORM, "changed", None, {}, {"areas": sent})


def test_a_stored_row_without_a_field_added_since_is_read_again(stored):
    table = FORM.tables[0]
    fields = (*table.fields, Field("operator", "Operator", "str", "Who works on the area."))
    form = schema.Form(FORM.key, FORM.title, FORM.article, FORM.guidance, FORM.fields,
                       (schema.Table(table.key, table.label, table.guidance, fields, table.key_field),))
    section, problems = read_section(form, "changed", None, {}, {"areas": stored}, known={"areas": stored})
    assert not problems
    assert [list(row) for row in section.tables["areas"]] == [[spec.key for spec in fields]] * len(stored)
    assert all(row["operator"] is None for row in section.tables["areas"])


def test_a_place_said_to_hold_no_known_row_is_parsed(stored, parsed):
    section, problems = read(stored, [None] * len(stored))
    assert not problems and section.tables["areas"] == stored
    assert len(parsed) == len(stored) * len(FORM.tables[0].fields)


def test_the_same_section_with_or_without_known_rows(stored):
    sent = [dict(row) for row in stored[3:]] + [dict(AREAS[0]), {"area_id": None}, dict(stored[0])]
    sent[5]["status"] = "suspected (SHA)"
    assert read(sent, stored) == read_section(FORM, "changed", None, {}, {"areas": sent})
