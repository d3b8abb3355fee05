"""Router: page config, every page listed, and the sidebar every page shares."""
import streamlit as st

from ui.cached import cached_provenance

st.set_page_config(page_title="Mine Ban Convention dashboard", page_icon="static/favicon.png", layout="wide")

pages = [
    st.Page("pages/states.py", title="States Parties", icon=":material/table:", url_path="states", default=True),
    st.Page("pages/sources.py", title="Sources", icon=":material/menu_book:", url_path="sources"),
]
page = st.navigation(pages)

with st.sidebar:
    provenance = cached_provenance()
    compiled = sorted({p["date_compiled"] for p in provenance.values()})
    st.caption(f"Reference data compiled {', '.join(compiled)} from Landmine Monitor, Mine Action Review, "
               "the Convention's website and the UN Treaty Collection.")
    st.page_link("pages/sources.py", label="Sources, coverage and known gaps", icon=":material/menu_book:")

page.run()
