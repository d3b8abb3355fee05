"""Overview: a world map of one metric, headline figures, and the ranked states, all shareable by URL."""
import streamlit as st

from charts.overview import make_ranked_bar_figure, make_world_map_figure
from domain.overview import METRICS, REGIONS, STATUS_GROUPS, OverviewFilters, compute_headlines, compute_metric_bins, filter_states
from ui.cached import cached_provenance, cached_small_states, cached_table, cached_world_panel
from ui.components import render_chart, render_source_line, render_table
from ui.url_state import UrlParam, read_url_state, write_url_state

DEADLINE_CHOICES = (0, 1, 2, 3, 5, 10)
PARAMS = [
    UrlParam("metric", "contamination", tuple(METRICS)),
    UrlParam("region", (), REGIONS),
    UrlParam("status", ("State Party",), tuple(STATUS_GROUPS)),
    UrlParam("art5", False),
    UrlParam("survivors", False),
    UrlParam("within", 0, DEADLINE_CHOICES),
]
MAP_CONFIG = {"topojsonURL": "app/static/", "displaylogo": False, "modeBarButtonsToRemove": ["select2d", "lasso2d"]}

# 1. Read the view from the URL
read_url_state(PARAMS)
st.title("Where contamination remains, and what is needed")
controls = st.columns([3, 3, 3])
controls[0].selectbox("Metric", list(METRICS), format_func=lambda k: METRICS[k].label, key="metric")
controls[1].multiselect("Region (UN geoscheme)", REGIONS, key="region", placeholder="All regions")
controls[2].multiselect("Treaty status", list(STATUS_GROUPS), key="status")
toggles = st.columns([2, 3, 3])
toggles[0].checkbox("Article 5 obligation", key="art5")
toggles[1].checkbox("Significant numbers of survivors", key="survivors")
toggles[2].select_slider("Deadline within (years; 0 = any)", DEADLINE_CHOICES, key="within")
write_url_state(PARAMS)

# 2. Get data and compute
metric = METRICS[st.session_state["metric"]]
filters = OverviewFilters(
    regions=tuple(st.session_state["region"]), statuses=tuple(st.session_state["status"]),
    article5_only=st.session_state["art5"], survivors_only=st.session_state["survivors"],
    deadline_within_years=st.session_state["within"] or None,
)
states = filter_states(cached_world_panel(), filters)
binned = compute_metric_bins(states, metric)
headlines = compute_headlines(states, cached_table("global_figures"), cached_table("global_casualties"))

# 3. Render: headlines, map, ranked chart and table, each with its sources
for column, headline in zip(st.columns(len(headlines)), headlines):
    column.metric(headline.label, headline.value, help=f"As of {headline.as_of}. Source: {headline.source}")
    column.caption(f"as of {headline.as_of}")
sources = [f"{cached_provenance()[metric.dataset]['title']} (data/{metric.dataset}.csv)", "Natural Earth 1:50m boundaries"]
with_data = int(binned["value"].notna().sum())
st.caption(f"{metric.label}: {with_data} of {len(binned)} states shown have a figure; grey means no figure was "
           "found in the sources (never zero). Figures are the latest each state has, so their years differ: hover for the year.")
world_map = make_world_map_figure(binned, metric, zoom_to_states=bool(filters.regions), small_states=cached_small_states())
selection = render_chart(world_map, key="world_map", on_select="rerun",
                            selection_mode="points", config=MAP_CONFIG)
render_source_line(sources, "2026-11-27")
# A shape gives its location; a small state's dot carries its ISO3 as the last customdata item.
points = (selection or {}).get("selection", {}).get("points", [])
clicked = [p.get("location") or (p.get("customdata") or [None])[-1] for p in points]
clicked = [iso3 for iso3 in clicked if iso3]
if clicked:
    st.switch_page("app_pages/country.py", query_params={"iso3": clicked[0]})

left, right = st.columns([2, 3])
with left:
    st.subheader("Highest figures")
    render_chart(make_ranked_bar_figure(binned, metric), key="ranked", config={"displaylogo": False})
    render_source_line(sources[:1], "2026-11-27")
with right:
    st.subheader("All states shown")
    table = binned.rename(columns={"state": "State", "iso3": "ISO3", "region": "Region", "value_text": metric.label,
                                   "as_of": "As of", "source_url": "Source", "bin": "Legend bin"})
    table = table.drop(columns=["value"])
    render_table(table, key="overview_table", link_columns=("Source",))
    st.download_button("Download this table (CSV, with sources and as-of)", table.to_csv(index=False).encode("utf-8"),
                       file_name=f"overview_{metric.key}.csv", mime="text/csv")
