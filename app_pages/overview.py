"""Overview: a world map of one metric, headline figures, and the ranked states, all shareable by URL."""
import streamlit as st

from charts.overview_html import make_headlines_html, make_ranked_and_table_html, paragraph
from domain.overview import METRICS, REGIONS, STATUS_GROUPS, OverviewFilters
from i18n import _, current_language, set_language
from ui.cached import (
    cached_compiled_date,
    cached_outline_svg,
    cached_overview_view,
    cached_provenance,
    cached_small_states,
    published_reports_key,
)
from ui.clock import as_of_date, start_run, view_date
from ui.components import render_downloads, render_slide_images, source_line, translated
from ui.presenter import hidden_when_presenting, render_filter_summary, slide_title
from ui.svg_view import render_svg_view, render_world_map
from ui.url_state import UrlParam, presenting, read_url_state, with_language, write_url_state

DEADLINE_CHOICES = (0, 1, 2, 3, 5, 10)
FULL_RUN = "overview_full_run"  # set by a run of the whole page, not by a rerun of the fragment alone
PARAMS = [
    UrlParam("metric", "contamination", tuple(METRICS)),
    UrlParam("region", (), REGIONS),
    UrlParam("status", ("State Party",), tuple(STATUS_GROUPS)),
    UrlParam("art5", False),
    UrlParam("survivors", False),
    UrlParam("within", 0, DEADLINE_CHOICES),
]

st.title(slide_title(_("Where contamination remains, and what is needed")))


# A fragment: a changed filter reruns only this part, not the sidebar and navigation the whole app shares.
@st.fragment
def overview() -> None:
    set_language(st.session_state.get("language"))  # a fragment's rerun is a new run: the language is set again
    if not st.session_state.get(FULL_RUN):
        start_run()  # and so is today's date (a full run has read it in the router)
    # 1. Read the view from the URL
    read_url_state(PARAMS)
    # Two rows of controls, each one flex row (a row of columns costs a block per column on every rerun); on a
    # slide they are hidden and summarised in one line.
    with hidden_when_presenting("overview_filters"):
        with st.container(horizontal=True, gap="medium"):
            st.selectbox(_("Metric"), list(METRICS), format_func=translated(METRICS, lambda k: METRICS[k].label),
                         key="metric")
            st.multiselect(_("Region (UN geoscheme)"), REGIONS, key="region", format_func=translated(REGIONS),
                           placeholder=_("All regions"))
            st.multiselect(_("Treaty status"), list(STATUS_GROUPS), key="status", format_func=translated(STATUS_GROUPS))
        with st.container(horizontal=True, gap="medium", vertical_alignment="center"):
            st.checkbox(_("Article 5 obligation"), key="art5")
            st.checkbox(_("Significant numbers of survivors"), key="survivors")
            any_deadline = _("any")
            st.segmented_control(_("Deadline within (years)"), DEADLINE_CHOICES, key="within", required=True,
                                 format_func=lambda years: str(years) if years else any_deadline)
    write_url_state(PARAMS)
    render_filter_summary(filter_summary())

    # 2. The view: computed once per metric, filters, language and set of published Article 7 reports (ui.cached)
    metric = METRICS[st.session_state["metric"]]
    filters = OverviewFilters(
        regions=tuple(st.session_state["region"]), statuses=tuple(st.session_state["status"]),
        article5_only=st.session_state["art5"], survivors_only=st.session_state["survivors"],
        deadline_within_years=st.session_state["within"] or None,
    )
    view = cached_overview_view(metric.key, filters, current_language(), view_date(),
                                 published_reports_key(as_of_date()))
    binned = view.binned

    # 3. Render: headlines and map in one element, then the ranked chart and the table, each with its sources
    titles = {name: p["title"] for name, p in cached_provenance().items()}
    sources = [f"{titles[metric.dataset]} (data/{metric.dataset}.csv)", _("Natural Earth 1:50m boundaries")]
    caption = _("{metric}: {count} of {total} states shown have a figure; grey means no figure was found in the sources "
                "(never zero). Figures are the latest each state has, so their years differ: hover for the year.").format(
        metric=_(metric.label), count=view.with_data, total=len(binned))
    headlines, source = make_headlines_html(view.headlines, titles), paragraph(source_line(sources))
    # On a slide the map comes first, whole on the screen; the headlines follow it, below the fold.
    before, after = (paragraph(caption), source + headlines) if presenting() else (headlines + paragraph(caption), source)
    clicked = render_world_map(
        cached_outline_svg, view.map_view, key="world_map", browser_has_outline=not st.session_state.pop(FULL_RUN, False),
        before=before, after=after,
        alt=_("World map of {metric} for the {total} states shown: {count} have a figure, the others are grey (no figure "
              "in the sources). The table 'All states shown' lists every figure.").format(
            metric=_(metric.label), total=len(binned), count=view.with_data))

    def _slide():
        # Built only when a slide image is asked for: it is a plotly figure, which this page otherwise never loads.
        from charts.overview import make_world_map_figure
        from charts.slide_images import make_overview_slide

        figure = make_world_map_figure(binned, metric, zoom_to_states=bool(filters.regions), small_states=cached_small_states())
        return make_overview_slide(figure, _(metric.label), _("Data source: {titles}. Compiled {date}.").format(
            titles="; ".join(sources), date=cached_compiled_date()))

    with hidden_when_presenting("overview_images"):
        render_slide_images(_slide, f"overview_{metric.key}")

    # The ranked bars beside the table of every state shown, in one element; the downloads under them.
    ranked = make_ranked_and_table_html(view.bars_markup, view.table_markup, source_line(sources[:1]))
    clicked = render_svg_view(ranked, key="ranked", alt=_(
        "Bar chart of the states with the highest figures for {metric}, and the table of every state shown.").format(
        metric=_(metric.label))) or clicked
    render_downloads(view.table, f"overview_{metric.key}")

    if clicked:
        st.switch_page("app_pages/country.py", query_params=with_language({"iso3": clicked}))


def filter_summary() -> list[str]:
    """The view's filters as a slide states them: metric, regions, statuses, then the conditions that apply."""
    state = st.session_state
    return [_(METRICS[state["metric"]].label), ", ".join(_(r) for r in state["region"]) or _("All regions"),
            ", ".join(_(s) for s in state["status"]) or _("every treaty status"),
            _("Article 5 obligation") if state["art5"] else "",
            _("Significant numbers of survivors") if state["survivors"] else "",
            _("deadline within {years} years").format(years=state["within"]) if state["within"] else ""]


st.session_state[FULL_RUN] = True  # this run draws the page anew: the map's outline goes with it
overview()
