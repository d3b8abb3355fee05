"""Article 7 reports in the store: one per State and year, a section per form, each section with its own version
(the edit check). The State's focal point (or the ISU, an admin) writes the draft section by section and submits
it through the checks; the ISU publishes it or returns it with a comment; the State may recall it until it is
published. Until published a report is seen only by its State's focal point and admins; once published, by
anyone. Every section is stored as the schema reads it, and every step is one transaction with its audit entry.
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlalchemy import Connection, insert, or_, select, true, update
from sqlalchemy.exc import IntegrityError

from domain.countries import is_iso3
from domain.reporting import checks, schema
from domain.reporting.report import FieldProblem, Report, Section, empty_report, read_section, start_from
from domain.reporting.values import NOT_A_DATE, NOT_A_YEAR, TOO_LONG, Refusal, parse_date
from i18n import N_, using_language
from store import roles
from store.audit import changes_since, write_audit
from store.base import Store, now
from store.errors import InvalidRecord, NotFound, PermissionDenied, StaleEdit, StoreError
from store.roles import Actor
from store.schema import a7_report, a7_section

REPORTS, SECTIONS = a7_report.name, a7_section.name
EDITABLE = ("draft", "returned")
FIRST_YEAR, LAST_YEAR = 1997, 2100  # as domain.reporting.values reads a year
COMMENT_LIMIT = 4000

# Refusals, in English here; marked so the pages show them in the reader's language.
OWN_REPORTS_ONLY = N_("a focal point for {own} may only keep and read the Article 7 reports of {own} before they are "
                      "published, not those of {other}")
REPORT_EDITORS = N_("only an admin or the State's focal point may keep or read a State's Article 7 report before it "
                    "is published")
REVIEWERS = N_("only the ISU (an admin) may publish or return an Article 7 report")
ISU_ENTRY = N_("only the ISU (an admin) may enter a report from a State's own document")
NO_REPORT = N_("there is no Article 7 report of {iso3} for {year}")
REPORT_EXISTS = N_("the Article 7 report of {iso3} for {year} exists already: open it to go on with it")
NOT_EARLIER = N_("a report starts from an earlier year's: {from_year} is not before {year}")
NOT_A_STATE = N_("'{iso3}' is not a State's ISO3 code")
NOT_A_FORM = N_("'{form}' is not a form of the Article 7 report")
SUBMITTED_LOCKED = N_("the Article 7 report of {iso3} for {year} is submitted and locked: recall it, or wait until "
                      "the ISU returns it, to change it")
PUBLISHED_FINAL = N_("the Article 7 report of {iso3} for {year} is published, and a published report is final: it "
                     "cannot be changed")
NOT_SUBMITTABLE = N_("the report is {status}: only a draft or a returned report can be submitted")
NOT_RECALLABLE = N_("the report is {status}: only a submitted report not yet published can be recalled")
NOT_REVIEWABLE = N_("the report is {status}: only a submitted report can be published or returned")
NOT_SENT_YET = N_("the report is a draft: submit it before saying when it was sent")
IN_THE_FUTURE = N_("{value} is in the future")
COMMENT_REQUIRED = N_("say what to change: a comment is required to return a report")
# A status as the refusals word it.
STATUS_WORDS = {"draft": N_("a draft"), "submitted": N_("submitted"), "returned": N_("returned"),
                "published": N_("published")}


@dataclass(frozen=True)
class ReportInfo:
    """What a list of reports shows about one; also carried by StoredReport."""

    id: int
    iso3: str
    year: int
    initial: bool
    status: str  # draft | submitted | returned | published
    entered_by_isu: bool  # "entered by the ISU from the report dated {source_document_date}"
    source_document_date: str | None
    comment: str | None  # the ISU's, while the report is returned
    submitted_at: dt.datetime | None
    submitted_by: str | None
    published_at: dt.datetime | None
    published_by: str | None
    sent_at: str | None  # the date the State says it sent the report through the official channel
    confirmations: dict  # warning key -> {"comment", "by", "at"}, confirmed at submission
    updated_at: dt.datetime
    updated_by: str


@dataclass(frozen=True)
class StoredReport:
    info: ReportInfo
    report: Report
    versions: dict  # form key -> its section's version (0: never saved), what an edit is based on


class ReportRefused(StoreError):
    """The checks refused the submission. `problems`: all they found, errors first, then warnings (confirmed or
    not); `unconfirmed`: the warnings still without a confirming comment. Nothing was written."""

    def __init__(self, problems: list, unconfirmed: list):
        self.problems, self.unconfirmed = list(problems), list(unconfirmed)
        blocking = checks.errors(self.problems) + self.unconfirmed
        super().__init__("; ".join(f"{p.where()}: {p.refusal.say()}" for p in blocking))


# --- who sees and keeps what --------------------------------------------------------------------------------

def may_see_unpublished(actor: Actor | None, iso3: str) -> bool:
    """Whether `actor` sees the State's reports before publication (drafts, submitted, returned)."""
    return actor is not None and (actor.is_admin or (actor.role == "focal_point" and actor.iso3 == iso3))


