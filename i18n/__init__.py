"""Interface languages: the current language, gettext catalogues read with Babel, and number/date formatting.

No Streamlit here. English is the source language (a msgid is its own English text); French and Spanish
come from `i18n/locales/<lang>/LC_MESSAGES/messages.po`. The domain builds English text only (its results
are cached across sessions), so pages translate what it built with `translate_message`.
"""
from __future__ import annotations

import datetime as dt
import numbers
import re
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from decimal import Decimal
from functools import cache
from pathlib import Path

import pandas as pd
from babel import Locale
from babel.dates import format_date as _babel_date
from babel.dates import format_skeleton as _babel_skeleton
from babel.messages.pofile import read_po
from babel.numbers import format_decimal as _babel_decimal
from babel.numbers import format_percent as _babel_percent

LANGUAGES = {"en": "English", "fr": "Français", "es": "Español"}
DEFAULT_LANGUAGE = "en"
LOCALES_DIR = Path(__file__).resolve().parent / "locales"
# en_GB for the CLDR data: the same numbers as en, and dates written day-month-year as the dashboard always has.
_BABEL_LOCALES = {"en": "en_GB", "fr": "fr", "es": "es"}

_language: ContextVar[str] = ContextVar("language", default=DEFAULT_LANGUAGE)


def set_language(code: object) -> str:
    """Make `code` the language of this run (an unknown code means English); returns the language set."""
    language = code if isinstance(code, str) and code in LANGUAGES else DEFAULT_LANGUAGE
    _language.set(language)
    return language


def current_language() -> str:
    return _language.get()


@contextmanager
def using_language(code: object) -> Iterator[str]:
    """Run a block in `code`'s language, then back: for work done outside a page run (a deferred download)."""
    token = _language.set(code if isinstance(code, str) and code in LANGUAGES else DEFAULT_LANGUAGE)
    try:
        yield _language.get()
    finally:
        _language.reset(token)


def catalogue_path(language: str) -> Path:
    return LOCALES_DIR / language / "LC_MESSAGES" / "messages.po"


@cache  # read once per process and language; the files change only with a new release
def _translations(language: str) -> dict[str, str]:
    if language == DEFAULT_LANGUAGE:
        return {}
    with catalogue_path(language).open("rb") as file:
        catalogue = read_po(file, locale=language)
    return {m.id: m.string for m in catalogue if m.id and m.string and not m.fuzzy and isinstance(m.id, str)}


def _(msgid: str) -> str:
    """`msgid` in the current language; English, or a msgid with no translation, is returned as it is."""
    return _translations(current_language()).get(msgid, msgid)


def N_(msgid: str) -> str:
    """Marks a string for extraction without translating it: for constants built at import time."""
    return msgid


# --- numbers and dates -------------------------------------------------------------------------

NOT_REPORTED = N_("not reported")


def format_figure(value: object, unit: str = "") -> str:
    """A figure for display in the current language; a missing one reads 'not reported', never 0.

    Used by the dashboard and the conference pack alike, so both show a figure the same way."""
    if value is None or (not isinstance(value, (str, list, tuple)) and pd.isna(value)):
        return _(NOT_REPORTED)
    if isinstance(value, bool):
        text = _("yes") if value else _("no")
    elif isinstance(value, numbers.Integral):
        text = localize_number(f"{value:,}")
    elif isinstance(value, numbers.Real):
        text = localize_number(f"{value:,.2f}".rstrip("0").rstrip("."))
    else:
        text = str(translate_message(str(value)))
    return f"{text} {_(unit) if unit else ''}".strip()

_ENGLISH_NUMBER = re.compile(r"-?(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?")


def _locale() -> Locale:
    return Locale.parse(_BABEL_LOCALES[current_language()])


def localize_number(text: str) -> str:
    """An English-formatted number ('12,345.60', '2027.2') in the current language, same digits.

    Python decides the rounding (as the English text always had); Babel only supplies the separators,
    and a number written without grouping (a year) stays without it."""
    if current_language() == DEFAULT_LANGUAGE or not _ENGLISH_NUMBER.fullmatch(text):
        return text
    decimals = len(text.partition(".")[2])
    pattern = "#,##0" + ("." + "0" * decimals if decimals else "")
    return _babel_decimal(Decimal(text.replace(",", "")), format=pattern, locale=_locale(), group_separator="," in text)


_UNGROUPED_COUNT = re.compile(r"\d{4,}")


def format_counts(text: str) -> str:
    """A source's wording of a count ("44000", "52000-60000", "at least 7275") with each number grouped in the
    current language (44,000 / 44 000 / 44.000). Only for text that holds counts, never years."""
    return _UNGROUPED_COUNT.sub(lambda number: localize_number(f"{int(number.group()):,}"), text)


