"""The Article 7 reporting page's sections around the forms: the lists of reports, where a report stands, starting
one, checking and submitting it, recalling it, the ISU's review, the documents for the official channel and the
offline round trip (a workbook out, a workbook back in with a preview of what it changes). Every write goes
through store.reports, whose refusals are shown here; user text is shown as text, never as HTML."""
from __future__ import annotations

import datetime as dt

import pandas as pd
import streamlit as st

from charts.article7_documents import report_docx, report_pdf
from data_loaders.article7_workbook import WORKBOOK_LIMIT, read_workbook, write_workbook
from domain.reporting import schema
from domain.reporting.checks import Problem, check_report, errors, warnings
from domain.reporting.export import report_json
from domain.reporting.report import Report
from domain.reporting.values import show_value
from i18n import N_, NOT_REPORTED, _, current_language, translate_message, using_language
from store import Actor, InvalidRecord, NotFound, PermissionDenied, StaleEdit, StoreError, StoreUnavailable
from store.reports import (
    ReportInfo,
    ReportRefused,
    StoredReport,
    create_report,
    publish_report,
    recall_report,
    record_sent,
    return_report,
    save_sections,
    submit_report,
)
from ui.auth import current_actor
from ui.cached import cached_store
from ui.components import NOT_SAVED, plain
from ui.report_forms import OUTCOME as FORM_OUTCOME
from ui.report_forms import label_of, problem_lines, reset_all, status_words, where_name

OUTCOME = "a7_outcome"  # (what, detail) of the last workflow action
CHECKED = "a7_checked"  # (iso3, year) whose check results are shown
UPLOAD = "a7_upload"  # the workbook read back: {"id", "for", "report", "problems", "versions"}
UPLOAD_GENERATION = "a7_upload_generation"  # a new uploader (empty) once a workbook was applied
STATUS_LABELS = {"draft": N_("draft"), "submitted": N_("submitted (locked)"), "returned": N_("returned by the ISU"),
                 "published": N_("published")}
DONE = {
    "created": N_("Report started: fill in each form and save it; the draft is kept between visits."),
    "submitted": N_("Submitted: the report is locked while the ISU reviews it. Download it below in the standard "
                    "layout to send it through the official channel."),
    "recalled": N_("Recalled: the report is a draft again."),
    "published": N_("Published: the report is public."),
    "returned": N_("Returned to the State with your comment."),
    "sent": N_("The date it was sent through the official channel is recorded."),
    "applied": N_("The workbook's answers are saved."),
}
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def may_write(actor: Actor | None, iso3: str) -> bool:
    """The State's focal point, or the ISU: who keeps a State's reports (the store decides; this says what to show)."""
    return actor is not None and (actor.is_admin or (actor.role == "focal_point" and actor.iso3 == iso3))


def _when(value: object) -> str:
    if value is None:
        return ""
    return value.strftime("%Y-%m-%d") if hasattr(value, "strftime") else str(value)[:10]


def source_label(info: ReportInfo) -> str:
    if not info.entered_by_isu:
        return ""
    return _("entered by the ISU from the report dated {date}").format(date=info.source_document_date or "?")


# --- lists --------------------------------------------------------------------------------------------------

def reports_frame(infos: list[ReportInfo], names: dict[str, str]) -> pd.DataFrame:
    return pd.DataFrame([{
        _("State"): names.get(i.iso3, i.iso3), _("Year"): _("{year} (initial)").format(year=i.year) if i.initial else str(i.year),
        _("Status"): _(STATUS_LABELS.get(i.status, i.status)), _("Published"): _when(i.published_at),
        _("Source"): source_label(i) or _("the State"),
    } for i in infos], columns=[_("State"), _("Year"), _("Status"), _("Published"), _("Source")])


def render_report_list(infos: list[ReportInfo], names: dict[str, str], key: str) -> None:
    if not infos:
        st.info(_("No report here yet."), icon=":material/description:")
        return
    st.dataframe(reports_frame(infos, names), hide_index=True, width="stretch", key=key)
    st.caption(_("Choose the State and the year above to read a report form by form."))


