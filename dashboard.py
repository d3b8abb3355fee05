"""Router: page config, every page listed, and the sidebar every page shares."""
import streamlit as st

from store.slides import list_slides
from ui.auth import current_actor, render_account
from ui.cached import cached_provenance, cached_store
from ui.presenter import apply_presenter_style, render_presenter_bar
from ui.url_state import PRESENT, presenting

st.set_page_config(page_title="Mine Ban Convention dashboard", page_icon="static/favicon.png", layout="wide")

# Who is signed in decides the pages listed: the import page only for admins.
actor = current_actor()
pages = [
    st.Page("app_pages/overview.py", title="Overview", icon=":material/public:", url_path="overview", default=True),
    st.Page("app_pages/country.py", title="State Party", icon=":material/flag:", url_path="country"),
    st.Page("app_pages/needs.py", title="Needs & offers", icon=":material/handshake:", url_path="needs"),
    st.Page("app_pages/registry.py", title="Registry", icon=":material/edit_note:", url_path="registry"),
    *([st.Page("app_pages/import_data.py", title="Import", icon=":material/upload_file:", url_path="import")]
      if actor is not None and actor.is_admin else []),
    st.Page("app_pages/gaps.py", title="Gaps", icon=":material/table:", url_path="gaps"),
    st.Page("app_pages/slides.py", title="Slides", icon=":material/slideshow:", url_path="slides"),
    st.Page("app_pages/sources.py", title="Sources", icon=":material/menu_book:", url_path="sources"),
]
page = st.navigation(pages, position="hidden" if presenting() else "sidebar")

if presenting():
    apply_presenter_style()
    render_presenter_bar(list_slides(cached_store()))

with st.sidebar:  # hidden in presenter mode, but still there for the way back
    if st.button("Presenter mode", key="presenter_on", icon=":material/slideshow:",
                 help="Big type, no sidebar, this view full width; slides step with ← and →, Esc leaves"):
        st.query_params[PRESENT] = "1"
        st.rerun()
    render_account(actor)
    st.divider()
    provenance = cached_provenance()
    compiled = sorted({p["date_compiled"] for p in provenance.values()})
    st.caption(f"Reference data compiled {', '.join(compiled)} from Landmine Monitor, Mine Action Review, "
               "the Convention's website and the UN Treaty Collection. Figures are the latest each source gives; "
               "their years differ and are shown beside each figure.")
    st.page_link("app_pages/sources.py", label="Sources, coverage and known gaps", icon=":material/menu_book:")

page.run()
