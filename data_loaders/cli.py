"""`python -m data_loaders validate --source NAME FILE [--output OUT.csv]` for data maintainers.

Exit 0 valid (one summary line), 1 invalid (one line per problem: FILE:ROW:COLUMN: reason),
2 usage error. Never a traceback: whatever the file holds, the answer is a message.
"""
from __future__ import annotations

import argparse
import sys
from collections import Counter
from pathlib import Path

import pandas as pd

from data_loaders.registry import SOURCES
from data_loaders.validation import CheckedTable, check_file


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python -m data_loaders", description="Check a data file before it enters data/.")
    commands = parser.add_subparsers(dest="command", required=True)
    validate = commands.add_parser("validate", help="check a CSV or XLSX file against a source's rules")
    validate.add_argument("--source", required=True, choices=sorted(SOURCES), help="which reference table the file follows")
    validate.add_argument("file", type=Path, help="the CSV or XLSX file to check")
    validate.add_argument("--output", type=Path, help="write the normalised table here as UTF-8 CSV (only when valid)")
    return parser


def summary(file: str, source_name: str, checked: CheckedTable) -> str:
    methods = Counter()
    for match in checked.matches.values():
        methods.update(m for m in match["method"] if isinstance(m, str))
    matched = ", ".join(f"{method} {count}" for method, count in sorted(methods.items())) or "no country columns"
    raw = checked.raw
    read_as = f"{raw.encoding}, delimiter {raw.delimiter!r}" if raw and raw.delimiter else (raw.encoding if raw else "")
    return f"{file}: OK, {len(checked.table)} rows valid for {source_name} (names matched by: {matched}; read as {read_as})"


def normalised(checked: CheckedTable) -> pd.DataFrame:
    """The input rows in input order with the input's columns; country codes filled in."""
    header = checked.raw.header
    return checked.table[header].reset_index(drop=True)


def run(argv: list[str]) -> int:
    args = build_parser().parse_args(argv)  # exits 2 with a usage message on bad arguments
    if not args.file.is_file():
        print(f"{args.file}: no such file", file=sys.stderr)
        return 2
    source = SOURCES[args.source]
    try:
        checked = check_file(source, args.file)
    except Exception as err:  # the contract is a message, never a traceback
        print(f"{args.file}:0:: the file could not be read ({type(err).__name__}: {err})")
        return 1
    if not checked.ok:
        for problem in checked.problems:
            print(problem.format(str(args.file)))
        print(f"{args.file}: {len(checked.problems)} problem(s); nothing was written", file=sys.stderr)
        return 1
    if args.output:
        try:
            normalised(checked).to_csv(args.output, index=False, encoding="utf-8")
        except OSError as err:
            print(f"{args.output}: cannot write the output ({err.strerror or err})", file=sys.stderr)
            return 2
    print(summary(str(args.file), source.name, checked))
    return 0
