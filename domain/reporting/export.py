"""A report as JSON, for other systems (the ISU's database, a State's own tools): every form of the schema as it
stands when called, each field named by its key with its stored value (null when not answered), and the report's
workflow metadata. `report_from_json` reads such a file back through the same parsing as every other way in.
"""
from __future__ import annotations

import datetime as dt
import json

from domain.reporting import schema
from domain.reporting.report import Report, read_section

FORMAT = "apmbc-article7-report"
SCHEMA_VERSION = 1


def _plain(value: object) -> str:
    """The metadata's dates and times (submitted_at, published_at) as ISO text; nothing else is converted."""
    if isinstance(value, (dt.date, dt.datetime)):
        return value.isoformat()
    raise TypeError(f"{type(value).__name__} is not JSON")


def report_json(report: Report, meta: dict) -> bytes:
    """UTF-8 JSON of `report`, with `meta` (state, status, submitted_at... as the store gives them)."""
    forms = []
    for form in schema.forms():
        section = report.section(form.key)
        forms.append({
            "key": form.key, "title": form.title, "article": form.article,
            "status": section.status, "unchanged_since": section.unchanged_since,
            "values": {spec.key: section.values.get(spec.key) for spec in form.fields},
            "tables": {table.key: [{spec.key: row.get(spec.key) for spec in table.fields}
                                   for row in section.tables.get(table.key) or ()] for table in form.tables},
        })
    document = {"format": FORMAT, "schema_version": SCHEMA_VERSION, "iso3": report.iso3, "year": report.year,
                "initial": report.initial, "meta": meta, "forms": forms}
    return json.dumps(document, ensure_ascii=False, indent=1, default=_plain).encode("utf-8")


def report_from_json(data: bytes) -> Report:
    """The report in `data` (as `report_json` writes it), each answer parsed as a typed one is; raises ValueError
    for another format or a refused answer, naming the form, table, row and field."""
    try:
        document = json.loads(data)
    except ValueError as err:
        raise ValueError(f"not JSON: {err}") from err
    if not isinstance(document, dict) or document.get("format") != FORMAT:
        raise ValueError(f"not an {FORMAT} document")
    if document.get("schema_version") != SCHEMA_VERSION:
        raise ValueError(f"schema_version {document.get('schema_version')!r}: this version reads {SCHEMA_VERSION}")
    if not isinstance(document.get("iso3"), str) or not isinstance(document.get("year"), int):
        raise ValueError("iso3 (text) and year (a whole number) are required")
    given = {f.get("key"): f for f in document.get("forms") or () if isinstance(f, dict)}
    report = Report(document["iso3"], document["year"], bool(document.get("initial")))
    refused = []
    for form in schema.forms():
        record = given.get(form.key) or {}
        try:
            section, problems = read_section(form, record.get("status") or "changed", record.get("unchanged_since"),
                                             record.get("values") or {}, record.get("tables") or {})
        except (AttributeError, TypeError) as err:  # a list where an object belongs, and the like
            raise ValueError(f"form {form.key}: values and table rows must be objects ({err})") from err
        report.sections[form.key] = section
        refused += [f"{p.form}/{p.table or '-'}/{p.row or '-'}/{p.field}: {p.refusal.say()}" for p in problems]
    if refused:
        raise ValueError("; ".join(refused))
    return report
