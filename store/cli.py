"""`python -m store users add|list|remove`: manage sign-in users. No default user or password exists."""
from __future__ import annotations

import argparse
import getpass
import sys

from store.errors import InvalidRecord, NotFound
from store.roles import ROLES
from store.startup import open_store
from store.users import add_user, list_users, remove_user

CLI_ACTOR = "command line"


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python -m store", description="Manage the store's sign-in users.")
    users = parser.add_subparsers(dest="group", required=True).add_parser("users", help="sign-in users")
    commands = users.add_subparsers(dest="command", required=True)
    add = commands.add_parser("add", help="add a user; the password is asked for, never an argument")
    add.add_argument("username")
    add.add_argument("--role", required=True, choices=ROLES)
    add.add_argument("--iso3", help="focal_point: the ISO3 code of its state")
    add.add_argument("--provider", help="provider: its name, a state or an organisation")
    add.add_argument("--password-stdin", action="store_true", help="read the password from the first line of stdin")
    commands.add_parser("list", help="list users and roles (never hashes)")
    remove = commands.add_parser("remove", help="remove a user")
    remove.add_argument("username")
    return parser


def _password(from_stdin: bool) -> str | None:
    if from_stdin:
        return sys.stdin.readline().rstrip("\r\n")
    first = getpass.getpass("Password: ")
    if getpass.getpass("Password again: ") != first:
        print("the two passwords differ; no user added", file=sys.stderr)
        return None
    return first


def run(argv: list[str]) -> int:
    args = build_parser().parse_args(argv)
    store = open_store()
    try:
        if args.command == "list":
            for user in list_users(store):
                scope = user.iso3 or user.provider or ""
                print(f"{user.username}\t{user.role}\t{scope}")
            return 0
        if args.command == "remove":
            remove_user(store, args.username, by=CLI_ACTOR)
            print(f"removed {args.username}")
            return 0
        password = _password(args.password_stdin)
        if password is None:
            return 1
        add_user(store, args.username, password, args.role, iso3=args.iso3, provider=args.provider, by=CLI_ACTOR)
        print(f"added {args.username} ({args.role})")
        return 0
    except (InvalidRecord, NotFound) as err:
        print(f"error: {err}", file=sys.stderr)
        return 1
    finally:
        store.close()
