"""The editor of a State's own page: sections shown and their order, the State's texts with their language and a
preview, contacts and resources; save a draft, submit it to the ISU. Every write goes through the store
(store.state_pages), whose refusals are shown here; what was typed stays until the store accepts it.

What is typed lives in session state under plain keys (not only the widgets'), so switching to another page and
back, or a refused save, loses nothing. User text is shown as text only (previews escape any HTML).
"""
from __future__ import annotations

import pandas as pd
import streamlit as st

from domain.needs_filters import AREA_LABELS
from domain.state_page import (
    ALWAYS_SHOWN,
    RESOURCE_KINDS,
    SECTION_KEYS,
    TEXT_LIMITS,
    TEXT_SECTIONS,
    StatePageContent,
    markdown_as_text,
)
from i18n import LANGUAGES, N_, _, current_language, translate_message
from store import Actor, InvalidRecord, NotFound, PermissionDenied, StaleEdit, StoreUnavailable
from store.state_pages import get_page_draft, get_published_page, save_page_draft, submit_page
from ui.auth import current_actor
from ui.cached import cached_store
from ui.components import plain, render_refused_save, translated

SECTION_LABELS = {
    "national_context": N_("National context"), "implementation": N_("Status of implementation"),
    "needs": N_("Needs and challenges"), "maps": N_("Maps"), "individualised_approach": N_("Individualised Approach"),
    "partnerships": N_("Partnerships"), "contacts": N_("Contacts"), "resources": N_("Additional resources"),
}
TEXT_LABELS = {"socio_economic_impact": N_("Socio-economic impact"), "gender_dimensions": N_("Gender dimensions"),
               "development_goals": N_("Development goals"), "priorities": N_("Priorities")}
NEEDS_TEXT = N_("Needs and challenges: {area}")
STATUS_LABELS = {"draft": N_("draft"), "pending": N_("waiting for the ISU's review"), "returned": N_("returned by the ISU")}
COLUMN_LABELS = {"organisation": N_("Organisation"), "role": N_("Role"), "email": N_("Email"), "phone": N_("Phone"),
                 "public": N_("Public"), "kind": N_("Kind"), "label": N_("Label"), "url": N_("Web address")}
CONTACT_COLUMNS = ("organisation", "role", "email", "phone", "public")
RESOURCE_COLUMNS = ("kind", "label", "url")
FORM = "sp_form"  # the form's values: iso3, version, status, texts, languages, sections, contacts, resources
OUTCOME = "sp_outcome"


def text_label(name: str) -> str:
    if name.startswith("needs_"):
        area = name.removeprefix("needs_")
        return _(NEEDS_TEXT).format(area=_(AREA_LABELS.get(area, area)))
    return _(TEXT_LABELS.get(name, name))


def field_label(name: str) -> str:
    """A field of the page (as the store and the review name it) as people read it."""
    if name == "order":
        return _("Order of the sections")
    if name == "hidden":
        return _("Sections hidden")
    part, _dot, rest = name.partition(".")
    if part == "texts":
        return text_label(rest)
    if part in ("contacts", "resources"):
        number, _dot, column = rest.partition(".")
        what = _("Contact {number}") if part == "contacts" else _("Resource {number}")
        return what.format(number=number) + (f" · {_(COLUMN_LABELS.get(column, column))}" if column else "")
    return _(name)


def _sections_frame(content: StatePageContent) -> pd.DataFrame:
    return pd.DataFrame({"key": list(content.order), "section": [_(SECTION_LABELS[k]) for k in content.order],
                         "shown": [k == ALWAYS_SHOWN or k not in content.hidden for k in content.order],
                         "position": list(range(1, len(content.order) + 1))})


def _fill(iso3: str, opened: dict | None, content: StatePageContent) -> None:
    """Put a version (the open one, else the published one, else an empty page) in the form."""
    language = current_language()
    state = st.session_state
    state[FORM] = {
        "iso3": iso3, "version": opened["version"] if opened else None, "status": opened["status"] if opened else None,
        "comment": opened["comment"] if opened else None, "updated_by": opened["updated_by"] if opened else None,
        "updated_at": opened["updated_at"] if opened else None, "for": current_actor().username,
        "texts": {name: content.texts[name].text if name in content.texts else "" for name in TEXT_LIMITS},
        "languages": {name: content.texts[name].language if name in content.texts else language for name in TEXT_LIMITS},
    }
    for name in TEXT_LIMITS:  # the widgets take the loaded values
        state.pop(f"sp_text_{name}", None)
        state.pop(f"sp_lang_{name}", None)
    generation = state.get("sp_generation", 0) + 1  # new data editors: the old ones' edits are dropped
    state["sp_generation"] = generation
    state["sp_tables"] = {
        "sections": _sections_frame(content),
        "contacts": pd.DataFrame([vars(c) for c in content.contacts], columns=list(CONTACT_COLUMNS))
        .astype({"public": bool}),
        "resources": pd.DataFrame([vars(r) for r in content.resources], columns=list(RESOURCE_COLUMNS)),
    }
    state["sp_edited"] = {}


