"""Import (admins): a stated_needs file -> the validation report, or a preview -> one committed transaction."""
import pandas as pd
import streamlit as st

from config import MAX_CELL_CHARS, MAX_FILE_BYTES, MAX_ROWS
from store import PermissionDenied, PreviewOutdated, commit_import, list_needs, preview_import
from ui.auth import current_actor
from ui.cached import cached_store
from ui.components import plain

ADDED_COLUMNS = ["iso3", "state_name", "area", "description", "usd_million", "period", "source_url", "notes"]

st.title("Import stated needs")
actor = current_actor()
if actor is None or not actor.is_admin:
    st.warning("Only an admin may import files. Sign in as an admin in the sidebar.")
    st.stop()

st.markdown(
    "Upload a CSV or XLSX file in the layout of `data/stated_needs.csv` (columns iso3, state, need_category, "
    "description, amount_usd_million, period, source_url, notes). It is checked exactly as "
    "`python -m data_loaders validate --source stated_needs` checks it; nothing is written until you commit.\n\n"
    f"Limits: files up to {MAX_FILE_BYTES // 2**20} MB, {MAX_ROWS:,} rows, {MAX_CELL_CHARS:,} characters per cell."
)
store = cached_store()
uploaded = st.file_uploader("Stated needs file", type=["csv", "xlsx"], key="import_file",
                            max_upload_size=MAX_FILE_BYTES // 2**20)

if done := st.session_state.get("import_done"):
    st.success(done)
if uploaded is None:
    st.stop()

# The preview is kept per upload, so the commit writes exactly what was shown.
if st.session_state.get("import_preview_of") != uploaded.file_id:
    st.session_state["import_preview"] = preview_import(store, uploaded.getvalue(), uploaded.name)
    st.session_state["import_preview_of"] = uploaded.file_id
preview = st.session_state["import_preview"]

st.subheader("1. Validation report")
if not preview.ok:
    st.error(f"{len(preview.problems)} problems: nothing can be imported until they are fixed in the file.")
    st.code("\n".join(p.format(uploaded.name) for p in preview.problems), language=None, wrap_lines=True)
    st.stop()
st.success(f"{plain(uploaded.name)}: {len(preview.rows)} rows, no problems (sha256 {preview.sha256[:12]}).")

st.subheader("2. What the import would do")
counts = preview.summary()
for column, (what, count) in zip(st.columns(3), counts.items()):
    column.metric(what.capitalize(), count)
with st.expander(f"Added ({counts['added']})", expanded=bool(counts["added"])):
    st.dataframe(pd.DataFrame(preview.added, columns=ADDED_COLUMNS), hide_index=True, key="import_added")
with st.expander(f"Changed ({counts['changed']})", expanded=bool(counts["changed"])):
    changed = [{"need id": c["id"], "field": f, "now": c["old"][f], "after import": v}
               for c in preview.changed for f, v in c["new"].items()]
    st.dataframe(pd.DataFrame(changed, columns=["need id", "field", "now", "after import"]), hide_index=True,
                 key="import_changed")
with st.expander(f"Unchanged ({counts['unchanged']})"):
    same = [n for n in list_needs(store) if n["id"] in set(preview.unchanged)]
    st.dataframe(pd.DataFrame(same, columns=["id", *ADDED_COLUMNS]), hide_index=True, key="import_unchanged")

st.subheader("3. Commit")
if not counts["added"] and not counts["changed"]:
    st.info("Nothing to import: every row is already in the store as it is.")
    st.stop()
if st.button(f"Commit: add {counts['added']}, change {counts['changed']}", type="primary", key="import_commit"):
    try:
        batch_id = commit_import(store, actor, preview)
    except (PreviewOutdated, PermissionDenied) as err:
        st.session_state.pop("import_preview_of")  # preview the file again against the store as it is now
        st.error(f"Nothing was imported: {plain(err)}.")
    else:
        st.session_state.pop("import_preview_of")
        st.session_state["import_done"] = (f"Imported {plain(uploaded.name)} as batch {batch_id}: {counts['added']} "
                                           f"added, {counts['changed']} changed, in one transaction.")
        st.rerun()
