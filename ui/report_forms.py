"""The forms of an Article 7 report, drawn from the schema (domain.reporting.schema) at every run: never one
hand-coded page per form. A question is asked by its kind, with its guidance under it; a table is a data editor whose
columns are the table's fields; a form is saved on its own (store.reports.save_section), with the version it was
opened at, so a second person saving the same form is told and keeps what they typed.

What is typed lives in session state under plain keys too (not only the widgets'), so switching forms, a refused
save or a save someone else overtook loses nothing. Values go in and out as text (values.show_value,
values.parse_value): a blank stays blank ('not reported'), never 0. User text is shown as text, never as HTML.
"""
from __future__ import annotations

import pandas as pd
import streamlit as st

from domain.reporting import schema
from domain.reporting.checks import Problem, problems_from_fields
from domain.reporting.report import Report, Section, read_section
from domain.reporting.schema import Field, Form, Table
from domain.reporting.values import show_value
from i18n import NOT_REPORTED, _
from store import InvalidRecord, NotFound, PermissionDenied, StaleEdit, StoreError, StoreUnavailable
from store.reports import StoredReport, save_section
from ui.auth import current_actor
from ui.cached import cached_store
from ui.components import plain, render_refused_save, translated

DRAFTS = "a7_drafts"  # {"for": (iso3, year, username), "forms": {form key: draft}}: what each form's widgets hold
OUTCOME = "a7_form_outcome"  # (form key, what, detail) of the last save of a form
STORED = "a7_stored"  # the report as last read or saved: what "load the latest" shows
PREVIOUS_YEAR = "a7_previous_year"  # the year a form newly marked unchanged is unchanged since
BLANK = ""  # a select's 'not answered'
SHORT_KINDS = ("str", "iso3", "currency", "int", "float", "year", "date", "enum", "bool", "mine_types")


def form_names() -> dict[str, str]:
    """Each form's short name on the form picker: 'Cover', 'A' ... 'J'."""
    return {key: _("Cover") if key == "cover" else key for key in schema.form_keys()}


def label_of(spec: Field) -> str:
    label = _(spec.label) + (f" ({spec.unit})" if spec.unit else "")
    return f"{label} *" if spec.required else label


def status_words(section: Section) -> str:
    words = schema.FORM_STATUS_WORDS.get(section.status, section.status)
    return _(words).format(year=section.unchanged_since or "?")


# --- read-only ------------------------------------------------------------------------------------------------

def _answer(spec: Field, value: object) -> str:
    if value is None:
        return _(NOT_REPORTED)
    if spec.kind == "enum":
        return _(dict(spec.choices).get(value, value))
    if spec.kind == "bool":
        return _("yes") if value else _("no")
    return show_value(spec, value)


def table_frame(table: Table, rows: list[dict], for_editing: bool) -> pd.DataFrame:
    """A table's rows as text cells, a blank one None (read: shown 'not reported'): to edit (enums by key) or to read
    (enums by label, columns by question)."""
    def cell(spec: Field, value: object):
        if value is None:
            return None
        return show_value(spec, value) if for_editing else _answer(spec, value)

    columns = [spec.key for spec in table.fields]
    frame = pd.DataFrame([[cell(spec, row.get(spec.key)) for spec in table.fields] for row in rows], columns=columns,
                         dtype=object)
    return frame if for_editing else frame.rename(columns={spec.key: label_of(spec) for spec in table.fields})


def render_form_view(report: Report, form_key: str) -> None:
    """One form of a report, read only: its status, its answers beside the question and what it asks, its tables."""
    form = schema.form(form_key)
    section = report.section(form_key)
    _heading(form)
    if form_key != "cover":
        _status_note(section, editing=False)
        if section.status == "not_applicable":
            return
    else:
        _form_statuses(report)
    if form.fields:
        answers = pd.DataFrame([(label_of(spec), _answer(spec, section.values.get(spec.key)), _(spec.guidance))
                                for spec in form.fields], columns=[_("Question"), _("Answer"), _("What it asks")])
        st.dataframe(answers, hide_index=True, width="stretch", key=f"a7v_{form_key}_answers")
    for table in form.tables:
        st.markdown(f"**{_(table.label)}**")
        st.caption(_(table.guidance))
        rows = section.tables.get(table.key) or []
        if not rows:
            st.caption(_("No row."))
            continue
        config = {label_of(spec): st.column_config.TextColumn(help=_(spec.guidance)) for spec in table.fields}
        st.dataframe(table_frame(table, rows, for_editing=False), hide_index=True, width="stretch", column_config=config,
                     key=f"a7v_{form_key}_{table.key}", placeholder=_(NOT_REPORTED))


