"""State Party: what the data holds for one state, each figure with its source and as-of (`?iso3=XXX`)."""
import pandas as pd
import streamlit as st

from domain.membership import MEMBERSHIP_LABELS
from ui.cached import cached_table, cached_world_panel
from ui.components import render_table
from ui.url_state import UrlParam, read_url_state, write_url_state

panel = cached_world_panel().set_index("iso3")
PARAMS = [UrlParam("iso3", "AGO", tuple(panel.index))]

# 1. Read the state from the URL
read_url_state(PARAMS)
st.selectbox("State", list(panel.index), format_func=lambda code: f"{panel.at[code, 'state']} ({code})", key="iso3")
write_url_state(PARAMS)
iso3 = st.session_state["iso3"]
row = panel.loc[iso3]


def figure(value, as_of=None, source=None) -> str:
    """A figure with its as-of and source, or 'not reported'."""
    if pd.isna(value):
        return "not reported"
    parts = [f"{value:,}" if isinstance(value, (int, float)) else str(value)]
    if as_of is not None and not pd.isna(as_of):
        parts.append(f"(as of {as_of})")
    if source is not None and not pd.isna(source):
        parts.append(f"— source: {source}")
    return " ".join(parts)


# 2. Render the sections that exist so far
st.title(row["state"])
st.caption(f"{MEMBERSHIP_LABELS[row['membership_status']]} · region: {row['region'] or 'not reported'} · "
           f"entry into force: {figure(row.get('entry_into_force_date'))} · withdrawal effective: "
           f"{figure(row.get('withdrawal_effective_date'))}")

st.header("Status of implementation (Article 5)")
st.markdown(
    f"- **Deadline:** {figure(row['article5_deadline'], source=row['article5_source_url'])}; {row['extension_status']}\n"
    f"- **Remaining anti-personnel mined area (km²):** {figure(row['ap_contamination_km2'], row['estimate_as_of'], row['article5_source_url'])}\n"
    f"- **Latest land release (km²):** {figure(row['latest_release_km2'], row['latest_release_year'], row['latest_release_source_url'])}\n"
    f"- **Completion outlook:** {row['outlook']} — {row['outlook_reason']}",
)
st.header("National context")
st.markdown(
    f"- **Casualties, latest year:** {figure(row['casualties_total'], row['casualties_year'], row['casualties_source_url'])}\n"
    f"- **Other sources for that year:** {figure(row['casualties_alternatives'])}\n"
    f"- **Survivors (estimate):** {figure(row['survivors_estimate'], row['survivors_estimate_year'], row['va_source_url'])}"
)
st.header("Needs and challenges")
needs = cached_table("stated_needs")
render_table(needs[needs["iso3"] == iso3][["need_category", "description", "amount_usd_million", "period", "source_url"]],
             key="needs", link_columns=("source_url",))
st.header("Partnerships: support received")
support = cached_table("support_by_recipient")
render_table(support[support["iso3"] == iso3][["year", "usd_million", "notes", "source_url"]], key="support",
             link_columns=("source_url",))
st.caption("Totals are the recipient totals Landmine Monitor reports; donor-to-recipient rows are never added up.")
