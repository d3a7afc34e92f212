"""The admin page's edit tab: the grid keeps what the editor typed until it is saved, reloaded or overwritten.

The grid shows the rows as they were when this editor loaded them (kept in the session), so a
rerun after someone else's save never swaps the data under the editor's unsaved cells. A save
that collides with another editor's is refused by the store; the editor's values stay in the
grid, the message names who changed which row and when, and the editor chooses: reload (their
own unsaved values are dropped) or overwrite (recorded in the audit log as an overwrite).

What a refused import or edit says (`show_problems`, `problems_table`) is in the page's language: each
problem's `code` names a `problem.<code>` text, filled with its params, and user text stays plain text.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import replace

import pandas as pd
import streamlit as st
from babel.numbers import format_decimal

from model import editing
from model import format as fmt
from model.auth import Editor
from model.db import StoreUnavailable
from model.editing import Change
from model.errors import Conflict, ConflictError, EditError
from model.rules import Problem, cell_number
from ui import data
from ui.cite import escape_markdown
from ui.i18n import language, nt, t, text
from ui.store import not_saved

PROBLEM_COLUMNS = ("file", "row", "column", "message")
# Where and what first, the file last (an import's is the same on every row), so a phone (390 px) shows the problem;
# the row number is pinned (it stays in view, drawn like an index) and keeps its width on a wide screen.
PROBLEM_ORDER = ("row", "column", "message", "file")
PROBLEM_WIDTHS = {"row": 56, "column": 104, "message": 176, "file": 120}  # px
PINNED = ("row",)
# A row taller than 4 rem wraps its text (Streamlit's grid): tall enough for the longest problem at a phone's width.
CHARS_PER_LINE, LINE_PX, MAX_LINES = 22, 20, 4
GROUP_FROM = 100_000  # digits are grouped from here: a typed 20160 (a year) reads as typed, 1000000000 does not


def _loaded_key(table: str) -> str:
    return f"admin-loaded-{table}"


def loaded_rows(table: str) -> pd.DataFrame:
    """The rows as this editor loaded them (read once, then kept until a save or a reload)."""
    key = _loaded_key(table)
    if key not in st.session_state:
        st.session_state[key] = editing.editable_rows(table)
    return st.session_state[key]


def reload(table: str) -> None:
    """Forget the loaded rows: the next run reads the store afresh (new data makes a new grid, without unsaved cells)."""
    for key in (_loaded_key(table), f"admin-conflict-{table}"):
        st.session_state.pop(key, None)


def changes_between(original: pd.DataFrame, edited: pd.DataFrame) -> tuple[list[Change], list[tuple[str, int]]]:
    """Rows added or changed in the grid (with the version they were loaded at), and rows removed from it."""
    columns = [c for c in original.columns if c not in ("key", "version")]
    changes = []
    for index, row in edited.iterrows():
        values = {c: (None if pd.isna(row[c]) else row[c]) for c in columns}
        if index in original.index:
            before = {c: (None if pd.isna(original.at[index, c]) else original.at[index, c]) for c in columns}
            if before != values:
                changes.append(Change(values, int(original.at[index, "version"])))
        else:
            changes.append(Change(values, None))
    removed = [(str(original.at[i, "key"]), int(original.at[i, "version"])) for i in original.index if i not in edited.index]
    return changes, removed


def save(editor: Editor, table: str, edited: pd.DataFrame, reason: str, overwrite: bool = False) -> None:
    """Save the grid; on a conflict keep everything on screen and remember the conflict (for reload or overwrite)."""
    changes, removed = changes_between(loaded_rows(table), edited)
    conflicts = {c.key: c for c in st.session_state.get(f"admin-conflict-{table}", [])} if overwrite else {}
    if conflicts:  # the editor chose to replace these rows' newer versions: save against them, and say so in the audit log
        spec = editing.EDITABLE[table]
        changes = [
            replace(c, version=conflicts[k].current, overwrites=conflicts[k]) if (k := editing.row_key(spec, c.values)) in conflicts else c
            for c in changes
        ]
        removed = [(k, conflicts[k].current) if k in conflicts else (k, v) for k, v in removed]
    try:
        saved = editing.save_changes(editor, table, changes, reason, removed=removed) if changes or removed else 0
    except ConflictError as exc:
        st.session_state[f"admin-conflict-{table}"] = exc.conflicts
        return
    except EditError as exc:
        show_problems(exc)
        return
    except StoreUnavailable as exc:
        st.error(not_saved(exc), icon=":material/cloud_off:")
        return
    reload(table)
    data.clear()
    st.session_state["admin-flash"] = nt("admin.saved", saved)
    st.rerun()


def problem_text(code: str, params: Mapping[str, object], english: str, lang: str, escape: Callable[[object], str] = str) -> str:
    """`problem.<code>` in `lang` with its params (numbers as `lang` writes them, each value through `escape`);
    the English message when there is no code (a check outside the admin's rules)."""
    if not code:
        return escape(english)
    return text(f"problem.{code}", lang, **{name: _param(name, value, lang, escape) for name, value in params.items()})


def _param(name: str, value: object, lang: str, escape: Callable[[object], str]) -> str:
    if name == "unit":  # what a number counts: a text of its own
        return text(f"problem.unit.{value}", lang)
    if isinstance(value, int | float) and not isinstance(value, bool):
        return fmt.unusual(value, lang) or format_decimal(
            value, locale=lang, decimal_quantization=False, group_separator=abs(value) >= GROUP_FROM
        )
    return escape(value)


def refusal(exc: EditError, lang: str) -> str:
    """An `EditError`'s headline in `lang`, safe inside markdown (keys and names are escaped)."""
    if isinstance(exc, ConflictError):
        return text("problem.conflict", lang, rows=conflict_rows(exc.conflicts, lang))
    return problem_text(exc.code, exc.params, str(exc).split("\n")[0], lang, escape_markdown)


def problems_table(problems: Sequence[Problem]) -> None:
    """A refused import's or edit's problems: file, row, column and what is wrong, in the page's language.

    A data frame, so a file name or cell holding `<script>` or `**x**` shows literally."""
    lang = language()
    frame = pd.DataFrame(
        [(_file(p.file), p.row, _column(p.column), problem_text(p.code, p.params, p.message, lang)) for p in problems],
        columns=PROBLEM_COLUMNS,
    ).astype({"row": "Int64"})
    headings = {c: st.column_config.Column(t(f"problem.heading.{c}"), width=PROBLEM_WIDTHS[c], pinned=c in PINNED) for c in PROBLEM_COLUMNS}
    lines = min(MAX_LINES, -(-int(frame["message"].str.len().max()) // CHARS_PER_LINE))
    row_height = 8 + LINE_PX * lines if lines > 1 else None
    st.dataframe(frame, hide_index=True, width="stretch", column_config=headings, column_order=PROBLEM_ORDER, row_height=row_height)


def _column(name: str | None) -> str | None:
    """A column by its header name as the file has it; a cell past the header by its number (`problem.cell`)."""
    number = cell_number(name)
    return t("problem.cell", n=number) if number is not None else name


def _file(name: str) -> str:
    return t("problem.edit_file") if name == editing.EDIT else name


def show_problems(exc: EditError) -> None:
    st.error(refusal(exc, language()))
    if exc.problems:
        problems_table(exc.problems)


def conflict_rows(conflicts: Sequence[Conflict], lang: str) -> str:
    """'key by who at when; …', escaped for markdown."""
    return "; ".join(
        text("admin.conflict_row", lang, key=escape_markdown(c.key), who=escape_markdown(c.editor or "?"), at=fmt.datetime_text(c.at, lang))
        if c.at
        else escape_markdown(c.key)
        for c in conflicts
    )


def conflict_panel(editor: Editor, table: str, edited: pd.DataFrame, reason: str) -> None:
    """Who changed which row and when; reload, or overwrite deliberately."""
    conflicts = st.session_state.get(f"admin-conflict-{table}")
    if not conflicts:
        return
    st.warning(t("admin.conflict", rows=conflict_rows(conflicts, language())), icon=":material/sync_problem:")
    reload_col, overwrite_col = st.columns(2)
    if reload_col.button(t("admin.conflict_reload"), icon=":material/refresh:", key=f"admin-reload-{table}"):
        reload(table)
        st.rerun()
    if overwrite_col.button(t("admin.conflict_overwrite"), icon=":material/edit_note:", key=f"admin-overwrite-{table}"):
        save(editor, table, edited, reason, overwrite=True)


def edit_tab(editor: Editor, table: str) -> None:
    original = loaded_rows(table)
    st.caption(t("admin.edit_help"))
    if "admin-flash" in st.session_state:
        st.success(st.session_state.pop("admin-flash"))
    edited = st.data_editor(
        original, num_rows="dynamic", disabled=["key", "version"], hide_index=True, width="stretch", key=f"editor-{table}"
    )
    reason = st.text_input(t("admin.reason"), key="edit-reason")
    if st.button(t("admin.save"), type="primary", icon=":material/save:"):
        save(editor, table, edited, reason)
    conflict_panel(editor, table, edited, reason)