def _form_statuses(report: Report) -> None:
    """The cover page's list: each form this year changed, unchanged since YEAR, or not applicable."""
    statuses = pd.DataFrame([(_(f.title), status_words(report.section(f.key))) for f in schema.forms() if f.key != "cover"],
                            columns=[_("Form"), _("This year")])
    st.dataframe(statuses, hide_index=True, width="stretch", key="a7_form_statuses")


def _heading(form: Form) -> None:
    st.subheader(_(form.title))
    st.caption(_("Article {article}.").format(article=form.article) + " " + _(form.guidance))


def _status_note(section: Section, editing: bool) -> None:
    if section.status == "unchanged":
        st.info(_("Unchanged since {year}: last year's content.").format(year=section.unchanged_since or "?")
                + (" " + _("Change anything and save: the form is then marked changed.") if editing else ""),
                icon=":material/history:")
    elif section.status == "not_applicable":
        st.info(_("Marked not applicable: nothing in it is reported or checked."), icon=":material/block:")


# --- editing ------------------------------------------------------------------------------------------------

def _widget(form_key: str, name: str) -> str:
    return f"a7f_{form_key}_{name}"


def _editor_key(form_key: str, table_key: str, draft: dict) -> str:
    return _widget(form_key, f"t_{table_key}_{draft['gen']}")


def _new_draft(section: Section, version: int | None, generation: int = 0) -> dict:
    """What a form's widgets start from: the section as opened (its text), and the version a save is based on."""
    return {"loaded": section, "version": version, "status": section.status, "gen": generation, "values": {},
            "tables": {}}


def drafts_for(iso3: str, year: int, username: str) -> dict:
    """The forms' drafts of this report for this person; a new report (or person) starts afresh."""
    state = st.session_state
    owner = (iso3, year, username)
    if state.get(DRAFTS, {}).get("for") != owner:
        for key in [k for k in state if isinstance(k, str) and k.startswith("a7f_")]:
            del state[key]
        state[DRAFTS] = {"for": owner, "forms": {}}
        state[OUTCOME] = None
    return state[DRAFTS]["forms"]


def _draft(stored: StoredReport, form_key: str, username: str) -> dict:
    forms = drafts_for(stored.info.iso3, stored.info.year, username)
    if form_key not in forms:
        forms[form_key] = _new_draft(stored.report.section(form_key), stored.versions.get(form_key))
    return forms[form_key]


def reset_form(form_key: str, section: Section, version: int | None) -> None:
    """The form's widgets show `section` (just saved, or the latest) and the next save is based on `version`."""
    forms = st.session_state[DRAFTS]["forms"]
    generation = forms[form_key]["gen"] + 1 if form_key in forms else 0
    for key in [k for k in st.session_state if isinstance(k, str) and k.startswith(_widget(form_key, ""))]:
        del st.session_state[key]
    forms[form_key] = _new_draft(section, version, generation)


def reset_all(stored: StoredReport) -> None:
    """Every form shows the stored report (after an upload was applied)."""
    for form_key in list(st.session_state.get(DRAFTS, {}).get("forms", ())):
        reset_form(form_key, stored.report.section(form_key), stored.versions.get(form_key))


def _typed_value(form_key: str, spec: Field, draft: dict, loaded: Section) -> object:
    key = _widget(form_key, f"v_{spec.key}")
    if key in st.session_state:
        return st.session_state[key]
    if spec.key in draft["values"]:
        return draft["values"][spec.key]
    value = loaded.values.get(spec.key)
    if spec.kind in ("enum", "bool"):
        shown = show_value(spec, value) if value is not None else BLANK
        options = _select_options(spec)
        return shown if shown in options else BLANK
    return show_value(spec, value)


