"""`python -m store users add|list|remove`: manage sign-in users. No default user or password exists.
`python -m store reports template|import-xlsx`: the ISU's offline round trip of an Article 7 report as a workbook.

Exit codes: 0 done, 1 refused (the reasons on stderr, nothing written), 2 could not run (bad arguments, no such
file, the store unreachable).
"""
from __future__ import annotations

import argparse
import getpass
import sys
from pathlib import Path

from data_loaders.article7_workbook import WORKBOOK_LIMIT, read_workbook, write_workbook
from domain.countries import to_iso3
from domain.reporting.report import empty_report, start_from
from store.base import Store
from store.errors import InvalidRecord, NotFound, PermissionDenied, StaleEdit, StoreUnavailable
from store.reports import FIRST_YEAR, LAST_YEAR, create_report, get_report, previous_report, save_sections
from store.roles import ROLES, Actor
from store.startup import open_store
from store.users import add_user, list_users, remove_user

CLI_ACTOR = "command line"
ISU = Actor(CLI_ACTOR, "admin")  # the command line is the ISU's
DONE, REFUSED, CANNOT_RUN = 0, 1, 2


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python -m store",
                                     description="Manage the store: sign-in users, Article 7 reports.")
    groups = parser.add_subparsers(dest="group", required=True)
    users = groups.add_parser("users", help="sign-in users")
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

    reports = groups.add_parser("reports", help="Article 7 reports as XLSX workbooks, for the ISU")
    commands = reports.add_subparsers(dest="command", required=True)
    template = commands.add_parser("template", help="write the year's workbook: the report as stored, else begun "
                                                    "from the State's last report, else blank")
    template.add_argument("out", metavar="OUT.xlsx")
    imported = commands.add_parser("import-xlsx", help="check a filled-in workbook and save it as the year's draft; "
                                                       "every problem is printed as FILE:SHEET:ROW:COLUMN: reason")
    imported.add_argument("file", metavar="FILE")
    imported.add_argument("--document-dated", metavar="YYYY-MM-DD",
                          help="a new report is entered by the ISU from the State's own report of this date")
    for command in (template, imported):
        command.add_argument("--state", required=True, help="the State: ISO3 code or name")
        command.add_argument("--year", required=True, type=int, help="the calendar year reported")
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
    try:
        args = build_parser().parse_args(argv)
    except SystemExit as stop:  # argparse said why (or printed the help)
        return stop.code if isinstance(stop.code, int) else CANNOT_RUN
    if args.group == "reports":
        return _reports(args)
    store = open_store()
    try:
        return _users(store, args)
    finally:
        store.close()


def _users(store: Store, args: argparse.Namespace) -> int:
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


# --- reports ------------------------------------------------------------------------------------------------

def _cannot_run(message: str) -> int:
    print(f"error: {message}", file=sys.stderr)
    return CANNOT_RUN


def _reports(args: argparse.Namespace) -> int:
    match = to_iso3(args.state)
    if not match.is_state:
        return _cannot_run(f"--state {args.state!r} is not a State's ISO3 code or name")
    if not FIRST_YEAR <= args.year <= LAST_YEAR:
        return _cannot_run(f"--year {args.year} is not a year between {FIRST_YEAR} and {LAST_YEAR}")
    if args.command == "import-xlsx":
        return _import_xlsx(Path(args.file), match.iso3, args.year, args.document_dated)
    return _template(Path(args.out), match.iso3, args.year)


def _template(out: Path, iso3: str, year: int) -> int:
    try:
        store = open_store()
    except StoreUnavailable as err:
        return _cannot_run(str(err))
    try:
        try:
            report, came_from = get_report(store, ISU, iso3, year).report, "the report as stored"
        except NotFound:
            previous = previous_report(store, ISU, iso3, year)
            report, came_from = ((start_from(previous, year), f"begun from the {previous.year} report") if previous
                                 else (empty_report(iso3, year), "blank"))
    except StoreUnavailable as err:
        return _cannot_run(str(err))
    finally:
        store.close()
    try:
        out.write_bytes(write_workbook(report))
    except OSError as err:
        return _cannot_run(f"cannot write {out}: {err.strerror or err}")
    print(f"wrote {out}: the {year} report of {iso3}, {came_from}")
    return DONE


def _import_xlsx(path: Path, iso3: str, year: int, document_dated: str | None) -> int:
    try:
        with path.open("rb") as file:
            data = file.read(WORKBOOK_LIMIT + 1)  # enough to know it is too large, never a whole huge file
    except OSError as err:
        return _cannot_run(f"cannot read {path}: {err.strerror or err}")
    report, problems = read_workbook(data, path.name, iso3, year)
    if report is None or problems:
        for problem in problems:
            print(problem.line(str(path)), file=sys.stderr)
        print(f"refused: {len(problems)} problem(s); nothing was saved", file=sys.stderr)
        return REFUSED
    try:
        store = open_store()
    except StoreUnavailable as err:
        return _cannot_run(str(err))
    try:
        try:
            stored = get_report(store, ISU, iso3, year)
        except NotFound:
            create_report(store, ISU, iso3, year, initial=report.initial, content=report,
                          entered_from_document_dated=document_dated)
            print(f"saved {path}: the {year} report of {iso3}, a new draft")
            return DONE
        if document_dated is not None:
            print(f"refused: the {year} report of {iso3} exists already; --document-dated is for a new report; "
                  "nothing was saved", file=sys.stderr)
            return REFUSED
        saved = save_sections(store, ISU, iso3, year, report, stored.versions)
        changed = [key for key, version in saved.versions.items() if version != stored.versions[key]]
        print(f"saved {path}: the {year} report of {iso3}, {saved.info.status}; forms changed: "
              f"{', '.join(changed) or 'none'}")
        return DONE
    except InvalidRecord as err:
        for where, reason in err.problems.items():
            print(f"{path}: {where}: {reason}", file=sys.stderr)
        return REFUSED
    except (PermissionDenied, StaleEdit) as err:
        print(f"refused: {err}; nothing was saved", file=sys.stderr)
        return REFUSED
    except StoreUnavailable as err:
        return _cannot_run(str(err))
    finally:
        store.close()
