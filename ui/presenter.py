"""Presenter mode (`?present=1`): big type, high contrast, no Streamlit chrome, and the slides.

Slides are saved views (a path with its query, e.g. /gaps?view=pace) stepped through with the
buttons or the arrow keys; `?slide=N` says which one is showing. Everything is local: CSS in the
page, slides in the store.
"""
from __future__ import annotations

from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import streamlit as st

from config import SLIDE_PAGES
from i18n import N_, _
from ui.cached import cached_store
from ui.components import plain
from ui.url_state import PRESENT, SLIDE, open_from_url, presenting, with_language

# The pages a slide may show (the store checks views against the same list); the root is the overview.
PAGE_FILES = {"": "app_pages/overview.py", **{page: f"app_pages/{page}.py" for page in SLIDE_PAGES}}

# Our own constant stylesheet (no user text), in its own linted file; Streamlit wraps a .css path in <style>.
PRESENTER_CSS = Path(__file__).with_name("presenter.css")
# A plotly chart's height on a slide, in pixels (plotly cannot size to the screen from CSS): what a 1280 x 720
# screen leaves under the bar, title, summary and caption lines and above the source line, at 1.5x type.
SLIDE_CHART_HEIGHT = 430
SUMMARY_SEPARATOR = " · "
SLIDES_DOWN = N_("Slides are unavailable: the registry's database cannot be reached.")


def apply_presenter_style() -> None:
    st.html(PRESENTER_CSS)


def hidden_when_presenting(name: str):
    """A container for a page's filters and controls: hidden on a slide (presenter CSS), still run, so the view, its
    URL and the widgets' state stay what they are."""
    return st.container(key=f"presenter_hide_{name}")


def summary_line(parts: list[str]) -> str:
    """The filters' values in one line, empty parts left out: 'Africa · State Party · deadline within 5 years'."""
    return SUMMARY_SEPARATOR.join(part for part in parts if part)


def render_filter_summary(parts: list[str]) -> None:
    """On a slide, the hidden filters' values in one line (as text: labels are never Markdown)."""
    if presenting():
        st.caption(plain(summary_line(parts)))


def slide_height(default: int) -> int:
    """A chart's or grid's height in pixels: a slide's when presenting, else `default`."""
    return SLIDE_CHART_HEIGHT if presenting() else default


def fit_to_slide(figure):
    """The figure at a slide's height when presenting, so it sits whole on the screen; unchanged otherwise."""
    figure.update_layout(height=slide_height(figure.layout.height))
    return figure


def _current_slide() -> tuple[int, list[dict] | None]:
    """Which slide is showing (0: none) and the slides; None while the registry's database cannot be reached."""
    # The store (SQLAlchemy, Alembic) is imported only when presenting or signing in: a second of every server start.
    from store import StoreUnavailable
    from store.slides import list_slides

    try:
        slides = list_slides(cached_store())
    except StoreUnavailable:
        return 0, None
    try:
        current = int(st.query_params.get(SLIDE, "0"))
    except ValueError:
        current = 0
    return (current if 1 <= current <= len(slides) else 0), slides


def slide_title(default: str) -> str:
    """A page's title: on a slide, the slide's own (short, and in the reader's language when it is one shipped),
    else `default`."""
    if not presenting():
        return default
    current, slides = _current_slide()
    return _(slides[current - 1]["title"]) if current else default


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
    st.switch_page(page, query_params=with_language({**query, PRESENT: "1", SLIDE: str(number)}, keep_date=False))


def render_presenter_bar() -> None:
    """Previous / next (Left and Right arrow keys), where we are, and the way out (Esc)."""
    current, stored = _current_slide()
    slides = stored or []
    bar = st.container(key="presenter_bar")
    back, where, forward, leave = bar.columns([2, 5, 2, 2], vertical_alignment="center")
    if back.button(_("Previous"), key="slide_previous", shortcut="Left", disabled=current <= 1, width="stretch"):
        _go(slides, current - 1)
    if forward.button(_("Next"), key="slide_next", shortcut="Right", disabled=current >= len(slides), width="stretch"):
        _go(slides, current + 1)
    if current:
        # The slide's title is the page's own title (slide_title): the bar only says where we are.
        where.markdown(_("**Slide {number} of {count}**").format(number=current, count=len(slides)))
    elif stored is None:
        where.markdown(_(SLIDES_DOWN))
    else:
        where.markdown(_("**{count} slides** · Next (→) starts them").format(count=len(slides)) if slides
                       else _("No slides saved yet"))
    if leave.button(_("Exit"), key="presenter_exit", shortcut="Esc", width="stretch"):
        for key in (PRESENT, SLIDE):
            st.query_params.pop(key, None)
        st.rerun()