def _select_options(spec: Field) -> list[str]:
    if spec.kind == "bool":
        return [BLANK, "yes", "no"]
    return [BLANK, *(key for key, _label in spec.choices)]


def _select_label(spec: Field):
    labels = {BLANK: "—", "yes": "yes", "no": "no", **dict(spec.choices)}
    return translated(labels, lambda option: labels[option])


def _input(form_key: str, spec: Field, draft: dict) -> None:
    """One question, asked by its kind, its guidance under it."""
    key = _widget(form_key, f"v_{spec.key}")
    if key not in st.session_state:
        st.session_state[key] = _typed_value(form_key, spec, draft, draft["loaded"])
    label = label_of(spec)
    if spec.kind in ("enum", "bool"):
        st.selectbox(label, _select_options(spec), key=key, format_func=_select_label(spec))
    elif spec.kind in ("text", "geom"):
        st.text_area(label, key=key, height=100 if spec.kind == "text" else 80)
    else:
        placeholder = {"date": "YYYY-MM-DD", "mine_types": "PMN-2; MON-50", "currency": "USD"}.get(spec.kind)
        st.text_input(label, key=key, placeholder=placeholder)
    st.caption(_(spec.guidance))


def _column(spec: Field):
    label, guidance = label_of(spec), _(spec.guidance)
    if spec.kind in ("enum", "bool"):
        options = _select_options(spec)[1:]
        return st.column_config.SelectboxColumn(label, help=guidance, options=options, format_func=_select_label(spec))
    return st.column_config.TextColumn(label, help=guidance)


def _apply(base: pd.DataFrame, edits: object) -> pd.DataFrame:
    """A data editor's table with its edits (the widget's state: edited, added and deleted rows) applied."""
    if not isinstance(edits, dict):
        return base
    rows = base.to_dict("records")
    for index, values in (edits.get("edited_rows") or {}).items():
        rows[int(index)] = {**rows[int(index)], **values}
    deleted = {int(i) for i in edits.get("deleted_rows") or ()}
    rows = [row for index, row in enumerate(rows) if index not in deleted] + list(edits.get("added_rows") or ())
    return pd.DataFrame(rows, columns=base.columns, dtype=object)


def _base_frame(table: Table, draft: dict) -> pd.DataFrame:
    if table.key not in draft["tables"]:
        draft["tables"][table.key] = table_frame(table, draft["loaded"].tables.get(table.key) or [], for_editing=True)
    frame = draft["tables"][table.key]
    missing = [spec.key for spec in table.fields if spec.key not in frame.columns]  # a field added since it was opened
    return frame.assign(**dict.fromkeys(missing)) if missing else frame


def current_frame(form_key: str, table: Table, draft: dict) -> pd.DataFrame:
    return _apply(_base_frame(table, draft), st.session_state.get(_editor_key(form_key, table.key, draft)))


def _table(form_key: str, table: Table, draft: dict) -> None:
    st.markdown(f"**{_(table.label)}**")
    st.caption(_(table.guidance) + " " + _("Each column's guidance is under the ? of its heading; add rows at the "
                                              "bottom, delete them by selecting them."))
    config = {spec.key: _column(spec) for spec in table.fields}
    st.data_editor(_base_frame(table, draft), key=_editor_key(form_key, table.key, draft), column_config=config,
                   column_order=[spec.key for spec in table.fields], num_rows="dynamic", hide_index=True,
                   width="stretch", placeholder="")


def _rows(frame: pd.DataFrame) -> list[dict]:
    return [{k: (None if v is None or (not isinstance(v, (list, dict)) and pd.isna(v)) else v) for k, v in row.items()}
            for row in frame.to_dict("records")]


def _content(section: Section) -> tuple:
    """A section's answers, blanks left out: what 'the content changed' compares."""
    values = {k: v for k, v in section.values.items() if v is not None}
    tables = {k: [{f: v for f, v in row.items() if v is not None} for row in rows]
              for k, rows in section.tables.items() if rows}
    return values, tables


