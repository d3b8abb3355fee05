"""State Party: the cooperation committee's country-page outline for one state (`?iso3=XXX`)."""
import streamlit as st

from domain.country import compute_projection
from domain.country_page import build_country_page
from domain.outlook import OutlookAssumptions
from domain.state_names import state_name
from i18n import _, current_language, translate_message
from ui.auth import current_actor
from ui.cached import (
    cached_compiled_date,
    cached_country_profile,
    cached_neighbourhood,
    cached_world_panel,
    published_reports_key,
)
from ui.clock import as_of_date, view_date
from ui.components import plain
from ui.country_sections import render_country_page, render_state_slide_images
from ui.presenter import hidden_when_presenting
from ui.state_content import read_document, read_state_content
from ui.url_state import UrlParam, presenting, read_url_state, with_language, write_url_state

PACE_YEARS = tuple(range(1, 11))
ESTIMATE_AGES = tuple(range(1, 16))
on = view_date()
reports = published_reports_key(as_of_date())  # the published Article 7 reports whose figures the page uses
panel = cached_world_panel(on, reports).set_index("iso3")
PARAMS = [
    # Every link names its state (Angola included), and a code typed in lower case still opens it.
    UrlParam("iso3", "AGO", tuple(panel.index), normalize=str.upper, always=True),
    UrlParam("pace_years", 3, PACE_YEARS),
    UrlParam("max_age", 5, ESTIMATE_AGES),
    UrlParam("rate", None, cast=lambda raw: abs(float(raw))),
]

# 1. Read the view from the URL (the state and the outlook's assumptions) and compute
unknown = PARAMS[0].rejected()
read_url_state(PARAMS)
names = {code: f"{state_name(code, name)} ({code})" for code, name in panel["state"].items()}
if unknown is not None:  # never another state in silence: the URL is then rewritten to the one shown
    st.warning(_("No State with the code '{code}' in our data; showing {state}.").format(
        code=plain(unknown), state=names[st.session_state["iso3"]]))
# On a slide the picker and the downloads are hidden: the state is the slide's, the summary line says the assumptions.
picker, brief, image, changes = hidden_when_presenting("country_controls").columns([4, 2, 2, 2],
                                                                                  vertical_alignment="bottom")
picker.selectbox(_("State"), list(panel.index), format_func=names.get, key="iso3")
iso3 = st.session_state["iso3"]
profile = cached_country_profile(iso3, on, reports)
assumptions = OutlookAssumptions(st.session_state["pace_years"], st.session_state["max_age"], st.session_state["rate"])
projection = compute_projection(profile, on, assumptions)
compiled = cached_compiled_date()
language = current_language()
# What the State published on its page and its IA events (the compiled content only while the store is down).
state = read_state_content(iso3)


# Made after this run, when clicked: what it shows is bound now (the language too, which may have changed by then).
def brief_pdf(profile=profile, projection=projection, compiled=compiled, language=language, state=state) -> bytes:
    from charts.brief import make_country_brief_pdf  # matplotlib: over a second to import, paid on the first click only

    return make_country_brief_pdf(profile, projection, compiled, language, state_page=state.page,
                                  ia_events=state.events, today=on.isoformat())


brief.download_button(_("One-page brief (PDF)"), brief_pdf,
                      file_name=f"{iso3}_brief.pdf", mime="application/pdf", icon=":material/picture_as_pdf:",
                      width="stretch", help=_("Key figures, outlook, needs, partners and their sources, made on this machine"))
with image:
    render_state_slide_images(profile)
changes.page_link("app_pages/changes.py", label=_("What changed"), icon=":material/difference:",
                  query_params=with_language({"states": iso3}), width="stretch",
                  help=_("This State's changes since the last meeting of the Convention"))


def outlook_controls() -> None:
    """The outlook's assumptions, drawn just before the outlook they change (and kept in the URL)."""
    controls = hidden_when_presenting("outlook_controls").columns(3)
    controls[0].select_slider(_("Pace from the last N years with land release data"), PACE_YEARS, key="pace_years")
    controls[1].select_slider(_("Estimates older than N years are not projected"), ESTIMATE_AGES, key="max_age")
    controls[2].number_input(_("Or type a pace (km²/year); empty = the recent pace"), min_value=0.0, value=None,
                             step=1.0, key="rate", format="%.2f")


# 2. Render the outline (built once as data: domain.country_page), each section with its sources
if not state.stored:
    st.caption(_("The States' own texts and planned meetings cannot be read just now (the database cannot be "
                 "reached): this page shows the compiled content only."))
page = build_country_page(profile, projection, cached_neighbourhood(iso3), state_page=state.page,
                          ia_events=state.events, today=on.isoformat(), signed_in=current_actor() is not None)
render_country_page(page, outlook_controls, slide=presenting(), summary=[translate_message(assumptions.describe())],
                    read_document=read_document if state.stored else None)
write_url_state(PARAMS)
