"""Slides: the saved views a presenter steps through at a meeting. Everyone sees them; admins edit them."""
import streamlit as st

from i18n import _
from store import InvalidRecord, PermissionDenied, StaleEdit
from store.slides import create_slide, delete_slide, list_slides, move_slide, update_slide
from ui.auth import current_actor
from ui.cached import cached_store
from ui.components import plain, refusal_text
from ui.presenter import view_target
from ui.url_state import PRESENT, SLIDE, open_from_url, with_language

store = cached_store()
actor = current_actor()
slides = list_slides(store)

st.title(_("Slides for presenting"))
st.caption(_("Each slide is a view of this dashboard: the part of the address after the host, e.g. /country?iso3=KHM or "
             "/gaps?view=pace. In presenter mode, ← and → step through them; Esc leaves."))
if slides and st.button(_("Start presenting"), type="primary", icon=":material/slideshow:", key="start_presenting"):
    page, query = view_target(slides[0]["view"])
    open_from_url()
    st.switch_page(page, query_params=with_language({**query, PRESENT: "1", SLIDE: "1"}))
if not slides:
    st.info(_("No slides saved yet.") if actor and actor.is_admin else _("No slides saved yet. An admin can add them here."))

admin = actor is not None and actor.is_admin
for number, slide in enumerate(slides, start=1):
    with st.container(border=True):
        # The title as shipped in the reader's language (the default deck's titles are msgids), the view as plain
        # text: a code block shows an address exactly, where Markdown would escape its = and _.
        st.markdown(f"**{number}. {plain(_(slide['title']))}**")
        st.code(slide["view"], language=None, wrap_lines=True)
        if slide["note"]:
            st.caption(plain(slide["note"]))
        if admin:
            up, down, remove = st.columns(3)
            if up.button(_("Earlier"), key=f"up_{slide['id']}", disabled=number == 1):
                move_slide(store, actor, slide["id"], -1)
                st.rerun()
            if down.button(_("Later"), key=f"down_{slide['id']}", disabled=number == len(slides)):
                move_slide(store, actor, slide["id"], +1)
                st.rerun()
            if remove.button(_("Remove"), key=f"remove_{slide['id']}"):
                delete_slide(store, actor, slide["id"])
                st.rerun()
            with st.expander(_("Edit")), st.form(f"edit_{slide['id']}"):
                title = st.text_input(_("Title"), slide["title"])
                view = st.text_input(_("View"), slide["view"])
                note = st.text_area(_("Presenter's note"), slide["note"] or "")
                if st.form_submit_button(_("Save")):
                    try:
                        update_slide(store, actor, slide["id"], {"title": title, "view": view, "note": note},
                                     slide["version"])
                        st.rerun()
                    except (InvalidRecord, StaleEdit, PermissionDenied) as error:
                        st.error(plain(refusal_text(error)))

if admin:
    st.subheader(_("Add a slide"))
    with st.form("add_slide", clear_on_submit=True):
        title = st.text_input(_("Title"))
        view = st.text_input(_("View"), placeholder="/country?iso3=KHM")
        note = st.text_area(_("Presenter's note (optional)"))
        if st.form_submit_button(_("Add")):
            try:
                create_slide(store, actor, {"title": title, "view": view, "note": note})
                st.rerun()
            except (InvalidRecord, PermissionDenied) as error:
                st.error(plain(refusal_text(error)))
