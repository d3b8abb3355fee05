"""The registry's lists, downloads, add/edit forms and record histories. Every write goes through the store.

The forms send what was typed, as typed: the store validates with the validation command's rules,
checks the role and the version, and its refusals are shown here. User text is shown as text only.
"""
from __future__ import annotations

import functools
import re
from dataclasses import dataclass

import pandas as pd
import streamlit as st

from config import MAX_CELL_CHARS, NEED_AREAS
from domain.periods import PERIOD_STATUS_LABELS
from i18n import N_, _
from store import (
    Actor,
    InvalidRecord,
    NotFound,
    PermissionDenied,
    StaleEdit,
    Store,
    StoreUnavailable,
    create_need,
    create_offer,
    create_partnership,
    export_csv,
    export_xlsx,
    get_need,
    get_offer,
    get_partnership,
    record_history,
    update_need,
    update_offer,
    update_partnership,
)
from store.roles import provider_kind
from store.validate import MODALITIES, NEED_STATUSES, OFFER_STATUSES, PARTNERSHIP_STATUSES, PROVIDER_KINDS, URGENCIES
from ui.auth import current_actor
from ui.cached import cached_store
from ui.components import EDITING_DOWN, NOT_REPORTED, plain, render_refused_save

KINDS = ("need", "offer", "partnership")
REQUIRED_MARK = "\\*"  # escaped: labels and captions are Markdown
KIND_LABELS = {"need": N_("need"), "offer": N_("offer"), "partnership": N_("partnership")}
PLURAL = {"need": N_("needs"), "offer": N_("offers"), "partnership": N_("partnerships")}
A = {"need": N_("a need"), "offer": N_("an offer"), "partnership": N_("a partnership")}
# The store's vocabularies (store.validate) as the forms show them.
OPTION_LABELS = {
    "clearance": N_("clearance"), "risk_education": N_("risk education"), "victim_assistance": N_("victim assistance"),
    "stockpile_destruction": N_("stockpile destruction"), "capacity_building": N_("capacity building"),
    "national_legislation": N_("national legislation"), "other": N_("other"), "low": N_("low"), "medium": N_("medium"),
    "high": N_("high"), "open": N_("open"), "partly_met": N_("partly met"), "met": N_("met"), "withdrawn": N_("withdrawn"),
    "matched": N_("matched"), "closed": N_("closed"), "proposed": N_("proposed"), "agreed": N_("agreed"),
    "funded": N_("funded"), "delivered": N_("delivered"), "state": N_("state"), "organisation": N_("organisation"),
    "funding": N_("funding"), "equipment": N_("equipment"), "technical_expertise": N_("technical expertise"),
    "training": N_("training"), "south_south_cooperation": N_("south south cooperation"),
}
# Headers of the lists and histories: the column names stay (downloads keep them), people read these.
COLUMN_LABELS = {
    "id": N_("id"), "iso3": "ISO3", "state_name": N_("state"), "area": N_("area"), "description": N_("description"),
    "amount": N_("amount"), "currency": N_("currency"), "usd_million": N_("US$ million"), "period": N_("period"),
    "urgency": N_("urgency"), "status": N_("status"), "source_url": N_("source"), "is_reference": N_("is reference"),
    "updated_at": N_("updated at"), "updated_by": N_("updated by"), "version": N_("version"),
    "provider_name": N_("provider"), "provider_kind": N_("provider kind"), "modality": N_("modality"), "areas": N_("areas"),
    "targets": N_("targets"), "conditions": N_("conditions"), "contact": N_("contact"), "need_id": N_("need id"),
    "offer_id": N_("offer id"), "commitment_from_year": N_("commitment from year"),
    "commitment_to_year": N_("commitment to year"), "targets_age_gender_sensitive": N_("targets age and gender sensitive"),
    "dialogue_dates": N_("dialogue dates"), "when (UTC)": N_("when (UTC)"), "who": N_("who"), "action": N_("action"),
    "field": N_("field"), "old": N_("old"), "new": N_("new"),
}


@dataclass(frozen=True)
class Field:
    name: str
    label: str
    widget: str = "text"  # text | area | select | multi | check | need | offer (a record of that kind)
    options: tuple = ()
    help: str | None = None
    required: bool = False  # the store refuses the record without it (store.validate); marked * in the form


