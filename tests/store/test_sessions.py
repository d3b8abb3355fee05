"""Sign-in sessions: a token signs its user in until it expires or is revoked; a tampered one never does,
and the database keeps only its hash."""
import datetime as dt

from sqlalchemy import select

from store.base import now
from store.schema import sign_in_session
from store.sessions import end_session, session_actor, start_session
from store.users import add_user, remove_user

PASSWORD = "only for this test store"


def test_a_token_signs_its_user_in_and_only_its_hash_is_stored(store):
    add_user(store, "halo", PASSWORD, "provider", provider="HALO Trust", by="test")
    token = start_session(store, "halo")
    actor = session_actor(store, token)
    assert (actor.username, actor.role, actor.provider) == ("halo", "provider", "HALO Trust")
    with store.engine.connect() as conn:
        stored = conn.execute(select(sign_in_session)).mappings().one()
    assert token not in stored.values() and len(stored["token_sha256"]) == 64


def test_an_expired_token_signs_no_one_in(store):
    add_user(store, "ana", PASSWORD, "admin", by="test")
    token = start_session(store, "ana", hours=1)
    assert session_actor(store, token, at=now() + dt.timedelta(minutes=59)) is not None
    assert session_actor(store, token, at=now() + dt.timedelta(hours=1, seconds=1)) is None


def test_a_revoked_token_signs_no_one_in_and_other_sessions_stay(store):
    add_user(store, "ana", PASSWORD, "admin", by="test")
    first, second = start_session(store, "ana"), start_session(store, "ana")
    end_session(store, first)
    assert session_actor(store, first) is None
    assert session_actor(store, second).username == "ana"


def test_a_tampered_or_malformed_token_is_refused(store):
    add_user(store, "ana", PASSWORD, "admin", by="test")
    token = start_session(store, "ana")
    tampered = token[:-1] + ("A" if token[-1] != "A" else "B")
    for bad in (tampered, token + "x", token[:-1], "", None, "' OR 1=1 --" + token[11:], token.upper()):
        assert session_actor(store, bad) is None, bad


def test_a_removed_user_is_signed_in_by_no_token(store):
    add_user(store, "ana", PASSWORD, "admin", by="test")
    token = start_session(store, "ana")
    remove_user(store, "ana", by="test")
    assert session_actor(store, token) is None


def test_a_new_session_drops_the_expired_ones(store):
    add_user(store, "ana", PASSWORD, "admin", by="test")
    start_session(store, "ana", hours=1, at=now() - dt.timedelta(hours=2))
    start_session(store, "ana")
    with store.engine.connect() as conn:
        assert len(conn.execute(select(sign_in_session)).all()) == 1