def _save(iso3: str, year: int, form_key: str) -> None:
    """The Save button's callback: the typed form read by the schema, then one call to the store; its answer kept
    for the run to show. The typed text is folded into the draft first, so no outcome loses it."""
    form = schema.form(form_key)
    state = st.session_state
    draft = state[DRAFTS]["forms"][form_key]
    loaded = draft["loaded"]
    raw_values = {spec.key: _typed_value(form_key, spec, draft, loaded) for spec in form.fields}
    frames = {table.key: current_frame(form_key, table, draft) for table in form.tables}
    status = state.get(_widget(form_key, "status"), draft["status"]) if form_key != "cover" else "changed"
    draft.update(values=raw_values, tables=frames, status=status)
    draft["gen"] += 1  # the editors start again from the folded tables, their edits applied
    since = loaded.unchanged_since if loaded.status == "unchanged" else None
    if status == "unchanged" and since is None:
        since = state.get(PREVIOUS_YEAR)
    section, field_problems = read_section(form, status, since, raw_values,
                                           {key: _rows(frame) for key, frame in frames.items()})
    if field_problems:
        state[OUTCOME] = (form_key, "problems", problems_from_fields(field_problems))
        return
    marked_changed = section.status == "unchanged" and _content(section) != _content(loaded)
    if marked_changed:
        section.status, section.unchanged_since = "changed", None
    try:
        stored = save_section(cached_store(), current_actor(), iso3, year, form_key, section, based_on=draft["version"])
    except StaleEdit as err:
        outcome = ("stale", {"by": err.by, "based_on": err.based_on, "current": err.current,
                             "changes": err.changes})
    except InvalidRecord as err:
        outcome = ("invalid", err.problems)
    except (PermissionDenied, NotFound) as err:
        outcome = ("denied", str(err))
    except StoreUnavailable:
        outcome = ("unavailable", None)  # nothing written; the typed text stays
    except StoreError as err:  # e.g. the report was submitted meanwhile: refused as a whole
        outcome = ("denied", str(err))
    else:
        reset_form(form_key, stored.report.section(form_key), stored.versions.get(form_key))
        state[STORED] = stored
        outcome = ("saved", marked_changed)
    state[OUTCOME] = (form_key, *outcome)


def _keep_mine(form_key: str, current: int) -> None:
    """After a stale save: the typed form is based on the latest version; the next save replaces it."""
    st.session_state[DRAFTS]["forms"][form_key]["version"] = current
    st.session_state[OUTCOME] = (form_key, "rebased", current)


def _load_latest(form_key: str) -> None:
    stored = st.session_state.get(STORED)
    if stored is not None:
        reset_form(form_key, stored.report.section(form_key), stored.versions.get(form_key))
    st.session_state[OUTCOME] = (form_key, "reloaded", None)


def problem_lines(problems: list[Problem]) -> str:
    """Each problem as a Markdown list item: where (form, table, row, field), then why."""
    return "\n".join(f"- **{plain(p.where())}**: {plain(p.refusal.say())}" for p in problems)


def where_name(name: str) -> str:
    """A store's name for an answer ("J.killed", "C.areas.3.size_m2") as the reader says it: form, table, row, field."""
    parts = name.split(".")
    if parts[0] in schema.form_keys() and len(parts) in (2, 4):
        row = int(parts[2]) if len(parts) == 4 and parts[2].isdigit() else None
        return Problem(parts[0], parts[1] if row else None, row, parts[-1], "error", None, "value").where()
    return name


def _change(form: Form, name: str, before: object, after: object) -> tuple[str, str, str]:
    """One change someone else saved, as the audit names it ("values.killed", "tables.areas", "status")."""
    part, _dot, key = name.partition(".")
    spec = next((f for f in form.fields if f.key == key), None) if part == "values" else None
    table = next((t for t in form.tables if t.key == key), None) if part == "tables" else None
    if spec is not None:
        return label_of(spec), _shown(spec, before), _shown(spec, after)
    if table is not None:
        rows = _("{count} rows")
        return _(table.label), rows.format(count=len(before or ())), rows.format(count=len(after or ()))
    if name == "status":
        return _("This year, this form is"), _(schema.FORM_STATUS_WORDS.get(before, "")).format(year="…"), \
            _(schema.FORM_STATUS_WORDS.get(after, "")).format(year="…")
    return name, "" if before is None else str(before), "" if after is None else str(after)


