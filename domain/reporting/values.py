"""One answer as typed (a form widget, a workbook cell, a JSON value) -> the value stored, or the reason it is
refused. The forms, the workbook and the JSON import all read answers through `parse_value`, so an answer means
the same whichever way it came in."""
from __future__ import annotations

import datetime as dt
import json
import math
import numbers
import re
from dataclasses import dataclass, field

from babel.core import get_global

from domain.countries import to_iso3
from domain.reporting.schema import MINE_TYPE_SEPARATOR, Field
from i18n import N_, _

STR_LIMIT = 500
TEXT_LIMIT = 10_000
GEOMETRY_LIMIT = 200_000  # characters of GeoJSON per area: a detailed polygon, not a whole country's survey
GEOMETRY_TYPES = ("Point", "MultiPoint", "Polygon", "MultiPolygon", "LineString")
EMPTY = {"", "n/a", "na", "-", "none", "not reported"}
TRUE_WORDS = {"yes", "true", "1", "y", "oui", "sí", "si", "x"}
FALSE_WORDS = {"no", "false", "0", "n", "non"}

NOT_A_NUMBER = N_("'{value}' is not a number")
NEGATIVE = N_("{value} is negative: counts and areas cannot be")
NOT_WHOLE = N_("{value} is not a whole number: count whole people, mines or areas")
NOT_A_DATE = N_("'{value}' is not a date: write YYYY-MM-DD")
NOT_A_YEAR = N_("'{value}' is not a year between 1997 and 2100")
NOT_A_CHOICE = N_("'{value}' is not one of: {choices}")
NOT_YES_NO = N_("'{value}' is not yes or no")
NOT_A_STATE = N_("'{value}' is not a State's name or ISO3 code")
NOT_A_CURRENCY = N_("'{value}' is not an ISO 4217 currency code (such as USD or EUR)")
NOT_GEOJSON = N_("not GeoJSON: {reason}")
TOO_LONG = N_("{length} characters: at most {limit}")
FORMULA = N_("a formula ('{value}'): type the value itself")


@dataclass(frozen=True)
class Refusal:
    """Why an answer is refused: an English template, marked for translation, and what fills it."""

    template: str
    params: dict = field(default_factory=dict)

    def say(self) -> str:
        """In the reader's language."""
        return _(self.template).format(**{k: _(v) if k == "choices" else v for k, v in self.params.items()})


def is_empty(raw: object) -> bool:
    if raw is None:
        return True
    if isinstance(raw, float) and math.isnan(raw):
        return True
    return isinstance(raw, str) and raw.strip().casefold() in EMPTY


def _number(raw: object) -> float | Refusal:
    if isinstance(raw, bool):
        return Refusal(NOT_A_NUMBER, {"value": str(raw)})
    if isinstance(raw, numbers.Real):
        return float(raw)
    text = str(raw).strip().replace("\u00a0", "").replace(" ", "")
    if re.fullmatch(r"[+-]?\d{1,3}(,\d{3})+(\.\d+)?", text):  # 1,234 is one thousand two hundred and thirty-four
        text = text.replace(",", "")
    try:
        value = float(text)
    except ValueError:
        return Refusal(NOT_A_NUMBER, {"value": str(raw)[:80]})
    return value if math.isfinite(value) else Refusal(NOT_A_NUMBER, {"value": str(raw)[:80]})


def _show(value: float) -> str:
    return str(int(value)) if value.is_integer() else str(value)


def parse_date(raw: object) -> str | Refusal:
    """A day as YYYY-MM-DD (a date, or a spreadsheet's date cell at midnight, or the text), or a Refusal."""
    if isinstance(raw, dt.datetime):
        return raw.date().isoformat()
    if isinstance(raw, dt.date):
        return raw.isoformat()
    text = str(raw).strip()
    # A spreadsheet's date cell may come back with a midnight time; nothing else follows the day.
    if not re.fullmatch(r"\d{4}-\d{2}-\d{2}([T ]00:00:00)?", text):
        return Refusal(NOT_A_DATE, {"value": text[:80]})
    try:
        return dt.date.fromisoformat(text[:10]).isoformat()
    except ValueError:
        return Refusal(NOT_A_DATE, {"value": text[:80]})