def check_report_editor(actor: Actor | None, iso3: str) -> Actor:
    """An admin, or the focal point of `iso3`; anyone else is refused with the reason."""
    actor = roles.signed_in(actor)
    if may_see_unpublished(actor, iso3):
        return actor
    if actor.role == "focal_point":
        raise PermissionDenied(OWN_REPORTS_ONLY.format(own=actor.iso3, other=iso3))
    raise PermissionDenied(REPORT_EDITORS)


def _visible(actor: Actor | None):
    """The reports `actor` may read, as a condition on a7_report."""
    if actor is not None and actor.is_admin:
        return true()
    published = a7_report.c.status == "published"
    if actor is not None and actor.role == "focal_point" and actor.iso3:
        return or_(published, a7_report.c.iso3 == actor.iso3)
    return published


# --- reading ------------------------------------------------------------------------------------------------

def report_info(row: dict) -> ReportInfo:
    return ReportInfo(
        row["id"], row["iso3"], row["year"], row["initial"], row["status"], row["entered_by_isu"],
        row["source_document_date"], row["comment"] if row["status"] == "returned" else None,
        row["submitted_at"], row["submitted_by"], row["published_at"], row["published_by"], row["sent_at"],
        dict(row["confirmations"] or {}), row["updated_at"], row["updated_by"])


def _section(row: dict) -> Section:
    content = row["content"] or {}
    return Section(row["status"], row["unchanged_since"], dict(content.get("values") or {}),
                   dict(content.get("tables") or {}))


def _section_rows(conn: Connection, report_ids: list[int]) -> dict[int, dict[str, dict]]:
    """Report id -> form key -> its section's row, for every report of `report_ids` (one query for all)."""
    found: dict[int, dict[str, dict]] = {report_id: {} for report_id in report_ids}
    if found:
        for section in conn.execute(select(a7_section).where(a7_section.c.report_id.in_(found))).mappings():
            found[section["report_id"]][section["form"]] = dict(section)
    return found


def _stored(row: dict, sections: dict[str, dict]) -> StoredReport:
    """The report of `row` with its sections' rows (form key -> row); a form with no section yet is empty."""
    report = Report(row["iso3"], row["year"], row["initial"], {})
    versions = {}
    for key in schema.form_keys():
        section = sections.get(key)
        report.sections[key] = _section(section) if section else Section()
        versions[key] = section["version"] if section else 0
    return StoredReport(report_info(row), report, versions)


def _load(conn: Connection, rows: list[dict]) -> list[StoredReport]:
    """The reports of `rows` with their sections."""
    found = _section_rows(conn, [row["id"] for row in rows])
    return [_stored(row, found[row["id"]]) for row in rows]


