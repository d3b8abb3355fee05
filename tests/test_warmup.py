"""The warm-up serve.py runs at server start: it completes, and leaves the home page's view ready."""
from __future__ import annotations

import gc

from domain.overview import OverviewFilters
from ui.cached import cached_overview_view
from ui.warmup import warm


def test_the_warm_up_fills_the_home_pages_view():
    try:
        warm()
    finally:
        gc.unfreeze()  # warm() freezes what it loaded for a server's lifetime; a test process goes on
    view = cached_overview_view("contamination", OverviewFilters(), "en")
    assert len(view.binned) == 161 and len(view.map_view["states"]) == 157  # 161 less the Holy See, Tuvalu, Monaco, the Maldives: no shape and len(view.headlines) == 4
