"""A report's content: one State, one calendar year (or the initial report), a section per form.

A section holds what the cover page says of the form (changed / unchanged since YEAR / not applicable), its
single answers (`values`) and its repeating rows (`tables`), all as `values.parse_value` stores them. The record
form (`as_record` / `report_from_record`) is plain JSON: what the store keeps and the JSON export writes.
"""
from __future__ import annotations

import copy
from dataclasses import dataclass, field

from domain.reporting import schema
from domain.reporting.schema import Form, Table
from domain.reporting.values import Refusal, parse_value


@dataclass
class Section:
    status: str = "changed"  # changed | unchanged | not_applicable (schema.FORM_STATUSES)
    unchanged_since: int | None = None  # the year the content was last reported, when unchanged
    values: dict = field(default_factory=dict)
    tables: dict = field(default_factory=dict)  # table key -> list of row dicts

    def as_record(self) -> dict:
        return {"status": self.status, "unchanged_since": self.unchanged_since,
                "values": dict(self.values), "tables": {k: [dict(r) for r in rows] for k, rows in self.tables.items()}}

    def is_empty(self) -> bool:
        return not any(v is not None for v in self.values.values()) and not any(self.tables.values())


@dataclass
class Report:
    iso3: str
    year: int
    initial: bool = False
    sections: dict = field(default_factory=dict)  # form key -> Section

    def section(self, key: str) -> Section:
        return self.sections.get(key) or Section()

    def as_record(self) -> dict:
        return {"iso3": self.iso3, "year": self.year, "initial": self.initial,
                "sections": {key: self.section(key).as_record() for key in schema.form_keys()}}


@dataclass(frozen=True)
class FieldProblem:
    """An answer refused while reading a section: form, table (None for a single answer), 1-based row, field."""

    form: str
    table: str | None
    row: int | None
    field: str
    refusal: Refusal


def section_from_record(record: dict | None) -> Section:
    record = record or {}
    return Section(record.get("status") or "changed", record.get("unchanged_since"),
                   dict(record.get("values") or {}), {k: [dict(r) for r in rows] for k, rows in
                                                      (record.get("tables") or {}).items()})


def report_from_record(record: dict) -> Report:
    sections = record.get("sections") or {}
    return Report(record["iso3"], int(record["year"]), bool(record.get("initial")),
                  {key: section_from_record(sections.get(key)) for key in schema.form_keys()})


def empty_report(iso3: str, year: int, initial: bool = False) -> Report:
    return Report(iso3, year, initial, {key: Section() for key in schema.form_keys()})


def read_section(form: Form, status: str, unchanged_since: int | None, raw_values: dict, raw_tables: dict,
                 known: dict | None = None) -> tuple[Section, list[FieldProblem]]:
    """A section from answers as typed: every answer parsed; the refused ones listed (and left out).

    `known`: table key -> rows already read (a stored section's, say; None where there is none). A typed row holding
    exactly a known row's answers (each of the table's fields, of the same type) is that row, not parsed again: the
    one at the same place, else the one with the same key field (rows moved up by a deletion). Parsing is cell by
    cell, so what was read once reads the same; a big table saved with one cell changed parses one row. The known
    row itself goes into the section, not a copy (rows are not changed in place)."""
    problems: list[FieldProblem] = []
    values = {}
    for spec in form.fields:
        value = parse_value(spec, raw_values.get(spec.key))
        if isinstance(value, Refusal):
            problems.append(FieldProblem(form.key, None, None, spec.key, value))
            value = None
        values[spec.key] = value
    tables = {}
    for table in form.tables:
        rows = []
        find = _Known(table, (known or {}).get(table.key) or [])
        for number, raw_row in enumerate(raw_tables.get(table.key) or (), start=1):
            row = find(number - 1, raw_row)
            if row is not None:
                rows.append(row)
                continue
            row = {}
            for spec in table.fields:
                value = parse_value(spec, raw_row.get(spec.key))
                if isinstance(value, Refusal):
                    problems.append(FieldProblem(form.key, table.key, number, spec.key, value))
                    value = None
                row[spec.key] = value
            if any(v is not None for v in row.values()):  # a blank line in a table is not a row
                rows.append(row)
        tables[table.key] = rows
    if status not in schema.FORM_STATUSES:
        status = "changed"
    return Section(status, unchanged_since if status == "unchanged" else None, values, tables), problems


