"""The checks at submission: each problem names form, table, row and field. Errors block submission; warnings are
confirmed with a comment. Every rule reads the schema at call time, so a field added there is checked too."""
from __future__ import annotations

from dataclasses import dataclass

from domain.reporting import schema
from domain.reporting.report import FieldProblem, Report
from domain.reporting.values import Refusal
from i18n import N_, _

REQUIRED = N_("required: left blank")


@dataclass(frozen=True)
class Problem:
    """One problem found in a report. `refusal.say()` gives the reason in the reader's language (a warning's
    params carry the figures); `key` identifies it between a check and its confirmation."""

    form: str
    table: str | None
    row: int | None  # 1-based, as the table shows
    field: str | None
    severity: str  # "error" | "warning"
    refusal: Refusal
    code: str

    @property
    def key(self) -> str:
        return f"{self.form}/{self.table or '-'}/{self.row or '-'}/{self.field or '-'}/{self.code}"

    def where(self) -> str:
        """'Form C: Location of mined areas, Mined areas, row 3, Size' in the reader's language."""
        form = next((f for f in schema.forms() if f.key == self.form), None)
        if form is None:
            return self.form
        parts = [_(form.title)]
        fields = form.fields
        if self.table:
            table = next((t for t in form.tables if t.key == self.table), None)
            parts.append(_(table.label) if table else self.table)
            fields = table.fields if table else ()
        if self.row:
            parts.append(_("row {row}").format(row=self.row))
        if self.field:
            spec = next((f for f in fields if f.key == self.field), None)
            parts.append(_(spec.label) if spec else self.field)
        return ", ".join(parts)


def check_report(report: Report, previous: Report | None) -> list[Problem]:
    """Every problem in `report`: errors first, then warnings."""
    problems: list[Problem] = []
    for form in schema.forms():
        section = report.section(form.key)
        if form.key != "cover" and section.status == "not_applicable":
            continue
        if form.key == "cover" or not section.is_empty():
            problems += [Problem(form.key, None, None, spec.key, "error", Refusal(REQUIRED), "required")
                         for spec in form.fields if spec.required and section.values.get(spec.key) is None]
        for table in form.tables:
            for number, row in enumerate(section.tables.get(table.key) or (), start=1):
                problems += [Problem(form.key, table.key, number, spec.key, "error", Refusal(REQUIRED), "required")
                             for spec in table.fields if spec.required and row.get(spec.key) is None]
    return problems


def errors(problems: list[Problem]) -> list[Problem]:
    return [p for p in problems if p.severity == "error"]


def warnings(problems: list[Problem]) -> list[Problem]:
    return [p for p in problems if p.severity == "warning"]


def problems_from_fields(field_problems: list[FieldProblem]) -> list[Problem]:
    """Answers refused while reading (text in a count, a negative size...) as errors."""
    return [Problem(p.form, p.table, p.row, p.field, "error", p.refusal, "value") for p in field_problems]
