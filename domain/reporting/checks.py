"""The checks at submission: each problem names form, table, row and field. Errors block submission; warnings are
confirmed with a comment. Every rule reads the schema at call time, so a field added there is checked too."""
from __future__ import annotations

import numbers
from dataclasses import dataclass

from domain.reporting import schema
from domain.reporting.report import FieldProblem, Report, Section, casualties, land_released_m2, mined_area_m2
from domain.reporting.schema import Field, Sum
from domain.reporting.values import Refusal
from i18n import N_, _

REQUIRED = N_("required: left blank")
NOT_A_STATUS = N_("'{status}' is not a form status: mark the form changed, unchanged or not applicable")
UNCHANGED_SINCE_MISSING = N_("marked unchanged, but not since when: give the year the form was last reported")
UNCHANGED_SINCE_LATE = N_("marked unchanged since {since}, which is not before {year}: give the year the form was "
                          "last reported")
EMPTY_CHANGED = N_("This form is marked changed but is empty: fill it in or mark it not applicable")
EMPTY_UNCHANGED = N_("This form is marked unchanged but is empty: fill it in or mark it not applicable")
PERIOD_REVERSED = N_("the period ends on {period_to}, before it begins on {period_from}")
SUM_TOO_LARGE = N_("{parts} = {added} is larger than {total_label} = {total}")
UNKNOWN_MINE_TYPE = N_("unknown mine type '{value}': choose one from the list or describe it in Form H")
UNKNOWN_MINE_TYPES = N_("unknown mine types {values}: choose them from the list or describe them in Form H")
BALANCE = N_("held at end {end}, but start {start} - used {used} - out {out} + in {transferred_in} = {expected}")
RELEASED_MORE_THAN_LEFT = N_("land released in {year} ({released} m²) is larger than the mined area left at the end "
                             "of {previous_year} ({left} m²)")
TENFOLD_MORE = N_("{figure} {value} in {year}: more than ten times the {previous} of {previous_year}")
TENFOLD_LESS = N_("{figure} {value} in {year}: less than a tenth of the {previous} of {previous_year}")

# Form J is voluntary: left empty, it is simply not reported.
VOLUNTARY_FORMS = ("J",)
# Where mine types are described, so other forms may name them (schema: Form H, table "types").
DESCRIBED_TYPES = ("H", "types", "mine_type")


@dataclass(frozen=True)
class LabelledRefusal(Refusal):
    """A reason whose `labels` params are the schema's labels (English msgids), said in the reader's language too;
    a tuple of labels is said joined with ' + ' (the parts of a sum)."""

    labels: tuple[str, ...] = ()

    def say(self) -> str:
        params = dict(self.params)
        for name in self.labels:
            value = params[name]
            params[name] = " + ".join(_(v) for v in value) if isinstance(value, tuple) else _(value)
        return _(self.template).format(**params)


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
    """Every problem in `report`, errors first, then warnings; each in the schema's form order, a form's own
    answers before its tables, then by row.

    Errors (they block submission):
    - a required answer left blank: the cover's always; a form's single answers once the form has any answer;
      every row's (a mined area with no size);
    - a form marked changed or unchanged but empty (Form J, voluntary, excepted); a form marked unchanged without
      a year before the report's; a section status that is not one of schema.FORM_STATUSES;
    - a disaggregation (schema.Sum, of a form or of each row) whose given parts add up to more than its total;
    - a mine type neither in schema.MINE_TYPES nor described in this report's Form H;
    - the cover's period ending before it begins.
    Warnings (confirmed with a comment; the params carry the figures):
    - retained mines (Form D) whose end is not start - used - transferred out + transferred in;
    - land released this year larger than the mined area `previous` left;
    - a headline figure more than ten times, or less than a tenth of, the same figure in `previous`.

    Forms marked not applicable are not checked; a form marked unchanged is checked like a changed one (its
    content is the earlier year's). `previous` is the State's report of an earlier year (None: no comparison).
    """
    known_types = {_type_key(t) for t in schema.MINE_TYPES} | _described_types(report)
    problems: list[Problem] = []
    for form in schema.forms():
        section = report.section(form.key)
        if form.key == "cover":
            problems += _answers(form.key, None, None, form.fields, form.sums, section.values, known_types)
            problems += _period(section)
        elif section.status != "not_applicable":
            problems += _form(form, section, report.year, known_types)
    if previous is not None:
        problems += _released_more_than_left(report, previous) + _tenfold(report, previous)
    problems += _balance(report)
    return sorted(problems, key=_order())


def errors(problems: list[Problem]) -> list[Problem]:
    return [p for p in problems if p.severity == "error"]