def _report_row(conn: Connection, iso3: str, year: int, lock: bool = False) -> dict | None:
    query = select(a7_report).where(a7_report.c.iso3 == iso3, a7_report.c.year == year)
    row = conn.execute(query.with_for_update() if lock else query).mappings().first()
    return dict(row) if row else None


def _readable_row(conn: Connection, actor: Actor | None, iso3: str, year: int, lock: bool = False) -> dict:
    row = _report_row(conn, iso3, year, lock)
    if row is None:
        raise NotFound(NO_REPORT.format(iso3=iso3, year=year))
    if row["status"] != "published":
        check_report_editor(actor, iso3)
    return row


def list_reports(store: Store, actor: Actor | None, iso3: str | None = None) -> list[ReportInfo]:
    """The reports `actor` may read (all of them, or the State's), by State then newest year first: published ones
    for everyone, the others only for their State's focal point and admins."""
    query = select(a7_report).where(_visible(actor))
    if iso3 is not None:
        query = query.where(a7_report.c.iso3 == iso3)
    with store.engine.connect() as conn:
        rows = conn.execute(query.order_by(a7_report.c.iso3, a7_report.c.year.desc())).mappings().all()
    return [report_info(dict(row)) for row in rows]


def get_report(store: Store, actor: Actor | None, iso3: str, year: int) -> StoredReport:
    """One report with its content and section versions: NotFound, or PermissionDenied for a report not published
    asked for by someone other than its State's focal point or an admin."""
    with store.engine.connect() as conn:
        return _load(conn, [_readable_row(conn, actor, iso3, year)])[0]


def published_reports(store: Store) -> list[StoredReport]:
    """Every published report, by State and year: what the rest of the product reads."""
    with store.engine.connect() as conn:
        rows = conn.execute(select(a7_report).where(a7_report.c.status == "published")
                            .order_by(a7_report.c.iso3, a7_report.c.year)).mappings().all()
        return _load(conn, [dict(row) for row in rows])


def _earlier(conn: Connection, actor: Actor | None, iso3: str, year: int, published_only: bool) -> Report | None:
    query = select(a7_report).where(a7_report.c.iso3 == iso3, a7_report.c.year < year, _visible(actor))
    if published_only:
        query = query.where(a7_report.c.status == "published")
    row = conn.execute(query.order_by(a7_report.c.year.desc()).limit(1)).mappings().first()
    return _load(conn, [dict(row)])[0].report if row else None


def previous_report(store: Store, actor: Actor | None, iso3: str, year: int) -> Report | None:
    """The newest report of an earlier year that `actor` may read, if any."""
    with store.engine.connect() as conn:
        return _earlier(conn, actor, iso3, year, published_only=False)


# --- checking what is saved ---------------------------------------------------------------------------------

def _english(refusal: Refusal) -> str:
    # Stored and raised in English, as every refusal of the store; the pages translate it back (translate_message).
    with using_language("en"):
        return refusal.say()


def _where(problem: FieldProblem) -> str:
    """"C.areas.3.size_m2" for a table's cell (1-based row), "J.killed" for a single answer."""
    return ".".join(str(part) for part in (problem.form, problem.table, problem.row, problem.field) if part is not None)


def _read(key: str, section: Section, known: dict | None = None) -> tuple[Section, dict[str, str]]:
    """The section as the schema reads it, and every refused value by where it is. `known`: the section's stored
    tables, whose rows were read when saved (see read_section)."""
    if key not in schema.form_keys():
        return section, {key: NOT_A_FORM.format(form=key)}
    parsed, problems = read_section(schema.form(key), section.status, section.unchanged_since, section.values,
                                    section.tables, known)
    return parsed, {_where(problem): _english(problem.refusal) for problem in problems}


