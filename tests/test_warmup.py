"""The warm-up serve.py runs at server start: it completes, and leaves the home page's view ready."""
from __future__ import annotations

import gc
import logging
import sys
import threading

import ui.cached
from domain.overview import OverviewFilters
from ui.cached import cached_overview_view
from ui.clock import today
from ui.warmup import warm


def test_the_warm_up_fills_the_home_pages_view(monkeypatch):
    built = []
    build = ui.cached.build_overview_view
    monkeypatch.setattr(ui.cached, "build_overview_view", lambda *args: built.append(args) or build(*args))
    monkeypatch.delitem(sys.modules, "ui.country_sections", raising=False)
    cached_overview_view.clear()
    try:
        warm()
    finally:
        gc.unfreeze()  # warm() freezes what it loaded for a server's lifetime; a test process goes on
    assert len(built) == 1
    assert "ui.country_sections" in sys.modules  # a State Party page's charts and map libraries are loaded too
    view = cached_overview_view("contamination", OverviewFilters(), "en", today())
    assert len(built) == 1  # the first visitor's view was built by the warm-up, not on their request
    # 161 States Parties shown; 4 of them have no shape at 1:50m (the Holy See, Tuvalu, Monaco, the Maldives).
    assert len(view.binned) == 161 and len(view.map_view["states"]) == 157
    assert len(view.headlines) == 4


def test_the_warm_up_thread_prints_no_missing_context_warning(caplog):
    """The server printed "missing ScriptRunContext" three times at every start, from the warm-up's thread."""
    import streamlit as st

    def warnings_from(work) -> list[str]:
        caplog.clear()
        thread = threading.Thread(target=work, name="warm-caches")
        thread.start()
        thread.join()
        return [r.getMessage() for r in caplog.records if "missing ScriptRunContext" in r.getMessage()]

    with caplog.at_level(logging.WARNING):
        assert warnings_from(st.empty)  # outside the warm-up, Streamlit warns (so the capture sees it)
        try:
            assert warnings_from(warm) == []
        finally:
            gc.unfreeze()
