"""Every widget's state lives in the URL: read once into session state, written back each run."""
from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import streamlit as st

PRESENT, SLIDE, LANG, AS_OF = "present", "slide", "lang", "as_of"
# Belong to every page: presenter mode, the slide shown, the language, the date the data is shown as of (ui.as_of).
GLOBAL_PARAMS = (PRESENT, SLIDE, LANG, AS_OF)


def presenting() -> bool:
    return st.query_params.get(PRESENT) == "1"


def with_language(query: dict, keep_date: bool = True) -> dict:
    """A page switch names all its parameters: the language chosen goes along, and the date the data is shown as of
    unless the target is a saved view (a slide), which shows the date it names or today."""
    kept = {key: st.query_params[key] for key in ((LANG, AS_OF) if keep_date else (LANG,))
            if st.query_params.get(key) and key not in query}
    return {**query, **kept}


@dataclass(frozen=True)
class UrlParam:
    key: str
    default: object  # str, bool, int, None or a tuple for multi-valued widgets
    choices: tuple | None = None  # values the widget accepts; anything else in a URL is ignored
    cast: Callable[[str], object] | None = None  # for free values (a typed number): str -> value; ValueError ignores it
    normalize: Callable[[str], str] | None = None  # a URL's text before it is checked ("khm" -> "KHM")
    always: bool = False  # written even when it is the default: a page's subject, so every link names it

    def parse(self):
        if isinstance(self.default, tuple):
            values = [v for v in st.query_params.get_all(self.key) if self.choices is None or v in self.choices]
            return list(values) if self.key in st.query_params else list(self.default)
        raw = st.query_params.get(self.key)
        value = None if raw is None else self._accepted(raw)
        return self.default if value is None else value

    def rejected(self) -> str | None:
        """The URL's text for this single-valued parameter when the widget cannot take it, so a page can say so."""
        raw = st.query_params.get(self.key)
        return raw if raw is not None and self._accepted(raw) is None else None

    def _accepted(self, raw: str):
        """The value a URL's text stands for, or None when it is not one the widget accepts."""
        if self.normalize is not None:
            raw = self.normalize(raw)
        try:
            if self.cast is not None:
                value = self.cast(raw)
            elif isinstance(self.default, bool):
                value = raw == "1"
            else:
                value = int(raw) if self.choices and isinstance(self.choices[0], int) else raw
        except ValueError:
            return None
        return value if self.choices is None or value in self.choices else None

    def serialize(self, value) -> str | list[str] | None:
        if isinstance(self.default, tuple):
            if tuple(value) == self.default:
                return None
            # An emptied choice is written as `key=` so the link does not reopen the default.
            return [str(v) for v in value] or ""
        if value is None or (value == self.default and not self.always):
            return None
        return ("1" if value else "0") if isinstance(value, bool) else str(value)


def _saved(key: str) -> str:
    # Streamlit forgets a widget's state when a page without that widget runs; this plain key survives.
    return f"_url_state_saved_{key}"


_FROM_URL = "_url_state_from_url"


def open_from_url() -> None:
    """Make the next page read every parameter from its URL, whatever this session had: for a jump to a
    saved view (a slide), which must look exactly as saved even when it is the page already open."""
    st.session_state[_FROM_URL] = True


def opened_from_url() -> bool:
    """Whether this run was asked to read its whole view from the URL (open_from_url), as a slide is."""
    return bool(st.session_state.get(_FROM_URL))


def read_url_state(params: list[UrlParam]) -> None:
    """Seed each widget's session state before the widgets are drawn: from the URL when it names the
    parameter, else from this session's last visit to the page (so coming back keeps the view), else the default."""
    from_url = st.session_state.pop(_FROM_URL, False)
    for param in params:
        if param.key in st.session_state and not from_url:
            continue
        if not from_url and param.key not in st.query_params and _saved(param.key) in st.session_state:
            st.session_state[param.key] = st.session_state[_saved(param.key)]
        else:
            st.session_state[param.key] = param.parse()


def write_url_state(params: list[UrlParam]) -> None:
    """Mirror this page's widgets into the URL (and only them) so a copied link reopens this view."""
    own = {param.key for param in params} | set(GLOBAL_PARAMS)
    for key in [k for k in st.query_params if k not in own]:  # left over from another page
        del st.query_params[key]
    for param in params:
        st.session_state[_saved(param.key)] = st.session_state.get(param.key)
        value = param.serialize(st.session_state.get(param.key))
        if value is None:
            if param.key in st.query_params:
                del st.query_params[param.key]
        elif st.query_params.get_all(param.key) != (value if isinstance(value, list) else [value]):
            st.query_params[param.key] = value
