"""An Article 7 report as an XLSX workbook to fill in offline, and read back through the same parsing and checks.

Made from `schema.forms()` at call time: a sheet per form (cover first). Column A is hidden and holds the markers
the reader finds everything by ("form:C", "field:KEY", "table:KEY", "columns", "header"), so sheets may be
renamed, labels translated and rows added at the end of a table: a table's rows run until the next marker.
A file is refused before openpyxl opens it when it is too large, not a ZIP workbook, macro-enabled or a zip bomb.
"""
from __future__ import annotations

import datetime as dt
import io
import math
import re
import zipfile
from dataclasses import dataclass, field
from pathlib import PurePath

from config import MAX_ROWS
from domain.reporting import schema
from domain.reporting.checks import check_report, errors
from domain.reporting.report import Report, Section, read_section
from domain.reporting.schema import FORM_STATUS_WORDS, Field, Form, Table
from domain.reporting.values import Refusal, is_empty, parse_value, show_value
from i18n import N_, _

WORKBOOK_LIMIT = 10 * 1024 * 1024  # bytes of the file
UNCOMPRESSED_LIMIT = 10 * WORKBOOK_LIMIT  # bytes of all its parts once unzipped, as the ZIP directory declares them
BOMB_RATIO = 100  # a part this many times its compressed size, and over a megabyte, is a zip bomb
BOMB_PART = 1024 * 1024
ROW_LIMIT = MAX_ROWS  # rows per sheet
SPARE_ROWS = 10  # blank rows left under each table for additions

ZIP_MAGIC = b"PK\x03\x04"
MACRO_SUFFIXES = {".xlsm", ".xltm", ".xlam"}
# Markers in the hidden column A.
FORM, REPORT, FIELD, TABLE = "form:", "report:", "field:", "table:"
STATUS, SINCE, COLUMNS, HEADER, GUIDANCE = "status", "unchanged_since", "columns", "header", "guidance"

TOO_LARGE = N_("the file is {size} MB; the limit is {limit} MB")
EMPTY_FILE = N_("the file is empty")
NOT_XLSX = N_("the file is not an .xlsx workbook, whatever its name says: save it as an Excel workbook (.xlsx)")
MACROS = N_("the workbook is macro-enabled: save it as an .xlsx workbook without macros")
BOMB = N_("the workbook unzips to {size} MB (at most {limit} MB, and no part {ratio} times its compressed size)")
NOT_OPENED = N_("the workbook cannot be opened ({error})")
TOO_MANY_ROWS = N_("more than {limit} rows")
FORMULA_CELL = N_("a formula: type the value itself")
MISSING_SHEET = N_("the sheet '{sheet}' ({form}) is missing")
DUPLICATE_SHEET = N_("a second sheet for {form}: keep one")
OTHER_STATE = N_("this workbook is for {found}, not {expected}")
OTHER_YEAR = N_("this workbook is the {found} report, not {expected}")

STATE_LABEL = N_("State (ISO3)")
YEAR_LABEL = N_("Year reported")
INITIAL_LABEL = N_("Initial report")
STATUS_LABEL = N_("This form this year")
SINCE_LABEL = N_("Unchanged since (year)")
REQUIRED_NOTE = N_("Required when the form is reported.")
CHOICES_NOTE = N_("Choose one of:")
STATUS_GUIDANCE = N_("changed: this sheet holds this year's answers. unchanged: nothing changed since the year in the "
                     "next row (the sheet holds that year's answers). not_applicable: the form does not apply.")
INVALID_TITLE = N_("Not in the list")
INVALID_CHOICE = N_("Choose a value from the list (the reader also accepts the labels in the guidance).")
INVALID_NUMBER = N_("A number, not negative; a year between 1997 and 2100.")
ARTICLE = N_("Article {article}")

_STATUS = Field("status", STATUS_LABEL, "enum", STATUS_GUIDANCE, choices=(
    ("changed", FORM_STATUS_WORDS["changed"]), ("unchanged", N_("unchanged")),
    ("not_applicable", FORM_STATUS_WORDS["not_applicable"])))
