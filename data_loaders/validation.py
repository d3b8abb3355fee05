"""The whole check of one file against one source: read, parse, resolve countries, schema, rules.

Every problem in the file is collected (pandera `lazy=True`), each naming row, column and reason.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

import pandas as pd
import pandera.pandas as pa

from config import MAX_CELL_CHARS
from data_loaders.parsing import parse_column
from data_loaders.problems import InvalidFile, Problem
from data_loaders.reading import RawTable, read_table
from data_loaders.source import Source
from domain.countries import country_name, is_iso3, to_iso3

DTYPES = {"count": "Int64", "year": "Int64", "number": "Float64"}


@dataclass
class CheckedTable:
    table: pd.DataFrame  # typed, indexed by spreadsheet row number, original column names
    problems: list[Problem]
    matches: dict[str, pd.DataFrame]  # per country column: kind and method of each row's match
    raw: RawTable | None = None

    @property
    def ok(self) -> bool:
        return not self.problems


def check_file(source: Source, path: Path) -> CheckedTable:
    try:
        raw = read_table(path)
    except InvalidFile as err:
        return CheckedTable(pd.DataFrame(), [Problem(0, "", err.reason)], {})
    checked = check_raw(source, raw)
    checked.raw = raw
    return checked


def _header_problems(source: Source, header: list[str]) -> list[Problem]:
    problems = []
    seen: dict[str, int] = {}
    for position, name in enumerate(header, start=1):
        if not name:
            problems.append(Problem(1, f"column {position}", "a column has no name"))
            continue
        if name in seen:
            problems.append(Problem(1, name, f"duplicate column name (also column {seen[name]})"))
        seen.setdefault(name, position)
        if name not in source.columns:
            problems.append(Problem(1, name, f"unknown column for {source.name}; expected: {', '.join(source.columns)}"))
    for name in source.columns:
        if name not in seen:
            problems.append(Problem(1, name, "required column is missing"))
    return problems


def _frame(raw: RawTable) -> tuple[pd.DataFrame, list[Problem]]:
    problems = []
    width = len(raw.header)
    records = []
    for number, cells in raw.rows:
        extra = [c for c in cells[width:] if c.strip()]
        if extra:
            problems.append(Problem(number, "", f"the row has {len(cells)} cells but the header names {width} columns"))
        records.append((cells + [""] * width)[:width])
    frame = pd.DataFrame(records, columns=raw.header, index=[n for n, _ in raw.rows], dtype=object)
    for column in frame.columns:
        for row, text in frame[column].items():
            if len(text) > MAX_CELL_CHARS:
                problems.append(Problem(int(row), column, f"cell of {len(text)} characters; the limit is {MAX_CELL_CHARS}"))
                frame.at[row, column] = ""
    return frame, problems


def _resolve_countries(source: Source, typed: pd.DataFrame) -> tuple[list[Problem], dict[str, pd.DataFrame]]:
    problems: list[Problem] = []
    matches: dict[str, pd.DataFrame] = {}
    for column in source.columns:
        if source.column_meta(column).get("kind") == "donor_name":
            donor_problems, matches[column] = _resolve_donors(typed, column)
            problems += donor_problems
    for code_column in source.columns:
        meta = source.column_meta(code_column)
        if meta.get("kind") != "country_code":
            continue
        name_column = meta["name_column"]
        iso3, kinds, methods = [], [], []
        for row, code, name in zip(typed.index, typed[code_column].tolist(), typed[name_column].tolist(), strict=True):
            resolved, kind, method, problem = _resolve_one(code, name, code_column, name_column, meta)
            if problem:
                problems.append(Problem(int(row), *problem))
            iso3.append(resolved)
            kinds.append(kind)
            methods.append(method)
        typed[code_column] = pd.Series(iso3, index=typed.index, dtype=object)
        matches[code_column] = pd.DataFrame({"kind": kinds, "method": methods}, index=typed.index)
    return problems, matches


def _resolve_donors(typed: pd.DataFrame, column: str) -> tuple[list[Problem], pd.DataFrame]:
    problems, kinds, methods, iso3 = [], [], [], []
    for row, name in typed[column].items():
        match = to_iso3(name) if isinstance(name, str) else None
        if match is not None and match.kind not in ("state", "organisation"):
            problems.append(Problem(int(row), column, _unresolved(name, match)))
        kinds.append(match.kind if match else None)
        methods.append(match.method if match else None)
        iso3.append(match.iso3 if match else None)
    return problems, pd.DataFrame({"kind": kinds, "method": methods, "iso3": iso3}, index=typed.index)


def _resolve_one(code, name, code_column: str, name_column: str, meta: dict):
    """Return (iso3, kind, method, problem) for one row's code and name cells."""
    name_match = to_iso3(name) if isinstance(name, str) else None
    if isinstance(code, str):
        if not re.fullmatch(r"[A-Z]{3}", code):
            # The code column holds a name: resolve it like one.
            code_match = to_iso3(code)
            if not code_match.is_state:
                return None, code_match.kind, None, (code_column, _unresolved(code, code_match))
            code, method = code_match.iso3, code_match.method
        elif not is_iso3(code):
            return None, "unmatched", None, (code_column, f"'{code}' is not an ISO 3166 alpha-3 country code")
        else:
            method = "iso3_code"
        if name_match is not None and name_match.is_state and name_match.iso3 != code:
            return None, "state", None, (
                code_column,
                f"code {code} ({country_name(code)}) contradicts the name '{name}' ({name_match.iso3})",
            )
        return code, "state", method, None
    if name_match is None:
        return None, "unmatched", None, (name_column, "no country: give a name or an ISO3 code")
    if name_match.is_state:
        return name_match.iso3, "state", name_match.method, None
    allowed = {"non_state", "aggregate"} if meta["allow_non_state"] else set()
    if meta["organisation_ok"]:
        allowed.add("organisation")
    if name_match.kind in allowed:
        return None, name_match.kind, name_match.method, None
    return None, name_match.kind, None, (name_column, _unresolved(name, name_match))


