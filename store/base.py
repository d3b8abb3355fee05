"""The handle every store function takes, and the one clock they share."""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlalchemy import Engine


@dataclass(frozen=True)
class Store:
    engine: Engine

    def close(self) -> None:
        self.engine.dispose()


def now() -> dt.datetime:
    # Naive UTC: SQLite keeps no time zone, so both backends store the same value.
    return dt.datetime.now(dt.UTC).replace(tzinfo=None, microsecond=0)


def midnight_after(day: dt.date) -> dt.datetime:
    """The end of a (UTC) day on the store's clock (now): what happened before it happened by the end of `day`."""
    return dt.datetime.combine(day + dt.timedelta(days=1), dt.time())