def _flat(section: Section) -> dict:
    """A section as the audit log and the edit check compare it: status, each answer, each table's number of rows
    ("tables.areas") and each of its rows by its 1-based number ("tables.areas.17"), so that one cell changed in a
    table of thousands of rows is one row in the audit entry."""
    flat = {"status": section.status, "unchanged_since": section.unchanged_since,
            **{f"values.{key}": value for key, value in section.values.items()}}
    for key, rows in section.tables.items():
        flat[f"tables.{key}"] = len(rows)
        flat.update((f"tables.{key}.{number}", row) for number, row in enumerate(rows, start=1))
    return flat


def _in_order(name: str) -> tuple:
    """A flat name's sort key: rows by number (2 before 10)."""
    return tuple((0, int(part), "") if part.isdigit() else (1, 0, part) for part in name.split("."))


def _check_date(value: object, problems: dict, where: str) -> str | None:
    day = parse_date(value)
    if isinstance(day, Refusal):
        problems[where] = NOT_A_DATE.format(value=str(value)[:80])
        return None
    if day > now().date().isoformat():
        problems[where] = IN_THE_FUTURE.format(value=day)
    return day


# --- writing ------------------------------------------------------------------------------------------------

def create_report(store: Store, actor: Actor | None, iso3: str, year: int, *, initial: bool = False,
                  from_year: int | None = None, entered_from_document_dated: str | None = None,
                  content: Report | None = None) -> StoredReport:
    """A new draft: empty, begun from the State's report of `from_year` (its content copied, each form marked
    unchanged since), or holding `content` (a workbook read back: created and filled in one transaction).
    `entered_from_document_dated`: the ISU enters the report from the State's own document of that date, and the
    report says so."""
    if content is not None and from_year is not None:
        raise ValueError("a report begins from an earlier year's or from given content, not both")
    actor = check_report_editor(actor, iso3)
    problems: dict[str, str] = {}
    if not is_iso3(iso3):
        problems["iso3"] = NOT_A_STATE.format(iso3=iso3)
    if isinstance(year, bool) or not isinstance(year, int) or not FIRST_YEAR <= year <= LAST_YEAR:
        problems["year"] = NOT_A_YEAR.format(value=year)
    elif from_year is not None and from_year >= year:
        problems["from_year"] = NOT_EARLIER.format(from_year=from_year, year=year)
    source_date = None
    if entered_from_document_dated is not None:
        roles.require_admin(actor, ISU_ENTRY)
        source_date = _check_date(entered_from_document_dated, problems, "source_document_date")
    if problems:
        raise InvalidRecord(problems)
    if from_year is not None:
        content = start_from(get_report(store, actor, iso3, from_year).report, year)
    content = content or empty_report(iso3, year, initial)
    sections, refused = {}, {}
    for key in schema.form_keys():
        sections[key], found = _read(key, content.section(key))
        refused.update(found)
    # What is copied from an earlier year was checked when saved: what a changed schema no longer reads is left out.
    if refused and from_year is None:
        raise InvalidRecord(refused)
    stamp = now()
    row = {"iso3": iso3, "year": year, "initial": initial, "status": "draft", "entered_by_isu": source_date is not None,
           "source_document_date": source_date, "confirmations": {}}
    try:
        with store.engine.begin() as conn:
            if _report_row(conn, iso3, year) is not None:
                raise InvalidRecord({"year": REPORT_EXISTS.format(iso3=iso3, year=year)})
            report_id = conn.execute(insert(a7_report).values(
                **row, created_at=stamp, created_by=actor.username, updated_at=stamp, updated_by=actor.username,
                version=1).returning(a7_report.c.id)).scalar_one()
            conn.execute(insert(a7_section), [
                {"report_id": report_id, "form": key, "status": section.status,
                 "unchanged_since": section.unchanged_since, "content": {"values": section.values,
                                                                         "tables": section.tables},
                 "version": 1, "updated_at": stamp, "updated_by": actor.username}
                for key, section in sections.items()])
            write_audit(conn, REPORTS, report_id, 1, "create", actor.username, None,
                        {**row, "from_year": from_year,
                         "sections": {key: section.as_record() for key, section in sections.items()}})
            return _load(conn, [_report_row(conn, iso3, year)])[0]
    except IntegrityError:
        with store.engine.connect() as conn:
            if _report_row(conn, iso3, year) is None:
                raise
        # another session created the same report at the same moment
        raise InvalidRecord({"year": REPORT_EXISTS.format(iso3=iso3, year=year)}) from None


