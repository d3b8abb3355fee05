"""Work done once per server process before the first visitor (serve.py starts it at server start).

Each step is something the first visit to the overview would otherwise wait for: importing the
project, loading and validating the reference tables, projecting the map, and two lazy costs of
Streamlit's own: its emoji catalogue (loaded when a widget label is first checked for an icon), its
once-per-process check for a REPL (a walk of the whole call stack, made with the first element drawn)
and PIL (for the page icon). Then what a State Party page opened from a shared link waits for.
"""
from __future__ import annotations

import gc
import logging
import threading
from collections.abc import Iterator
from contextlib import contextmanager


class _OutsideAPageRun(logging.Filter):
    """Drops Streamlit's "missing ScriptRunContext" warning for one thread: the warm-up calls cached functions
    outside any page run on purpose, and the server printed the warning three times at every start."""

    def __init__(self, thread: threading.Thread) -> None:
        super().__init__()
        self.thread_id = thread.ident

    def filter(self, record: logging.LogRecord) -> bool:
        return not (record.thread == self.thread_id and "missing ScriptRunContext" in record.getMessage())


@contextmanager
def _quiet_outside_a_page_run() -> Iterator[None]:
    from streamlit.runtime.scriptrunner_utils import script_run_context

    logger = logging.getLogger(script_run_context.__name__)
    quiet = _OutsideAPageRun(threading.current_thread())
    logger.addFilter(quiet)
    try:
        yield
    finally:
        logger.removeFilter(quiet)


def warm() -> None:
    with _quiet_outside_a_page_run():
        _fill_caches()


def _fill_caches() -> None:
    import PIL.Image  # noqa: F401
    import streamlit as st
    from streamlit.string_util import extract_leading_icon

    import charts.world_svg  # noqa: F401  (what dashboard.py and the overview page import)
    import ui.auth
    import ui.presenter
    import ui.svg_view  # noqa: F401
    from domain.overview import OverviewFilters
    from i18n import LANGUAGES
    from ui.cached import cached_outline_svg, cached_overview_view, cached_provenance
    from ui.clock import today

    for label in LANGUAGES.values():  # "Français" is not ASCII: Streamlit then loads its emoji catalogue
        extract_leading_icon(label)
    st.empty()  # outside any page run this draws nothing: it only makes the REPL check now
    cached_provenance()
    cached_overview_view("contamination", OverviewFilters(), "en", today())  # the home page's default view
    cached_outline_svg()
    _fill_state_party_page()
    # What is loaded now stays for the life of the process: keep it out of every later garbage collection
    # (Streamlit collects after each run, which otherwise walks all of it each time).
    gc.freeze()


def _fill_state_party_page() -> None:
    """What a shared link to one State Party's page waits for, whichever state: its chart and map libraries
    (plotly, pydeck, geopandas) and the boundaries its regional map is cut from. After the home page's view,
    which most first visitors open."""
    import ui.country_sections  # noqa: F401
    from ui.cached import cached_boundaries

    cached_boundaries()
