"""A State's Individualised Approach platform on its editing page: its events (published and pending), a form
to plan or record one, a form to edit one (a planned meeting becomes held, its date, venue or outcome changes),
and documents added to an event. Every write goes through the store (store.ia): it
checks who may write, and a document's type by its content (never its name); its refusals are shown here."""
from __future__ import annotations

import pandas as pd
import streamlit as st

from domain.state_page import IA_EVENT_KINDS, IA_STATUSES, IAEvent
from i18n import N_, NOT_REPORTED, _, translate_message
from store import Actor, InvalidRecord, NotFound, PermissionDenied, StaleEdit, StoreUnavailable
from ui.auth import current_actor
from ui.cached import cached_store
from ui.components import NOT_SAVED, plain, render_refused_save, translated

DOCUMENT_TYPES = ["pdf", "docx", "pptx", "xlsx", "png", "jpg", "jpeg"]
DOCUMENT_MEGABYTES = 20
EVENT_FIELDS = {"kind": N_("Kind"), "date": N_("Date"), "venue": N_("Venue"), "status": N_("Planned or held"),
                "summary": N_("Summary"), "iso3": "ISO3"}
REVIEW_LABELS = {"published": N_("published"), "pending": N_("waiting for the ISU's review"),
                 "returned": N_("returned by the ISU")}
OUTCOME = "ia_outcome"
EDIT_OUTCOME = "ia_edit_outcome"
EDITED = "ia_edit_loaded"  # {"id", "version" (the based_on of the next save), "for" (who opened it), "values"}
EDIT_FIELDS = ("kind", "date", "venue", "status", "summary")


def _event_values() -> dict:
    state = st.session_state
    date = state.get("ia_date") or ""
    return {"kind": state.get("ia_kind"), "date": date.strip(), "venue": state.get("ia_venue") or "",
            "status": state.get("ia_status"), "summary": state.get("ia_summary") or ""}


def _create_event(iso3: str) -> None:
    from store.ia import create_ia_event

    try:
        event = create_ia_event(cached_store(), current_actor(), {"iso3": iso3, **_event_values()})
    except InvalidRecord as err:
        outcome = ("invalid", err.problems)
    except (PermissionDenied, NotFound) as err:
        outcome = ("denied", str(err))
    except StoreUnavailable:
        outcome = ("unavailable", None)  # the form keeps what was typed
    else:
        for key in ("ia_date", "ia_venue", "ia_summary"):
            st.session_state[key] = ""
        outcome = ("added", {"id": event.id, "pending": not current_actor().is_admin})
    st.session_state[OUTCOME] = outcome


def _edit_key(name: str) -> str:
    return f"ia_edit_{name}"


def _event_form_values(event: IAEvent) -> dict:
    return {"kind": event.kind, "date": event.date, "venue": event.venue, "status": event.status,
            "summary": event.summary or ""}


def _load_edit(actor: Actor, event_id: int) -> None:
    """Put an event in the edit form, and remember the version the edit is based on."""
    from store.ia import ia_event_review

    review = ia_event_review(cached_store(), actor, event_id)
    values = _event_form_values(review["event"])
    for name, value in values.items():
        st.session_state[_edit_key(name)] = value
    st.session_state[EDITED] = {"id": event_id, "version": review["version"], "for": actor.username, "values": values}


def _edit_values() -> dict:
    state = st.session_state
    return {name: str(state.get(_edit_key(name)) or "").strip() for name in EDIT_FIELDS}


