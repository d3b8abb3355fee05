"""Article 7 reports: anyone reads the published ones form by form; a State's focal point (or the ISU, for any State)
starts a year's report, fills in and saves each form, checks and submits it; the ISU reviews, publishes or returns
it. The view (State, year, form) lives in the URL."""
import streamlit as st

from domain.reporting import schema
from domain.state_names import state_name
from i18n import N_, _
from store import NotFound, PermissionDenied, StoreUnavailable
from store.reports import get_report, list_reports, previous_report
from ui.auth import current_actor
from ui.cached import cached_store, cached_world_panel
from ui.clock import today
from ui.components import plain, refusal_text, render_store_down
from ui.report_forms import form_names, render_form_editor, render_form_view
from ui.report_sections import (
    may_write,
    render_check_and_submit,
    render_documents,
    render_offline,
    render_outcome,
    render_recall,
    render_report_list,
    render_review,
    render_review_queue,
    render_start,
    render_status,
)
from ui.url_state import UrlParam, read_url_state, write_url_state

REPORTS_DOWN = N_("The reports' database cannot be reached: reports cannot be listed, opened or saved until it is back. "
                "What was open in this session is still shown, read only.")
KEPT = "a7_kept"  # the report last read in this session: shown, read only, while the database cannot be reached

st.title(_("Article 7 reports"))
st.caption(_("The States Parties' annual transparency reports (Article 7), written form by form with the guidance "
             "beside each question, checked, and published by the ISU. This tool replaces no official channel: a "
             "submitted report is also produced in the standard layout for the State to send as usual."))
actor = current_actor()
panel = cached_world_panel(today())
names = {code: f"{state_name(code, name)} ({code})" for code, name in zip(panel["iso3"], panel["state"], strict=True)}

down = False
try:
    visible = list_reports(cached_store(), actor)
except StoreUnavailable:
    visible, down = [], True
    render_store_down(REPORTS_DOWN)
render_outcome()

# The States one may choose: every State for the ISU, one's own for a focal point, and those with a published report.
published = {i.iso3 for i in visible if i.status == "published"}
own = set(names) if actor is not None and actor.is_admin else {actor.iso3} if actor is not None and actor.iso3 else set()
focal = actor is not None and actor.role == "focal_point"
# A focal point's own State is its default, yet the link it shares must name the State.
PARAMS = [UrlParam("iso3", actor.iso3 if focal else "", normalize=str.upper, always=focal),
          UrlParam("year", 0, cast=int), UrlParam("form", "cover", choices=schema.form_keys())]
read_url_state(PARAMS)
states = ["", *sorted((own | published | {st.session_state["iso3"]}) - {""}, key=lambda c: names.get(c, c))]
iso3 = st.session_state["iso3"]
years = sorted({i.year for i in visible if i.iso3 == iso3} | {st.session_state["year"]} - {0}, reverse=True)


def _state_changed() -> None:
    st.session_state.update(year=0, form="cover")


state_labels = {code: names.get(code, code) for code in states} | {"": _("All States")}
year_labels = {0: _("Choose a year")} | {y: str(y) for y in years}
left, right = st.columns(2)
left.selectbox(_("State"), states, key="iso3", format_func=state_labels.get, on_change=_state_changed)
right.selectbox(_("Year"), list(year_labels), key="year", format_func=year_labels.get, disabled=not iso3)
write_url_state(PARAMS)
year = st.session_state["year"]

if not iso3:
    if actor is not None and actor.is_admin and not down:
        render_review_queue(visible, names)
    st.subheader(_("Reports") if actor is not None else _("Published reports"))
    render_report_list(visible, names, "a7_all_reports")
    st.stop()
if not year:
    render_report_list([i for i in visible if i.iso3 == iso3], names, "a7_state_reports")
    if may_write(actor, iso3) and not down:
        render_start(iso3, [i for i in visible if i.iso3 == iso3], actor, today().year)
    st.stop()

try:
    stored = get_report(cached_store(), actor, iso3, year)
    previous = previous_report(cached_store(), actor, iso3, year) if may_write(actor, iso3) else None
    st.session_state[KEPT] = (iso3, year, actor.username if actor else None, stored, previous)
except StoreUnavailable:
    kept = st.session_state.get(KEPT)
    if not kept or kept[:3] != (iso3, year, actor.username if actor else None):
        st.stop()
    stored, previous = kept[3:]
    down = True
except PermissionDenied as err:
    if actor is None:  # a visitor is not told that a draft exists
        st.info(_("There is no published report of {state} for {year}.").format(
            state=plain(names.get(iso3, iso3)), year=year), icon=":material/description:")
        st.stop()
    st.error(_("Not allowed: {reason}. Nothing was opened.").format(reason=plain(refusal_text(err))),
             icon=":material/block:")
    st.stop()
except NotFound:
    st.info(_("There is no report of {state} for {year} that you may read.").format(
        state=plain(names.get(iso3, iso3)), year=year), icon=":material/description:")
    st.stop()

info = stored.info
writer = may_write(actor, iso3)
editable = writer and info.status in ("draft", "returned")  # while the database is away, saving says so, text kept
render_status(info, names.get(iso3, iso3))
if writer and info.status == "submitted" and not down:
    render_recall(stored)
if actor is not None and actor.is_admin and info.status == "submitted" and not down:
    render_review(stored, previous)

forms = form_names()
st.segmented_control(_("Form"), list(forms), key="form", format_func=forms.get, required=True,
                     help=_("The cover page, then Forms A to J"))
form_key = st.session_state["form"] if st.session_state.get("form") in schema.form_keys() else "cover"
if editable:
    render_form_editor(stored, form_key, previous, actor.username)
    if not down:
        st.divider()
        render_check_and_submit(stored, previous)
else:
    render_form_view(stored.report, form_key)
st.divider()
if info.status in ("submitted", "published"):
    render_documents(stored, names.get(iso3, iso3), writer and not down, today())
render_offline(stored, editable and not down)