def _open(iso3: str, year: int) -> None:
    st.session_state.update(iso3=iso3, year=year, form="cover")


def render_review_queue(infos: list[ReportInfo], names: dict[str, str]) -> None:
    """The ISU's list: the reports submitted and waiting for review, each with a button to open it."""
    waiting = [i for i in infos if i.status == "submitted"]
    st.subheader(_("Waiting for review ({count})").format(count=len(waiting)))
    if not waiting:
        st.caption(_("No report is waiting for review."))
    for info in waiting:
        left, right = st.columns([4, 1])
        left.markdown(_("**{state}**, {year}: submitted by {who} on {when}").format(
            state=plain(names.get(info.iso3, info.iso3)), year=info.year, who=plain(info.submitted_by or ""),
            when=_when(info.submitted_at)))
        right.button(_("Open"), key=f"a7_open_{info.iso3}_{info.year}", on_click=_open, args=(info.iso3, info.year))


# --- where a report stands ----------------------------------------------------------------------------------

def render_status(info: ReportInfo, state: str) -> None:
    """The report's status line: draft / submitted (locked) / returned (with the ISU's comment) / published."""
    title = _("**{state}**, Article 7 report for {year}").format(state=plain(state), year=info.year)
    if info.initial:
        title += " " + _("(initial report)")
    notes = [source_label(info)] if info.entered_by_isu else []
    if info.sent_at:
        notes.append(_("sent through the official channel on {date}").format(date=info.sent_at))
    saved = _("Last saved by {who} on {when} (UTC).").format(who=plain(info.updated_by), when=_when(info.updated_at))
    lines = "\n\n".join([title, *(plain(n) for n in notes)])
    if info.status == "draft":
        st.info(lines + "\n\n" + _("Draft: seen only by the State's focal point and the ISU.") + " " + saved,
                icon=":material/draft:")
    elif info.status == "submitted":
        st.warning(lines + "\n\n" + _("Submitted by {who} on {when}: locked while the ISU reviews it.").format(
            who=plain(info.submitted_by or ""), when=_when(info.submitted_at)), icon=":material/lock:")
    elif info.status == "returned":
        quoted = plain(info.comment or "").replace("\n", "\n> ")
        st.error(lines + "\n\n" + _("Returned by the ISU with this comment:") + f"\n\n> {quoted}\n\n"
                 + _("Change what it asks, then check and submit again."), icon=":material/undo:")
    else:
        st.success(lines + "\n\n" + _("Published on {when}.").format(when=_when(info.published_at)),
                   icon=":material/public:")


# --- writing through the store --------------------------------------------------------------------------------

def _act(what: str, iso3: str, year: int, call) -> None:
    """A workflow button's callback: one call to the store; its answer kept for the run to show."""
    st.session_state[FORM_OUTCOME] = None
    try:
        call(cached_store(), current_actor())
    except ReportRefused as err:
        outcome = ("checks", errors(err.problems) + err.unconfirmed)
    except InvalidRecord as err:
        outcome = ("invalid", err.problems)
    except StaleEdit as err:
        outcome = ("stale", {"by": err.by})
    except StoreUnavailable:
        outcome = ("unavailable", None)
    except (PermissionDenied, NotFound, StoreError) as err:
        outcome = ("denied", str(err))
    else:
        outcome = (what, None)
        if what == "created":
            _open(iso3, year)
    st.session_state[OUTCOME] = outcome


