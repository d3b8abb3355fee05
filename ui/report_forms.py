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
BRIEF = 160  # characters of a row shown in what someone else changed
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

    frame = pd.DataFrame([[cell(spec, row.get(spec.key)) for spec in table.fields] for row in rows],
                         columns=_columns(table), dtype=object)
    return frame if for_editing else frame.rename(columns={spec.key: label_of(spec) for spec in table.fields})


def _columns(table: Table) -> list[str]:
    return [spec.key for spec in table.fields]


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
    """What a form's widgets start from: the section as opened (its text), and the version a save is based on.
    "tables": each table's editor rows as text; "known": beside each of them, the stored row it shows (None for a
    row typed and not saved), so a save parses only the rows typed."""
    return {"loaded": section, "version": version, "status": section.status, "gen": generation, "values": {},
            "tables": {}, "known": {}}


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


def _edits(form_key: str, table: Table, draft: dict) -> dict:
    """The table's data editor's state: its edited, added and deleted rows (by place in the editor's table)."""
    edits = st.session_state.get(_editor_key(form_key, table.key, draft))
    return edits if isinstance(edits, dict) else {}


def _apply(base: pd.DataFrame, edits: dict) -> pd.DataFrame:
    """A data editor's table with its edits applied."""
    frame = base.copy()
    for index, values in (edits.get("edited_rows") or {}).items():
        for column, value in values.items():
            if column in frame.columns:
                frame.iat[int(index), frame.columns.get_loc(column)] = value
    deleted = sorted({int(i) for i in edits.get("deleted_rows") or ()})
    if deleted:
        frame = frame.drop(index=frame.index[deleted])
    added = list(edits.get("added_rows") or ())
    if added:
        frame = pd.concat([frame, pd.DataFrame(added, columns=base.columns, dtype=object)])
    return frame.reset_index(drop=True)


def _base_frame(table: Table, draft: dict) -> pd.DataFrame:
    if table.key not in draft["tables"]:
        rows = draft["loaded"].tables.get(table.key) or []
        draft["tables"][table.key] = table_frame(table, rows, for_editing=True)
        draft["known"][table.key] = list(rows)
    frame = draft["tables"][table.key]
    missing = [spec.key for spec in table.fields if spec.key not in frame.columns]  # a field added since it was opened
    return frame.assign(**dict.fromkeys(missing)) if missing else frame


def _known(table: Table, draft: dict, base: pd.DataFrame) -> list:
    known = draft["known"].get(table.key)
    return known if known is not None and len(known) == len(base) else [None] * len(base)


def _typed_rows(base: pd.DataFrame, known: list, edits: dict) -> tuple[list[dict], list]:
    """The editor's rows as the save reads them, and the stored row at each place (None for a row typed): a row
    not touched is its stored row as it is, so only the rows edited, added or never saved are text to read."""
    edited = {int(i): values for i, values in (edits.get("edited_rows") or {}).items()}
    deleted = {int(i) for i in edits.get("deleted_rows") or ()}
    kept = [i for i in range(len(base)) if i not in deleted]
    typed = [i for i in kept if i in edited or known[i] is None]
    text = dict(zip(typed, _rows(base.iloc[typed]), strict=True))
    rows, known_rows = [], []
    for i in kept:
        if i in text:
            changed = {k: _blank(v) for k, v in edited.get(i, {}).items() if k in base.columns}
            rows.append({**text[i], **changed})
        else:
            rows.append(known[i])
        known_rows.append(None if i in text else known[i])
    added = [{column: _blank(row.get(column)) for column in base.columns} for row in edits.get("added_rows") or ()]
    return rows + added, known_rows + [None] * len(added)


def _known_after(known: list, edits: dict) -> list:
    """The stored row behind each row of the table with its edits applied (None for the rows typed)."""
    edited = {int(i) for i in edits.get("edited_rows") or {}}
    deleted = {int(i) for i in edits.get("deleted_rows") or ()}
    return [None if i in edited else row for i, row in enumerate(known) if i not in deleted] \
        + [None] * len(edits.get("added_rows") or ())


def _fold(draft: dict, table: Table, base: pd.DataFrame, known: list, edits: dict) -> None:
    """Keep what was typed in the table (a refused or overtaken save): the editor starts again from it."""
    draft["tables"][table.key], draft["known"][table.key] = _apply(base, edits), _known_after(known, edits)


def _saved_frame(draft: dict, table: Table, base: pd.DataFrame, known: list, edits: dict, rows: list[dict]) -> None:
    """After a save, the table's editor starts from the text it held, the rows typed shown as stored: not every
    stored row written out again. Unless a blank row was left out: then its rows no longer line up."""
    frame = _apply(base, edits)[_columns(table)]
    if len(frame) != len(rows):
        return
    known = _known_after(known, edits)
    typed = [i for i, row in enumerate(known) if row is None or row != rows[i]]
    if typed:
        frame.iloc[typed] = [[None if rows[i].get(spec.key) is None else show_value(spec, rows[i][spec.key])
                              for spec in table.fields] for i in typed]
    draft["tables"][table.key], draft["known"][table.key] = frame, list(rows)


def _table(form_key: str, table: Table, draft: dict) -> None:
    st.markdown(f"**{_(table.label)}**")
    st.caption(_(table.guidance) + " " + _("Each column's guidance is under the ? of its heading; add rows at the "
                                              "bottom, delete them by selecting them."))
    config = {spec.key: _column(spec) for spec in table.fields}
    st.data_editor(_base_frame(table, draft), key=_editor_key(form_key, table.key, draft), column_config=config,
                   column_order=[spec.key for spec in table.fields], num_rows="dynamic", hide_index=True,
                   width="stretch", placeholder="")


