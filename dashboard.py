"""Router: page config, every page listed, and the sidebar every page shares."""
import streamlit as st

from i18n import LANGUAGES, _, set_language
from ui.as_of import read_as_of, render_as_of_banner, render_as_of_picker
from ui.auth import current_actor, render_account
from ui.cached import cached_compiled_date
from ui.clock import start_run
from ui.presenter import apply_presenter_style, render_presenter_bar
from ui.url_state import LANG, PRESENT, open_from_url, opened_from_url, presenting

start_run()  # today's date, once for everything this run draws

# The language first: everything below, page titles included, is drawn in it. An unknown ?lang= means English.
# A page switch from the sidebar drops the URL's parameters: the language chosen earlier in the session is kept (and
# written back, so the link names it), unless the URL was opened as a whole view (a slide).
if LANG not in st.query_params and not opened_from_url() and st.session_state.get("language", "en") != "en":
    st.query_params[LANG] = st.session_state["language"]
language = set_language(st.query_params.get(LANG))
if LANG in st.query_params and st.query_params[LANG] != language:
    del st.query_params[LANG]
st.session_state["language"] = language
read_as_of()  # the date the figures are shown as of (?as_of=), kept while the reader moves between pages


def _choose_language() -> None:
    chosen = st.session_state["language"]
    if chosen in LANGUAGES and chosen != "en":
        st.query_params[LANG] = chosen
    else:
        st.query_params.pop(LANG, None)
    # The browser names each choice by its label, now in the old language: the page reads its view from the URL instead.
    open_from_url()


st.set_page_config(page_title=_("Mine Ban Convention dashboard"), page_icon="static/favicon.png", layout="wide")

# Who is signed in decides the pages listed: the import page only for admins. Unlisted, it is still there, so a
# bookmark to /import says to sign in as an admin rather than "Page not found".
actor = current_actor()
pages = [
    st.Page("app_pages/overview.py", title=_("Overview"), icon=":material/public:", url_path="overview", default=True),
    st.Page("app_pages/country.py", title=_("State Party"), icon=":material/flag:", url_path="country"),
    st.Page("app_pages/needs.py", title=_("Needs & offers"), icon=":material/handshake:", url_path="needs"),
    st.Page("app_pages/registry.py", title=_("Registry"), icon=":material/edit_note:", url_path="registry"),
    st.Page("app_pages/import_data.py", title=_("Import"), icon=":material/upload_file:", url_path="import",
            visibility="visible" if actor is not None and actor.is_admin else "hidden"),
    st.Page("app_pages/meetings.py", title=_("Meetings"), icon=":material/event:", url_path="meetings"),
    st.Page("app_pages/changes.py", title=_("Changes"), icon=":material/difference:", url_path="changes"),
    # Listed for those who use them; routed for everyone, so a link says whom to sign in as.
    st.Page("app_pages/state_page_editor.py", title=_("My State's page"), icon=":material/edit_document:",
            url_path="state-page",
            visibility="visible" if actor is not None and actor.role in ("admin", "focal_point") else "hidden"),
    st.Page("app_pages/review.py", title=_("Review"), icon=":material/rate_review:", url_path="review",
            visibility="visible" if actor is not None and actor.is_admin else "hidden"),
    # Published reports are public, as Article 7 reports are; drafts are shown to their State and the ISU only.
    st.Page("app_pages/reporting.py", title=_("Article 7 reports"), icon=":material/assignment:", url_path="reporting"),
    st.Page("app_pages/article7.py", title=_("Reporting across States"), icon=":material/grid_on:", url_path="article7"),
    st.Page("app_pages/gaps.py", title=_("Gaps"), icon=":material/table:", url_path="gaps"),
    st.Page("app_pages/slides.py", title=_("Slides"), icon=":material/slideshow:", url_path="slides"),
    st.Page("app_pages/sources.py", title=_("Sources"), icon=":material/menu_book:", url_path="sources"),
]
page = st.navigation(pages, position="hidden" if presenting() else "sidebar")

if presenting():
    apply_presenter_style()
    render_presenter_bar()

with st.sidebar:  # hidden in presenter mode, but still there for the way back
    st.segmented_control(_("Language"), list(LANGUAGES), format_func=LANGUAGES.get, key="language", required=True,
                         on_change=_choose_language)
    if st.button(_("Presenter mode"), key="presenter_on", icon=":material/slideshow:",
                 help=_("Big type, no sidebar, this view full width; slides step with ← and →, Esc leaves")):
        st.query_params[PRESENT] = "1"
        st.rerun()
    render_as_of_picker()
    render_account(actor)
    st.divider()
    st.caption(_("Reference data compiled {dates} from Landmine Monitor, Mine Action Review, the Convention's website "
                 "and the UN Treaty Collection. Figures are the latest each source gives; their years differ and are "
                 "shown beside each figure.").format(dates=cached_compiled_date()))
    st.page_link("app_pages/sources.py", label=_("Sources, coverage and known gaps"), icon=":material/menu_book:")

# Pages that edit work on today's data whatever date the reader views: the banner says so there.
render_as_of_banner(editing=page.url_path in ("state-page", "review", "reporting", "import"))
page.run()