def _geometry(raw: object) -> dict | Refusal:
    if isinstance(raw, str):
        if len(raw) > GEOMETRY_LIMIT:
            return Refusal(TOO_LONG, {"length": len(raw), "limit": GEOMETRY_LIMIT})
        try:
            raw = json.loads(raw)
        except ValueError as err:
            return Refusal(NOT_GEOJSON, {"reason": str(err)[:120]})
    if not isinstance(raw, dict) or raw.get("type") not in GEOMETRY_TYPES or not isinstance(raw.get("coordinates"), list):
        return Refusal(NOT_GEOJSON, {"reason": "a Point, Polygon or MultiPolygon with coordinates is expected"})
    numbers_in = _flatten(raw["coordinates"])
    if not numbers_in or not all(isinstance(n, (int, float)) and not isinstance(n, bool) for n in numbers_in):
        return Refusal(NOT_GEOJSON, {"reason": "coordinates must be numbers"})
    return {"type": raw["type"], "coordinates": raw["coordinates"]}


def _flatten(items: list) -> list:
    out, stack = [], [items]
    while stack:
        item = stack.pop()
        if isinstance(item, list):
            stack.extend(item)
        else:
            out.append(item)
    return out


def _choice(spec: Field, raw: object) -> str | Refusal:
    text = str(raw).strip()
    for key, label in spec.choices:
        # "confirmed (CHA)" is also typed "CHA"
        short = re.findall(r"\(([^)]+)\)", label)
        if text.casefold() in {key.casefold(), label.casefold(), _(label).casefold(), *(s.casefold() for s in short)}:
            return key
    return Refusal(NOT_A_CHOICE, {"value": text[:80], "choices": ", ".join(key for key, _label in spec.choices)})


def parse_value(spec: Field, raw: object) -> object | Refusal:
    """The stored value of `raw` for the question `spec` (None: not answered), or a Refusal."""
    if is_empty(raw):
        return None
    if isinstance(raw, str) and raw.strip().startswith("=") and spec.kind not in ("text", "str"):
        return Refusal(FORMULA, {"value": raw.strip()[:80]})
    kind = spec.kind
    if kind in ("int", "float", "year"):
        value = _number(raw)
        if isinstance(value, Refusal):
            return value
        if kind == "year":
            return int(value) if value.is_integer() and 1997 <= value <= 2100 else Refusal(NOT_A_YEAR, {"value": _show(value)})
        if value < 0:
            return Refusal(NEGATIVE, {"value": _show(value)})
        if kind == "int":
            return int(value) if value.is_integer() else Refusal(NOT_WHOLE, {"value": _show(value)})
        return value
    if kind == "date":
        return parse_date(raw)
    if kind == "enum":
        return _choice(spec, raw)
    if kind == "bool":
        if isinstance(raw, bool):
            return raw
        word = str(raw).strip().casefold()
        return True if word in TRUE_WORDS else False if word in FALSE_WORDS else Refusal(NOT_YES_NO, {"value": word[:80]})
    if kind == "geom":
        return _geometry(raw)
    if kind == "iso3":
        match = to_iso3(str(raw).strip())
        return match.iso3 if match.is_state else Refusal(NOT_A_STATE, {"value": str(raw).strip()[:80]})
    if kind == "currency":
        code = str(raw).strip().upper()
        return code if code in get_global("all_currencies") else Refusal(NOT_A_CURRENCY, {"value": str(raw).strip()[:80]})
    if kind == "mine_types":
        items = raw if isinstance(raw, (list, tuple)) else str(raw).split(MINE_TYPE_SEPARATOR)
        types = [" ".join(str(item).split()) for item in items if str(item).strip()]
        return types or None
    text = str(raw).strip() if kind == "str" else str(raw).strip("\n ")
    limit = STR_LIMIT if kind in ("str", "iso3") else TEXT_LIMIT
    return text if len(text) <= limit else Refusal(TOO_LONG, {"length": len(text), "limit": limit})


def show_value(spec: Field, value: object) -> str:
    """A stored value as a person types it back (the workbook's cells, the form's text boxes)."""
    if value is None:
        return ""
    if spec.kind == "mine_types":
        return f"{MINE_TYPE_SEPARATOR} ".join(value)
    if spec.kind == "geom":
        return json.dumps(value, separators=(",", ":"))
    if spec.kind == "bool":
        return "yes" if value else "no"
    if spec.kind == "float" and isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)
