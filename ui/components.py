"""Small display helpers shared by pages: honest tables and source lines."""
from __future__ import annotations

import pandas as pd
import streamlit as st

NOT_REPORTED = "not reported"


def select_columns(frame: pd.DataFrame, columns: dict[str, str]) -> pd.DataFrame:
    return frame[list(columns)].rename(columns=columns)


def render_table(frame: pd.DataFrame, key: str, link_columns: tuple[str, ...] = (), formats: dict[str, str] | None = None) -> None:
    """A sortable table whose missing figures read 'not reported' (never blank, never 0)."""
    config: dict = {name: st.column_config.LinkColumn(name, display_text=r"https?://(?:www\.)?([^/]+)") for name in link_columns}
    for name, number_format in (formats or {}).items():
        config[name] = st.column_config.NumberColumn(name, format=number_format, width="medium")  # room for "not reported"
    st.dataframe(frame, hide_index=True, width="stretch", column_config=config, key=key, placeholder=NOT_REPORTED)


def render_source_line(titles: list[str], as_of: str) -> None:
    st.caption(f"Data source: {'; '.join(titles)}. Compiled {as_of}; each row links its own source.")
