"""Import (admins): a stated_needs file -> the validation report, or a preview -> one committed transaction."""
import pandas as pd
import streamlit as st

from config import MAX_CELL_CHARS, MAX_FILE_BYTES, MAX_ROWS
from i18n import N_, _, format_number
from store import PermissionDenied, PreviewOutdated, StoreUnavailable, commit_import, list_needs, preview_import
from ui.auth import current_actor
from ui.cached import cached_store
from ui.components import EDITING_DOWN, NOT_SAVED, plain, refusal_text, render_store_down

SUMMARY_LABELS = {"added": N_("Added"), "changed": N_("Changed"), "unchanged": N_("Unchanged")}
ADDED_COLUMNS = ["iso3", "state_name", "area", "description", "usd_million", "period", "source_url", "notes"]

st.title(_("Import stated needs"))
actor = current_actor()
if actor is None:
    st.warning(_("Sign in to import files: importing is for admins. Use **Sign in** in the sidebar."),
               icon=":material/login:")
    st.stop()
if not actor.is_admin:
    st.warning(_("Only an admin may import files; you are signed in as {user}.").format(user=plain(actor.username)))
    st.stop()

st.markdown(_(
    "Upload a CSV or XLSX file in the layout of `data/stated_needs.csv` (columns iso3, state, need_category, "
    "description, amount_usd_million, period, source_url, notes). It is checked exactly as "
    "`python -m data_loaders validate --source stated_needs` checks it; nothing is written until you commit.\n\n"
    "Limits: files up to {megabytes} MB, {rows} rows, {characters} characters per cell."
).format(megabytes=MAX_FILE_BYTES // 2**20, rows=format_number(MAX_ROWS), characters=format_number(MAX_CELL_CHARS)))
uploaded = st.file_uploader(_("Stated needs file"), type=["csv", "xlsx"], key="import_file",
                            max_upload_size=MAX_FILE_BYTES // 2**20)

if done := st.session_state.get("import_done"):
    st.success(done)
if uploaded is None:
    st.stop()

# The preview is kept per upload, so the commit writes exactly what was shown (or, while the registry's database cannot
# be reached, kept to commit once it is back).
if st.session_state.get("import_preview_of") != uploaded.file_id:
    try:
        st.session_state["import_preview"] = preview_import(cached_store(), uploaded.getvalue(), uploaded.name)
    except StoreUnavailable:  # the file is compared with the store: nothing to preview until it is back
        render_store_down(EDITING_DOWN)
        st.stop()
    st.session_state["import_preview_of"] = uploaded.file_id
preview = st.session_state["import_preview"]

st.subheader(_("1. Validation report"))
if not preview.ok:
    st.error(_("{count} problems: nothing can be imported until they are fixed in the file.").format(count=len(preview.problems)))
    st.code("\n".join(p.format(uploaded.name) for p in preview.problems), language=None, wrap_lines=True)
    st.stop()
st.success(_("{file}: {count} rows, no problems (sha256 {checksum}).").format(
    file=plain(uploaded.name), count=len(preview.rows), checksum=preview.sha256[:12]))

st.subheader(_("2. What the import would do"))
counts = preview.summary()
for column, (what, count) in zip(st.columns(3), counts.items(), strict=True):
    column.metric(_(SUMMARY_LABELS.get(what, what)), count)
with st.expander(_("Added ({count})").format(count=counts["added"]), expanded=bool(counts["added"])):
    st.dataframe(pd.DataFrame(preview.added, columns=ADDED_COLUMNS), hide_index=True, key="import_added")
with st.expander(_("Changed ({count})").format(count=counts["changed"]), expanded=bool(counts["changed"])):
    headers = [_("need id"), _("field"), _("now"), _("after import")]
    changed = [dict(zip(headers, (c["id"], f, c["old"][f], v), strict=True))
               for c in preview.changed for f, v in c["new"].items()]
    st.dataframe(pd.DataFrame(changed, columns=headers), hide_index=True,
                 key="import_changed")
with st.expander(_("Unchanged ({count})").format(count=counts["unchanged"])):
    try:
        same = [n for n in list_needs(cached_store()) if n["id"] in set(preview.unchanged)]
    except StoreUnavailable:  # their ids, from the preview
        same = [{"id": need_id} for need_id in preview.unchanged]
    st.dataframe(pd.DataFrame(same, columns=["id", *ADDED_COLUMNS]), hide_index=True, key="import_unchanged")

st.subheader(_("3. Commit"))
if not counts["added"] and not counts["changed"]:
    st.info(_("Nothing to import: every row is already in the store as it is."))
    st.stop()
if st.button(_("Commit: add {added}, change {changed}").format(added=counts["added"], changed=counts["changed"]),
             type="primary", key="import_commit"):
    try:
        batch_id = commit_import(cached_store(), actor, preview)
    except StoreUnavailable:  # nothing written (one transaction); the file and its preview stay, to commit again
        st.error(_(NOT_SAVED), icon=":material/cloud_off:")
    except (PreviewOutdated, PermissionDenied) as err:
        st.session_state.pop("import_preview_of")  # preview the file again against the store as it is now
        st.error(_("Nothing was imported: {reason}.").format(reason=plain(refusal_text(err))))
    else:
        st.session_state.pop("import_preview_of")
        st.session_state["import_done"] = _("Imported {file} as batch {batch}: {added} added, {changed} changed, in one "
                                            "transaction.").format(file=plain(uploaded.name), batch=batch_id,
                                                                   added=counts["added"], changed=counts["changed"])
        st.rerun()