_SINCE = Field("unchanged_since", SINCE_LABEL, "year", "")
_INITIAL = Field("initial", INITIAL_LABEL, "bool", "")
_WIDTHS = {"text": 50, "geom": 50, "str": 26, "mine_types": 26, "enum": 20, "date": 14, "int": 14, "float": 14,
           "year": 10, "bool": 10, "iso3": 12, "currency": 10}


@dataclass(frozen=True)
class CellProblem:
    """Why a workbook is refused, at a cell as the spreadsheet shows it: row 0 and column "" mean the file or sheet."""

    sheet: str
    row: int
    column: str  # the Excel column letter
    reason: str

    def line(self, filename: str) -> str:
        return f"{filename}:{self.sheet}:{self.row}:{self.column}: {self.reason}"


def sheet_name(form: Form) -> str:
    """The form's sheet: its key and short title in the reader's language (Excel allows 31 characters)."""
    title = _(form.title)
    short = _(form.short) if form.short else title.split(":", 1)[-1].strip()
    name = title if form.key == "cover" else f"{form.key} {short}"
    name = " ".join(re.sub(r"[\[\]:*?/\\']", " ", name).split())
    return name if len(name) <= 31 else name[:32].rsplit(" ", 1)[0][:31]  # whole words where there are words


def _label(spec: Field) -> str:
    label = f"{_(spec.label)} ({spec.unit})" if spec.unit else _(spec.label)
    return f"{label} *" if spec.required else label


def _guidance(spec: Field) -> str:
    parts = [_(spec.guidance)] if spec.guidance else []
    if spec.choices:
        parts.append(_(CHOICES_NOTE) + " " + "; ".join(f"{key} = {_(label)}" for key, label in spec.choices))
    if spec.required:
        parts.append(_(REQUIRED_NOTE))
    return "\n".join(parts)


# --- writing ------------------------------------------------------------------------------------------------

def write_workbook(report: Report) -> bytes:
    """The report as an .xlsx workbook: a sheet per form of the schema as it is now, guidance as cell comments."""
    from openpyxl import Workbook  # imported here: openpyxl costs every server start a fifth of a second

    workbook = Workbook()
    workbook.remove(workbook.active)
    for form in schema.forms():
        _FormSheet(workbook.create_sheet(sheet_name(form)), form).write(report)
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()