def _update_event() -> None:
    """The edit form's submit callback: one call to the store; its answer is kept for the run to show. Only the
    edited fields are sent: the event's State and, for a compiled event, its source and link stay as they are."""
    from store.ia import update_ia_event

    loaded = st.session_state[EDITED]
    actor = current_actor()
    values = _edit_values()
    if values == {name: str(value or "").strip() for name, value in loaded["values"].items()}:
        # Nothing to save (and a focal point's save would send a published event back for review for nothing).
        st.session_state[EDIT_OUTCOME] = ("unchanged", {"id": loaded["id"]})
        return
    try:
        event = update_ia_event(cached_store(), actor, loaded["id"], values, loaded["version"])
    except InvalidRecord as err:
        outcome = ("invalid", err.problems)
    except StaleEdit as err:
        # The typed values stay in the form; only the message changes.
        outcome = ("stale", {"by": err.by, "based_on": err.based_on, "current": err.current,
                             "changes": {name: change for name, change in err.changes.items() if name in EDIT_FIELDS}})
    except (PermissionDenied, NotFound) as err:
        outcome = ("denied", str(err))
    except StoreUnavailable:
        outcome = ("unavailable", None)  # nothing written; the typed values stay in the form
    else:
        st.session_state.pop(EDITED, None)  # the next run loads the saved event and its new version
        outcome = ("saved", {"id": event.id, "pending": actor is not None and not actor.is_admin})
    st.session_state[EDIT_OUTCOME] = outcome


def _rebase_edit(stale: dict) -> None:
    """Base the typed values on the latest version: take the other person's change wherever this person left the
    field as it was, keep this person's value wherever both changed it."""
    loaded = st.session_state[EDITED]
    both, values = [], dict(loaded["values"])
    for name, (old, new) in stale["changes"].items():
        key = _edit_key(name)
        values[name] = str(new or "")
        if str(st.session_state.get(key) or "").strip() == str(old or "").strip():
            st.session_state[key] = str(new or "")
        else:
            both.append(name)
    st.session_state[EDITED] = {**loaded, "version": stale["current"], "values": values}
    st.session_state[EDIT_OUTCOME] = ("rebased", {"version": stale["current"], "fields": both})


def _reload_edit() -> None:
    actor = current_actor()
    try:
        _load_edit(actor, st.session_state[EDITED]["id"])
    except StoreUnavailable:
        st.session_state[EDIT_OUTCOME] = ("unavailable", None)
        return
    except (PermissionDenied, NotFound) as err:
        st.session_state[EDIT_OUTCOME] = ("denied", str(err))
        return
    st.session_state[EDIT_OUTCOME] = None


def _add_document(event_id: int) -> None:
    from store.ia import add_ia_document

    uploaded = st.session_state.get("ia_file")
    if uploaded is None:
        st.session_state[OUTCOME] = ("invalid", {"file": N_("choose a file first")})
        return
    try:
        document = add_ia_document(cached_store(), current_actor(), event_id, uploaded.name, uploaded.getvalue())
    except InvalidRecord as err:
        outcome = ("refused", {"file": uploaded.name, "problems": err.problems})
    except (PermissionDenied, NotFound) as err:
        outcome = ("denied", str(err))
    except StoreUnavailable:
        outcome = ("unavailable", None)
    else:
        outcome = ("document", {"file": document.filename, "size": document.size, "sha256": document.sha256[:12]})
    st.session_state[OUTCOME] = outcome


def _render_outcome(key: str = OUTCOME) -> None:
    outcome = st.session_state.get(key)
    if not outcome:
        return
    what, detail = outcome
    if what == "saved":
        st.success(_("Event {id} saved.").format(id=detail["id"]) + (
            " " + _("It waits for the ISU's review again: it is listed publicly once the ISU publishes it.")
            if detail["pending"] else ""))
    elif what == "unchanged":
        st.info(_("Nothing to save: the values of event {id} are as they were.").format(id=detail["id"]))
    elif what == "rebased":
        fields = ", ".join(_(EVENT_FIELDS.get(name, name)) for name in detail["fields"])
        kept = _(" Where you both changed a field ({fields}), your value is kept.").format(fields=fields) if fields else ""
        st.info(_("The form now holds version {version} with your changes on top.{kept} Check it, then save again.").format(
            version=detail["version"], kept=kept))
    elif what == "stale":
        _render_stale(detail)
    elif what == "added":
        st.success(_("Event {id} added.").format(id=detail["id"]) + (
            " " + _("It is listed publicly once the ISU publishes it.") if detail["pending"] else ""))
    elif what == "document":
        st.success(_("{file} added ({size} bytes, sha256 {sha256}).").format(
            file=plain(detail["file"]), size=detail["size"], sha256=detail["sha256"]))
    elif what == "refused":
        reasons = "; ".join(plain(translate_message(reason)) for reason in detail["problems"].values())
        st.error(_("{file} was refused: {reasons}. Nothing was stored.").format(file=plain(detail["file"]), reasons=reasons))
    else:
        render_refused_save(what, detail, lambda name: _(EVENT_FIELDS.get(name, name)))


