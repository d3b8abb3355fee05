"""Data frames in the reader's language: state names from pycountry, the domain's English words translated.

No Streamlit here: cached views (ui.overview_view) use it too."""
from __future__ import annotations

import pandas as pd

from domain.state_names import state_name
from i18n import current_language, translate_message


def localize_states(frame: pd.DataFrame, column: str = "state") -> pd.DataFrame:
    """`frame` with its state names (next to an `iso3` column) in the chosen language."""
    if current_language() == "en":
        return frame
    return frame.assign(**{column: [state_name(i, n) for i, n in zip(frame["iso3"], frame[column], strict=True)]})


def translate_columns(frame: pd.DataFrame, columns: list[str]) -> pd.DataFrame:
    """Cells the domain wrote in English (statuses, reasons, labels) in the chosen language; data stays as is."""
    if current_language() == "en":
        return frame
    return frame.assign(**{c: frame[c].map(translate_message, na_action="ignore") for c in columns if c in frame})
