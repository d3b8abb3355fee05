"""The Convention's meetings with their dates: what a reader picks to see a view "as shown at" a meeting, and
where the Changes page starts by default (the last meeting before today)."""
from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

KINDS = ("msp", "review_conference", "intersessional")


@dataclass(frozen=True)
class ConventionMeeting:
    key: str  # 22MSP, 5RC, IS2025 ...
    kind: str  # one of KINDS
    name: str  # in English
    start: dt.date
    end: dt.date
    venue: str | None
    source_url: str
    names: Mapping[str, str] = field(default_factory=dict)  # language -> the Convention's name in it (fr, es)

    def name_in(self, language: str) -> str:
        """The meeting's name in `language`, in English where none is given."""
        return self.names.get(language) or self.name


def meetings_from_frame(df) -> tuple[ConventionMeeting, ...]:
    """The meetings of a validated table (data_loaders.convention_meetings), oldest first."""
    meetings = [
        ConventionMeeting(
            key=record["key"], kind=record["kind"], name=record["name"],
            start=dt.date.fromisoformat(record["start"]), end=dt.date.fromisoformat(record["end"]),
            venue=record["venue"] if isinstance(record["venue"], str) else None,  # a blank cell is NA, not text
            source_url=record["source_url"],
            names={language: record[f"name_{language}"] for language in ("fr", "es")
                   if isinstance(record.get(f"name_{language}"), str)},
        )
        for record in df.to_dict("records")
    ]
    return tuple(sorted(meetings, key=lambda m: (m.start, m.end, m.key)))


def last_meeting_before(meetings: Iterable[ConventionMeeting], day: dt.date) -> ConventionMeeting | None:
    """The newest meeting over before `day` (its last day earlier): one still sitting on `day` is not "the last"."""
    held = [m for m in meetings if m.end < day]
    return max(held, key=lambda m: (m.end, m.start, m.key)) if held else None


def meeting_by_key(meetings: Iterable[ConventionMeeting], key: str) -> ConventionMeeting | None:
    return next((m for m in meetings if m.key == key), None)


def shown_at(meeting: ConventionMeeting) -> dt.date:
    """The day a view "as shown at" the meeting stands on: the data as it stood when the meeting opened."""
    return meeting.start
