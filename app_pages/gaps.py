"""Gaps: every State Party in one table (deadline, outlook and why, casualties, support, needs), with sources."""
import datetime as dt

import streamlit as st

from domain.membership import MEMBERSHIP_LABELS
from ui.cached import cached_panel, cached_provenance
from ui.components import render_source_line, render_table, select_columns

COLUMNS = {
    "state": "State",
    "iso3": "ISO3",
    "membership_status": "Status",
    "article5_deadline": "Art. 5 deadline",
    "years_left": "Years left",
    "extension_status": "Extensions",
    "ap_contamination_km2": "AP mined area (km²)",
    "estimate_as_of": "Area as of",
    "contamination_band": "Band",
    "latest_release_km2": "Land released (km²)",
    "latest_release_year": "Released in",
    "outlook": "Outlook",
    "outlook_reason": "Why",
    "casualties_total": "Casualties",
    "casualties_year": "Casualties year",
    "casualties_trend": "Trend",
    "survivors_estimate": "Survivors (estimate)",
    "survivors_estimate_year": "Survivors as of",
    "support_latest_usd_million": "Support received (US$ m)",
    "support_latest_year": "Support year",
    "needs_total": "Needs stated",
    "ia_events": "IA events",
    "article5_source_url": "Art. 5 source",
    "casualties_source_url": "Casualties source",
    "support_source_url": "Support source",
}
LINKS = ("Art. 5 source", "Casualties source", "Support source")
FORMATS = {"Years left": "%.1f", "Area as of": "%d", "Released in": "%d", "Casualties year": "%d",
           "Survivors as of": "%d", "Support year": "%d"}

# 1. Read the view from the URL
st.title("Gaps: every State Party at a glance")
status_filter = st.segmented_control(
    "Show", ["All", "Article 5 obligations", "Significant numbers of survivors"], default="All", key="show"
)

# 2. Get data and compute
on = dt.date.today()
panel = cached_panel(on)
panel = panel.assign(membership_status=panel["membership_status"].map(MEMBERSHIP_LABELS))
if status_filter == "Article 5 obligations":
    panel = panel[panel["has_article5"] & ~panel["article5_completed"]]
elif status_filter == "Significant numbers of survivors":
    panel = panel[panel["significant_survivors"]]

# 3. Render with sources
st.caption(
    f"{len(panel)} states, membership as of {on:%d %B %Y}. 'not reported' means no figure was found in the sources; "
    "it is never zero. Where two sources disagree, the Landmine Monitor figure is shown and the other is kept in the "
    "State Party detail."
)
render_table(select_columns(panel, COLUMNS), key="panel", link_columns=LINKS,
             formats=FORMATS)
st.download_button("Download the panel (CSV, with sources)", panel.to_csv(index=False).encode("utf-8"),
                   file_name=f"state_party_panel_{on.isoformat()}.csv", mime="text/csv")
provenance = cached_provenance()
render_source_line(
    [provenance[name]["title"] for name in ("states_parties", "article5", "article5_history", "casualties",
                                            "victim_assistance", "support_by_recipient", "stated_needs")],
    provenance["article5"]["date_compiled"],
)