def render_outcome() -> None:
    """The last workflow action's answer, once: the next run shows the report as it then stands."""
    outcome = st.session_state.pop(OUTCOME, None)
    if not outcome:
        return
    what, detail = outcome
    if what in DONE:
        st.success(_(DONE[what]), icon=":material/check:")
    elif what == "checks":
        st.error(_("Not submitted: fix the errors and confirm each warning with a comment. Nothing was written.")
                 + "\n\n" + problem_lines(detail))
    elif what == "invalid":
        lines = "\n".join(f"- **{plain(_where_name(name))}**: {plain(translate_message(reason))}"
                          for name, reason in detail.items())
        st.error(_("Not done: fix these values. Nothing was written.") + f"\n\n{lines}")
    elif what == "stale":
        st.warning(_("Not done: {who} changed the report meanwhile. It is shown as it is now; try again.").format(
            who=plain(", ".join(detail["by"]) or _("someone"))))
    elif what == "unavailable":
        st.error(_(NOT_SAVED), icon=":material/cloud_off:")
    else:
        st.error(_("Not allowed: {reason}. Nothing was written.").format(reason=plain(translate_message(detail))))


def _where_name(name: str) -> str:
    """A store's name for a value ("C.areas.3.size_m2", "comment") as the reader says it."""
    return {"comment": _("Comment"), "sent_at": _("Sent on"), "year": _("Year"),
            "source_document_date": _("Document dated")}.get(name) or where_name(name)


def _start(iso3: str, earlier: dict[int, int | None]) -> None:
    """The Start button's callback: the choices as they are now (not as when the button was drawn)."""
    state = st.session_state
    year = int(state["a7_new_year"])
    from_year = earlier.get(year) if state.get("a7_new_from") == "previous" else None
    dated = str(state.get("a7_new_dated") or "").strip() if state.get("a7_new_isu") else None
    _act("created", iso3, year, lambda store, who: create_report(
        store, who, iso3, year, initial=bool(state.get("a7_new_initial")), from_year=from_year,
        entered_from_document_dated=dated))


def render_start(iso3: str, infos: list[ReportInfo], actor: Actor, this_year: int) -> None:
    """Start a year's report: empty, or from last year's; the ISU may enter one from a State's document."""
    years = sorted((i.year for i in infos), reverse=True)
    st.subheader(_("Start a report"))
    left, middle = st.columns(2)
    year = left.number_input(_("Year reported"), min_value=1999, max_value=this_year, step=1, key="a7_new_year",
                             value=min(this_year, years[0] + 1) if years else this_year - 1)
    # For each year one might start, the newest earlier report to begin from.
    earlier = {y: next((e for e in years if e < y), None) for y in range(1999, this_year + 1)}
    labels = {"empty": _("empty"), "previous": _("from the {year} report").format(year=earlier[int(year)])
              if earlier[int(year)] else _("from last year's")}
    middle.radio(_("Begin"), list(labels), key="a7_new_from", horizontal=True, format_func=labels.get,
                 disabled=not earlier[int(year)])
    st.checkbox(_("Initial report (the first after the Convention entered into force for the State)"),
                key="a7_new_initial")
    if actor.is_admin and st.checkbox(_("Entered by the ISU from a State's document (Word or PDF sent by email)"),
                                      key="a7_new_isu"):
        st.text_input(_("The document is dated (YYYY-MM-DD)"), key="a7_new_dated", max_chars=10)
    st.button(_("Start the {year} report").format(year=int(year)), key="a7_start", type="primary", icon=":material/add:",
              on_click=_start, args=(iso3, earlier))


# --- checks, submission, recall, review -----------------------------------------------------------------------

def _confirm_key(problem: Problem) -> str:
    return f"a7_confirm_{problem.key}"


def _submit(iso3: str, year: int, keys: list[str]) -> None:
    confirmations = {key: st.session_state.get(f"a7_confirm_{key}", "") for key in keys}
    _act("submitted", iso3, year, lambda store, who: submit_report(store, who, iso3, year, confirmations))


