"""Run the dashboard: `streamlit run serve.py` (README). Same app as `streamlit run dashboard.py`, started warm.

While the first browser is still loading Streamlit's own scripts, a background thread imports the
project and fills the shared caches (reference tables, world panel, map outline), so the first
visitor's overview does not wait for them.
"""
import threading
from contextlib import asynccontextmanager

import streamlit as st


def _warm() -> None:
    from ui.warmup import warm  # imported here: the import itself is part of the work moved off the first run

    warm()


@asynccontextmanager
async def _lifespan(_app):
    threading.Thread(target=_warm, name="warm-caches", daemon=True).start()
    yield


app = st.App("dashboard.py", lifespan=_lifespan)