def _editable_row(conn: Connection, actor: Actor, iso3: str, year: int) -> dict:
    """The report, locked for the transaction, if its sections may still change (draft or returned)."""
    row = _readable_row(conn, actor, iso3, year, lock=True)
    if row["status"] == "submitted":
        raise PermissionDenied(SUBMITTED_LOCKED.format(iso3=iso3, year=year))
    if row["status"] == "published":
        raise PermissionDenied(PUBLISHED_FINAL.format(iso3=iso3, year=year))
    return row


def _stale(conn: Connection, section_row: dict | None, based_on: int) -> StaleEdit:
    """The refusal of an edit based on a version that is no longer the section's, with what changed since."""
    if section_row is None:
        return StaleEdit(SECTIONS, 0, based_on, 0, {}, [])
    changes, by = changes_since(conn, SECTIONS, section_row["id"], based_on, _flat(_section(section_row)))
    return StaleEdit(SECTIONS, section_row["id"], based_on, section_row["version"], changes,
                     by or [section_row["updated_by"]])


def _section_row(conn: Connection, report_id: int, key: str) -> dict | None:
    row = conn.execute(select(a7_section).where(a7_section.c.report_id == report_id, a7_section.c.form == key)
                       ).mappings().first()
    return dict(row) if row else None


def _write_section(conn: Connection, who: str, report_id: int, key: str, section: Section, based_on: int,
                   stamp: dt.datetime, row: dict | None) -> dict | None:
    """Save one checked section over version `based_on` (StaleEdit otherwise), `row` being its row as read in this
    transaction (None: none yet): its row as now stored, or None when nothing changed."""
    if (row["version"] if row else 0) != based_on:
        raise _stale(conn, row, based_on)
    before, after = _flat(_section(row)) if row else {}, _flat(section)
    changed = sorted((name for name in before.keys() | after.keys() if before.get(name) != after.get(name)),
                     key=_in_order)
    if row is not None and not changed:
        return None
    values = {"status": section.status, "unchanged_since": section.unchanged_since,
              "content": {"values": section.values, "tables": section.tables}, "updated_at": stamp, "updated_by": who}
    if row is None:  # a form added to the schema after the report was created
        section_id = conn.execute(insert(a7_section).values(report_id=report_id, form=key, version=1, **values)
                                  .returning(a7_section.c.id)).scalar_one()
        write_audit(conn, SECTIONS, section_id, 1, "create", who, None, {"report_id": report_id, "form": key, **after})
        return {"id": section_id, "report_id": report_id, "form": key, "version": 1, **values}
    result = conn.execute(update(a7_section).where(a7_section.c.id == row["id"], a7_section.c.version == based_on)
                          .values(**values, version=based_on + 1))
    if result.rowcount != 1:
        raise _stale(conn, _section_row(conn, report_id, key), based_on)
    write_audit(conn, SECTIONS, row["id"], based_on + 1, "update", who, {name: before.get(name) for name in changed},
                {name: after.get(name) for name in changed})
    return {**row, **values, "version": based_on + 1}