def render_check_and_submit(stored: StoredReport, previous: Report | None) -> None:
    """Check the saved forms; errors block, each warning is confirmed with a comment; then submit."""
    info = stored.info
    st.subheader(_("Check and submit"))
    st.caption(_("The check reads the saved forms: save each form first. Submitting locks the report for the ISU's "
                 "review; it also gives you the report in the standard layout to send through the official channel."))
    if st.button(_("Check the report"), key="a7_check", icon=":material/fact_check:"):
        st.session_state[CHECKED] = (info.iso3, info.year)
    if st.session_state.get(CHECKED) != (info.iso3, info.year):
        return
    problems = check_report(stored.report, previous)
    found_errors, found_warnings = errors(problems), warnings(problems)
    if found_errors:
        st.error(_("Errors: {count}. Fix them in their forms before submitting.").format(count=len(found_errors))
                 + "\n\n" + problem_lines(found_errors), icon=":material/error:")
    for problem in found_warnings:
        st.warning(f"**{plain(problem.where())}**: {plain(problem.refusal.say())}", icon=":material/warning:")
        st.text_input(_("Your comment confirming it (required to submit)"), key=_confirm_key(problem), max_chars=4000)
    if not problems:
        st.success(_("No error and no warning."), icon=":material/check:")
    st.button(_("Submit the report"), key="a7_submit", type="primary", icon=":material/send:", disabled=bool(found_errors),
              on_click=_submit, args=(info.iso3, info.year, [p.key for p in found_warnings]),
              help=_("Fix the errors first") if found_errors else None)


def render_recall(stored: StoredReport) -> None:
    info = stored.info
    st.button(_("Recall the report"), key="a7_recall", icon=":material/undo:",
              help=_("Take the report back as a draft, before the ISU publishes it"),
              on_click=_act, args=("recalled", info.iso3, info.year,
                                   lambda store, who: recall_report(store, who, info.iso3, info.year)))


def confirmations_frame(stored: StoredReport, problems: list[Problem]) -> pd.DataFrame:
    by_key = {p.key: p for p in problems}
    rows = []
    for key, given in (stored.info.confirmations or {}).items():
        problem = by_key.get(key)
        rows.append({_("Where"): problem.where() if problem else key, _("Warning"): problem.refusal.say() if problem else "",
                     _("Comment"): str(given.get("comment", "")), _("By"): str(given.get("by", "")),
                     _("On"): str(given.get("at", ""))[:10]})
    return pd.DataFrame(rows, columns=[_("Where"), _("Warning"), _("Comment"), _("By"), _("On")])


def _return(iso3: str, year: int) -> None:
    comment = st.session_state.get("a7_review_comment") or ""
    _act("returned", iso3, year, lambda store, who: return_report(store, who, iso3, year, comment))


def render_review(stored: StoredReport, previous: Report | None) -> None:
    """The ISU's review of a submitted report: its check results and the warnings confirmed with their comments."""
    info = stored.info
    st.subheader(_("Review"))
    problems = check_report(stored.report, previous)
    if errors(problems):
        st.error(_("The check now finds errors:") + "\n\n" + problem_lines(errors(problems)), icon=":material/error:")
    if info.confirmations:
        st.markdown(_("**Warnings confirmed by the State**"))
        wide = st.column_config.TextColumn(width="large")
        st.dataframe(confirmations_frame(stored, problems), hide_index=True, width="stretch", key="a7_confirmations",
                     column_config={_("Where"): st.column_config.TextColumn(width="medium"), _("Warning"): wide,
                                    _("Comment"): wide})
    elif not problems:
        st.caption(_("The check finds no error and no warning."))
    st.text_area(_("Comment (required to return)"), key="a7_review_comment", max_chars=4000, height=80)
    left, right = st.columns(2)
    left.button(_("Publish"), key="a7_publish", type="primary", icon=":material/publish:", on_click=_act,
                args=("published", info.iso3, info.year,
                      lambda store, who: publish_report(store, who, info.iso3, info.year)))
    right.button(_("Return with comment"), key="a7_return", icon=":material/undo:", on_click=_return,
                 args=(info.iso3, info.year))


# --- documents for the official channel -----------------------------------------------------------------------

def export_meta(info: ReportInfo, state: str) -> dict:
    return {"state": state, "status": info.status, "submitted_at": info.submitted_at, "submitted_by": info.submitted_by,
            "published_at": info.published_at, "entered_by_isu": info.entered_by_isu,
            "source_document_date": info.source_document_date, "sent_at": info.sent_at, "language": current_language()}


