"""Slides: the saved views a presenter steps through at a meeting. Everyone sees them; admins edit them."""
from collections.abc import Callable

import streamlit as st

from i18n import _
from store import InvalidRecord, NotFound, PermissionDenied, StaleEdit, StoreUnavailable
from store.slides import create_slide, delete_slide, list_slides, move_slide, update_slide
from ui.auth import current_actor
from ui.cached import cached_store
from ui.components import EDITING_DOWN, NOT_SAVED, plain, refusal_text, render_store_down
from ui.presenter import SLIDES_DOWN, view_target
from ui.url_state import AS_OF, PRESENT, SLIDE, open_from_url, with_language

SEEN = "slides_seen"  # the slides as this session last read them: shown, with their forms, while the store is away
ADDED = "slides_added"  # slides this session added: each one gives a new, empty "Add a slide" form


def saved(write: Callable, *args) -> bool:
    """Run one write of the slides; False, with the reason shown where the form is, when it is refused or cannot
    reach the store (what was typed stays in the form)."""
    try:
        write(cached_store(), *args)
    except StoreUnavailable:
        st.error(_(NOT_SAVED), icon=":material/cloud_off:")
        return False
    except (InvalidRecord, StaleEdit, PermissionDenied, NotFound) as error:
        st.error(plain(refusal_text(error)))
        return False
    return True


try:
    slides = st.session_state[SEEN] = list_slides(cached_store())
    stored = True
except StoreUnavailable:
    slides, stored = st.session_state.get(SEEN), False
actor = current_actor()

st.title(_("Slides for presenting"))
st.caption(_("Each slide is a view of this dashboard: the part of the address after the host, e.g. /country?iso3=KHM or "
             "/gaps?view=pace. Add as_of=YYYY-MM-DD (e.g. /country?iso3=AGO&as_of=2026-11-28) to pin the slide to the "
             "data as it stood that day; without it, a slide shows today's. In presenter mode, ← and → step through "
             "them; Esc leaves."))
if slides is None:  # never read in this session, and the store cannot be reached now
    render_store_down(SLIDES_DOWN)
    st.stop()
if not stored:
    render_store_down(EDITING_DOWN)
if slides and st.button(_("Start presenting"), type="primary", icon=":material/slideshow:", key="start_presenting"):
    page, query = view_target(slides[0]["view"])
    open_from_url()
    st.switch_page(page, query_params=with_language({**query, PRESENT: "1", SLIDE: "1"}, keep_date=False))
if not slides:
    st.info(_("No slides saved yet.") if actor and actor.is_admin else _("No slides saved yet. An admin can add them here."))

admin = actor is not None and actor.is_admin
for number, slide in enumerate(slides, start=1):
    with st.container(border=True):
        # The title as shipped in the reader's language (the default deck's titles are msgids), the view as plain
        # text: a code block shows an address exactly, where Markdown would escape its = and _.
        st.markdown(f"**{number}. {plain(_(slide['title']))}**")
        st.code(slide["view"], language=None, wrap_lines=True)
        if pinned := view_target(slide["view"])[1].get(AS_OF):
            st.caption(_("Pinned: the data as it stood on {day}").format(day=plain(pinned)))
        if slide["note"]:
            st.caption(plain(slide["note"]))
        if admin:
            up, down, remove = st.columns(3)
            if up.button(_("Earlier"), key=f"up_{slide['id']}", disabled=number == 1) and saved(
                    move_slide, actor, slide["id"], -1):
                st.rerun()
            if down.button(_("Later"), key=f"down_{slide['id']}", disabled=number == len(slides)) and saved(
                    move_slide, actor, slide["id"], +1):
                st.rerun()
            if remove.button(_("Remove"), key=f"remove_{slide['id']}") and saved(delete_slide, actor, slide["id"]):
                st.rerun()
            with st.expander(_("Edit")), st.form(f"edit_{slide['id']}"):
                title = st.text_input(_("Title"), slide["title"])
                view = st.text_input(_("View"), slide["view"])
                note = st.text_area(_("Presenter's note"), slide["note"] or "")
                if st.form_submit_button(_("Save")) and saved(
                        update_slide, actor, slide["id"], {"title": title, "view": view, "note": note}, slide["version"]):
                    st.rerun()

if admin:
    st.subheader(_("Add a slide"))
    added = st.session_state.setdefault(ADDED, 0)
    # Not cleared on submit: a refused or unsaved slide keeps what was typed; once added, a new form is empty.
    with st.form(f"add_slide_{added}"):
        title = st.text_input(_("Title"))
        view = st.text_input(_("View"), placeholder="/country?iso3=KHM")
        note = st.text_area(_("Presenter's note (optional)"))
        if st.form_submit_button(_("Add")) and saved(create_slide, actor, {"title": title, "view": view, "note": note}):
            st.session_state[ADDED] = added + 1
            st.rerun()
