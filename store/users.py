"""Users of the embedded sign-in: argon2 password hashes, roles; the hash never leaves this module."""
from __future__ import annotations

import re

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from sqlalchemy import delete, insert, select

from domain.countries import to_iso3
from store.audit import write_audit
from store.base import Store, now
from store.errors import InvalidRecord, NotFound
from store.roles import ROLES, Actor
from store.schema import app_user

_hasher = PasswordHasher()  # argon2id with the library's maintained defaults
MIN_PASSWORD_CHARS = 12
USERNAME = re.compile(r"^[A-Za-z0-9._@+-]{1,100}$")
# Verified against when a username is unknown, so a wrong name costs as long as a wrong password.
_DUMMY_HASH = _hasher.hash("not a password of anyone")


def hash_password(password: str) -> str:
    return _hasher.hash(password)


def verify_password(password_hash: str, password: str) -> bool:
    try:
        return _hasher.verify(password_hash, password)
    except (VerificationError, InvalidHashError):
        return False


def _actor(row) -> Actor:
    return Actor(row.username, row.role, row.iso3, row.provider)


def _check_user(username: str, password: str, role: str, iso3: str | None, provider: str | None) -> dict:
    problems = {}
    if not USERNAME.match(username or ""):
        problems["username"] = "use 1-100 letters, digits or . _ @ + -"
    if len(password or "") < MIN_PASSWORD_CHARS:
        problems["password"] = f"at least {MIN_PASSWORD_CHARS} characters"
    if role not in ROLES:
        problems["role"] = f"'{role}' is not a role; allowed: {', '.join(ROLES)}"
    if role == "focal_point":
        match = to_iso3(iso3 or "")
        if not match.is_state:
            problems["iso3"] = "a focal point needs the ISO3 code of its one state"
        iso3 = match.iso3
    elif iso3:
        problems["iso3"] = "only a focal point has a state"
    if role == "provider" and not (provider or "").strip():
        problems["provider"] = "a provider needs its provider name (a state or an organisation)"
    elif role != "provider" and provider:
        problems["provider"] = "only a provider has a provider name"
    if problems:
        raise InvalidRecord(problems)
    return {"username": username, "role": role, "iso3": iso3, "provider": provider.strip() if provider else None}


def add_user(store: Store, username: str, password: str, role: str, *, iso3: str | None = None,
             provider: str | None = None, by: str) -> Actor:
    values = _check_user(username, password, role, iso3, provider)
    with store.engine.begin() as conn:
        if conn.execute(select(app_user.c.id).where(app_user.c.username == username)).first():
            raise InvalidRecord({"username": f"'{username}' already exists"})
        row = {**values, "password_hash": hash_password(password), "created_at": now()}
        user_id = conn.execute(insert(app_user).values(**row).returning(app_user.c.id)).scalar_one()
        write_audit(conn, "app_user", user_id, None, "create", by, None, values)
    return Actor(**values)


def remove_user(store: Store, username: str, *, by: str) -> None:
    with store.engine.begin() as conn:
        row = conn.execute(select(app_user).where(app_user.c.username == username)).first()
        if row is None:
            raise NotFound(f"no user '{username}'")
        conn.execute(delete(app_user).where(app_user.c.id == row.id))
        old = {"username": row.username, "role": row.role, "iso3": row.iso3, "provider": row.provider}
        write_audit(conn, "app_user", row.id, None, "delete", by, old, None)


def list_users(store: Store) -> list[Actor]:
    with store.engine.connect() as conn:
        return [_actor(row) for row in conn.execute(select(app_user).order_by(app_user.c.username))]


def get_actor(store: Store, username: str) -> Actor | None:
    """The user's role, e.g. for a person signed in through OpenID Connect under this username."""
    with store.engine.connect() as conn:
        row = conn.execute(select(app_user).where(app_user.c.username == username)).first()
    return _actor(row) if row else None


def authenticate(store: Store, username: str, password: str) -> Actor | None:
    """The user if the password matches, else None (whether the name or the password was wrong)."""
    with store.engine.connect() as conn:
        row = conn.execute(select(app_user).where(app_user.c.username == username)).first()
    if row is None:
        verify_password(_DUMMY_HASH, password)
        return None
    return _actor(row) if verify_password(row.password_hash, password) else None
