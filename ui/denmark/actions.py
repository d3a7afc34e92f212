"""What the scenario buttons do (Streamlit callbacks): open, save, duplicate, delete.

Each action leaves a message for the next run (`dk_flash`); a refused save keeps every field as typed.
`owner` is this session's actor; `editor` a signed-in editor, who may change anyone's scenarios.
"""

from __future__ import annotations

from typing import Any

import streamlit as st

from model import scenarios
from model.auth import Editor
from model.db import StoreUnavailable
from model.errors import ConflictError, EditError
from ui.cite import escape_markdown
from ui.denmark import state
from ui.i18n import nt, t
from ui.sections import open_section
from ui.store import not_saved


def flash(kind: str, message: str) -> None:
    st.session_state["dk_flash"] = (kind, message)


def refusal(exc: EditError) -> str:
    """The store's refusal in the page's language (its English text, escaped, if there is no translation)."""
    key = f"denmark.save.{exc.code}" if exc.code in ("conflict", "gone") else f"denmark.error.{exc.code}"
    translated = t(key)
    return escape_markdown(str(exc)) if translated == key else translated


def _now_open(record: dict[str, Any]) -> None:
    """This session now edits `record`, at the version it was read or saved."""
    st.session_state["dk_open"] = {"id": record["id"], "name": record["name"], "version": record["version"]}
    st.session_state["dk_name"] = record["name"]
    st.session_state.pop("dk_conflict", None)
    st.session_state.pop("dk_conflict_by", None)


def open_scenario(scenario_id: int, defaults: state.Defaults) -> None:
    try:
        record = scenarios.get(scenario_id)
    except EditError as exc:
        flash("error", refusal(exc))
        return
    state.load(record["inputs"], defaults)
    _now_open(record)
    st.session_state.pop("dk_name_problem", None)
    flash("success", t("denmark.saved.opened", name=escape_markdown(record["name"]), version=record["version"]))
    open_section("denmark", "builder")  # opened from the saved list: show it in the builder, where its fields are


def save_scenario(as_new: bool, owner: str, editor: Editor | None) -> None:
    inputs, problems = state.current()
    st.session_state.pop("dk_name_problem", None)
    if inputs is None:
        flash("error", nt("denmark.save.invalid", len(problems)))
        return
    opened = st.session_state.get("dk_open")
    name = st.session_state.get("dk_name", "")
    try:
        if as_new or opened is None:
            record = scenarios.create(name, inputs, owner)
        else:
            record = scenarios.save(opened["id"], name, inputs, opened["version"], owner, editor)
    except ConflictError as exc:
        st.session_state["dk_conflict"] = exc.code
        st.session_state["dk_conflict_by"] = (exc.by, exc.at)
        flash("error", t(f"denmark.save.{exc.code or 'conflict'}"))
        return
    except StoreUnavailable as exc:
        flash("error", not_saved(exc))
        return
    except scenarios.ScenarioError as exc:
        st.session_state["dk_name_problem"] = exc.code
        flash("error", t("denmark.save.refused"))
        return
    _now_open(record)
    flash("success", t("denmark.save.done", name=escape_markdown(record["name"]), version=record["version"]))


def overwrite_scenario(owner: str, editor: Editor | None) -> None:
    """Save over someone else's newer version, deliberately: the save names the version it replaces."""
    opened = st.session_state.get("dk_open")
    try:
        current = scenarios.get(opened["id"])
    except (EditError, StoreUnavailable):
        flash("error", t("denmark.save.gone"))
        return
    st.session_state["dk_open"] = {**opened, "version": current["version"]}
    save_scenario(False, owner, editor)


def duplicate_scenario(scenario_id: int, owner: str) -> None:
    try:
        record = scenarios.duplicate(scenario_id, owner)
    except EditError as exc:
        flash("error", refusal(exc))
        return
    flash("success", t("denmark.saved.duplicated", name=escape_markdown(record["name"])))


def cancel_delete() -> None:
    st.session_state.pop("dk_confirm_delete", None)


def delete_scenario(scenario_id: int, version: int, owner: str, editor: Editor | None) -> None:
    cancel_delete()
    try:
        scenarios.delete(scenario_id, version, owner, editor)
    except ConflictError:
        flash("error", t("denmark.saved.delete_conflict"))
        return
    except scenarios.ScenarioError as exc:
        flash("error", refusal(exc))
        return
    except StoreUnavailable as exc:
        flash("error", not_saved(exc))
        return
    if (st.session_state.get("dk_open") or {}).get("id") == scenario_id:
        st.session_state.pop("dk_open", None)
    flash("success", t("denmark.saved.deleted"))
