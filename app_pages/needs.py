"""Needs & offers: the needs states stated, by area, each with its amount, period and source."""
import streamlit as st

from config import NEED_AREAS
from ui.cached import cached_table
from ui.components import render_source_line, render_table
from ui.url_state import UrlParam, read_url_state, write_url_state

PARAMS = [UrlParam("area", (), NEED_AREAS)]

read_url_state(PARAMS)
st.title("Needs stated by states")
st.multiselect("Area", NEED_AREAS, key="area", format_func=lambda a: a.replace("_", " "), placeholder="All areas")
write_url_state(PARAMS)

needs = cached_table("stated_needs")
if st.session_state["area"]:
    needs = needs[needs["need_category"].isin(st.session_state["area"])]
st.caption(f"{len(needs)} needs. Amounts cover different periods (one year, multi-year plans) and some needs are part "
           "of others, so they are never added up. Offers from states in a position to help are not recorded yet.")
shown = needs[["state", "iso3", "need_category", "description", "amount_usd_million", "period", "source_url", "notes"]]
render_table(shown, key="needs_table", link_columns=("source_url",))
st.download_button("Download (CSV, with sources)", shown.to_csv(index=False).encode("utf-8"), file_name="stated_needs.csv")
render_source_line(["Needs and challenges stated by states (data/stated_needs.csv)"], "2026-11-27")