class _Known:
    """The known row a typed row is, if any: called with the typed row's place (0-based) and the row."""

    def __init__(self, table: Table, rows: list):
        self.rows, self.fields, self.key_field = rows, tuple(spec.key for spec in table.fields), table.key_field
        self.by_key: dict | None = None  # key field value -> known row, made when first needed

    def __call__(self, index: int, raw: object) -> dict | None:
        if not self.rows or type(raw) is not dict:
            return None
        here = self.rows[index] if index < len(self.rows) else None
        if here is not None and self._same(raw, here):
            return here
        # Elsewhere only when the row here is another one (rows moved by a deletion or an insertion) or the table
        # is longer: not for a row changed in place, nor where the caller says no row is known (None).
        if not self.key_field or (index < len(self.rows) and (type(here) is not dict
                                                             or here.get(self.key_field) == raw.get(self.key_field))):
            return None
        if self.by_key is None:
            self.by_key = {}
            for row in reversed(self.rows):  # the first of equal keys wins
                if type(row) is dict and _plain(row.get(self.key_field)):
                    self.by_key[row[self.key_field]] = row
        value = raw.get(self.key_field)
        row = self.by_key.get(value) if _plain(value) else None
        return row if row is not None and self._same(raw, row) else None

    def _same(self, raw: dict, row: object) -> bool:
        """`raw` holds the table's fields in its order and nothing else, each the known row's value of the same type,
        and the row is not blank (a blank line is no row). Compared whole, not cell by cell: thousands of rows."""
        fields = self.fields
        return (type(row) is dict and tuple(row) == fields
                and (raw is row or (tuple(raw) == fields and raw == row
                                    and list(map(type, raw.values())) == list(map(type, row.values()))))
                and list(row.values()).count(None) < len(fields))


def _plain(value: object) -> bool:
    return isinstance(value, str | int | float) and not isinstance(value, bool)


def start_from(previous: Report, year: int) -> Report:
    """Next year's report begun from `previous`: every form's content copied and marked unchanged since the year
    it was last reported (editing a form marks it changed); the cover keeps the contact, not the dates."""
    report = empty_report(previous.iso3, year)
    for key in schema.form_keys():
        before = previous.section(key)
        if key == "cover":
            values = {k: v for k, v in before.values.items() if k.startswith("contact_")}
            values.update(period_from=f"{year}-01-01", period_to=f"{year}-12-31")
            report.sections[key] = Section("changed", None, values, {})
            continue
        since = before.unchanged_since if before.status == "unchanged" else previous.year
        status = "not_applicable" if before.status == "not_applicable" else "unchanged"
        report.sections[key] = Section(status, since if status == "unchanged" else None,
                                       copy.deepcopy(before.values), copy.deepcopy(before.tables))
    return report


# --- figures the rest of the product reads from a report ---------------------------------------------------

def mined_area_m2(report: Report) -> dict | None:
    """Form C's totals: suspected, confirmed and all areas in m², and the number of areas; None when Form C is not
    reported (not applicable, or no area with a size)."""
    section = report.section("C")
    if section.status == "not_applicable":
        return None
    areas = section.tables.get("areas") or []
    sized = [a for a in areas if a.get("size_m2") is not None]
    if not sized:
        return None
    by_status = {s: sum(a["size_m2"] for a in sized if a.get("status") == s) for s in ("suspected", "confirmed")}
    return {"suspected_m2": by_status["suspected"], "confirmed_m2": by_status["confirmed"],
            "total_m2": sum(a["size_m2"] for a in sized), "areas": len(areas)}


def land_released_m2(report: Report) -> dict | None:
    """Form J's land release by method (m²) and its total; None when no method has a figure."""
    values = report.section("J").values
    methods = {k: values.get(k) for k in ("cancelled_m2", "reduced_m2", "cleared_m2")}
    given = [v for v in methods.values() if v is not None]
    if not given:
        return None
    return {**methods, "total_m2": sum(given)}


def casualties(report: Report) -> dict | None:
    """Form J's casualties in the year: total (reported, else killed + injured when both are), killed, injured."""
    values = report.section("J").values
    killed, injured, total = values.get("killed"), values.get("injured"), values.get("casualties_total")
    if total is None and killed is not None and injured is not None:
        total = killed + injured
    if total is None and killed is None and injured is None:
        return None
    return {"total": total, "killed": killed, "injured": injured}
