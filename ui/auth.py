"""Who is signed in: the embedded username/password form, or the deployment's OpenID Connect provider.

Reading needs no sign-in. This only says who the person is; the store decides what they may write.
A password sign-in survives a page reload through a cookie holding a session token (store.sessions: random,
expiring, hashed at rest, revoked at sign-out). Streamlit cannot set a cookie from the server, so a fixed
script sets it in the browser; the README's "Sign-in" section weighs what that means.
"""
from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

import streamlit as st

from charts.templating import render
from i18n import _
from ui.cached import cached_store
from ui.components import plain

if TYPE_CHECKING:
    from store import Actor

TOKEN_KEY = "sign_in_token"
FAILED_KEY = "sign_in_failed"
COOKIE_KEY = "sign_in_cookie"  # what the next run writes to the browser: a new token, or "" to clear it
COOKIE = "mbc_session"
SESSION_SECONDS = 12 * 3600  # store.sessions.SESSION_HOURS: the browser forgets the cookie when the server does
TEMPLATES = Path(__file__).with_name("templates")


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


def _cookie_token() -> str | None:
    """The session token the browser sent when this page was loaded (a reload), if any."""
    return st.context.cookies.get(COOKIE)


def current_actor() -> Actor | None:
    """The signed-in person as the store knows them now, or None for a visitor."""
    if oidc_configured():
        username = _oidc_identity()
        if username is None:
            return None
        from store import get_actor

        return get_actor(cached_store(), username)
    token = st.session_state.get(TOKEN_KEY) or _cookie_token()
    if token is None:
        return None  # a visitor: the store (SQLAlchemy, Alembic) is never imported for reading
    from store.sessions import session_actor

    # Checked on every run: sign-out elsewhere, expiry, a removed user or a changed role take effect at once.
    actor = session_actor(cached_store(), token)
    if actor is None:
        st.session_state.pop(TOKEN_KEY, None)
        return None
    st.session_state[TOKEN_KEY] = token
    return actor


def describe_role(actor: Actor) -> str:
    if actor.role == "focal_point":
        return _("focal point for {state}: adds and edits the needs of {state}").format(state=actor.iso3)
    if actor.role == "provider":
        return _("provider '{provider}': adds and edits its own offers").format(provider=actor.provider)
    return _("admin: adds and edits everything, imports files")


def _sign_in() -> None:
    # A callback runs before the script, so the whole run (navigation included) sees the new person.
    from store import authenticate
    from store.sessions import start_session

    username = st.session_state.get("sign_in_username", "").strip()
    password = st.session_state.get("sign_in_password", "")
    actor = authenticate(cached_store(), username, password) if username and password else None
    st.session_state["sign_in_password"] = ""  # never kept beyond the check
    st.session_state[FAILED_KEY] = actor is None
    if actor is not None:
        token = start_session(cached_store(), actor.username)
        st.session_state[TOKEN_KEY] = st.session_state[COOKIE_KEY] = token


def _sign_out() -> None:
    from store.sessions import end_session

    # Both: the token of this session, and the one the page was loaded with (a reload) if it differs.
    for token in {st.session_state.pop(TOKEN_KEY, None), _cookie_token()} - {None}:
        end_session(cached_store(), token)
    st.session_state[COOKIE_KEY] = ""
    st.session_state[FAILED_KEY] = False


def _write_cookie() -> None:
    """Set (after a sign-in) or clear (after a sign-out) the browser's session cookie, once."""
    token = st.session_state.pop(COOKIE_KEY, None)
    if token is None:
        return
    max_age = SESSION_SECONDS if token else 0
    # Only our own token goes in (43 URL-safe characters, checked by store.sessions before it is written).
    st.html(render(TEMPLATES, "set_cookie.html.j2", cookie=COOKIE, value=token, max_age=max_age),
            unsafe_allow_javascript=True, width="content")


def _render_signed_in(actor: Actor) -> None:
    st.markdown(_("Signed in as **{user}**").format(user=plain(actor.username)))
    st.caption(plain(describe_role(actor)))


def _render_form(actor: Actor | None) -> None:
    _write_cookie()
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