def render_documents(stored: StoredReport, state: str, may_record: bool, today: dt.date) -> None:
    """PDF, DOCX and JSON of a submitted or published report, made when clicked; and the date it was sent."""
    info, report = stored.info, stored.report
    meta, language = export_meta(info, state), current_language()
    name = f"article7_{info.iso3}_{info.year}"

    def made(build):
        def make() -> bytes:
            with using_language(language):  # made after this run, when clicked: in this page's language
                return build(report, meta)
        return make

    st.subheader(_("The report in the standard layout"))
    st.caption(_("This tool replaces no official channel: send the report to the Secretary-General as usual, then "
                 "record the date here.") if may_record else _("This tool replaces no official channel: the State sends "
                                                                 "its report to the Secretary-General."))
    columns = st.columns(3)
    for column, (label, build, extension, mime) in zip(columns, (
            (_("PDF"), report_pdf, "pdf", "application/pdf"),
            (_("Word (DOCX)"), report_docx, "docx",
             "application/vnd.openxmlformats-officedocument.wordprocessingml.document"),
            (_("JSON"), report_json, "json", "application/json")), strict=True):
        column.download_button(_("Download: {what}").format(what=label), made(build), file_name=f"{name}.{extension}",
                               mime=mime, key=f"a7_download_{extension}", icon=":material/download:")
    if not may_record:
        return
    left, right = st.columns(2)
    left.date_input(_("Sent through the official channel on"), value=None, max_value=today, key="a7_sent_on",
                    format="YYYY-MM-DD")
    right.button(_("Record the date it was sent"), key="a7_record_sent", on_click=_record_sent,
                 args=(info.iso3, info.year))


def _record_sent(iso3: str, year: int) -> None:
    day = st.session_state.get("a7_sent_on")
    sent_on = day.isoformat() if day else ""
    _act("sent", iso3, year, lambda store, who: record_sent(store, who, iso3, year, sent_on))


# --- the offline round trip ------------------------------------------------------------------------------------

def _shown(spec, value: object) -> str:
    return "" if value is None else show_value(spec, value)


def _row_text(table, row: dict) -> str:
    return "; ".join(f"{label_of(spec)}: {_shown(spec, row.get(spec.key))}" for spec in table.fields
                     if row.get(spec.key) is not None)


def _pairs(table, before: list[dict], after: list[dict]) -> list[tuple[int | None, int | None]]:
    """Rows matched by the table's key field when it names each row once on both sides, else by position
    (1-based numbers; None where a row is only on one side)."""
    key = table.key_field
    keys_before, keys_after = [r.get(key) for r in before], [r.get(key) for r in after]
    unique = key and None not in keys_before + keys_after and len(set(map(str, keys_before))) == len(keys_before) \
        and len(set(map(str, keys_after))) == len(keys_after)
    if not unique:
        return [(i + 1 if i < len(before) else None, i + 1 if i < len(after) else None)
                for i in range(max(len(before), len(after)))]
    where_after = {str(k): i + 1 for i, k in enumerate(keys_after)}
    pairs = [(i + 1, where_after.pop(str(k), None)) for i, k in enumerate(keys_before)]
    return pairs + [(None, i) for i in where_after.values()]


