"""Registry: needs, offers and partnerships in the store. Anyone reads; signed-in people add and edit their own."""
import streamlit as st

from store import list_needs, list_offers, list_partnerships
from ui.auth import current_actor, describe_role
from ui.cached import cached_store
from ui.components import plain
from ui.registry_forms import (
    A,
    KINDS,
    PLURAL,
    render_downloads,
    render_form,
    render_history,
    render_picker,
    render_records,
)

st.title("Registry of needs, offers and partnerships")
st.markdown(
    "Needs stated by states, offers from states and organisations in a position to help, and the partnerships "
    "matching them (with the elements of the Maputo Action Plan's Action 21). Reference needs come from "
    "`data/stated_needs.csv` with their sources; every change is recorded with who made it and when."
)

store = cached_store()
actor = current_actor()
if actor is None:
    st.info("Reading is open to everyone. Sign in (in the sidebar) to add or edit.")
else:
    st.caption(f"Signed in as {plain(actor.username)}, {plain(describe_role(actor))}. "
               "Anything else can be read and its history seen, not changed.")

rows = {"need": list_needs(store), "offer": list_offers(store), "partnership": list_partnerships(store)}

# Tab labels stay the same after a save: a changed label would make the browser open the first tab again.
for tab, kind in zip(st.tabs([PLURAL[k].capitalize() for k in KINDS]), KINDS):
    with tab:
        st.subheader(f"1. All {PLURAL[kind]} ({len(rows[kind])})")
        render_records(kind, rows[kind])
        render_downloads(store, kind)
        st.caption("Downloads carry a source and an as-of (last change) column; a cell starting with = + - @ is "
                   "written with a leading ' so a spreadsheet shows it as text.")

        st.subheader(f"2. Add or edit {A[kind]}" if actor else f"2. One {kind} and its history")
        record_id = render_picker(kind, rows[kind], actor)
        if actor is not None:
            render_form(store, actor, kind, record_id, rows)
        if record_id:
            st.markdown(f"**History of {kind} {record_id}** (every change: who, when, old → new)")
            render_history(store, kind, record_id)
