"""Problems found in an input file, each pointing at the cell a person can find in a spreadsheet."""
from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, order=True)
class Problem:
    row: int  # spreadsheet row number: the header is row 1; 0 means the whole file
    column: str  # "" when the problem is about the row or the file
    reason: str

    def format(self, file: str) -> str:
        return f"{file}:{self.row}:{self.column}: {self.reason}"


class InvalidFile(Exception):
    """The file cannot be read as a table at all (wrong type, binary, empty, too large)."""

    def __init__(self, reason: str):
        super().__init__(reason)
        self.reason = reason


class DataValidationError(ValueError):
    """Raised by the loaders when a data file breaks its schema; lists every problem."""

    def __init__(self, file: str, problems: list[Problem]):
        self.file = file
        self.problems = problems
        super().__init__("\n".join(p.format(file) for p in problems))
