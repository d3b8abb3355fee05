"""Registry: needs, offers and partnerships in the store. Anyone reads; signed-in people add and edit their own."""
import streamlit as st

from i18n import _, format_date
from ui.auth import current_actor, describe_role
from ui.cached import cached_store
from ui.clock import as_of_date
from ui.components import plain, render_store_down
from ui.registry_data import read_records
from ui.registry_forms import (
    KIND_LABELS,
    KINDS,
    PLURAL,
    A,
    render_downloads,
    render_form,
    render_history,
    render_picker,
    render_records,
)

st.title(_("Registry of needs, offers and partnerships"))
st.markdown(_(
    "Needs stated by states, offers from states and organisations in a position to help, and the partnerships "
    "matching them (with the elements of the Maputo Action Plan's Action 21). Reference needs come from "
    "`data/stated_needs.csv` with their sources; every change is recorded with who made it and when."
))

# While the database cannot be reached: the reference needs and announced offers from the embedded data, a notice,
# and the forms of whoever is signed in, kept with what they typed (a save says it could not be saved).
rows, stored = read_records()
as_of = as_of_date()  # the records as they stood that day (ui.registry_data), or None for today's
actor = current_actor()
if not stored:
    render_store_down()
if actor is None:
    if stored:  # while it is down, signing in is not possible either: the notice says so
        st.info(_("Reading is open to everyone. Sign in (in the sidebar) to add or edit."))
else:
    st.caption(_("Signed in as {user}, {role}. Anything else can be read and its history seen, not changed.").format(
        user=plain(actor.username), role=plain(describe_role(actor))))

# Tab labels stay the same after a save: a changed label would make the browser open the first tab again.
for tab, kind in zip(st.tabs([_(PLURAL[k]).capitalize() for k in KINDS]), KINDS, strict=True):
    with tab:
        st.subheader(_("1. All {kinds} ({count})").format(kinds=_(PLURAL[kind]), count=len(rows[kind])))
        render_records(kind, rows[kind])
        if stored:  # downloads and histories are read from the store when asked
            render_downloads(cached_store(), kind)
            st.caption(_("Downloads carry a source and an as-of (last change) column; a cell starting with = + - @ is "
                         "written with a leading ' so a spreadsheet shows it as text."))

        st.subheader(_("2. Add or edit {a}").format(a=_(A[kind])) if actor
                     else _("2. One {kind} and its history").format(kind=_(KIND_LABELS[kind])))
        record_id = render_picker(kind, rows[kind], actor)
        if actor is not None and as_of is not None:  # the records as they stood: edited only as they are today
            st.info(_("The registry is shown as it stood on {day}: go back to today to add or edit.").format(
                day=format_date(as_of)), icon=":material/history:")
        elif actor is not None:
            render_form(actor, kind, record_id, rows)
        if record_id and stored:
            st.markdown(_("**History of {kind} {id}** (every change: who, when, old → new)").format(
                kind=_(KIND_LABELS[kind]), id=record_id))
            render_history(cached_store(), kind, record_id)
