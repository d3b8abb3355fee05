"""The users command: argon2 hashes, never the password in clear, and no user exists until one is added."""
import io
import sys

import pytest
from sqlalchemy import select

from store import authenticate, verify_password
from store.cli import run
from store.schema import app_user, audit_log
from store.users import add_user, list_users

PASSWORD = "correct horse battery"


@pytest.fixture
def cli(database_url, monkeypatch):
    monkeypatch.setenv("DATABASE_URL", database_url)

    def call(*argv, stdin=""):
        monkeypatch.setattr(sys, "stdin", io.StringIO(stdin))
        return run(list(argv))

    return call


def test_no_user_exists_until_one_is_added(store):
    assert list_users(store) == []
    assert authenticate(store, "admin", "admin") is None


def test_users_add_stores_an_argon2_hash_never_the_password(cli, store, capsys):
    assert cli("users", "add", "ana", "--role", "admin", "--password-stdin", stdin=PASSWORD + "\n") == 0
    with store.engine.connect() as conn:
        stored = conn.execute(select(app_user)).mappings().one()
        audit = [dict(row) for row in conn.execute(select(audit_log)).mappings()]
    assert stored["password_hash"].startswith("$argon2id$")
    assert PASSWORD not in repr(dict(stored)) and PASSWORD not in repr(audit)
    assert verify_password(stored["password_hash"], PASSWORD) and not verify_password(stored["password_hash"], "wrong")
    assert authenticate(store, "ana", PASSWORD).role == "admin"
    assert authenticate(store, "ana", "wrong password!") is None
    assert cli("users", "list") == 0
    out = capsys.readouterr().out
    assert "ana\tadmin" in out and "$argon2" not in out


def test_users_add_prompts_twice_and_refuses_a_mismatch(cli, store, monkeypatch):
    answers = iter([PASSWORD, "something else"])
    monkeypatch.setattr("getpass.getpass", lambda prompt="": next(answers))
    assert cli("users", "add", "bob", "--role", "admin") == 1
    assert list_users(store) == []


def test_roles_need_their_scope_and_short_passwords_are_refused(cli, store, capsys):
    assert cli("users", "add", "fp", "--role", "focal_point", "--password-stdin", stdin=PASSWORD) == 1
    assert cli("users", "add", "fp", "--role", "focal_point", "--iso3", "Congo", "--password-stdin", stdin=PASSWORD) == 1
    assert cli("users", "add", "nor", "--role", "provider", "--password-stdin", stdin=PASSWORD) == 1
    assert cli("users", "add", "ana", "--role", "admin", "--password-stdin", stdin="short") == 1
    assert "at least 12 characters" in capsys.readouterr().err
    add_fp = ("users", "add", "fp", "--role", "focal_point", "--password-stdin")
    assert cli(*add_fp, "--iso3", "afghanistan", stdin=PASSWORD) == 0
    assert [(u.username, u.iso3) for u in list_users(store)] == [("fp", "AFG")]


def test_users_remove(cli, store):
    add_user(store, "nor", PASSWORD, "provider", provider="Norway", by="test")
    assert cli("users", "remove", "nor") == 0
    assert cli("users", "remove", "nor") == 1
    assert list_users(store) == []
