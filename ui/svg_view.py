"""A view of server-drawn markup (the overview's map with its headlines, the ranked bars and the table of
states): hover text, a click opens a state, and the table's headers sort it.

A Streamlit v2 component with its script and style inline (read from svg_view.js and svg_view.css): nothing
is fetched, no chart library loads. The markup is written by the templates of charts/world_svg.py and
charts/overview_html.py, which escape every text; the script only ever sets hover text as text.
"""
from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import streamlit as st

HERE = Path(__file__).parent
# The component's shell, script and style, each in its own file (the script and style are linted: npm run lint);
# read once, at import.
_HTML, _JS, _CSS = ((HERE / f"svg_view.{kind}").read_text(encoding="utf-8") for kind in ("html", "js", "css"))
_VIEW = st.components.v2.component(
    "mbc.svg_view", html=_HTML, css=_CSS, js=_JS, isolate_styles=False,
)


def render_svg_view(markup: str, key: str, alt: str) -> str | None:
    """Show the markup; the ISO3 of the state clicked in this run, else None."""
    return _VIEW(key=key, data={"markup": markup, "alt": alt}, on_clicked_change=lambda: None).clicked


def render_world_map(outline: Callable[[], str], view: dict, *, key: str, alt: str, before: str = "", after: str = "",
                     browser_has_outline: bool = False) -> str | None:
    """Show the outline (charts.world_svg.make_outline_svg) coloured as `view` says (make_world_view), with
    markup `before` and `after` it (escaped by whoever built it); the ISO3 of the state clicked in this run, else None.

    `browser_has_outline` (a rerun of the fragment that drew the map): only the view is sent, about a tenth of
    the bytes of each filter change. Should the browser lack the outline after all, it asks, and gets it."""
    resend = f"{key}_resend_outline"
    send = not browser_has_outline or st.session_state.pop(resend, False)
    data = {"outline": outline() if send else None, "view": view, "alt": alt, "before": before, "after": after}
    result = _VIEW(key=key, data=data, on_clicked_change=lambda: None, on_missing_change=lambda: None)
    if result.missing and not send:
        st.session_state[resend] = True
        st.rerun(scope="fragment")
    return result.clicked
