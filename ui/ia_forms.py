"""A State's Individualised Approach platform on its editing page: its events (published and pending), a form
to plan or record one, and documents added to an event. Every write goes through the store (store.ia): it
checks who may write, and a document's type by its content (never its name); its refusals are shown here."""
from __future__ import annotations

import pandas as pd
import streamlit as st

from domain.state_page import IA_EVENT_KINDS, IA_STATUSES, IAEvent
from i18n import N_, NOT_REPORTED, _, translate_message
from store import Actor, InvalidRecord, NotFound, PermissionDenied, StoreUnavailable
from ui.auth import current_actor
from ui.cached import cached_store
from ui.components import NOT_SAVED, plain, translated

DOCUMENT_TYPES = ["pdf", "docx", "pptx", "xlsx", "png", "jpg", "jpeg"]
DOCUMENT_MEGABYTES = 20
EVENT_FIELDS = {"kind": N_("Kind"), "date": N_("Date"), "venue": N_("Venue"), "status": N_("Planned or held"),
                "summary": N_("Summary"), "iso3": "ISO3"}
REVIEW_LABELS = {"published": N_("published"), "pending": N_("waiting for the ISU's review"),
                 "returned": N_("returned by the ISU")}
OUTCOME = "ia_outcome"


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


def _render_outcome() -> None:
    outcome = st.session_state.get(OUTCOME)
    if not outcome:
        return
    what, detail = outcome
    if what == "added":
        st.success(_("Event {id} added.").format(id=detail["id"]) + (
            " " + _("It is listed publicly once the ISU publishes it.") if detail["pending"] else ""))
    elif what == "document":
        st.success(_("{file} added ({size} bytes, sha256 {sha256}).").format(
            file=plain(detail["file"]), size=detail["size"], sha256=detail["sha256"]))
    elif what == "unavailable":
        st.error(_(NOT_SAVED), icon=":material/cloud_off:")
    elif what == "denied":
        st.error(_("Not allowed: {reason}. Nothing was written.").format(reason=plain(translate_message(detail))))
    elif what == "refused":
        reasons = "; ".join(plain(translate_message(reason)) for reason in detail["problems"].values())
        st.error(_("{file} was refused: {reasons}. Nothing was stored.").format(file=plain(detail["file"]), reasons=reasons))
    else:
        lines = "\n".join(f"- **{_(EVENT_FIELDS.get(name, name))}**: {plain(translate_message(reason))}"
                          for name, reason in detail.items())
        st.error(_("Not saved: fix these values. Nothing was written.") + f"\n\n{lines}")


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
        st.markdown(_("**Add a document to an event** (report, presentation: PDF, DOCX, PPTX, XLSX, PNG or JPEG, up to "
                      "{megabytes} MB; its type is checked by its content)").format(megabytes=DOCUMENT_MEGABYTES))
        labels = {e.id: f"{e.date} · {_(IA_EVENT_KINDS.get(e.kind, e.kind))} · {e.venue}" for e in events}
        event_id = st.selectbox(_("Event"), list(labels), key="ia_document_event", format_func=labels.get)
        st.file_uploader(_("Document"), type=DOCUMENT_TYPES, key="ia_file", max_upload_size=DOCUMENT_MEGABYTES)
        st.button(_("Add document"), key="ia_add_document", on_click=_add_document, args=(event_id,))