def _blank(value: object) -> object:
    """None for a blank cell (None or NaN), else the cell."""
    return None if value is None or (not isinstance(value, (list, dict)) and pd.isna(value)) else value


def _rows(frame: pd.DataFrame) -> list[dict]:
    return [{k: _blank(v) for k, v in row.items()} for row in frame.to_dict("records")]


def _content(section: Section) -> tuple:
    """A section's answers, blanks left out: what 'the content changed' compares."""
    values = {k: v for k, v in section.values.items() if v is not None}
    tables = {k: [{f: v for f, v in row.items() if v is not None} for row in rows]
              for k, rows in section.tables.items() if rows}
    return values, tables


def _save(iso3: str, year: int, form_key: str) -> None:
    """The Save button's callback: the typed form read by the schema, then one call to the store; its answer kept
    for the run to show. Unless saved, the typed text is folded into the draft, so no outcome loses it. A table's
    rows not touched in its editor are its stored rows, not read again: saving one cell of thousands is quick."""
    form = schema.form(form_key)
    state = st.session_state
    draft = state[DRAFTS]["forms"][form_key]
    loaded = draft["loaded"]
    raw_values = {spec.key: _typed_value(form_key, spec, draft, loaded) for spec in form.fields}
    status = state.get(_widget(form_key, "status"), draft["status"]) if form_key != "cover" else "changed"
    tables = {}
    for table in form.tables:
        base = _base_frame(table, draft)
        tables[table.key] = (base, _known(table, draft, base), _edits(form_key, table, draft))
    outcome = None
    try:
        outcome = _read_and_save(iso3, year, form_key, status, raw_values, tables)
    finally:
        if outcome is None or outcome[0] != "saved":
            for table in form.tables:
                _fold(draft, table, *tables[table.key])
            draft.update(values=raw_values, status=status)
            draft["gen"] += 1  # the editors start again from the folded tables, their edits applied
    state[OUTCOME] = (form_key, *outcome)


def _read_and_save(iso3: str, year: int, form_key: str, status: str, raw_values: dict, tables: dict) -> tuple:
    """What saving the typed form did: ("saved", marked changed) with the form reset to what is stored, or why not."""
    form = schema.form(form_key)
    state = st.session_state
    draft = state[DRAFTS]["forms"][form_key]
    loaded = draft["loaded"]
    since = loaded.unchanged_since if loaded.status == "unchanged" else None
    if status == "unchanged" and since is None:
        since = state.get(PREVIOUS_YEAR)
    typed = {key: _typed_rows(base, known, edits) for key, (base, known, edits) in tables.items()}
    section, field_problems = read_section(form, status, since, raw_values, {key: rows for key, (rows, _k) in typed.items()},
                                           known={key: known for key, (_r, known) in typed.items()})
    if field_problems:
        return "problems", problems_from_fields(field_problems)
    marked_changed = section.status == "unchanged" and _content(section) != _content(loaded)
    if marked_changed:
        section.status, section.unchanged_since = "changed", None
    try:
        stored = save_section(cached_store(), current_actor(), iso3, year, form_key, section, based_on=draft["version"])
    except StaleEdit as err:
        return "stale", {"by": err.by, "based_on": err.based_on, "current": err.current, "changes": err.changes}
    except InvalidRecord as err:
        return "invalid", err.problems
    except (PermissionDenied, NotFound) as err:
        return "denied", str(err)
    except StoreUnavailable:
        return "unavailable", None  # nothing written; the typed text stays
    except StoreError as err:  # e.g. the report was submitted meanwhile: refused as a whole
        return "denied", str(err)
    saved = stored.report.section(form_key)
    reset_form(form_key, saved, stored.versions.get(form_key))
    for table in form.tables:
        _saved_frame(state[DRAFTS]["forms"][form_key], table, *tables[table.key], saved.tables.get(table.key) or [])
    state[STORED] = stored
    return "saved", marked_changed


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
    """One change someone else saved, as the audit names it: "values.killed", "status", "tables.areas" (its number of
    rows; a whole table in entries written before rows were named one by one) or "tables.areas.3" (its third row)."""
    part, _dot, rest = name.partition(".")
    key, _dot, number = rest.partition(".")
    spec = next((f for f in form.fields if f.key == key), None) if part == "values" and not number else None
    table = next((t for t in form.tables if t.key == key), None) if part == "tables" else None
    if spec is not None:
        return label_of(spec), _shown(spec, before), _shown(spec, after)
    if table is not None and not number:
        rows = _("{count} rows")
        return _(table.label), rows.format(count=_count(before)), rows.format(count=_count(after))
    if table is not None and number.isdigit():
        return (_("{table}, row {row}").format(table=_(table.label), row=int(number)),
                *_row_change(table, before, after))
    if name == "status":
        return _("This year, this form is"), _(schema.FORM_STATUS_WORDS.get(before, "")).format(year="…"), \
            _(schema.FORM_STATUS_WORDS.get(after, "")).format(year="…")
    return name, "" if before is None else str(before), "" if after is None else str(after)


def _count(rows: object) -> int:
    return len(rows) if isinstance(rows, list) else rows if isinstance(rows, int) else 0


def _row_change(table: Table, before: object, after: object) -> tuple[str, str]:
    """A row as it was and as it is, briefly: the answers that differ (every answer of a row added or removed)."""
    before, after = (row if isinstance(row, dict) else {} for row in (before, after))
    specs = [spec for spec in table.fields if before.get(spec.key) != after.get(spec.key)]

    def brief(row: dict) -> str:
        line = "; ".join(f"{label_of(spec)}: {_shown(spec, row.get(spec.key))}" for spec in specs
                         if row.get(spec.key) is not None)
        return line if len(line) <= BRIEF else line[:BRIEF - 1] + "…"
    return brief(before), brief(after)


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