def load(actor: Actor, iso3: str) -> None:
    """Open the State's page in the form; raises the store's refusal (another State's page) or StoreUnavailable."""
    store = cached_store()
    opened = get_page_draft(store, actor, iso3)
    if opened is not None:
        content = opened["content"]
    else:
        published = get_published_page(store, iso3)
        content = published.content if published else StatePageContent(iso3)
    _fill(iso3, opened, content)


def needs_loading(actor: Actor, iso3: str) -> bool:
    form = st.session_state.get(FORM)
    return form is None or form["iso3"] != iso3 or form["for"] != actor.username


def _rows(frame: pd.DataFrame, columns: tuple[str, ...]) -> list[dict]:
    """The rows of an edited table, empty rows left out, missing cells as empty text."""
    rows = []
    for row in frame.to_dict("records"):
        values = {c: row.get(c) for c in columns}
        values = {c: ("" if v is None or (not isinstance(v, bool) and pd.isna(v)) else v) for c, v in values.items()}
        if any(str(v).strip() for c, v in values.items() if c not in ("public", "kind")):
            rows.append(values)
    return rows


def _apply(base: pd.DataFrame, edits: dict) -> pd.DataFrame:
    """A data editor's table with its edits (the widget's state: edited, added and deleted rows) applied: a
    callback runs before the editor is drawn again, so it reads the edits made just before the click here."""
    rows = base.to_dict("records")
    for index, values in (edits.get("edited_rows") or {}).items():
        rows[int(index)] = {**rows[int(index)], **values}
    deleted = {int(i) for i in edits.get("deleted_rows") or ()}
    rows = [row for index, row in enumerate(rows) if index not in deleted] + list(edits.get("added_rows") or ())
    return pd.DataFrame(rows, columns=base.columns)


def current_table(name: str) -> pd.DataFrame:
    state = st.session_state
    edits = state.get(f"sp_{name}_{state['sp_generation']}")
    return _apply(state["sp_tables"][name], edits) if isinstance(edits, dict) else state["sp_tables"][name]


def typed_record() -> dict:
    """What the form holds (as typed up to this moment), in the shape of StatePageContent.as_record()."""
    state, form = st.session_state, st.session_state[FORM]
    sections = current_table("sections")
    # A section given the position of another goes before it: the one moved is the one meant to be there.
    position = pd.to_numeric(sections["position"], errors="coerce")
    sections = sections.assign(position=position, rank=range(len(sections)),
                               stayed=position == pd.Series(range(1, len(sections) + 1), index=sections.index))
    sections = sections.sort_values(["position", "stayed", "rank"], na_position="last")
    order = [k for k in sections["key"] if k in SECTION_KEYS]
    hidden = sorted(k for k, shown in zip(sections["key"], sections["shown"], strict=True)
                    if not shown and k != ALWAYS_SHOWN)
    contacts = [{**row, "public": bool(row["public"]) if row["public"] != "" else True}
                for row in _rows(current_table("contacts"), CONTACT_COLUMNS)]
    resources = [{**row, "kind": row["kind"] or "other"} for row in _rows(current_table("resources"), RESOURCE_COLUMNS)]
    texts = {}
    for name in TEXT_LIMITS:
        text = state.get(f"sp_text_{name}", form["texts"][name])
        language = state.get(f"sp_lang_{name}", form["languages"][name])
        if text.strip():
            texts[name] = {"text": text, "language": language}
    return {"order": order, "hidden": hidden, "texts": texts, "contacts": contacts, "resources": resources}


def _opened(row: dict) -> None:
    form = st.session_state[FORM]
    form.update(version=row["version"], status=row["status"], comment=row["comment"], updated_by=row["updated_by"],
                updated_at=row["updated_at"])


