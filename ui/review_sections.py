"""The ISU's review: each State's page version waiting for review with its side-by-side diff (Field | Published |
Proposed), and the IA events waiting for review; publish, or return with a comment. User text is shown as data
(st.dataframe cells) or escaped, never as HTML."""
from __future__ import annotations

import pandas as pd
import streamlit as st

from domain.state_page import IA_EVENT_KINDS, IA_STATUSES, Change, IAEvent
from i18n import _, translate_message
from store import InvalidRecord, NotFound, PermissionDenied, StaleEdit, StoreUnavailable
from store.ia import publish_ia_event, return_ia_event
from store.state_pages import publish_page, return_page
from ui.auth import current_actor
from ui.cached import cached_store
from ui.components import NOT_SAVED, plain, refusal_text
from ui.state_page_forms import SECTION_LABELS, field_label

OUTCOME = "review_outcome"


def _worded(change: Change, side: str) -> str:
    """The order and the hidden sections by their names in the reader's language, not the store's keys."""
    if change.field in ("order", "hidden") and side:
        return ", ".join(_(SECTION_LABELS.get(key, key)) for key in side.split(", "))
    return side


def diff_table(changes: list[Change]) -> pd.DataFrame:
    return pd.DataFrame([(field_label(c.field), _worded(c, c.before), _worded(c, c.after)) for c in changes],
                        columns=[_("Field"), _("Published"), _("Proposed")])


def render_full_texts(changes: list[Change]) -> None:
    """Each changed text whole, published and proposed side by side: a table cell shows one line of it."""
    texts = [c for c in changes if c.field.startswith("texts.")]
    if not texts:
        return
    with st.expander(_("The changed texts in full, side by side ({count})").format(count=len(texts))):
        for change in texts:
            st.markdown(f"**{plain(field_label(change.field))}**")
            published, proposed = st.columns(2)
            with published.container(border=True):
                st.caption(_("Published"))
                st.markdown(plain(change.before) if change.before else _("(nothing)"))
            with proposed.container(border=True):
                st.caption(_("Proposed"))
                st.markdown(plain(change.after) if change.after else _("(nothing)"))


def _decide(what: str, target: dict) -> None:
    """A Publish or Return button's callback: one call to the store; its answer kept for the run to show."""
    actor, comment_key = current_actor(), target["comment_key"]
    comment = st.session_state.get(comment_key) or ""
    try:
        store = cached_store()
        if what == "publish_page":
            publish_page(store, actor, target["iso3"], target["version"])
        elif what == "return_page":
            return_page(store, actor, target["iso3"], target["version"], comment)
        elif what == "publish_event":
            publish_ia_event(store, actor, target["id"])
        else:
            return_ia_event(store, actor, target["id"], comment)
    except (InvalidRecord, PermissionDenied, NotFound, StaleEdit) as err:
        outcome = ("refused", refusal_text(err) if not isinstance(err, StaleEdit) else str(err))
    except StoreUnavailable:
        outcome = ("unavailable", None)  # the comment stays in its box
    else:
        outcome = (what, target["name"])
        st.session_state.pop(comment_key, None)
    st.session_state[OUTCOME] = outcome


def render_outcome() -> None:
    outcome = st.session_state.get(OUTCOME)
    if not outcome:
        return
    what, detail = outcome
    if what == "unavailable":
        st.error(_(NOT_SAVED), icon=":material/cloud_off:")
    elif what == "refused":
        st.error(_("Not done: {reason}. Nothing was written.").format(reason=plain(translate_message(detail))))
    elif what == "publish_page":
        st.success(_("Published: {what} now shows this version.").format(what=plain(detail)))
    elif what == "return_page":
        st.success(_("Returned to {what} with your comment.").format(what=plain(detail)))
    elif what == "publish_event":
        st.success(_("Published: {what} is listed on the State's page and on Meetings.").format(what=plain(detail)))
    else:
        st.success(_("Returned {what} with your comment.").format(what=plain(detail)))


def _buttons(kind: str, target: dict) -> None:
    st.text_area(_("Comment (required to return)"), key=target["comment_key"], max_chars=4000, height=80)
    left, right = st.columns(2)
    left.button(_("Publish"), key=f"{target['comment_key']}_publish", type="primary", icon=":material/publish:",
                on_click=_decide, args=(f"publish_{kind}", target))
    right.button(_("Return with comment"), key=f"{target['comment_key']}_return", icon=":material/undo:",
                 on_click=_decide, args=(f"return_{kind}", target))


def render_pending_page(pending: dict, name: str) -> None:
    """One State's version waiting for review: who submitted it when, what it changes, the decision."""
    iso3, version = pending["iso3"], pending["version"]
    when = pending["submitted_at"]
    st.markdown(_("**{state}**, version {version}: submitted by {who} at {when} (UTC)").format(
        state=plain(name), version=version, who=plain(pending["submitted_by"]),
        when=plain(when.strftime("%Y-%m-%d %H:%M") if hasattr(when, "strftime") else when)))
    if pending["changes"]:
        st.dataframe(diff_table(pending["changes"]), hide_index=True, width="stretch", key=f"review_diff_{iso3}_{version}",
                     column_config={_("Field"): st.column_config.TextColumn(width="medium")})
        render_full_texts(pending["changes"])
    else:
        st.caption(_("No change from the published page."))
    _buttons("page", {"iso3": iso3, "version": version, "name": name, "comment_key": f"review_comment_{iso3}_{version}"})


def render_pending_event(event: IAEvent, name: str) -> None:
    st.markdown(_("**{state}**: event {id}").format(state=plain(name), id=event.id))
    rows = [(_("Kind"), _(IA_EVENT_KINDS.get(event.kind, event.kind))), (_("Date"), event.date),
            (_("Planned or held"), _(IA_STATUSES.get(event.status, event.status))), (_("Venue"), event.venue),
            (_("Summary"), event.summary), (_("Documents"), "; ".join(d.filename for d in event.documents))]
    st.dataframe(pd.DataFrame(rows, columns=[_("Field"), _("Proposed")]), hide_index=True, width="stretch",
                 key=f"review_event_{event.id}")
    _buttons("event", {"id": event.id, "name": _("{state}'s event {id}").format(state=name, id=event.id),
                       "comment_key": f"review_event_comment_{event.id}"})