def warnings(problems: list[Problem]) -> list[Problem]:
    return [p for p in problems if p.severity == "warning"]


def problems_from_fields(field_problems: list[FieldProblem]) -> list[Problem]:
    """Answers refused while reading (text in a count, a negative size...) as errors."""
    return [Problem(p.form, p.table, p.row, p.field, "error", p.refusal, "value") for p in field_problems]


def _order():
    forms = {key: i for i, key in enumerate(schema.form_keys())}
    tables = {(f.key, t.key): i for f in schema.forms() for i, t in enumerate(f.tables)}

    def key(p: Problem) -> tuple:
        return (p.severity != "error", forms.get(p.form, len(forms)), tables.get((p.form, p.table), -1), p.row or 0)
    return key


def _error(form: str, table: str | None, row: int | None, field: str | None, refusal: Refusal, code: str) -> Problem:
    return Problem(form, table, row, field, "error", refusal, code)


def _warning(form: str, table: str | None, row: int | None, field: str | None, refusal: Refusal, code: str) -> Problem:
    return Problem(form, table, row, field, "warning", refusal, code)


def _is_number(value: object) -> bool:
    return isinstance(value, numbers.Real) and not isinstance(value, bool)


def _figure(value: float) -> int | float:
    """A figure as a person reads it: 100, not 100.0."""
    return int(value) if float(value).is_integer() else round(value, 2)


def _blank(value: object) -> bool:
    if isinstance(value, str):
        return not value.strip()
    return value is None or (isinstance(value, (list, tuple, dict)) and not value)


def _type_key(mine_type: str) -> str:
    return " ".join(str(mine_type).split()).casefold()


def _described_types(report: Report) -> set[str]:
    form, table, field = DESCRIBED_TYPES
    section = report.section(form)
    if section.status == "not_applicable":
        return set()
    return {_type_key(row[field]) for row in section.tables.get(table) or () if not _blank(row.get(field))}


def _form(form: schema.Form, section: Section, year: int, known_types: set[str]) -> list[Problem]:
    problems = []
    if section.status not in schema.FORM_STATUSES:
        problems.append(_error(form.key, None, None, None, Refusal(NOT_A_STATUS, {"status": str(section.status)}),
                               "status"))
    elif section.status == "unchanged":
        since = section.unchanged_since
        if not isinstance(since, int) or isinstance(since, bool):
            problems.append(_error(form.key, None, None, None, Refusal(UNCHANGED_SINCE_MISSING), "unchanged_since"))
        elif since >= year:
            problems.append(_error(form.key, None, None, None,
                                   Refusal(UNCHANGED_SINCE_LATE, {"since": since, "year": year}), "unchanged_since"))
    if section.is_empty():
        if form.key not in VOLUNTARY_FORMS:
            template = EMPTY_UNCHANGED if section.status == "unchanged" else EMPTY_CHANGED
            problems.append(_error(form.key, None, None, None, Refusal(template), "empty"))
        return problems
    problems += _answers(form.key, None, None, form.fields, form.sums, section.values, known_types)
    for table in form.tables:
        for number, row in enumerate(section.tables.get(table.key) or (), start=1):
            problems += _answers(form.key, table.key, number, table.fields, table.sums, row, known_types)
    return problems


def _answers(form: str, table: str | None, row: int | None, fields: tuple[Field, ...], sums: tuple[Sum, ...],
             values: dict, known_types: set[str]) -> list[Problem]:
    """The errors in one set of answers: a form's single answers, or one row of a table."""
    problems = [_error(form, table, row, spec.key, Refusal(REQUIRED), "required")
                for spec in fields if spec.required and _blank(values.get(spec.key))]
    if sums:
        labels = {spec.key: spec.label for spec in fields}
        for total_sum in sums:
            problems += _sum(form, table, row, total_sum, labels, values)
    for spec in fields:
        if spec.kind == "mine_types" and not _blank(values.get(spec.key)):
            problems += _mine_types(form, table, row, spec.key, values[spec.key], known_types)
    return problems


def _sum(form: str, table: str | None, row: int | None, total_sum: Sum, labels: dict, values: dict) -> list[Problem]:
    total = values.get(total_sum.total)
    given = [part for part in total_sum.parts if _is_number(values.get(part))]
    if not _is_number(total) or not given:
        return []
    added = sum(values[part] for part in given)
    if added <= total:
        return []
    params = {"parts": tuple(labels.get(p, p) for p in given), "added": _figure(added),
              "total_label": labels.get(total_sum.total, total_sum.total), "total": _figure(total)}
    return [_error(form, table, row, total_sum.total, LabelledRefusal(SUM_TOO_LARGE, params, ("parts", "total_label")),
                   "sum")]


