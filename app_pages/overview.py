"""Overview: a world map of one metric, headline figures, and the ranked states, all shareable by URL."""
import streamlit as st

from charts.world_svg import make_ranked_bars_html, make_world_svg
from domain.overview import METRICS, REGIONS, STATUS_GROUPS, OverviewFilters, compute_headlines, compute_metric_bins, filter_states
from i18n import _, translate_message
from ui.cached import (
    cached_compiled_date, cached_provenance, cached_small_states, cached_table, cached_world_outline, cached_world_panel,
)
from ui.components import (
    localize_states, render_slide_images, render_source_line, render_table, translate_columns, translated,
)
from ui.svg_view import render_svg_view
from ui.url_state import UrlParam, read_url_state, write_url_state, with_language

DEADLINE_CHOICES = (0, 1, 2, 3, 5, 10)
PARAMS = [
    UrlParam("metric", "contamination", tuple(METRICS)),
    UrlParam("region", (), REGIONS),
    UrlParam("status", ("State Party",), tuple(STATUS_GROUPS)),
    UrlParam("art5", False),
    UrlParam("survivors", False),
    UrlParam("within", 0, DEADLINE_CHOICES),
]

# 1. Read the view from the URL
read_url_state(PARAMS)
st.title(_("Where contamination remains, and what is needed"))
controls = st.columns([3, 3, 3])
controls[0].selectbox(_("Metric"), list(METRICS), format_func=translated(METRICS, lambda k: METRICS[k].label),
                      key="metric")
controls[1].multiselect(_("Region (UN geoscheme)"), REGIONS, key="region", format_func=translated(REGIONS),
                        placeholder=_("All regions"))
controls[2].multiselect(_("Treaty status"), list(STATUS_GROUPS), key="status", format_func=translated(STATUS_GROUPS))
toggles = st.columns([2, 3, 3])
toggles[0].checkbox(_("Article 5 obligation"), key="art5")
toggles[1].checkbox(_("Significant numbers of survivors"), key="survivors")
toggles[2].select_slider(_("Deadline within (years; 0 = any)"), DEADLINE_CHOICES, key="within")
write_url_state(PARAMS)

# 2. Get data and compute
metric = METRICS[st.session_state["metric"]]
filters = OverviewFilters(
    regions=tuple(st.session_state["region"]), statuses=tuple(st.session_state["status"]),
    article5_only=st.session_state["art5"], survivors_only=st.session_state["survivors"],
    deadline_within_years=st.session_state["within"] or None,
)
states = filter_states(cached_world_panel(), filters)
# Names, bins and value words in the chosen language; the legend's bin labels are translated by the chart.
binned = translate_columns(localize_states(compute_metric_bins(states, metric)), ["value_text", "as_of", "region"])
headlines = compute_headlines(states, cached_table("global_figures"), cached_table("global_casualties"))

# 3. Render: headlines, map, ranked chart and table, each with its sources
for column, headline in zip(st.columns(len(headlines)), headlines):
    as_of = translate_message(headline.as_of)
    column.metric(translate_message(headline.label), translate_message(headline.value),
                  help=_("As of {date}. Source: {source}").format(date=as_of, source=headline.source))
    column.caption(_("as of {year}").format(year=as_of))
sources = [f"{cached_provenance()[metric.dataset]['title']} (data/{metric.dataset}.csv)", _("Natural Earth 1:50m boundaries")]
with_data = int(binned["value"].notna().sum())
st.caption(_("{metric}: {count} of {total} states shown have a figure; grey means no figure was found in the sources "
             "(never zero). Figures are the latest each state has, so their years differ: hover for the year.").format(
    metric=_(metric.label), count=with_data, total=len(binned)))
zoom = bool(filters.regions)
clicked = render_svg_view(
    make_world_svg(binned, metric, cached_world_outline(), zoom_to_states=zoom), key="world_map",
    alt=_("World map of {metric} for the {total} states shown: {count} have a figure, the others are grey (no figure "
          "in the sources). The table 'All states shown' lists every figure.").format(
        metric=_(metric.label), total=len(binned), count=with_data))
render_source_line(sources)


def _slide():
    # Built only when a slide image is asked for: it is a plotly figure, which this page otherwise never loads.
    from charts.overview import make_world_map_figure
    from charts.slide_images import make_overview_slide

    return make_overview_slide(
        make_world_map_figure(binned, metric, zoom_to_states=zoom, small_states=cached_small_states()), _(metric.label),
        _("Data source: {titles}. Compiled {date}.").format(titles="; ".join(sources), date=cached_compiled_date()))


render_slide_images(_slide, f"overview_{metric.key}")

left, right = st.columns([2, 3])
with left:
    st.subheader(_("Highest figures"))
    clicked = render_svg_view(make_ranked_bars_html(binned, metric), key="ranked", alt=_(
        "Bar chart of the states with the highest figures for {metric}; the table 'All states shown' lists every "
        "state.").format(metric=_(metric.label))) or clicked
    render_source_line(sources[:1])
with right:
    st.subheader(_("All states shown"))
    table = translate_columns(binned, ["bin"]).rename(columns={
        "state": _("State"), "iso3": "ISO3", "region": _("Region"), "value_text": _(metric.label), "as_of": _("As of"),
        "source_url": _("Source"), "bin": _("Legend bin")})
    table = table.drop(columns=["value"])
    render_table(table, key=f"overview_{metric.key}", as_of=_("As of"), link_columns=(_("Source"),))

if clicked:
    st.switch_page("app_pages/country.py", query_params=with_language({"iso3": clicked}))
