"""A report's content: one State, one calendar year (or the initial report), a section per form.

A section holds what the cover page says of the form (changed / unchanged since YEAR / not applicable), its
single answers (`values`) and its repeating rows (`tables`), all as `values.parse_value` stores them. The record
form (`as_record` / `report_from_record`) is plain JSON: what the store keeps and the JSON export writes.
"""
from __future__ import annotations

import copy
from dataclasses import dataclass, field

from domain.reporting import schema
from domain.reporting.schema import Form
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


def read_section(form: Form, status: str, unchanged_since: int | None, raw_values: dict,
                 raw_tables: dict) -> tuple[Section, list[FieldProblem]]:
    """A section from answers as typed: every answer parsed; the refused ones listed (and left out)."""
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
        for number, raw_row in enumerate(raw_tables.get(table.key) or (), start=1):
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
