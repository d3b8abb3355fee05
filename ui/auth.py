"""Who is signed in: the embedded username/password form, or the deployment's OpenID Connect provider.

Reading needs no sign-in. This only says who the person is; the store decides what they may write.
"""
from __future__ import annotations

from typing import TYPE_CHECKING

import streamlit as st

from i18n import _
from ui.cached import cached_store
from ui.components import plain

if TYPE_CHECKING:
    from store import Actor

ACTOR_KEY = "signed_in_actor"
FAILED_KEY = "sign_in_failed"


def oidc_configured() -> bool:
    """True when .streamlit/secrets.toml has an [auth] section: then Streamlit's st.login replaces the form."""
    try:
        return "auth" in st.secrets
    except FileNotFoundError:  # no secrets file at all (Streamlit's StreamlitSecretNotFoundError is one)
        return False


def _oidc_identity() -> str | None:
    """The provider's name for the person: the email, else the name; a store user of that username holds the role."""
    if not st.user.is_logged_in:
        return None
    return st.user.get("email") or st.user.get("name")


def current_actor() -> Actor | None:
    """The signed-in person as the store knows them now, or None for a visitor."""
    oidc = oidc_configured()
    signed_in = st.session_state.get(ACTOR_KEY)
    username = _oidc_identity() if oidc else signed_in.username if signed_in else None
    if username is None:
        return None  # a visitor: the store (SQLAlchemy, Alembic) is never imported for reading
    from store import get_actor

    # Read again on every run, so a removed user or a changed role takes effect at once.
    fresh = get_actor(cached_store(), username)
    if fresh is None and not oidc:
        del st.session_state[ACTOR_KEY]
    return fresh


def describe_role(actor: Actor) -> str:
    if actor.role == "focal_point":
        return _("focal point for {state}: adds and edits the needs of {state}").format(state=actor.iso3)
    if actor.role == "provider":
        return _("provider '{provider}': adds and edits its own offers").format(provider=actor.provider)
    return _("admin: adds and edits everything, imports files")


def _sign_in() -> None:
    # A callback runs before the script, so the whole run (navigation included) sees the new person.
    from store import authenticate

    username = st.session_state.get("sign_in_username", "").strip()
    password = st.session_state.get("sign_in_password", "")
    actor = authenticate(cached_store(), username, password) if username and password else None
    st.session_state["sign_in_password"] = ""  # never kept beyond the check
    st.session_state[FAILED_KEY] = actor is None
    if actor is not None:
        st.session_state[ACTOR_KEY] = actor


def _sign_out() -> None:
    st.session_state.pop(ACTOR_KEY, None)
    st.session_state[FAILED_KEY] = False


def _render_signed_in(actor: Actor) -> None:
    st.markdown(_("Signed in as **{user}**").format(user=plain(actor.username)))
    st.caption(plain(describe_role(actor)))


def _render_form(actor: Actor | None) -> None:
    if actor is not None:
        _render_signed_in(actor)
        st.button(_("Sign out"), key="sign_out", on_click=_sign_out)
        return
    # In a popover: the sidebar stays short, and the browser loads the form's scripts only when it is opened.
    with st.popover(_("Sign in"), icon=":material/login:"), st.form("sign_in"):
        st.text_input(_("Username"), key="sign_in_username", autocomplete="username")
        st.text_input(_("Password"), key="sign_in_password", type="password", autocomplete="current-password")
        st.form_submit_button(_("Sign in"), key="sign_in_submit", on_click=_sign_in)
    if st.session_state.get(FAILED_KEY):
        st.error(_("Wrong username or password."))
    st.caption(_("Reading is open to everyone; sign in to add or edit needs, offers and partnerships."))


def _render_oidc(actor: Actor | None) -> None:
    identity = _oidc_identity()
    if identity is None:
        if st.button(_("Sign in"), key="oidc_sign_in"):
            st.login()
        st.caption(_("Reading is open to everyone; sign in to add or edit needs, offers and partnerships."))
        return
    if actor is not None:
        _render_signed_in(actor)
    else:
        st.markdown(_("Signed in as **{user}**").format(user=plain(identity)))
        st.warning(_("This account has no role here yet, so it can read but not write. An admin adds it with "
                     "`python -m store users add <email> --role ...`."))
    if st.button(_("Sign out"), key="oidc_sign_out"):
        st.logout()


def render_account(actor: Actor | None) -> None:
    """The sidebar's account box: who is signed in and their role, or the way to sign in."""
    st.subheader(_("Account"))
    if oidc_configured():
        _render_oidc(actor)
    else:
        _render_form(actor)