def _unresolved(name: str, match) -> str:
    labels = {
        "ambiguous": f"ambiguous country '{name}': {match.reason}; add the ISO3 code",
        "non_state": f"'{name}' is not a state ({match.reason})",
        "organisation": f"'{name}' is an organisation, not a country",
        "aggregate": f"'{name}' names no single country",
    }
    return labels.get(match.kind, f"unknown country '{name}'")


CHECK_REASONS = [
    (r"^greater_than_or_equal_to\(0\)", lambda v: f"{v} is negative"),
    (r"^greater_than_or_equal_to\((\d+)\)", lambda v: f"{v} is before {{0}}"),
    (r"^less_than_or_equal_to\(100\)", lambda v: f"{v} is above 100 (a share must be 0-100)"),
    (r"^less_than_or_equal_to\((\d+)\)", lambda v: f"year {v} is in the future"),
    (r"^isin\(", lambda v: f"'{v}' is not an allowed value"),
    (r"^str_matches\(", lambda v: f"'{v}' is not a web link (must start with http:// or https://)"),
    (r"^not_nullable", lambda v: "a value is required"),
]


def _schema_problems(source: Source, typed: pd.DataFrame) -> list[Problem]:
    try:
        source.schema.validate(typed, lazy=True)
    except pa.errors.SchemaErrors as err:
        return [_describe(source, case) for case in err.failure_cases.itertuples(index=False)]
    return []


def _describe(source: Source, case) -> Problem:
    row = int(case.index) if pd.notna(case.index) else 0
    column = case.column if isinstance(case.column, str) else ""
    check = str(case.check)
    for pattern, message in CHECK_REASONS:
        if match := re.match(pattern, check):
            reason = message(case.failure_case).format(*match.groups())
            if check.startswith("isin(") and column:
                reason += f"; allowed: {', '.join(source.column_allowed(column) or [])}"
            return Problem(row, column, reason)
    return Problem(row, column, check)


def _source_problems(source: Source, typed: pd.DataFrame) -> list[Problem]:
    present = typed[list(source.source_columns)].notna().any(axis=1)
    return [Problem(int(row), source.source_columns[0], "the row names no source") for row in typed.index[~present]]


def _duplicate_problems(source: Source, typed: pd.DataFrame) -> list[Problem]:
    problems = []
    identity = list(source.key) + list(source.source_columns)
    # Only rows sharing their identity with another row can be reported; the rest need no row-by-row look.
    repeated = typed.duplicated(subset=identity, keep=False)
    if not repeated.any():
        return problems
    keyed = typed[repeated].astype(object).where(typed[repeated].notna(), None)
    first_seen: dict[tuple, int] = {}
    for row, values in keyed.iterrows():
        ident = tuple(values[c] for c in identity)
        if all(v is None for v in ident[: len(source.key)]):
            continue
        if ident in first_seen:
            earlier = keyed.loc[first_seen[ident]]
            # Both as objects: a table of text only gives rows typed str here, and a blank cell NaN instead of None.
            same = earlier.astype(object).equals(values.astype(object))
            what = "repeats" if same else "has the same key and source as"
            tail = "" if same else " but different values"
            problems.append(Problem(int(row), source.key[0], f"{what} row {first_seen[ident]}{tail}"))
        else:
            first_seen[ident] = int(row)
    return problems


def check_raw(source: Source, raw: RawTable) -> CheckedTable:
    problems = _header_problems(source, raw.header)
    if not raw.rows:
        problems.append(Problem(2, "", "the file has a header but no data rows"))
    if problems:
        return CheckedTable(pd.DataFrame(), problems, {})
    frame, cell_problems = _frame(raw)
    typed = pd.DataFrame(index=frame.index)
    for column in source.columns:
        kind = source.column_meta(column).get("kind", "text")
        values, parse_problems = parse_column(frame[column], column, kind, source.column_allowed(column))
        cell_problems += parse_problems
        typed[column] = pd.array(values, dtype=DTYPES.get(kind, "string"))
    problems, matches = _resolve_countries(source, typed)
    for column, dtype in typed.dtypes.items():
        if pd.api.types.is_object_dtype(dtype):
            typed[column] = typed[column].astype("string")
    problems += _schema_problems(source, typed)
    problems += _source_problems(source, typed)
    for check in source.row_rules:
        problems += check(typed)
    problems += _duplicate_problems(source, typed)
    # A cell that could not be read is reported once, for what is wrong in it, not again as empty.
    unreadable = {(p.row, p.column) for p in cell_problems}
    problems = cell_problems + [p for p in problems if (p.row, p.column) not in unreadable]
    return CheckedTable(typed, sorted(set(problems)), matches)