def _render_stale(detail: dict) -> None:
    who = ", ".join(detail["by"]) or _("someone")
    st.warning(_("Not saved: {who} changed this event since you opened it (version {before} → {now}). Your values are "
                 "still in the form below; nothing was lost.").format(
        who=plain(who), before=detail["based_on"], now=detail["current"]))
    if detail["changes"]:
        changes = pd.DataFrame([(_(EVENT_FIELDS.get(name, name)), str(old or ""), str(new or ""))
                                for name, (old, new) in detail["changes"].items()],
                               columns=[_("Field"), _("When you opened it"), _("Now")])
        st.dataframe(changes, hide_index=True, key="ia_edit_stale_changes")
    left, right = st.columns(2)
    left.button(_("Keep my changes, on top of version {version}").format(version=detail["current"]),
                key="ia_edit_rebase", on_click=_rebase_edit, args=(detail,))
    right.button(_("Discard my values, load the latest"), key="ia_edit_reload", on_click=_reload_edit)


def _picked() -> None:
    """Another event picked: its values replace the form's, and the last save's outcome is no longer about it."""
    st.session_state.pop(EDITED, None)
    st.session_state[EDIT_OUTCOME] = None


def _render_edit_form(actor: Actor, events: list[IAEvent], labels: dict[int, str]) -> None:
    """Pick one of the State's events (its own, published or not, and the compiled ones) and edit it."""
    st.markdown(_("**Edit an event** (a planned meeting now held, a new date or venue, its outcome)"))
    _render_outcome(EDIT_OUTCOME)
    event_id = st.selectbox(_("Event to edit"), list(labels), key="ia_edit_event", format_func=labels.get,
                            on_change=_picked)
    loaded = st.session_state.get(EDITED)
    if not loaded or loaded["id"] != event_id or loaded["for"] != actor.username:
        try:
            _load_edit(actor, event_id)
        except StoreUnavailable:
            st.error(_(NOT_SAVED), icon=":material/cloud_off:")
            return
        except (PermissionDenied, NotFound) as err:
            st.error(_("Not allowed: {reason}. Nothing was opened.").format(reason=plain(translate_message(str(err)))),
                     icon=":material/block:")
            return
    event = next((e for e in events if e.id == event_id), None)
    if event is not None and (event.source or event.source_url):
        st.caption(_("Compiled from a public source ({source}): the source and its link stay as they are.").format(
            source=plain(event.source_url or event.source)))
    with st.form("ia_edit_form"):
        left, middle, right = st.columns(3)
        left.selectbox(_("Kind"), list(IA_EVENT_KINDS), key=_edit_key("kind"),
                       format_func=translated(IA_EVENT_KINDS, IA_EVENT_KINDS.get))
        middle.text_input(_("Date"), key=_edit_key("date"), max_chars=10,
                          help=_("YYYY-MM-DD, or YYYY-MM when the day is not set yet"))
        right.radio(_("Planned or held"), list(IA_STATUSES), key=_edit_key("status"), horizontal=True,
                    format_func=translated(IA_STATUSES, IA_STATUSES.get))
        st.text_input(_("Venue"), key=_edit_key("venue"), max_chars=300)
        st.text_area(_("Summary"), key=_edit_key("summary"), max_chars=4000, height=100)
        st.form_submit_button(_("Save the event"), key="ia_edit_save", on_click=_update_event, type="primary")