def _mine_types(form: str, table: str | None, row: int | None, field: str, value: object,
                known_types: set[str]) -> list[Problem]:
    named = value if isinstance(value, (list, tuple)) else str(value).split(schema.MINE_TYPE_SEPARATOR)
    unknown = [" ".join(str(t).split()) for t in named if str(t).strip() and _type_key(t) not in known_types]
    if not unknown:
        return []
    refusal = (Refusal(UNKNOWN_MINE_TYPE, {"value": unknown[0]}) if len(unknown) == 1 else
               Refusal(UNKNOWN_MINE_TYPES, {"values": ", ".join(f"'{t}'" for t in unknown)}))
    return [_error(form, table, row, field, refusal, "mine_type")]


def _period(cover: Section) -> list[Problem]:
    start, end = cover.values.get("period_from"), cover.values.get("period_to")
    if isinstance(start, str) and isinstance(end, str) and end < start:  # ISO dates sort as text
        return [_error("cover", None, None, "period_to",
                       Refusal(PERIOD_REVERSED, {"period_from": start, "period_to": end}), "period")]
    return []


def _balance(report: Report) -> list[Problem]:
    """Form D: what is held at the end should be what was held at the start, less used and transferred out, plus
    transferred in (blank movements count as none, once both holdings are given)."""
    section = report.section("D")
    if section.status == "not_applicable":
        return []
    problems = []
    for number, row in enumerate(section.tables.get("retained") or (), start=1):
        start, end = row.get("quantity_start"), row.get("quantity_end")
        if not (_is_number(start) and _is_number(end)):
            continue
        used, out, into = (row.get(k) if _is_number(row.get(k)) else 0 for k in ("used", "transferred_out",
                                                                                  "transferred_in"))
        expected = start - used - out + into
        if end != expected:
            params = {"end": _figure(end), "start": _figure(start), "used": _figure(used), "out": _figure(out),
                      "transferred_in": _figure(into), "expected": _figure(expected)}
            problems.append(_warning("D", "retained", number, "quantity_end", Refusal(BALANCE, params), "balance"))
    return problems


def _released_more_than_left(report: Report, previous: Report) -> list[Problem]:
    if report.section("J").status == "not_applicable":
        return []
    released, left = land_released_m2(report), mined_area_m2(previous)
    if released is None or left is None or released["total_m2"] <= left["total_m2"]:
        return []
    params = {"year": report.year, "released": _figure(released["total_m2"]), "previous_year": previous.year,
              "left": _figure(left["total_m2"])}
    return [_warning("J", None, None, None, Refusal(RELEASED_MORE_THAN_LEFT, params), "released_more_than_left")]


def _table_total(report: Report, form: str, table: str, field: str) -> float | None:
    given = [row[field] for row in report.section(form).tables.get(table) or () if _is_number(row.get(field))]
    return sum(given) if given else None


# The headline figures compared with the year before: (form, table, field) locate the warning.
TENFOLD_FIGURES = (
    ("B", "stock", "quantity", N_("mines stockpiled"), lambda r: _table_total(r, "B", "stock", "quantity")),
    ("C", "areas", "size_m2", N_("mined area (m²)"), lambda r: (mined_area_m2(r) or {}).get("total_m2")),
    ("D", "retained", "quantity_end", N_("mines retained"), lambda r: _table_total(r, "D", "retained", "quantity_end")),
    ("G", "destroyed", "quantity", N_("mines destroyed"), lambda r: _table_total(r, "G", "destroyed", "quantity")),
    ("I", None, "re_people_reached", N_("people reached by risk education"),
     lambda r: r.section("I").values.get("re_people_reached")),
    ("J", None, "casualties_total", N_("casualties"), lambda r: (casualties(r) or {}).get("total")),
    ("J", None, None, N_("land released (m²)"), lambda r: (land_released_m2(r) or {}).get("total_m2")),
)


def _tenfold(report: Report, previous: Report) -> list[Problem]:
    problems = []
    for form, table, field, label, figure in TENFOLD_FIGURES:
        if "not_applicable" in (report.section(form).status, previous.section(form).status):
            continue
        value, before = figure(report), figure(previous)
        if not (_is_number(value) and _is_number(before) and value > 0 and before > 0):
            continue
        ratio = value / before
        if 0.1 <= ratio <= 10:
            continue
        params = {"figure": label, "value": _figure(value), "year": report.year, "previous": _figure(before),
                  "previous_year": previous.year}
        template = TENFOLD_MORE if ratio > 10 else TENFOLD_LESS
        problems.append(_warning(form, table, None, field, LabelledRefusal(template, params, ("figure",)), "tenfold"))
    return problems