def _write(submit: bool) -> None:
    """The Save and Submit buttons' callback: one or two calls to the store; its answer kept for the run to show."""
    form = st.session_state[FORM]
    actor = current_actor()
    try:
        store = cached_store()
        row = save_page_draft(store, actor, form["iso3"], typed_record(), form["version"])
        _opened(row)
        if submit:
            _opened(submit_page(store, actor, form["iso3"], row["version"]))
        outcome = ("submitted" if submit else "saved", {"version": form["version"]})
    except InvalidRecord as err:
        outcome = ("invalid", err.problems)
    except StaleEdit as err:
        outcome = ("stale", {"by": err.by, "based_on": err.based_on, "current": err.current})
    except (PermissionDenied, NotFound) as err:
        outcome = ("denied", str(err))
    except StoreUnavailable:
        outcome = ("unavailable", None)  # nothing written; the typed text stays
    st.session_state[OUTCOME] = outcome


def _keep_mine(current: int) -> None:
    """After a stale save: base the typed page on the latest version (the next save replaces it with it)."""
    st.session_state[FORM]["version"] = current
    st.session_state[OUTCOME] = ("rebased", {"version": current})


def _reload() -> None:
    form = st.session_state[FORM]
    try:
        load(current_actor(), form["iso3"])
    except StoreUnavailable:
        st.session_state[OUTCOME] = ("unavailable", None)
        return
    except (PermissionDenied, NotFound) as err:
        st.session_state[OUTCOME] = ("denied", str(err))
        return
    st.session_state[OUTCOME] = None


def render_status() -> None:
    """Where the open version stands: none yet, a draft, waiting for review (locked), or returned with a comment."""
    form = st.session_state[FORM]
    status = form["status"]
    if status is None:
        st.info(_("No draft yet: the form holds the published page (or an empty one). Saving starts a draft; the public "
                  "page changes only when the ISU publishes it."), icon=":material/draft:")
    elif status == "draft":
        st.info(_("Draft, version {version}, last saved by {who} at {when} (UTC). Not public until you submit it and the "
                  "ISU publishes it.").format(version=form["version"], who=plain(form["updated_by"]),
                                                when=_when(form["updated_at"])), icon=":material/draft:")
    elif status == "pending":
        st.warning(_("Version {version} was submitted for review by {who} at {when} (UTC): it is locked until the ISU "
                     "publishes it or returns it.").format(version=form["version"], who=plain(form["updated_by"]),
                                                           when=_when(form["updated_at"])), icon=":material/lock:")
    else:
        quoted = plain(form["comment"] or "").replace("\n", "\n> ")
        st.error(_("Version {version} was returned by the ISU with this comment:").format(version=form["version"])
                 + f"\n\n> {quoted}\n\n" + _("Change what it asks, then submit again."), icon=":material/undo:")


def _when(value) -> str:
    return plain(value.strftime("%Y-%m-%d %H:%M") if hasattr(value, "strftime") else value)


def render_outcome() -> None:
    outcome = st.session_state.get(OUTCOME)
    if not outcome:
        return
    what, detail = outcome
    if render_refused_save(what, detail, field_label):
        return
    if what == "saved":
        st.success(_("Draft saved (version {version}).").format(**detail))
    elif what == "submitted":
        st.success(_("Submitted for review (version {version}): the ISU has it.").format(**detail))
    elif what == "rebased":
        st.info(_("Your text is kept on top of version {version}: check it, then save again.").format(**detail))
    else:
        who = ", ".join(detail["by"]) or _("someone")
        st.warning(_("Not saved: {who} changed this page since you opened it (version {before} → {now}). Your text is "
                     "still in the form below; nothing was lost.").format(
            who=plain(who), before=detail["based_on"], now=detail["current"]))
        left, right = st.columns(2)
        left.button(_("Keep my text, on top of version {version}").format(version=detail["current"]),
                    key="sp_rebase", on_click=_keep_mine, args=(detail["current"],))
        right.button(_("Discard my text, load the latest"), key="sp_reload", on_click=_reload)


def _problems() -> dict[str, str]:
    outcome = st.session_state.get(OUTCOME)
    return outcome[1] if outcome and outcome[0] == "invalid" else {}


def _table(name: str, config: dict, locked: bool, **kwargs) -> None:
    """A data editor whose edits survive a visit to another page: kept under a plain key, they become the table's
    data when it is drawn afresh."""
    state = st.session_state
    key = f"sp_{name}_{state['sp_generation']}"
    if key not in state and name in state["sp_edited"]:
        state["sp_tables"][name] = state["sp_edited"][name]
    st.data_editor(state["sp_tables"][name], key=key, column_config=config, hide_index=True, disabled=locked,
                   width="stretch", **kwargs)
    state["sp_edited"][name] = current_table(name)