PERIOD_HELP = N_("A year (2026), a range (2026-2028) or 'from 2026'")
MONEY = (
    Field("amount", N_("Amount"), help=N_("A number; 1,500,000 reads as one and a half million")),
    Field("currency", N_("Currency"), help=N_("Three-letter code: USD, EUR, ...")),
    Field("usd_million", N_("US$ million"), help=N_("Left blank, it is computed from an amount in USD")),
)
FIELDS: dict[str, tuple[Field, ...]] = {
    "need": (
        Field("iso3", N_("State"), help=N_("ISO3 code or the state's name"), required=True),
        Field("area", N_("Area"), "select", NEED_AREAS, required=True),
        Field("period", N_("Period"), help=PERIOD_HELP, required=True),
        Field("description", N_("Description"), "area", required=True),
        *MONEY,
        Field("urgency", N_("Urgency"), "select", URGENCIES),
        Field("status", N_("Status"), "select", NEED_STATUSES),
        Field("source_url", N_("Source (web link)")),
        Field("notes", N_("Notes"), "area"),
    ),
    "offer": (
        Field("provider_kind", N_("Provider kind"), "select", PROVIDER_KINDS, required=True),
        Field("provider_name", N_("Provider"), help=N_("A state (name or ISO3) or an organisation"), required=True),
        Field("modality", N_("Modality"), "select", MODALITIES, required=True),
        Field("areas", N_("Areas"), "multi", NEED_AREAS, required=True),
        Field("targets", N_("Target states or regions"), help=N_("ISO3 codes or UN regions, separated by commas; or any"),
              required=True),
        Field("period", N_("Period"), help=PERIOD_HELP),
        *MONEY,
        Field("status", N_("Status"), "select", OFFER_STATUSES),
        Field("contact", N_("Contact")),
        Field("source_url", N_("Source (web link)")),
        Field("conditions", N_("Conditions"), "area"),
        Field("notes", N_("Notes"), "area"),
    ),
    # Maputo Action Plan, Action 21: responsibilities of each side, time-bound targets (age- and
    # gender-sensitive), a multi-year commitment and dialogue dates.
    "partnership": (
        Field("need_id", N_("Need"), "need", required=True),
        Field("offer_id", N_("Offer"), "offer", required=True),
        Field("status", N_("Status"), "select", PARTNERSHIP_STATUSES, help=N_("proposed, agreed, funded, delivered")),
        *MONEY,
        Field("commitment_from_year", N_("Commitment from (year)")),
        Field("commitment_to_year", N_("Commitment to (year)")),
        Field("dialogue_dates", N_("Dialogue dates"), help=N_("YYYY-MM-DD, separated by commas")),
        Field("need_side_responsibilities", N_("Responsibilities of the state in need"), "area"),
        Field("offer_side_responsibilities", N_("Responsibilities of the provider"), "area"),
        Field("targets", N_("Time-bound targets"), "area"),
        Field("targets_age_gender_sensitive", N_("Targets are age- and gender-sensitive"), "check"),
        Field("notes", N_("Notes"), "area"),
    ),
}
LIST_COLUMNS = {
    "need": ("id", "iso3", "state_name", "area", "description", "amount", "currency", "usd_million", "period",
             "urgency", "status", "source_url", "is_reference", "updated_at", "updated_by", "version"),
    "offer": ("id", "provider_name", "provider_kind", "modality", "areas", "targets", "amount", "currency", "period",
              "conditions", "contact", "status", "updated_at", "updated_by", "version"),
    "partnership": ("id", "need_id", "offer_id", "status", "amount", "currency", "commitment_from_year",
                    "commitment_to_year", "targets", "targets_age_gender_sensitive", "dialogue_dates",
                    "updated_at", "updated_by", "version"),
}
GET = {"need": get_need, "offer": get_offer, "partnership": get_partnership}
CREATE = {"need": create_need, "offer": create_offer, "partnership": create_partnership}
UPDATE = {"need": update_need, "offer": update_offer, "partnership": update_partnership}


def _key(kind: str, name: str) -> str:
    return f"{kind}_f_{name}"


def _label(kind: str, name: str) -> str:
    return _(next((f.label for f in FIELDS[kind] if f.name == name), name))


def _headers(columns) -> dict:
    return {c: st.column_config.Column(_(COLUMN_LABELS[c])) for c in columns if c in COLUMN_LABELS}


def _as_text(value) -> str:
    """A stored value as a person would type it back into the form."""
    if value is None:
        return ""
    if isinstance(value, list):
        return ", ".join(str(v) for v in value)
    if isinstance(value, float) and value.is_integer():
        return str(int(value))  # 1500000.0 would read as a decimal the person never typed
    return str(value)


