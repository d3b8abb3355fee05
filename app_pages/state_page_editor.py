"""My State's page: its focal point (or an admin, for any State) chooses the sections and their order, writes the
State's own texts, contacts and resources, saves a draft and submits it to the ISU; and keeps the State's
Individualised Approach platform (events and their documents). The public page shows only what the ISU published."""
import streamlit as st

from domain.state_names import state_name
from i18n import _
from store import NotFound, PermissionDenied, StoreUnavailable
from ui.auth import current_actor
from ui.cached import cached_world_panel
from ui.clock import today
from ui.components import EDITING_DOWN, plain, refusal_text, render_store_down
from ui.ia_forms import render_ia_platform
from ui.state_page_forms import FORM, OUTCOME, load, needs_loading, render_editor, render_outcome, render_status
from ui.url_state import UrlParam, read_url_state, write_url_state

st.title(_("My State's page"))
actor = current_actor()
if actor is None or actor.role not in ("admin", "focal_point"):
    st.warning(_("Sign in as the State's focal point to edit its page (or as an admin, for any State). Use **Sign in** "
                 "in the sidebar. The published pages are on **State Party**."), icon=":material/login:")
    st.stop()

panel = cached_world_panel(today())
names = {code: f"{state_name(code, name)} ({code})" for code, name in zip(panel["iso3"], panel["state"], strict=True)}
if actor.is_admin:  # an admin picks the State; the URL names it
    PARAMS = [UrlParam("iso3", "AGO", tuple(names), normalize=str.upper, always=True)]
    read_url_state(PARAMS)
    st.selectbox(_("State"), list(names), format_func=names.get, key="iso3")
    write_url_state(PARAMS)
    iso3 = st.session_state["iso3"]
else:  # a focal point's own State; a link to another State's page is refused by the store, and says so
    iso3 = str(st.query_params.get("iso3") or actor.iso3).upper()
st.markdown(_("**{state}**: what the State says on its own page. Saved drafts are kept; the public page changes only "
              "when the ISU publishes a submitted version.").format(state=plain(names.get(iso3, iso3))))

if needs_loading(actor, iso3):
    try:
        load(actor, iso3)
    except StoreUnavailable:
        kept = st.session_state.get(FORM) or {}
        if (kept.get("iso3"), kept.get("for")) != (iso3, actor.username):  # nothing typed is lost: it was not open
            render_store_down(EDITING_DOWN)
            st.stop()
    except (PermissionDenied, NotFound) as err:
        st.error(_("Not allowed: {reason}. Nothing was opened.").format(reason=plain(refusal_text(err))),
                 icon=":material/block:")
        st.stop()
    else:
        st.session_state[OUTCOME] = None

tab_page, tab_ia = st.tabs([_("Page content"), _("Individualised Approach platform")])
with tab_page:
    render_outcome()
    render_status()
    render_editor(locked=st.session_state[FORM]["status"] == "pending")
with tab_ia:
    render_ia_platform(actor, iso3)