def report_changes(before: Report, after: Report) -> pd.DataFrame:
    """What `after` changes in `before`, form by form: status, answers, and table rows added, changed or removed."""
    rows = []
    for form in schema.forms():
        old, new = before.section(form.key), after.section(form.key)
        title = _(form.title)
        if form.key != "cover" and status_words(old) != status_words(new):
            rows.append((title, _("Status"), status_words(old), status_words(new)))
        for spec in form.fields:
            if old.values.get(spec.key) != new.values.get(spec.key):
                rows.append((title, label_of(spec), _shown(spec, old.values.get(spec.key)),
                             _shown(spec, new.values.get(spec.key))))
        for table in form.tables:
            rows_before, rows_after = old.tables.get(table.key) or [], new.tables.get(table.key) or []
            for was, now in _pairs(table, rows_before, rows_after):
                if now is None:
                    rows.append((title, _("{table}, row {row}: removed").format(table=_(table.label), row=was),
                                 _row_text(table, rows_before[was - 1]), ""))
                elif was is None:
                    rows.append((title, _("{table}, row {row}: added").format(table=_(table.label), row=now), "",
                                 _row_text(table, rows_after[now - 1])))
                else:
                    a, b = rows_before[was - 1], rows_after[now - 1]
                    rows += [(title, _("{table}, row {row}, {field}").format(table=_(table.label), row=now,
                                                                            field=label_of(spec)),
                              _shown(spec, a.get(spec.key)), _shown(spec, b.get(spec.key)))
                             for spec in table.fields if a.get(spec.key) != b.get(spec.key)]
    return pd.DataFrame(rows, columns=[_("Form"), _("What"), _("Saved now"), _("In the workbook")])


def _apply_upload() -> None:
    upload = st.session_state.get(UPLOAD)
    if not upload:
        return
    iso3, year = upload["for"]

    def save(store, who):
        stored = save_sections(store, who, iso3, year, upload["report"], based_on=upload["versions"])
        reset_all(stored)
        st.session_state.pop(UPLOAD, None)
        st.session_state[UPLOAD_GENERATION] = st.session_state.get(UPLOAD_GENERATION, 0) + 1
    _act("applied", iso3, year, save)
    if st.session_state[OUTCOME][0] == "stale":  # the preview was against an older draft: read it again
        st.session_state.pop(UPLOAD, None)


def _cell_line(problem) -> str:
    return _("{sheet} row {row} column {column}: {reason}").format(sheet=problem.sheet, row=problem.row,
                                                                   column=problem.column, reason=problem.reason)


def render_offline(stored: StoredReport, editable: bool) -> None:
    """The report as a workbook to fill in without a connection; a workbook back, checked and previewed first."""
    info = stored.info
    if editable:
        st.subheader(_("Work offline (XLSX)"))
    st.download_button(_("Download the report as a workbook (XLSX)"), lambda: write_workbook(stored.report),
                       file_name=f"article7_{info.iso3}_{info.year}.xlsx", mime=XLSX, key="a7_download_xlsx",
                       icon=":material/download:", help=_("A sheet per form, the guidance in each heading's comment"))
    if not editable:
        return
    generation = st.session_state.get(UPLOAD_GENERATION, 0)
    uploaded = st.file_uploader(_("Upload the filled-in workbook"), type=["xlsx"], key=f"a7_upload_{generation}",
                                max_upload_size=WORKBOOK_LIMIT // (1024 * 1024),
                                help=_("Nothing is saved before you have seen what it changes"))
    if uploaded is None:
        st.session_state.pop(UPLOAD, None)
        return
    upload = st.session_state.get(UPLOAD)
    if not upload or upload["id"] != uploaded.file_id or upload["for"] != (info.iso3, info.year):
        report, problems = read_workbook(uploaded.getvalue(), uploaded.name, info.iso3, info.year)
        upload = {"id": uploaded.file_id, "for": (info.iso3, info.year), "report": report, "problems": problems,
                  "versions": dict(stored.versions), "before": stored.report}
        st.session_state[UPLOAD] = upload
    if upload["problems"]:
        lines = "\n".join(f"- {plain(_cell_line(p))}" for p in upload["problems"])
        st.error(_("The workbook was refused: nothing was changed. Fix these cells and upload it again.") + f"\n\n{lines}",
                 icon=":material/error:")
        return
    changes = report_changes(upload["before"], upload["report"])
    if changes.empty:
        st.info(_("The workbook holds the same answers as the saved report: nothing to apply."))
        return
    st.markdown(_("**What the workbook changes** ({count})").format(count=len(changes)))
    st.dataframe(changes, hide_index=True, width="stretch", key="a7_upload_changes", placeholder=_(NOT_REPORTED))
    st.button(_("Apply these changes"), key="a7_apply", type="primary", icon=":material/done_all:", on_click=_apply_upload)
