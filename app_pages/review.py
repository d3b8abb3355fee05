"""Review (the ISU, admins): the States' page versions and IA events waiting for review, each with what it
changes; publish, or return with a comment."""
import streamlit as st

from domain.state_names import state_name
from i18n import _
from store import PermissionDenied, StoreUnavailable
from store.ia import list_pending_ia_events
from store.state_pages import list_pending_pages
from ui.auth import current_actor
from ui.cached import cached_store, cached_world_panel
from ui.clock import today
from ui.components import EDITING_DOWN, plain, refusal_text, render_store_down
from ui.review_sections import render_outcome, render_pending_event, render_pending_page

st.title(_("Review of the States' pages"))
actor = current_actor()
if actor is None or not actor.is_admin:
    st.warning(_("Sign in as an admin (the ISU) to review the States' pages: use **Sign in** in the sidebar."),
               icon=":material/login:")
    st.stop()

panel = cached_world_panel(today())
names = {code: f"{state_name(code, name)} ({code})" for code, name in zip(panel["iso3"], panel["state"], strict=True)}
render_outcome()
try:
    pages = list_pending_pages(cached_store(), actor)
    events = list_pending_ia_events(cached_store(), actor)
except StoreUnavailable:
    render_store_down(EDITING_DOWN)
    st.stop()
except PermissionDenied as err:
    st.error(_("Not allowed: {reason}.").format(reason=plain(refusal_text(err))))
    st.stop()

st.subheader(_("1. Pages waiting for review ({count})").format(count=len(pages)))
st.caption(_("Each change side by side: the published page, and what the State proposes. Publishing makes the "
             "proposed version the public page; returning sends it back to the State with your comment."))
if not pages:
    st.info(_("No page is waiting for review."))
for pending in pages:
    with st.container(border=True):
        render_pending_page(pending, names.get(pending["iso3"], pending["iso3"]))

st.subheader(_("2. Individualised Approach events waiting for review ({count})").format(count=len(events)))
if not events:
    st.info(_("No event is waiting for review."))
for event in events:
    with st.container(border=True):
        render_pending_event(event, names.get(event.iso3, event.iso3))