def _events_table(events: list[IAEvent], reviews: dict[int, dict]) -> pd.DataFrame:
    """The platform's events as text cells (st.dataframe draws no HTML), with where each stands in the review."""
    def review(event: IAEvent) -> str:
        found = reviews.get(event.id, {})
        status = _(REVIEW_LABELS.get(found.get("review_status", "published"), ""))
        return f"{status}: {found['comment']}" if found.get("comment") else status

    return pd.DataFrame([{
        _("id"): e.id, _("Date"): e.date, _("Kind"): _(IA_EVENT_KINDS.get(e.kind, e.kind)),
        _("Planned or held"): _(IA_STATUSES.get(e.status, e.status)), _("Venue"): e.venue, _("Summary"): e.summary,
        _("Review"): review(e), _("Documents"): "; ".join(d.filename for d in e.documents),
        _("Source"): e.source_url or e.source or "",
    } for e in events])


def render_ia_platform(actor: Actor, iso3: str) -> None:
    """The State's IA events, the form to plan or record one, and the document upload."""
    from store.ia import ia_event_review, list_ia_events

    _render_outcome()
    try:
        store = cached_store()
        events = [e for e in list_ia_events(store, iso3=iso3, actor=actor) if e.iso3 == iso3]
        reviews = {e.id: ia_event_review(store, actor, e.id) for e in events}
    except StoreUnavailable:
        st.info(_("The registry's database cannot be reached: the IA platform can be edited once it is back."),
                icon=":material/cloud_off:")
        return
    if events:
        st.dataframe(_events_table(events, reviews), hide_index=True, width="stretch", key="ia_events",
                     placeholder=_(NOT_REPORTED))
    else:
        _render_outcome(EDIT_OUTCOME)  # e.g. the refusal of an edit of an event that has since left this State
        st.caption(_("No event on this State's platform yet."))

    with st.form("ia_event_form"):
        st.markdown(_("**Plan or record an event**"))
        left, middle, right = st.columns(3)
        left.selectbox(_("Kind"), list(IA_EVENT_KINDS), key="ia_kind",
                       format_func=translated(IA_EVENT_KINDS, IA_EVENT_KINDS.get))
        middle.text_input(_("Date"), key="ia_date", max_chars=10, placeholder="2026-09-14",
                          help=_("YYYY-MM-DD, or YYYY-MM when the day is not set yet"))
        right.radio(_("Planned or held"), list(IA_STATUSES), key="ia_status", horizontal=True,
                    format_func=translated(IA_STATUSES, IA_STATUSES.get))
        st.text_input(_("Venue"), key="ia_venue", max_chars=200)
        st.text_area(_("Summary"), key="ia_summary", max_chars=2000, height=80)
        st.form_submit_button(_("Add event"), key="ia_add", on_click=_create_event, args=(iso3,), type="primary")

    if events:
        labels = {e.id: f"{e.date} · {_(IA_EVENT_KINDS.get(e.kind, e.kind))} · {e.venue}" for e in events}
        _render_edit_form(actor, events, labels)
        st.markdown(_("**Add a document to an event** (report, presentation: PDF, DOCX, PPTX, XLSX, PNG or JPEG, up to "
                      "{megabytes} MB; its type is checked by its content)").format(megabytes=DOCUMENT_MEGABYTES))
        event_id = st.selectbox(_("Event"), list(labels), key="ia_document_event", format_func=labels.get)
        st.file_uploader(_("Document"), type=DOCUMENT_TYPES, key="ia_file", max_upload_size=DOCUMENT_MEGABYTES)
        st.button(_("Add document"), key="ia_add_document", on_click=_add_document, args=(event_id,))
