"""What a write can be refused for; each message is meant to be shown to the person as is."""
from __future__ import annotations

from i18n import N_

# Marked for translation: pages show it in the reader's language.
UNREACHABLE = N_("the registry's database cannot be reached: editing is unavailable until it is back; reading pages "
                 "keep working from the embedded data")


class StoreError(Exception):
    pass


class StoreUnavailable(StoreError):
    """The database cannot be reached: it refuses connections, is down, cut the connection off, does not answer
    within the connect timeout, or (SQLite) its file cannot be opened. The interrupted transaction was not committed
    (unless the connection broke during the commit itself, which the database finishes or undoes whole)."""

    def __init__(self, message: str = UNREACHABLE):
        super().__init__(message)


class PermissionDenied(StoreError):
    pass


class NotFound(StoreError):
    pass


class InvalidRecord(StoreError):
    """One or more values break the rules; `problems` maps each field to its reason. Nothing was written."""

    def __init__(self, problems: dict[str, str]):
        self.problems = problems
        super().__init__("; ".join(f"{field}: {reason}" for field, reason in problems.items()))


class StaleEdit(StoreError):
    """The record changed since the version the edit was based on. Nothing was written.

    `changes` maps each field changed meanwhile to (value at the edit's base version, value now).
    """

    def __init__(self, table: str, record_id: int, based_on: int, current: int, changes: dict, by: list[str]):
        self.table, self.record_id, self.based_on, self.current = table, record_id, based_on, current
        self.changes, self.by = changes, by
        listed = "; ".join(f"{field}: {old!r} -> {new!r}" for field, (old, new) in changes.items()) or "no field"
        who = ", ".join(by) or "someone"
        super().__init__(
            f"{table} {record_id} was changed by {who} since you opened it (version {based_on} -> {current}): "
            f"{listed}. Your edit was not saved; reload and apply it again."
        )