# Columns holding the store's codes (areas, statuses, ...): shown as their labels, never as victim_assistance.
WORDED = ("area", "areas", "status", "modality", "provider_kind", "urgency")


def _word(value) -> object:
    """A code as people read it, in their language; anything else (names, numbers) unchanged."""
    return _(OPTION_LABELS[value]) if isinstance(value, str) and value in OPTION_LABELS else value


def _cell(value, column: str = "") -> object:
    if column in WORDED:
        value = [_word(v) for v in value] if isinstance(value, list) else _word(value)
    return "; ".join(str(v) for v in value) if isinstance(value, list) else value


def summary(kind: str, row: dict) -> str:
    """One line naming a record, for pickers (shown as plain text by the widget)."""
    if kind == "need":
        text = f"{row['iso3'] or row['state_name']} · {_word(row['area'])} · {row['description']}"
    elif kind == "offer":
        text = f"{row['provider_name']} · {_word(row['modality'])} · {', '.join(_word(a) for a in row['areas'])}"
    else:
        text = f"need {row['need_id']} ↔ offer {row['offer_id']} · {_word(row['status'])}"
    text = f"{row['id']} · {text}"
    return text if len(text) <= 90 else text[:89] + "…"


def render_records(kind: str, rows: list[dict]) -> None:
    """The list, newest first; st.dataframe shows every cell as text (no HTML, no links)."""
    frame = pd.DataFrame([{c: _cell(r.get(c), c) for c in LIST_COLUMNS[kind]} for r in rows],
                         columns=list(LIST_COLUMNS[kind]))
    st.dataframe(frame, hide_index=True, width="stretch", key=f"{kind}_list", placeholder=_(NOT_REPORTED),
                 column_config=_headers(frame.columns))


def render_downloads(store: Store, kind: str) -> None:
    what = PLURAL[kind]
    left, right = st.columns(2, width=420)
    # Built only when clicked, on the server, from the store as it is then; codes worded in the language of now.
    labels = {code: _(label) for code, label in {**OPTION_LABELS, **PERIOD_STATUS_LABELS}.items()}
    left.download_button(_("Download {what} (CSV)").format(what=_(what)), functools.partial(export_csv, store, what, labels),
                         f"{what}.csv", "text/csv", key=f"{kind}_csv", on_click="ignore")
    right.download_button(_("Download {what} (XLSX)").format(what=_(what)), functools.partial(export_xlsx, store, what, labels),
                          f"{what}.xlsx",
                          "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", key=f"{kind}_xlsx",
                          on_click="ignore")


def _record_id(value) -> int | None:
    """The id a record picker holds. The browser sends back the option's label, so once a label changes
    (the record was edited, or the person signed in) the widget returns that old label: read its id."""
    if isinstance(value, str):
        match = re.match(r"(\d+) · ", value)
        return int(match.group(1)) if match else None
    return value


def _settle(key: str, ids, default: int | None) -> None:
    """Before a record picker is drawn: turn an old label back into its id; an id no longer listed is dropped."""
    if key in st.session_state:
        value = _record_id(st.session_state[key])
        st.session_state[key] = value if value in ids else default


def render_picker(kind: str, rows: list[dict], actor: Actor | None) -> int:
    """Which record to open: 0 is a new one (or, for a visitor, none). Returns its id."""
    labels = {r["id"]: summary(kind, r) for r in rows}
    loaded = st.session_state.get(f"{kind}_loaded")
    if loaded and loaded["id"] and loaded["id"] not in labels:
        # Open in the form but not among the rows (read from the embedded data while the database cannot be reached):
        # still offered, so the form and what was typed in it stay.
        labels[loaded["id"]] = f"{loaded['id']} · …"
    _settle(f"{kind}_record", labels, 0)
    first = (_("New {kind}").format(kind=_(KIND_LABELS[kind])) if actor
             else _("Choose {a} to see its history").format(a=_(A[kind])))
    return st.selectbox(_("Open {a}").format(a=_(A[kind])), [0, *labels], key=f"{kind}_record",
                        format_func=lambda i: labels.get(i, first))


def _defaults(kind: str, actor: Actor) -> dict:
    values = {"currency": "USD"}
    if kind == "need":
        values |= {"status": "open", "iso3": actor.iso3 or ""}
    elif kind == "offer":
        values["status"] = "open"
        if actor.role == "provider":
            values |= {"provider_name": actor.provider, "provider_kind": provider_kind(actor.provider)}
    else:
        values["status"] = "proposed"
    return values