def _shown(spec: Field, value: object) -> str:
    return "" if value is None else show_value(spec, value)


def render_outcome(form_key: str) -> None:
    """What the last save of this form did: saved, refused (each value with where and why), or overtaken."""
    outcome = st.session_state.get(OUTCOME)
    if not outcome or outcome[0] != form_key:
        return
    _form, what, detail = outcome
    if render_refused_save(what, detail, where_name):
        return
    if what == "saved":
        st.success(_("Form saved.") + (" " + _("Its content differs from last year's: it is now marked changed.")
                                       if detail else ""), icon=":material/check:")
    elif what == "problems":
        st.error(_("Not saved: fix these answers. Nothing was written; what you typed is still below.")
                 + "\n\n" + problem_lines(detail))
    elif what == "rebased":
        st.info(_("Your answers are kept on top of version {version}: check them, then save again.").format(version=detail))
    elif what == "reloaded":
        st.info(_("The form now shows the latest saved version."))
    else:
        _render_stale(form_key, detail)


def _render_stale(form_key: str, detail: dict) -> None:
    who = ", ".join(detail["by"]) or _("someone")
    st.warning(_("Not saved: {who} saved this form since you opened it (version {before} → {now}). Your answers are "
                 "still in the form below; nothing was lost.").format(who=plain(who), before=detail["based_on"],
                                                                      now=detail["current"]))
    changes = detail.get("changes") or {}
    if changes:
        form = schema.form(form_key)
        rows = [_change(form, name, old, new) for name, (old, new) in changes.items() if name != "unchanged_since"]
        st.dataframe(pd.DataFrame(rows, columns=[_("Changed"), _("When you opened it"), _("Now")]), hide_index=True,
                     key=_widget(form_key, "stale_changes"))
    left, right = st.columns(2)
    left.button(_("Keep my answers, on top of version {version}").format(version=detail["current"]),
                key=_widget(form_key, "rebase"), on_click=_keep_mine, args=(form_key, detail["current"]))
    right.button(_("Discard my answers, load the latest"), key=_widget(form_key, "reload"), on_click=_load_latest,
                 args=(form_key,))


def render_form_editor(stored: StoredReport, form_key: str, previous: Report | None, username: str) -> None:
    """One form to fill in and save on its own, generated from its declaration in the schema."""
    form = schema.form(form_key)
    st.session_state[STORED] = stored
    st.session_state[PREVIOUS_YEAR] = previous.year if previous is not None else None
    draft = _draft(stored, form_key, username)
    _heading(form)
    render_outcome(form_key)
    if form_key != "cover":
        _status_note(Section(draft["status"], draft["loaded"].unchanged_since), editing=True)
    else:
        _form_statuses(stored.report)
    st.caption("\\* " + _("required when the form is reported. A blank answer is 'not reported', never 0."))
    with st.form(_widget(form_key, "form"), border=False, enter_to_submit=False):
        if form_key != "cover":
            key = _widget(form_key, "status")
            if key not in st.session_state:
                st.session_state[key] = draft["status"]
            since = draft["loaded"].unchanged_since or st.session_state[PREVIOUS_YEAR] or "?"
            words = {s: _(schema.FORM_STATUS_WORDS[s]).format(year=since) for s in schema.FORM_STATUSES}
            st.radio(_("This year, this form is"), list(schema.FORM_STATUSES), key=key, horizontal=True,
                     format_func=words.get)
        _fields(form_key, form, draft)
        for table in form.tables:
            _table(form_key, table, draft)
        st.form_submit_button(_("Save this form"), key=_widget(form_key, "save"), type="primary", icon=":material/save:",
                              on_click=_save, args=(stored.info.iso3, stored.info.year, form_key))


def _fields(form_key: str, form: Form, draft: dict) -> None:
    """Short answers two a row; long texts across the page."""
    short: list[Field] = []

    def flush() -> None:
        for start in range(0, len(short), 2):
            for column, spec in zip(st.columns(2), short[start:start + 2], strict=False):
                with column:
                    _input(form_key, spec, draft)
        short.clear()

    for spec in form.fields:
        if spec.kind in SHORT_KINDS:
            short.append(spec)
            continue
        flush()
        _input(form_key, spec, draft)
    flush()