def format_number(value: float) -> str:
    """A whole number with grouping: 12,345 / 12 345 / 12.345."""
    return localize_number(f"{round(value):,}")


def format_decimal(value: float, digits: int) -> str:
    """A number with exactly `digits` decimals and grouping: 1,234.50 / 1 234,50."""
    return localize_number(f"{value:,.{digits}f}")


def format_percent(value: float, digits: int = 0) -> str:
    """A share (0.42) as a percentage: 42% / 42 % / 42 %."""
    rounded = Decimal(f"{value * 100:.{digits}f}") / 100
    # The language's own pattern (where the % goes, and its space), with the decimals asked for.
    pattern = _locale().percent_formats[None].pattern.replace("#,##0", "#,##0" + ("." + "0" * digits if digits else ""), 1)
    return _babel_percent(rounded, format=pattern, locale=_locale())


def format_date(value: dt.date | str) -> str:
    """A day in words: 27 November 2026 / 27 novembre 2026 / 27 de noviembre de 2026."""
    day = dt.date.fromisoformat(value) if isinstance(value, str) else value
    return _babel_date(day, format="long", locale=_locale())


def _month_of(decimal_year: float) -> dt.date:
    """The first day of the month a decimal year falls in (the fraction is of the year: 2028.2 -> March 2028)."""
    year = int(decimal_year // 1)
    return dt.date(year, min(int((decimal_year - year) * 12) + 1, 12), 1)


def format_month_year(decimal_year: float, language: str | None = None) -> str:
    """A decimal year (a projected completion) as a month: March 2028 / mars 2028 / marzo de 2028.

    A reader takes "2028,2" for a decimal comma or a day; the number itself is left as computed."""
    return _format_month(_month_of(decimal_year), Locale.parse(_BABEL_LOCALES[language or current_language()]))


def _format_month(day: dt.date, locale: Locale) -> str:
    return _babel_skeleton("yMMMM", day, locale=locale)


_ENGLISH_MONTHS = {name: number for number, name in Locale.parse("en").months["format"]["wide"].items()}
_ENGLISH_MONTH_YEAR = re.compile(rf"({'|'.join(_ENGLISH_MONTHS)}) (\d{{4}})")


# --- text the domain built in English ----------------------------------------------------------

_PLACEHOLDER = re.compile(r"\{(\w+)\}")
_PERCENT = re.compile(r"(\d+)%")


@cache
def _template_pattern(msgid: str) -> re.Pattern:
    """'the estimate is from {year}, older than {age} years' -> a regex capturing year and age."""
    parts, seen, position = [], set(), 0
    for found in _PLACEHOLDER.finditer(msgid):
        parts.append(re.escape(msgid[position:found.start()]))
        name = found.group(1)
        parts.append(f"(?P={name})" if name in seen else f"(?P<{name}>.+?)")
        seen.add(name)
        position = found.end()
    parts.append(re.escape(msgid[position:]))
    return re.compile("".join(parts), re.DOTALL)


@cache
def _templates(language: str) -> tuple[str, ...]:
    """The translated msgids with placeholders, the most specific (longest literal text) first.

    A template whose literal text has no letter ('{a}: {b}') would match almost anything: left out."""
    def literal(msgid: str) -> str:
        return _PLACEHOLDER.sub("", msgid)

    found = [m for m in _translations(language) if _PLACEHOLDER.search(m) and re.search(r"[^\W\d_]", literal(m))]
    return tuple(sorted(found, key=lambda m: (-len(literal(m)), m)))


def _translate_value(value: str) -> str:
    if _ENGLISH_NUMBER.fullmatch(value):
        return localize_number(value)
    if month := _ENGLISH_MONTH_YEAR.fullmatch(value):  # format_month_year's English, in this language
        return _format_month(dt.date(int(month.group(2)), _ENGLISH_MONTHS[month.group(1)], 1), _locale())
    if percent := _PERCENT.fullmatch(value):
        return format_percent(int(percent.group(1)) / 100)
    return translate_message(value)


@cache
def _translate_message(text: str, language: str) -> str:
    translations = _translations(language)
    if text in translations:
        return translations[text]
    if _ENGLISH_NUMBER.fullmatch(text):  # a figure alone, as the overview's casualties headline
        return localize_number(text)
    for msgid in _templates(language):
        found = _template_pattern(msgid).fullmatch(text)
        if found:
            values = {name: _translate_value(value) for name, value in found.groupdict().items()}
            return translations[msgid].format(**values)
    return text


def translate_message(text: object) -> object:
    """English text built from a marked template (or a plain marked msgid) in the current language.

    Values inside are translated in turn (a number gets the language's separators); anything that is
    not interface text (a name, a note from the data) comes back unchanged, as do non-strings."""
    if not isinstance(text, str) or current_language() == DEFAULT_LANGUAGE:
        return text
    return _translate_message(text, current_language())