def _form_value(f: Field, value):
    """A stored value as its widget holds it."""
    if f.widget == "multi":
        return list(value or [])
    if f.widget == "check":
        return bool(value)
    if f.widget in ("text", "area"):
        return _as_text(value)
    return value


def _fill(kind: str, values: dict) -> None:
    for f in FIELDS[kind]:
        st.session_state[_key(kind, f.name)] = _form_value(f, values.get(f.name))


def _load(actor: Actor, kind: str, record_id: int) -> None:
    """Put a record (or a new one's defaults) in the form, and remember the version the edit is based on."""
    row = GET[kind](cached_store(), record_id) if record_id else _defaults(kind, actor)
    _fill(kind, row)
    st.session_state[f"{kind}_loaded"] = {"id": record_id, "version": row.get("version"), "for": actor.username}


def _typed(kind: str) -> dict:
    values = {f.name: st.session_state.get(_key(kind, f.name)) for f in FIELDS[kind]}
    return {name: _record_id(v) if name in ("need_id", "offer_id") else v for name, v in values.items()}


def _save(kind: str) -> None:
    """The form's submit callback: one call to the store; its answer is kept for the run to show."""
    loaded = st.session_state[f"{kind}_loaded"]
    actor = current_actor()
    try:
        store = cached_store()
        if loaded["id"]:
            row = UPDATE[kind](store, actor, loaded["id"], _typed(kind), loaded["version"])
            st.session_state[f"{kind}_loaded"] = {**loaded, "version": row["version"]}
            # Callbacks run before the page sets the language: outcomes keep values, worded when shown.
            outcome = ("saved", {"id": row["id"], "version": row["version"]})
        else:
            row = CREATE[kind](store, actor, _typed(kind))
            _load(actor, kind, 0)  # an empty form for the next one
            outcome = ("added", {"id": row["id"]})
    except InvalidRecord as err:
        outcome = ("invalid", err.problems)
    except StaleEdit as err:
        # The typed values stay in the form; only the message changes.
        outcome = ("stale", {"by": err.by, "based_on": err.based_on, "current": err.current, "changes": err.changes})
    except (PermissionDenied, NotFound) as err:
        outcome = ("denied", str(err))
    except StoreUnavailable:
        outcome = ("unavailable", None)  # nothing written; the typed values stay in the form, as for a stale edit
    st.session_state[f"{kind}_outcome"] = outcome


def _rebase(kind: str, stale: dict) -> None:
    """Base the typed values on the latest version: take the other person's change wherever this person
    left the field as it was, keep this person's value wherever both changed it."""
    both = []
    for f in FIELDS[kind]:
        if f.name not in stale["changes"]:
            continue
        old, new = stale["changes"][f.name]
        key = _key(kind, f.name)
        if st.session_state.get(key) == _form_value(f, old):
            st.session_state[key] = _form_value(f, new)
        else:
            both.append(f.name)
    st.session_state[f"{kind}_loaded"] = {**st.session_state[f"{kind}_loaded"], "version": stale["current"]}
    st.session_state[f"{kind}_outcome"] = ("rebased", {"version": stale["current"], "fields": both})


def _reload(kind: str) -> None:
    loaded = st.session_state[f"{kind}_loaded"]
    try:
        _load(current_actor(), kind, loaded["id"])
    except StoreUnavailable:
        st.session_state[f"{kind}_outcome"] = ("unavailable", None)
        return
    st.session_state[f"{kind}_outcome"] = None


def _render_outcome(kind: str) -> None:
    outcome = st.session_state.get(f"{kind}_outcome")
    if not outcome:
        return
    what, detail = outcome
    if render_refused_save(what, detail, lambda name: _label(kind, name)):
        return
    if what == "saved":
        st.success(_("Saved {kind} {id} (version {version}).").format(kind=_(KIND_LABELS[kind]), **detail))
    elif what == "added":
        st.success(_("Added {kind} {id}.").format(kind=_(KIND_LABELS[kind]), **detail))
    elif what == "rebased":
        fields = ", ".join(_label(kind, name) for name in detail["fields"])
        kept = _(" Where you both changed a field ({fields}), your value is kept.").format(fields=fields) if fields else ""
        st.info(_("The form now holds version {version} with your changes on top.{kept} Check it, then save again.").format(
            version=detail["version"], kept=kept))
    else:
        who = ", ".join(detail["by"]) or _("someone")
        st.warning(_("Not saved: {who} changed this {kind} since you opened it (version {before} → {now}). Your values are "
                     "still in the form below; nothing was lost.").format(
            who=plain(who), kind=_(KIND_LABELS[kind]), before=detail["based_on"], now=detail["current"]))
        changes = pd.DataFrame([(_label(kind, f), _as_text(old), _as_text(new))
                                for f, (old, new) in detail["changes"].items()],
                               columns=[_("Field"), _("When you opened it"), _("Now")])
        st.dataframe(changes, hide_index=True, key=f"{kind}_stale_changes")
        left, right = st.columns(2)
        left.button(_("Keep my changes, on top of version {version}").format(version=detail["current"]),
                    key=f"{kind}_rebase", on_click=_rebase, args=(kind, detail))
        right.button(_("Discard my values, load the latest"), key=f"{kind}_reload", on_click=_reload, args=(kind,))