def _save(store: Store, actor: Actor | None, iso3: str, year: int, sections: dict[str, Section],
          based_on: dict[str, int]) -> StoredReport:
    """Save `sections` (form key -> section) in one transaction: all of them or none. The sections are read against
    the stored ones: a row saved before and sent again unchanged is not parsed again (read_section's `known`)."""
    actor = check_report_editor(actor, iso3)
    try:
        with store.engine.begin() as conn:
            row = _editable_row(conn, actor, iso3, year)
            stored = _section_rows(conn, [row["id"]])[row["id"]]
            checked, problems = {}, {}
            for key, section in sections.items():
                checked[key], refused = _read(key, section, _section(stored[key]).tables if key in stored else None)
                problems.update(refused)
            if problems:
                raise InvalidRecord(problems)
            stamp = now()
            changed = []
            for key, section in checked.items():
                written = _write_section(conn, actor.username, row["id"], key, section, based_on.get(key, 0), stamp,
                                         stored.get(key))
                if written is not None:
                    stored[key] = written
                    changed.append(key)
            if changed:
                # The guard on status also holds where the row lock does not (SQLite): a report submitted meanwhile.
                result = conn.execute(update(a7_report).where(a7_report.c.id == row["id"],
                                                              a7_report.c.status.in_(EDITABLE))
                                      .values(updated_at=stamp, updated_by=actor.username))
                if result.rowcount != 1:
                    raise PermissionDenied(SUBMITTED_LOCKED.format(iso3=iso3, year=year))
            # The sections as just written, not read back: decoding a big table again would cost as much as the save.
            return _stored(_report_row(conn, iso3, year), stored)
    except IntegrityError:  # another session saved a new form's first section at the same moment
        with store.engine.connect() as conn:
            report_id = _report_row(conn, iso3, year)["id"]
            for key in sections:
                row = _section_row(conn, report_id, key)
                if row is not None and row["version"] != based_on.get(key, 0):
                    raise _stale(conn, row, based_on.get(key, 0)) from None
        raise


def save_section(store: Store, actor: Actor | None, iso3: str, year: int, form_key: str, section: Section,
                 based_on: int) -> StoredReport:
    """Save one form of a draft or returned report over the version it was read at (`based_on`): StaleEdit, with
    what changed since and who changed it, when someone saved it meanwhile; InvalidRecord with every refused value
    ("C.areas.3.size_m2": why) when any answer does not read. Nothing is written on a refusal."""
    return _save(store, actor, iso3, year, {form_key: section}, {form_key: based_on})


def save_sections(store: Store, actor: Actor | None, iso3: str, year: int, report: Report,
                  based_on: dict[str, int]) -> StoredReport:
    """Save every section of `report` (a workbook read back, for one) in one transaction, each over its version in
    `based_on`: all of them, or none with the refusal."""
    return _save(store, actor, iso3, year, dict(report.sections), based_on)


def _transition(conn: Connection, row: dict, who: str, action: str, values: dict) -> StoredReport:
    """Change the report row from what `row` read (else StaleEdit: someone changed it meanwhile), with its audit."""
    result = conn.execute(update(a7_report).where(a7_report.c.id == row["id"], a7_report.c.version == row["version"])
                          .values(**values, updated_at=now(), updated_by=who, version=row["version"] + 1))
    if result.rowcount != 1:
        current = conn.execute(select(a7_report.c.version).where(a7_report.c.id == row["id"])).scalar_one()
        raise StaleEdit(REPORTS, row["id"], row["version"], current, {}, [])
    write_audit(conn, REPORTS, row["id"], row["version"] + 1, action, who,
                {name: row[name] for name in values}, values)
    return _load(conn, [_report_row(conn, row["iso3"], row["year"])])[0]


def _comment(text: object, where: str, problems: dict) -> str:
    text = str(text or "").strip()
    if len(text) > COMMENT_LIMIT:
        problems[where] = TOO_LONG.format(length=len(text), limit=COMMENT_LIMIT)
    return text


