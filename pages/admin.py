"""Admin (editors only): edit facts and reference data, see and revert history, restore, import."""

from collections.abc import Callable

import streamlit as st

from model import editing, imports
from model.db import StoreUnavailable
from model.errors import EditError
from ui import admin_edit, data
from ui.auth import current_editor, sign_in_panel, sign_out
from ui.i18n import nt, t
from ui.store import not_saved

st.title(t("admin.title"))
editor = current_editor()
if editor is None:
    st.write(t("admin.intro"))
    sign_in_panel()
    st.stop()

top_left, top_right = st.columns([4, 1])
top_left.caption(t("admin.signed_in", name=editor.name))
top_right.button(t("admin.sign_out"), on_click=sign_out, icon=":material/logout:")

TABLES = {name: t(f"admin.table.{name}") for name in sorted(editing.EDITABLE, key=lambda n: n != "fact")}  # facts first
table = st.selectbox(t("admin.table"), list(TABLES), format_func=TABLES.get, key="admin-table")
edit_tab, history_tab, trash_tab, import_tab = st.tabs([t("admin.edit"), t("admin.history"), t("admin.trash"), t("admin.import")])


def attempt(action: Callable[[], object], success: str | None = None) -> None:
    """Run one write; show what was refused and why, or the success message."""
    try:
        action()
    except EditError as exc:
        admin_edit.show_problems(exc)
    except StoreUnavailable as exc:
        st.error(not_saved(exc), icon=":material/cloud_off:")
    else:
        if success:
            st.success(success)
        data.clear()
        admin_edit.reload(table)  # the grid shows the change next time


with edit_tab:
    admin_edit.edit_tab(editor, table)

with history_tab:
    keys = editing.editable_rows(table)["key"].tolist()
    key = st.selectbox(t("admin.row"), [None, *keys], format_func=lambda k: t("admin.all_rows") if k is None else k)
    log = editing.history(table, key)
    st.dataframe(log, hide_index=True, width="stretch")
    revertible = log[~log["action"].isin(["delete", "undo_import"])]["id"].tolist()
    entry = st.selectbox(t("admin.change_to_revert"), revertible, index=None)
    revert_reason = st.text_input(t("admin.reason"), key="revert-reason")
    if st.button(t("admin.revert"), disabled=entry is None, icon=":material/undo:"):
        attempt(lambda: editing.revert(editor, int(entry), revert_reason), t("admin.reverted"))

with trash_tab:
    trash = editing.deleted_rows(table)
    if trash.empty:
        st.caption(t("admin.trash_empty"))
    else:
        st.dataframe(trash[["id", "at", "editor", "row_key", "reason", "old_value"]], hide_index=True, width="stretch")
        chosen = st.selectbox(t("admin.restore_which"), trash["id"].tolist(), format_func=lambda i: trash.set_index("id").at[i, "row_key"])
        if st.button(t("admin.restore"), icon=":material/restore_from_trash:"):
            attempt(lambda: editing.restore(editor, int(chosen), t("admin.restore")), t("admin.restored"))

with import_tab:
    st.caption(t("admin.import_help", columns=", ".join(editing.EDITABLE[table].columns())))
    upload = st.file_uploader(t("admin.upload"), type=["csv", "xlsx"], key=f"upload-{table}")
    if upload is not None:
        rows, problems = imports.check_import(table, upload.name, upload.getvalue())
        if problems:
            st.error(nt("admin.import_refused", len(problems)))
            admin_edit.problems_table(problems)
        else:
            st.success(t("admin.import_ok", n=len(rows)))
            if st.button(t("admin.import_apply"), type="primary"):
                imported: list[str] = []
                attempt(lambda: imported.append(editing.apply_import(editor, table, rows, upload.name)))
                if imported:
                    st.success(t("admin.imported", batch=imported[0]))
    batches = editing.history(table).dropna(subset=["batch_id"])
    batches = (
        batches[batches["action"] == "import"].groupby("batch_id").agg(at=("at", "min"), rows=("id", "count"), reason=("reason", "first"))
    )
    if not batches.empty:
        st.subheader(t("admin.imports"))
        st.dataframe(batches.reset_index(), hide_index=True, width="stretch")
        undo = st.selectbox(t("admin.undo_which"), batches.index.tolist(), index=None)
        if st.button(t("admin.undo"), disabled=undo is None, icon=":material/undo:"):
            attempt(lambda: editing.undo_import(editor, undo), nt("admin.undone", int(batches.at[undo, "rows"])))