def _options(store_rows: dict[str, list[dict]], f: Field) -> tuple[tuple, dict]:
    if f.widget in ("need", "offer"):
        labels = {r["id"]: summary(f.widget, r) for r in store_rows[f.widget]}
        return tuple(labels), labels
    return f.options, {o: _(OPTION_LABELS.get(o, o.replace("_", " "))) for o in f.options}


def _render_field(kind: str, f: Field, store_rows: dict[str, list[dict]]) -> None:
    key = _key(kind, f.name)
    help_text = _(f.help) if f.help else None
    label = f"{_(f.label)} {REQUIRED_MARK}" if f.required else _(f.label)
    if f.widget in ("select", "need", "offer"):
        options, labels = _options(store_rows, f)
        if f.widget != "select":
            _settle(key, labels, None)
        st.selectbox(label, options, key=key, format_func=labels.get, index=None, placeholder=_("not stated"),
                     help=help_text)
    elif f.widget == "multi":
        labels = _options(store_rows, f)[1]
        st.multiselect(label, f.options, key=key, format_func=labels.get, help=help_text)
    elif f.widget == "check":
        st.checkbox(label, key=key, help=help_text)
    elif f.widget == "area":
        st.text_area(label, key=key, max_chars=MAX_CELL_CHARS, help=help_text, height=80)
    else:
        st.text_input(label, key=key, max_chars=MAX_CELL_CHARS, help=help_text)


def render_form(actor: Actor, kind: str, record_id: int, store_rows: dict[str, list[dict]]) -> None:
    """Add (record_id 0) or edit a record; the form keeps what was typed until the store accepts it."""
    loaded = st.session_state.get(f"{kind}_loaded")
    fields_gone = any(_key(kind, f.name) not in st.session_state for f in FIELDS[kind])  # e.g. after another page
    if not loaded or loaded["id"] != record_id or loaded["for"] != actor.username or fields_gone:
        try:
            _load(actor, kind, record_id)
        except StoreUnavailable:  # nothing typed yet is lost: the record was not open
            st.info(_(EDITING_DOWN), icon=":material/cloud_off:")
            return
        st.session_state[f"{kind}_outcome"] = None
    _render_outcome(kind)
    st.caption(_("Fields marked {mark} are required.").format(mark=REQUIRED_MARK))
    short = [f for f in FIELDS[kind] if f.widget not in ("area", "check")]
    with st.form(f"{kind}_form", border=True):
        for start in range(0, len(short), 3):
            for column, f in zip(st.columns(3), short[start:start + 3], strict=False):
                with column:
                    _render_field(kind, f, store_rows)
        for f in FIELDS[kind]:
            if f.widget in ("area", "check"):
                _render_field(kind, f, store_rows)
        label = (_("Save {kind} {id}").format(kind=_(KIND_LABELS[kind]), id=record_id) if record_id
                 else _("Add {kind}").format(kind=_(KIND_LABELS[kind])))
        st.form_submit_button(label, type="primary", key=f"{kind}_save", on_click=_save, args=(kind,))


def _changed(value, field: str) -> object:
    return _cell(value, field) if field in WORDED else value


def render_history(store: Store, kind: str, record_id: int) -> None:
    """Every change of one record, oldest first: one row per field changed, who, when, old -> new."""
    rows = []
    for entry in record_history(store, kind, record_id):
        old, new = entry["old"] or {}, entry["new"] or {}
        for name in dict.fromkeys([*old, *new]):
            rows.append({"when (UTC)": entry["at"], "who": entry["actor"], "action": entry["action"],
                         "version": entry["record_version"], "field": name,
                         "old": _as_text(_changed(old.get(name), name)), "new": _as_text(_changed(new.get(name), name))})
    frame = pd.DataFrame(rows)
    st.dataframe(frame, hide_index=True, width="stretch", key=f"{kind}_history", column_config=_headers(frame.columns))
