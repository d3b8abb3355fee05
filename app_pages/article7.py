"""Article 7 reporting across States (/article7): the reports published here, the reporting-completeness grid
(on time, late, missing; forms marked unchanged) and the committees' cross-cutting view. Only reports published
through this dashboard count; none is ever assumed."""
import streamlit as st

from domain.reporting.completeness import compute_completeness, report_years
from domain.reporting.cross_cutting import compute_cross_cutting
from i18n import _
from ui.article7_sections import REPORTS_DOWN, read_published, render_completeness, render_cross_cutting, render_published
from ui.cached import cached_table
from ui.clock import view_date
from ui.components import render_store_down
from ui.url_state import UrlParam, read_url_state, write_url_state

PARAMS = [UrlParam("every", False)]

# 1. Read the view from the URL
read_url_state(PARAMS)
st.title(_("Article 7 reporting across States"))
st.caption(_("What the States Parties' Article 7 reports published through this dashboard say: who reported on time, "
             "which forms were marked unchanged, and what each State's newest report gives on the committees' "
             "cross-cutting topics. The tool replaces no official channel: a report sent through the official channel "
             "only is not counted here."))

# 2. The reports published here (fresh on every run: one may have just been published)
on = view_date()
reports, stored = read_published()
if not stored:
    render_store_down(REPORTS_DOWN)
elif not reports:
    st.info(_("No State has published an Article 7 report through this tool yet, so there is no grid or cross-cutting "
              "view to show: nothing is assumed for reports sent through the official channel only."),
            icon=":material/info:")
else:
    # 3. Render: the reports, the grid, the cross-cutting view
    st.header(_("Reports published here ({count})").format(count=len(reports)))
    render_published(reports)
    st.header(_("Reporting completeness"))
    st.toggle(_("Every State Party, not only those that published a report here"), key="every")
    states = cached_table("states_parties")
    if not st.session_state["every"]:
        states = states[states["iso3"].isin({p.iso3 for p in reports})]
    render_completeness(compute_completeness(reports, states, report_years(reports, on), on), on)
    st.header(_("Cross-cutting view for the committees"))
    st.caption(_("From each State's newest published report. Given: all the parts of a disaggregation are reported (a "
                 "zero is an answer), or the text is written; gap: it is not; not applicable: the State marked the "
                 "form not applicable."))
    render_cross_cutting(compute_cross_cutting(reports))
write_url_state(PARAMS)
