"""A state's name in the reader's language: the one place the dashboard, the pack and the brief get it from.

No Streamlit: the language is i18n's current one, set by the page run or by `i18n.using_language`."""
from __future__ import annotations

from domain.countries import country_name
from i18n import DEFAULT_LANGUAGE, current_language


def state_name(iso3: object, name: object) -> str:
    """The data's own spelling in English, pycountry's translation otherwise (the data's spelling if it has none)."""
    if current_language() == DEFAULT_LANGUAGE or not isinstance(iso3, str):
        return str(name)
    return country_name(iso3, current_language()) or str(name)
