"""Router: page config, every page listed, and the sidebar every page shares."""
import streamlit as st

from ui.cached import cached_provenance

st.set_page_config(page_title="Mine Ban Convention dashboard", page_icon="static/favicon.png", layout="wide")

pages = [
    st.Page("app_pages/overview.py", title="Overview", icon=":material/public:", url_path="overview", default=True),
    st.Page("app_pages/country.py", title="State Party", icon=":material/flag:", url_path="country"),
    st.Page("app_pages/needs.py", title="Needs & offers", icon=":material/handshake:", url_path="needs"),
    st.Page("app_pages/gaps.py", title="Gaps", icon=":material/table:", url_path="gaps"),
    st.Page("app_pages/sources.py", title="Sources", icon=":material/menu_book:", url_path="sources"),
]
page = st.navigation(pages)

with st.sidebar:
    provenance = cached_provenance()
    compiled = sorted({p["date_compiled"] for p in provenance.values()})
    st.caption(f"Reference data compiled {', '.join(compiled)} from Landmine Monitor, Mine Action Review, "
               "the Convention's website and the UN Treaty Collection. Figures are the latest each source gives; "
               "their years differ and are shown beside each figure.")
    st.page_link("app_pages/sources.py", label="Sources, coverage and known gaps", icon=":material/menu_book:")

page.run()