def submit_report(store: Store, actor: Actor | None, iso3: str, year: int, confirmations: dict[str, str]
                  ) -> StoredReport:
    """Send a draft or returned report to the ISU, locked. The checks run on what is stored, against the State's
    newest published report of an earlier year (else its newest one): any error, or a warning without a comment in
    `confirmations` (warning key -> comment), refuses it with ReportRefused. The comments are kept with who and when."""
    actor = check_report_editor(actor, iso3)
    problems: dict[str, str] = {}
    given = {key: _comment(text, f"confirmations.{key}", problems) for key, text in (confirmations or {}).items()}
    if problems:
        raise InvalidRecord(problems)
    with store.engine.begin() as conn:
        row = _readable_row(conn, actor, iso3, year, lock=True)
        if row["status"] not in EDITABLE:
            raise PermissionDenied(NOT_SUBMITTABLE.format(status=STATUS_WORDS[row["status"]]))
        report = _load(conn, [row])[0].report
        previous = (_earlier(conn, actor, iso3, year, published_only=True)
                    or _earlier(conn, actor, iso3, year, published_only=False))
        found = checks.check_report(report, previous)
        unconfirmed = [warning for warning in checks.warnings(found) if not given.get(warning.key)]
        if checks.errors(found) or unconfirmed:
            raise ReportRefused(found, unconfirmed)
        stamp = now()
        confirmed = {warning.key: {"comment": given[warning.key], "by": actor.username, "at": stamp.isoformat()}
                     for warning in checks.warnings(found)}
        return _transition(conn, row, actor.username, "submit", {
            "status": "submitted", "submitted_at": stamp, "submitted_by": actor.username, "confirmations": confirmed})


def recall_report(store: Store, actor: Actor | None, iso3: str, year: int) -> StoredReport:
    """The State takes a submitted report back, before the ISU publishes it: it is a draft again."""
    actor = check_report_editor(actor, iso3)
    with store.engine.begin() as conn:
        row = _readable_row(conn, actor, iso3, year, lock=True)
        if row["status"] != "submitted":
            raise PermissionDenied(NOT_RECALLABLE.format(status=STATUS_WORDS[row["status"]]))
        return _transition(conn, row, actor.username, "recall", {
            "status": "draft", "submitted_at": None, "submitted_by": None, "confirmations": {}})


def _submitted_row(conn: Connection, actor: Actor, iso3: str, year: int) -> dict:
    row = _readable_row(conn, actor, iso3, year, lock=True)
    if row["status"] != "submitted":
        raise PermissionDenied(NOT_REVIEWABLE.format(status=STATUS_WORDS[row["status"]]))
    return row


def publish_report(store: Store, actor: Actor | None, iso3: str, year: int) -> StoredReport:
    """The ISU publishes a submitted report: public and final from then on."""
    actor = roles.require_admin(actor, REVIEWERS)
    with store.engine.begin() as conn:
        row = _submitted_row(conn, actor, iso3, year)
        return _transition(conn, row, actor.username, "publish", {
            "status": "published", "published_at": now(), "published_by": actor.username, "comment": None})


def return_report(store: Store, actor: Actor | None, iso3: str, year: int, comment: str) -> StoredReport:
    """The ISU sends a submitted report back to the State with what to change."""
    actor = roles.require_admin(actor, REVIEWERS)
    problems: dict[str, str] = {}
    comment = _comment(comment, "comment", problems)
    if not comment:
        problems["comment"] = COMMENT_REQUIRED
    if problems:
        raise InvalidRecord(problems)
    with store.engine.begin() as conn:
        row = _submitted_row(conn, actor, iso3, year)
        return _transition(conn, row, actor.username, "return", {"status": "returned", "comment": comment})


def record_sent(store: Store, actor: Actor | None, iso3: str, year: int, sent_on: str) -> StoredReport:
    """The date the State sent the report through the official channel (the tool replaces none)."""
    actor = check_report_editor(actor, iso3)
    problems: dict[str, str] = {}
    day = _check_date(sent_on, problems, "sent_at")
    if problems:
        raise InvalidRecord(problems)
    with store.engine.begin() as conn:
        row = _readable_row(conn, actor, iso3, year, lock=True)
        if row["status"] == "draft":
            raise PermissionDenied(NOT_SENT_YET)
        return _transition(conn, row, actor.username, "sent", {"sent_at": day})
