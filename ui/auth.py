"""Who is signed in: the embedded username/password form, or the deployment's OpenID Connect provider.

Reading needs no sign-in. This only says who the person is; the store decides what they may write.
A password sign-in survives a page reload through a cookie holding a session token (store.sessions: random,
expiring, hashed at rest, revoked at sign-out). Streamlit cannot set a cookie from the server, so a fixed
script sets it in the browser; the README's "Sign-in" section weighs what that means.
"""
from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

import streamlit as st

from charts.templating import render
from i18n import N_, _
from ui.cached import cached_store
from ui.components import plain

if TYPE_CHECKING:
    from store import Actor, Store

TOKEN_KEY = "sign_in_token"
FAILED_KEY = "sign_in_failed"
COOKIE_KEY = "sign_in_cookie"  # what the next run writes to the browser: a new token, or "" to clear it
ACTOR_KEY = "sign_in_actor"  # (credential, who the last check found): used while the database cannot be reached
DOWN_KEY = "sign_in_store_down"  # the store could not be reached to check, sign in or sign out: said in the sidebar
ACCOUNT_DOWN = N_("The registry's database cannot be reached: signing in and out and editing are unavailable until it "
                  "is back; reading pages keep working from the embedded data.")
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


def _checked(credential: str, lookup: Callable[[Store], Actor | None]) -> tuple[Actor | None, bool]:
    """Who `lookup` finds in the store for `credential` (a session token, a provider's identity), and True; while the
    store cannot be reached, who the last check of the same credential in this session found, and False. That person
    keeps their forms and what they typed; the store refuses every write until it is back, and checks them again then."""
    from store import StoreUnavailable

    try:
        actor = lookup(cached_store())
    except StoreUnavailable:
        st.session_state[DOWN_KEY] = True
        last_credential, last_actor = st.session_state.get(ACTOR_KEY, (None, None))
        return (last_actor if last_credential == credential else None), False
    st.session_state.pop(DOWN_KEY, None)
    st.session_state[ACTOR_KEY] = (credential, actor)
    return actor, True


def current_actor() -> Actor | None:
    """The signed-in person as the store knows them now, or None for a visitor."""
    if oidc_configured():
        username = _oidc_identity()
        if username is None:
            return None
        from store import get_actor

        return _checked(username, lambda store: get_actor(store, username))[0]
    token = st.session_state.get(TOKEN_KEY) or _cookie_token()
    if not isinstance(token, str) or not token:
        return None  # a visitor: the store (SQLAlchemy, Alembic) is never imported for reading
    from store.sessions import session_actor

    # Checked on every run: sign-out elsewhere, expiry, a removed user or a changed role take effect at once.
    actor, checked = _checked(token, lambda store: session_actor(store, token))
    if actor is None and checked:
        st.session_state.pop(TOKEN_KEY, None)
        return None
    st.session_state[TOKEN_KEY] = token  # kept while the store cannot be reached: checked once it is back
    return actor


def describe_role(actor: Actor) -> str:
    if actor.role == "focal_point":
        return _("focal point for {state}: keeps the page, the Individualised Approach events and the needs of {state}").format(
            state=actor.iso3)
    if actor.role == "provider":
        return _("provider '{provider}': adds and edits its own offers").format(provider=actor.provider)
    return _("admin: adds and edits everything, imports files")


def _sign_in() -> None:
    # A callback runs before the script, so the whole run (navigation included) sees the new person.
    from store import StoreUnavailable, authenticate
    from store.sessions import start_session

    username = st.session_state.get("sign_in_username", "").strip()
    password = st.session_state.get("sign_in_password", "")
    st.session_state["sign_in_password"] = ""  # never kept beyond the check
    try:
        actor = authenticate(cached_store(), username, password) if username and password else None
        token = None if actor is None else start_session(cached_store(), actor.username)
    except StoreUnavailable:
        st.session_state[DOWN_KEY], st.session_state[FAILED_KEY] = True, False
        return
    st.session_state[FAILED_KEY] = actor is None
    if token is not None:
        st.session_state[TOKEN_KEY] = st.session_state[COOKIE_KEY] = token


def _sign_out() -> None:
    from store import StoreUnavailable
    from store.sessions import end_session

    # Both: the token of this session, and the one the page was loaded with (a reload) if it differs.
    try:
        for token in {st.session_state.get(TOKEN_KEY), _cookie_token()} - {None}:
            end_session(cached_store(), token)
    except StoreUnavailable:
        st.session_state[DOWN_KEY] = True  # still signed in: the token could not be revoked; said in the sidebar
        return
    st.session_state.pop(TOKEN_KEY, None)
    st.session_state.pop(ACTOR_KEY, None)
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


def _render_oidc(actor: Actor | None, down: bool) -> None:
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
        if not down:  # else the store could not say which role the account has
            st.warning(_("This account has no role here yet, so it can read but not write. An admin adds it with "
                         "`python -m store users add <email> --role ...`."))
    if st.button(_("Sign out"), key="oidc_sign_out"):
        st.logout()


def render_account(actor: Actor | None) -> None:
    """The sidebar's account box: who is signed in and their role, or the way to sign in."""
    st.subheader(_("Account"))
    down = st.session_state.pop(DOWN_KEY, False)  # set again by the next check that cannot reach the store
    if down:
        st.warning(_(ACCOUNT_DOWN), icon=":material/cloud_off:")
    if oidc_configured():
        _render_oidc(actor, down)
    else:
        _render_form(actor)
