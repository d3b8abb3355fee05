"""Presenter mode (`?present=1`): big type, high contrast, no Streamlit chrome, and the slides.

Slides are saved views (a path with its query, e.g. /gaps?view=pace) stepped through with the
buttons or the arrow keys; `?slide=N` says which one is showing. Everything is local: CSS in the
page, slides in the store.
"""
from __future__ import annotations

from urllib.parse import parse_qs, urlsplit

import streamlit as st

from config import SLIDE_PAGES
from i18n import _
from ui.cached import cached_store
from ui.components import plain
from ui.url_state import PRESENT, SLIDE, open_from_url, with_language

# The pages a slide may show (the store checks views against the same list); the root is the overview.
PAGE_FILES = {"": "app_pages/overview.py", **{page: f"app_pages/{page}.py" for page in SLIDE_PAGES}}

# Our own constant CSS (no user text): 1.5x type through the root size every rem follows, black on white,
# short captions, and the sidebar, header, toolbar and footer hidden so figures get the full width.
PRESENTER_CSS = """<style>
html { font-size: 150% !important; }
[data-testid="stSidebar"], [data-testid="stSidebarCollapsedControl"], [data-testid="stHeader"],
[data-testid="stToolbar"], [data-testid="stDecoration"], [data-testid="stStatusWidget"], footer { display: none !important; }
[data-testid="stAppViewContainer"], [data-testid="stMain"] { background: #ffffff !important; color: #000000 !important; }
[data-testid="stMainBlockContainer"] { max-width: 100% !important; padding: 1rem 2rem !important; }
[data-testid="stCaptionContainer"], [data-testid="stCaptionContainer"] * { color: #1a1a1a !important; opacity: 1 !important; }
/* Captions short: two lines on screen, the rest on hover (the full text stays in the page for screen readers). */
[data-testid="stCaptionContainer"] p {
  display: -webkit-box; -webkit-line-clamp: 2; -webkit-box-orient: vertical; overflow: hidden;
}
[data-testid="stCaptionContainer"] p:hover { -webkit-line-clamp: unset; }
a { color: #0b3d91 !important; }
</style>"""


def apply_presenter_style() -> None:
    st.html(PRESENTER_CSS)


def view_target(view: str) -> tuple[str, dict[str, str | list[str]]]:
    """'/country?iso3=KHM' -> ('app_pages/country.py', {'iso3': 'KHM'}); repeated keys become lists."""
    parts = urlsplit(view)
    page = PAGE_FILES.get(parts.path.strip("/"), PAGE_FILES[""])
    query = {key: values if len(values) > 1 else values[0]
             for key, values in parse_qs(parts.query, keep_blank_values=True).items()}
    return page, query


def _go(slides: list[dict], number: int) -> None:
    page, query = view_target(slides[number - 1]["view"])
    open_from_url()
    st.switch_page(page, query_params=with_language({**query, PRESENT: "1", SLIDE: str(number)}))


def render_presenter_bar() -> None:
    """Previous / next (Left and Right arrow keys), where we are, and the way out (Esc)."""
    # The store (SQLAlchemy, Alembic) is imported only when presenting or signing in: a second of every server start.
    from store.slides import list_slides

    slides = list_slides(cached_store())
    try:
        current = int(st.query_params.get(SLIDE, "0"))
    except ValueError:
        current = 0
    current = current if 1 <= current <= len(slides) else 0
    back, where, forward, leave = st.columns([2, 5, 2, 2], vertical_alignment="center")
    if back.button(_("Previous"), key="slide_previous", shortcut="Left", disabled=current <= 1, width="stretch"):
        _go(slides, current - 1)
    if forward.button(_("Next"), key="slide_next", shortcut="Right", disabled=current >= len(slides), width="stretch"):
        _go(slides, current + 1)
    if current:
        where.markdown(_("**Slide {number} of {count}:** {title}").format(
            number=current, count=len(slides), title=plain(slides[current - 1]["title"])))
    else:
        where.markdown(_("**{count} slides** · Next (→) starts them").format(count=len(slides)) if slides
                       else _("No slides saved yet"))
    if leave.button(_("Exit"), key="presenter_exit", shortcut="Esc", width="stretch"):
        for key in (PRESENT, SLIDE):
            st.query_params.pop(key, None)
        st.rerun()