class _FormSheet:
    """One form's sheet as it is written: rows in order, each with its marker in column A."""

    def __init__(self, sheet, form: Form):
        self.sheet, self.form, self.row = sheet, form, 0
        self.widths: dict[int, int] = {2: 40, 3: 30}  # labels in B; single answers (and the status) in C

    def write(self, report: Report) -> None:
        from openpyxl.styles import Alignment, Font

        form, section = self.form, report.section(self.form.key)
        title = self._line(FORM + form.key, {2: _(form.title)})
        title.font = Font(bold=True, size=14)
        self._note(title, f"{_(form.guidance)}\n({_(ARTICLE).format(article=form.article)})")
        guidance = self._line(GUIDANCE, {2: _(form.guidance)})
        guidance.alignment = Alignment(wrap_text=True, vertical="top")
        last = max([4, *(len(t.fields) + 1 for t in form.tables)])
        self.sheet.merge_cells(start_row=self.row, start_column=2, end_row=self.row, end_column=last)
        self.sheet.row_dimensions[self.row].height = 15 * (1 + len(guidance.value) // 100)
        self.row += 1
        if form.key == "cover":
            self._single(REPORT + "iso3", Field("iso3", STATE_LABEL, "str", ""), report.iso3)
            self._single(REPORT + "year", Field("year", YEAR_LABEL, "int", ""), report.year)
            self._single(REPORT + "initial", _INITIAL, report.initial)
        else:
            self._single(STATUS, _STATUS, section.status)
            self._single(SINCE, _SINCE, section.unchanged_since)
        if form.fields:
            self.row += 1
        for spec in form.fields:
            self._single(FIELD + spec.key, spec, section.values.get(spec.key))
        for table in form.tables:
            self.row += 1
            self._table(table, section.tables.get(table.key) or [])
        self._finish()

    def _line(self, marker: str, cells: dict):
        """Writes the next row; returns its column B cell."""
        self.row += 1
        self.sheet.cell(self.row, 1, marker)
        for column, value in cells.items():
            self.sheet.cell(self.row, column, value)
        return self.sheet.cell(self.row, 2)

    def _single(self, marker: str, spec: Field, value: object) -> None:
        from openpyxl.styles import Font

        label = self._line(marker, {2: _label(spec)})
        label.font = Font(bold=spec.required)
        self._note(label, _guidance(spec))
        self._value(self.sheet.cell(self.row, 3), spec, value)
        self._validate(spec, f"C{self.row}")

    def _table(self, table: Table, rows: list[dict]) -> None:
        from openpyxl.styles import Font, PatternFill

        title = self._line(TABLE + table.key, {2: _(table.label)})
        title.font = Font(bold=True, size=12)
        self._note(title, _(table.guidance))
        self._line(COLUMNS, {column: spec.key for column, spec in enumerate(table.fields, start=2)})
        self.sheet.row_dimensions[self.row].hidden = True
        self._line(HEADER, {column: _label(spec) for column, spec in enumerate(table.fields, start=2)})
        for column, spec in enumerate(table.fields, start=2):
            header = self.sheet.cell(self.row, column)
            header.font = Font(bold=True)
            header.fill = PatternFill("solid", fgColor="DDEBF7")
            self._note(header, _guidance(spec))
            self.widths[column] = max(self.widths.get(column, 0), _WIDTHS[spec.kind])
        first = self.row + 1
        for row in rows:
            self.row += 1
            for column, spec in enumerate(table.fields, start=2):
                self._value(self.sheet.cell(self.row, column), spec, row.get(spec.key))
        self.row += SPARE_ROWS
        for column, spec in enumerate(table.fields, start=2):
            letter = self.sheet.cell(first, column).column_letter
            self._validate(spec, f"{letter}{first}:{letter}{self.row}")

    def _value(self, cell, spec: Field, value: object) -> None:
        from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
        from openpyxl.styles import Alignment

        if value is None:
            return
        if spec.kind in ("int", "float", "year") and _exact_in_excel(value):
            cell.value = value  # a number, as a number
            return
        if spec.kind == "date":
            cell.value = dt.date.fromisoformat(value)
            cell.number_format = "yyyy-mm-dd"
            return
        cell.value = ILLEGAL_CHARACTERS_RE.sub("", show_value(spec, value))
        # Text is text: "=..." typed as an answer is kept as a string, never written as a formula.
        cell.data_type = "s"
        cell.quotePrefix = cell.value.startswith(("=", "+", "-", "@"))
        if spec.kind in ("text", "geom"):
            cell.alignment = Alignment(wrap_text=True, vertical="top")

    def _validate(self, spec: Field, cells: str) -> None:
        """A drop-down for choices and a range for numbers: a warning in the spreadsheet, the reader decides."""
        from openpyxl.worksheet.datavalidation import DataValidation

        rule = {"allow_blank": True, "showErrorMessage": True, "errorStyle": "warning", "errorTitle": _(INVALID_TITLE)}
        choices = ("yes", "no") if spec.kind == "bool" else tuple(key for key, _label in spec.choices)
        formula = '"' + ",".join(choices) + '"'
        if choices and len(formula) <= 255:  # Excel's limit for a list written in the rule
            validation = DataValidation(type="list", formula1=formula, error=_(INVALID_CHOICE), **rule)
        elif spec.kind == "year":
            validation = DataValidation(type="whole", operator="between", formula1="1997", formula2="2100",
                                        error=_(INVALID_NUMBER), **rule)
        elif spec.kind in ("int", "float"):
            validation = DataValidation(type="whole" if spec.kind == "int" else "decimal",
                                        operator="greaterThanOrEqual", formula1="0", error=_(INVALID_NUMBER), **rule)
        else:
            return
        self.sheet.add_data_validation(validation)
        validation.add(cells)

    @staticmethod
    def _note(cell, text: str) -> None:
        from openpyxl.comments import Comment

        if text:
            lines = sum(1 + len(line) // 48 for line in text.split("\n"))
            cell.comment = Comment(text, "Article 7", height=24 + 16 * lines, width=340)

    def _finish(self) -> None:
        from openpyxl.utils import get_column_letter

        self.sheet.column_dimensions["A"].hidden = True
        for column, width in self.widths.items():
            self.sheet.column_dimensions[get_column_letter(column)].width = width
        self.sheet.freeze_panes = "C2"


def _exact_in_excel(value: object) -> bool:
    """openpyxl writes numbers with 16 significant digits; a number that would not come back the same is written as
    its text (which the reader parses exactly)."""
    return isinstance(value, (int, float)) and not isinstance(value, bool) and math.isfinite(value) \
        and float(f"{value:.16g}") == value


# --- reading ------------------------------------------------------------------------------------------------

class _Refused(Exception):
    """The whole file (or a whole sheet) is refused: one reason, nothing read."""

    def __init__(self, reason: str, sheet: str = ""):
        super().__init__(reason)
        self.reason, self.sheet = reason, sheet


def read_workbook(data: bytes, filename: str, iso3: str, year: int) -> tuple[Report | None, list[CellProblem]]:
    """The report in `data` for State `iso3` and `year`, or None and every problem found, each at its cell."""
    try:
        _refuse_file(data, filename)
        sheets = _read_sheets(data)
    except _Refused as refused:
        return None, [CellProblem(refused.sheet, 0, "", refused.reason)]
    problems = [problem for sheet in sheets for problem in sheet.formulas]
    found: dict[str, _Sheet] = {}
    for sheet in sheets:
        key = sheet.form_key()
        if key in found:
            problems.append(CellProblem(sheet.name, 1, "A", _(DUPLICATE_SHEET).format(form=key)))
        elif key:
            found[key] = sheet
    initial, sections = False, {}
    for form in schema.forms():
        sheet = found.get(form.key)
        if sheet is None:
            name = sheet_name(form)
            problems.append(CellProblem(name, 0, "", _(MISSING_SHEET).format(sheet=name, form=_(form.title))))
            sections[form.key] = Section()
            continue
        if form.key == "cover":
            initial = sheet.read_meta(iso3, year, problems)
        sections[form.key] = sheet.read_section(form, problems)
    report = Report(iso3, year, initial, sections)
    located = {(p.sheet, p.row, p.column) for p in problems}
    for problem in errors(check_report(report, None)):
        sheet = found.get(problem.form)
        if sheet is None:  # its sheet is missing, which is said already
            continue
        sheet_, row, column = sheet.cell_of(problem)
        if (sheet_, row, column) not in located:  # a refused answer is also left blank: say it once
            problems.append(CellProblem(sheet_, row, column, problem.refusal.say()))
    if problems:
        order = {sheet.name: n for n, sheet in enumerate(sheets)}
        return None, sorted(problems, key=lambda p: (order.get(p.sheet, -1), p.row, len(p.column), p.column))
    return report, []


def _refuse_file(data: bytes, filename: str) -> None:
    """Refuses, from its size and its ZIP directory only, a file openpyxl should not open."""
    if len(data) > WORKBOOK_LIMIT:
        raise _Refused(_(TOO_LARGE).format(size=f"{len(data) / 1024 / 1024:.1f}", limit=WORKBOOK_LIMIT // 1024 // 1024))
    if not data:
        raise _Refused(_(EMPTY_FILE))
    if not data.startswith(ZIP_MAGIC):
        raise _Refused(_(NOT_XLSX))
    if PurePath(filename).suffix.lower() in MACRO_SUFFIXES:
        raise _Refused(_(MACROS))
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
        parts = archive.infolist()
        # zipfile stops unzipping a part at the size the directory declares, so these sizes bound what openpyxl reads.
        total = sum(part.file_size for part in parts)
        if total > UNCOMPRESSED_LIMIT or any(part.file_size > BOMB_PART and part.file_size > BOMB_RATIO *
                                             max(part.compress_size, 1) for part in parts):
            raise _Refused(_(BOMB).format(size=total // 1024 // 1024, limit=UNCOMPRESSED_LIMIT // 1024 // 1024,
                                          ratio=BOMB_RATIO))
        if any(part.filename.lower().endswith("vbaproject.bin") for part in parts):
            raise _Refused(_(MACROS))
        types = archive.getinfo("[Content_Types].xml")
        content_types = archive.read(types).lower() if types.file_size <= BOMB_PART else b""
    except (zipfile.BadZipFile, KeyError, ValueError, OSError, NotImplementedError, EOFError):
        raise _Refused(_(NOT_XLSX)) from None
    if b"macroenabled" in content_types:
        raise _Refused(_(MACROS))
    if b"spreadsheetml" not in content_types:  # a Word document or any other ZIP
        raise _Refused(_(NOT_XLSX))


def _column_letter(column: int) -> str:
    letters = ""
    while column:
        column, rest = divmod(column - 1, 26)
        letters = chr(65 + rest) + letters
    return letters


@dataclass
class _Place:
    row: int
    columns: dict[str, int] = field(default_factory=dict)  # field key -> column number in its block


@dataclass
class _Sheet:
    """One sheet's cells as read: values by row, then column; formulas are left out and listed."""

    name: str
    cells: dict[int, dict[int, object]]
    formulas: list[CellProblem]
    # Where each answer was read: (None, field) a single answer, (table, None) a table's title, (table, n) its row n,
    # ("", "status") and ("", "unchanged_since") the form's status.
    places: dict[tuple, _Place] = field(default_factory=dict)

    def form_key(self) -> str | None:
        marker = str(self.cells.get(1, {}).get(1) or "")
        return marker.removeprefix(FORM) if marker.startswith(FORM) else None

    def _marked(self) -> list[tuple[int, str, dict]]:
        return [(number, str(cells.get(1) or "").strip(), cells) for number, cells in sorted(self.cells.items())]

    def read_meta(self, iso3: str, year: int, problems: list[CellProblem]) -> bool:
        """Whether the report is the initial one; a workbook for another State or year is refused."""
        meta = {marker.removeprefix(REPORT): (number, cells.get(3)) for number, marker, cells in self._marked()
                if marker.startswith(REPORT)}
        number, found = meta.get("iso3", (0, None))
        if not is_empty(found) and str(found).strip().upper() != iso3:
            problems.append(CellProblem(self.name, number, "C", _(OTHER_STATE).format(found=found, expected=iso3)))
        number, found = meta.get("year", (0, None))
        if not is_empty(found) and str(found).strip() != str(year):
            problems.append(CellProblem(self.name, number, "C", _(OTHER_YEAR).format(found=found, expected=year)))
        number, found = meta.get("initial", (0, None))
        return self._single(_INITIAL, number, found, problems) is True

    def read_section(self, form: Form, problems: list[CellProblem]) -> Section:
        """The form's section as read_section makes it; every refused answer is added to `problems` at its cell."""
        raw_values, raw_tables, status, since = {}, {}, None, None
        table, columns = None, {}
        for number, marker, cells in self._marked():
            if not marker:
                raw = {key: _raw(cells.get(column)) for key, column in columns.items()}
                if table and not all(is_empty(v) for v in raw.values()):
                    raw_tables[table].append(raw)
                    self.places[(table, len(raw_tables[table]))] = _Place(number, columns)
            elif marker == COLUMNS and table:
                columns = {str(v).strip(): c for c, v in cells.items() if c > 1 and not is_empty(v)}
            elif marker == HEADER and table:
                continue
            elif marker.startswith(TABLE):
                table, columns = marker.removeprefix(TABLE), {}
                raw_tables.setdefault(table, [])
                self.places[(table, None)] = _Place(number)
            else:  # any other marker ends a table
                table, columns = None, {}
                if marker == STATUS:
                    status = self._single(_STATUS, number, cells.get(3), problems)
                    self.places[("", STATUS)] = _Place(number, {STATUS: 3})
                elif marker == SINCE:
                    since = self._single(_SINCE, number, cells.get(3), problems)
                    self.places[("", SINCE)] = _Place(number, {SINCE: 3})
                elif marker.startswith(FIELD):
                    raw_values[marker.removeprefix(FIELD)] = _raw(cells.get(3))
                    self.places[(None, marker.removeprefix(FIELD))] = _Place(number, {marker.removeprefix(FIELD): 3})
        section, refused = read_section(form, status or "changed", since, raw_values, raw_tables)
        for problem in refused:
            place = self.places.get((problem.table, problem.row) if problem.table else (None, problem.field))
            column = place.columns.get(problem.field, 0) if place else 0
            problems.append(CellProblem(self.name, place.row if place else 0, _column_letter(column),
                                        problem.refusal.say()))
        self._renumber(form, raw_tables)
        return section

    def _single(self, spec: Field, number: int, raw: object, problems: list[CellProblem]) -> object:
        value = parse_value(spec, _raw(raw))
        if isinstance(value, Refusal):
            problems.append(CellProblem(self.name, number, "C", value.say()))
            return None
        return value

    def _renumber(self, form: Form, raw_tables: dict) -> None:
        """read_section leaves out a row whose every answer is blank or refused, so the checks' row n is the n-th row
        kept: places are keyed by the kept rows' numbers."""
        for table in form.tables:
            kept = [self.places[(table.key, n)] for n, raw in enumerate(raw_tables.get(table.key) or (), start=1)
                    if any(_kept(spec, raw.get(spec.key)) for spec in table.fields)]
            for n, place in enumerate(kept, start=1):
                self.places[(table.key, n)] = place

    def cell_of(self, problem) -> tuple[str, int, str]:
        """Where a check's problem is: its answer's cell, else its row, else the table's title; a problem of the whole
        form (empty, unchanged since when?) at its status."""
        if problem.table:
            where = (problem.table, problem.row or None)
        elif problem.field:
            where = (None, problem.field)
        else:
            where = ("", SINCE if problem.code == "unchanged_since" else STATUS)
        place = self.places.get(where)
        if place is None:
            return self.name, 1, "B"
        field_ = problem.field or where[1]
        return self.name, place.row, _column_letter(place.columns.get(field_, 0))


def _kept(spec: Field, raw: object) -> bool:
    value = parse_value(spec, raw)
    return value is not None and not isinstance(value, Refusal)


def _raw(value: object) -> object:
    """A cell's value as the parser takes it: a spreadsheet date is its ISO day."""
    if isinstance(value, dt.datetime):
        return value.date().isoformat() if value.time() == dt.time(0) else value.isoformat()
    if isinstance(value, (dt.date, dt.time, dt.timedelta)):
        return str(value)
    return value


def _read_sheets(data: bytes) -> list[_Sheet]:
    from openpyxl import load_workbook
    from openpyxl.utils.exceptions import InvalidFileException

    width = 2 + max(len(table.fields) for form in schema.forms() for table in form.tables)
    failures = (InvalidFileException, zipfile.BadZipFile, KeyError, OSError, ValueError, TypeError, SyntaxError, EOFError)
    try:
        # data_only=False: a formula is seen as a formula (and refused); its cached result is never taken as typed.
        workbook = load_workbook(io.BytesIO(data), read_only=True, data_only=False, keep_links=False)
    except failures as err:
        raise _Refused(_(NOT_OPENED).format(error=type(err).__name__)) from None
    try:
        return [_read_sheet(sheet, width) for sheet in workbook.worksheets]
    except failures as err:
        raise _Refused(_(NOT_OPENED).format(error=type(err).__name__)) from None
    finally:
        workbook.close()


def _read_sheet(sheet, width: int) -> _Sheet:
    # The dimensions a file declares may be wrong: every row is read, up to the limit.
    sheet.reset_dimensions()
    cells: dict[int, dict[int, object]] = {}
    formulas = []
    for number, row in enumerate(sheet.iter_rows(max_col=width), start=1):
        if number > ROW_LIMIT:
            raise _Refused(_(TOO_MANY_ROWS).format(limit=ROW_LIMIT), sheet.title)
        for column, cell in enumerate(row, start=1):
            if cell.value is None:
                continue
            if cell.data_type == "f":
                formulas.append(CellProblem(sheet.title, number, _column_letter(column), _(FORMULA_CELL)))
            else:
                cells.setdefault(number, {})[column] = cell.value
    return _Sheet(sheet.title, cells, formulas)