def _text(name: str, locked: bool) -> None:
    state, form = st.session_state, st.session_state[FORM]
    text_key, language_key = f"sp_text_{name}", f"sp_lang_{name}"
    if text_key not in state:
        state[text_key] = form["texts"][name]
    if language_key not in state:
        state[language_key] = form["languages"][name]
    left, right = st.columns([5, 1])
    left.text_area(text_label(name), key=text_key, max_chars=TEXT_LIMITS[name], height=120, disabled=locked,
                   help=_("Markdown: **bold**, *italic*, lists and http(s) links. HTML is shown as text."))
    right.selectbox(_("Written in"), list(LANGUAGES), key=language_key, format_func=LANGUAGES.get, disabled=locked)
    form["texts"][name], form["languages"][name] = state[text_key], state[language_key]
    if problem := _problems().get(f"texts.{name}"):
        st.error(plain(translate_message(problem)), icon=":material/error:")
    if form["texts"][name].strip():
        with st.expander(_("Preview: {text}").format(text=text_label(name))):
            st.caption(_("Written in {language}").format(language=LANGUAGES[form["languages"][name]]))
            st.markdown(markdown_as_text(form["texts"][name]))


def _table_problems(prefix: str) -> None:
    found = {k: v for k, v in _problems().items() if k == prefix or k.startswith(f"{prefix}.")}
    for name, reason in found.items():
        st.error(f"**{plain(field_label(name))}**: {plain(translate_message(reason))}", icon=":material/error:")


def render_editor(locked: bool) -> None:
    """The whole form; `locked` (a version waiting for review) shows it without letting anything change."""
    st.subheader(_("1. Sections: shown or hidden, and their order"))
    st.caption(_("Untick a section to hide it; number the positions to order them (1 comes first). The status of "
                 "implementation is always shown."))
    _table("sections", {
        "key": None, "section": st.column_config.TextColumn(_("Section"), disabled=True),
        "shown": st.column_config.CheckboxColumn(_("Shown")),
        "position": st.column_config.NumberColumn(_("Position"), min_value=1, max_value=len(SECTION_KEYS), step=1),
    }, locked, num_rows="fixed", column_order=("section", "shown", "position"))
    _table_problems("order")
    _table_problems("hidden")

    st.subheader(_("2. The State's own texts"))
    st.caption(_("Each text is shown in the language it was written in, labelled so; it is never machine-translated."))
    for section in ("national_context", "needs"):
        st.markdown(f"**{_(SECTION_LABELS[section])}**")
        for name in TEXT_LIMITS:
            if TEXT_SECTIONS[name] == section:
                _text(name, locked)

    st.subheader(_("3. Contacts"))
    st.caption(_("Untick Public for a contact shown to signed-in people only."))
    _table("contacts", {
        "organisation": st.column_config.TextColumn(_("Organisation"), max_chars=200, required=True),
        "role": st.column_config.TextColumn(_("Role"), max_chars=200),
        "email": st.column_config.TextColumn(_("Email"), max_chars=254),
        "phone": st.column_config.TextColumn(_("Phone"), max_chars=40),
        "public": st.column_config.CheckboxColumn(_("Public"), default=True),
    }, locked, num_rows="dynamic")
    _table_problems("contacts")

    st.subheader(_("4. Additional resources"))
    st.caption(_("Links to the State's Article 7 report, national mine action website, strategies, and its Landmine "
                 "Monitor and Mine Action Review profiles: http(s) addresses only."))
    _table("resources", {
        "kind": st.column_config.SelectboxColumn(_("Kind"), options=list(RESOURCE_KINDS), default="other", required=True,
                                                 format_func=translated(RESOURCE_KINDS, RESOURCE_KINDS.get)),
        "label": st.column_config.TextColumn(_("Label"), max_chars=200),
        "url": st.column_config.TextColumn(_("Web address"), max_chars=2000),
    }, locked, num_rows="dynamic")
    _table_problems("resources")

    left, right = st.columns(2)
    left.button(_("Save draft"), key="sp_save", on_click=_write, args=(False,), disabled=locked, icon=":material/save:")
    right.button(_("Submit for review"), key="sp_submit", on_click=_write, args=(True,), disabled=locked, type="primary",
                 icon=":material/send:", help=_("Saves what the form holds and sends it to the ISU, which publishes it "
                                                "or returns it with a comment"))

