"""Sign-ins kept across page reloads: a random token the browser holds, only its SHA-256 here, with an
expiry; sign-out revokes it. A token that is unknown (tampered with), expired or revoked signs no one in.
"""
from __future__ import annotations

import datetime as dt
import hashlib
import re
import secrets

from sqlalchemy import delete, insert, select, update

from store.base import Store, now
from store.roles import Actor
from store.schema import sign_in_session
from store.users import get_actor

SESSION_HOURS = 12  # a working day: a shared computer left signed in does not stay so overnight
# secrets.token_urlsafe(32): 43 characters of the URL-safe alphabet; anything else is refused unread.
TOKEN = re.compile(r"^[A-Za-z0-9_-]{43}$")


def _digest(token: str) -> str:
    # A plain SHA-256 suffices: the token is 256 random bits, so there is nothing to guess from its hash.
    return hashlib.sha256(token.encode("ascii")).hexdigest()


def start_session(store: Store, username: str, *, hours: float = SESSION_HOURS, at: dt.datetime | None = None) -> str:
    """A new token for `username`, valid `hours` from `at` (now). Expired sessions are dropped on the way."""
    at = at or now()
    token = secrets.token_urlsafe(32)
    with store.engine.begin() as conn:
        conn.execute(delete(sign_in_session).where(sign_in_session.c.expires_at < at))
        conn.execute(insert(sign_in_session).values(token_sha256=_digest(token), username=username, created_at=at,
                                                    expires_at=at + dt.timedelta(hours=hours)))
    return token


def session_actor(store: Store, token: object, *, at: dt.datetime | None = None) -> Actor | None:
    """Who `token` signs in now: None when it is malformed, unknown, expired or revoked, or its user was removed."""
    if not isinstance(token, str) or not TOKEN.match(token):
        return None
    with store.engine.connect() as conn:
        username = conn.execute(select(sign_in_session.c.username).where(
            sign_in_session.c.token_sha256 == _digest(token), sign_in_session.c.revoked_at.is_(None),
            sign_in_session.c.expires_at > (at or now()))).scalar()
    return None if username is None else get_actor(store, username)


def end_session(store: Store, token: object) -> None:
    """Sign-out: the token signs no one in from now on, whatever the browser still holds."""
    if not isinstance(token, str) or not TOKEN.match(token):
        return
    with store.engine.begin() as conn:
        conn.execute(update(sign_in_session).where(sign_in_session.c.token_sha256 == _digest(token),
                                                   sign_in_session.c.revoked_at.is_(None)).values(revoked_at=now()))
