"""Saved scenarios on the page: the bar to open one, the action's outcome, the save form, and the list to manage."""

from __future__ import annotations

from typing import Any

import pandas as pd
import streamlit as st

from model import format as fmt
from model import scenarios
from model.auth import Editor
from ui.cite import escape_markdown
from ui.denmark import actions, state
from ui.i18n import language, t


def names(saved: pd.DataFrame) -> dict[int, str]:
    """Saved scenarios' names by id, in the store's order."""
    return dict(zip(saved["id"], saved["name"], strict=True))


def opened_scenario(saved: dict[int, str]) -> dict[str, Any] | None:
    """The scenario this session edits (id, name, version); one deleted elsewhere since is flagged as gone.

    `saved`: every saved scenario's name by id (`model.scenarios.names`)."""
    opened = st.session_state.get("dk_open")
    if opened is not None and opened["id"] not in saved:
        st.session_state["dk_conflict"] = "gone"
    return opened


def open_bar(saved: dict[int, str], opened: dict[str, Any] | None, defaults: state.Defaults) -> None:
    """Pick a saved scenario (`saved`: names by id) and open it; says which one is being edited."""
    with st.container(border=True):
        pick_col, open_col = st.columns([3, 1], vertical_alignment="bottom")
        if not saved:
            pick_col.caption(t("denmark.saved.none"))
        else:
            chosen_id = pick_col.selectbox(t("denmark.saved.pick"), list(saved), format_func=saved.get, key="dk_pick")
            open_col.button(
                t("denmark.saved.open"), on_click=actions.open_scenario, args=(chosen_id, defaults), key="dk_open_btn", width="stretch"
            )
        if opened is not None:
            st.caption(t("denmark.saved.editing", name=escape_markdown(opened["name"]), version=opened["version"]))


def flash_message() -> None:
    """The last action's outcome, in whichever section it happened (a refused delete says so where it was refused)."""
    if "dk_flash" in st.session_state:
        kind, message = st.session_state.pop("dk_flash")
        (st.success if kind == "success" else st.error)(message)


def outcome(opened: dict[str, Any] | None, defaults: state.Defaults, owner: str, editor: Editor | None) -> None:
    """The last action's message, and a conflict with someone else's save: who and when, reload or overwrite."""
    flash_message()
    conflict = st.session_state.get("dk_conflict")
    if conflict and opened is not None:
        st.warning(t(f"denmark.save.{conflict}"), icon=":material/sync_problem:")
        if conflict == "conflict":
            by, at = st.session_state.get("dk_conflict_by") or ("", None)
            if at is not None:
                st.caption(
                    t("denmark.save.conflict_by", who=escape_markdown(_owner_label(by, owner)), at=fmt.datetime_text(at, language()))
                )
            reload_col, overwrite_col = st.columns(2)
            reload_col.button(
                t("denmark.save.reload"),
                on_click=actions.open_scenario,
                args=(opened["id"], defaults),
                key="dk_reload",
                icon=":material/refresh:",
            )
            overwrite_col.button(
                t("denmark.save.overwrite"),
                on_click=actions.overwrite_scenario,
                args=(owner, editor),
                key="dk_overwrite",
                icon=":material/save_as:",
            )


def save_form(opened: dict[str, Any] | None, owner: str, editor: Editor | None) -> None:
    """The name field (with the store's refusal under it), save as new, and save changes to the open scenario."""
    name_col, buttons_col = st.columns([2, 2], vertical_alignment="top")
    with name_col:
        st.text_input(t("denmark.save.name"), key="dk_name", max_chars=scenarios.NAME_MAX)
        if st.session_state.get("dk_name_problem"):
            st.error(t(f"denmark.error.{st.session_state['dk_name_problem']}"), icon=":material/error:")
    with buttons_col:
        st.write("")
        st.button(
            t("denmark.save.as_new"),
            on_click=actions.save_scenario,
            args=(True, owner, editor),
            key="dk_save_new",
            icon=":material/save:",
            type="primary",
        )
        if opened is not None:
            st.button(
                t("denmark.save.changes", name=escape_markdown(opened["name"])),
                on_click=actions.save_scenario,
                args=(False, owner, editor),
                key="dk_save_changes",
                icon=":material/save_as:",
            )


def _owner_label(owner: str, me: str) -> str:
    """'you', an editor's name, or 'another visitor' (visitor ids are not shown)."""
    if owner == me:
        return t("denmark.saved.owner_you")
    return t("denmark.saved.owner_visitor") if owner.startswith("visitor:") or not owner else owner


def listing(saved: pd.DataFrame, me: str, lang: str) -> None:
    """Every saved scenario: name, owner, when created and changed, version."""
    shown = saved.assign(
        created_at=[fmt.datetime_text(v, lang) for v in saved["created_at"]],
        updated_at=[fmt.datetime_text(v, lang) for v in saved["updated_at"]],
        owner=[_owner_label(o, me) for o in saved["owner"]],
    ).rename(
        columns={
            "name": t("denmark.saved.name"),
            "owner": t("denmark.saved.owner"),
            "created_at": t("denmark.saved.created"),
            "updated_at": t("denmark.saved.updated"),
            "version": t("denmark.saved.version"),
        }
    )
    st.dataframe(shown.drop(columns=["id"]), hide_index=True, width="stretch", key="dk-saved")


def manage(saved: pd.DataFrame, owner: str, editor: Editor | None, defaults: state.Defaults) -> None:
    """Open, duplicate or delete one saved scenario; deleting asks first."""
    listed = names(saved)
    versions = dict(zip(saved["id"], saved["version"], strict=True))
    manage_id = st.selectbox(t("denmark.saved.manage"), list(listed), format_func=listed.get, key="dk_manage")
    a, b, c = st.columns(3)
    a.button(t("denmark.saved.open"), on_click=actions.open_scenario, args=(manage_id, defaults), key="dk_manage_open", width="stretch")
    b.button(
        t("denmark.saved.duplicate"), on_click=actions.duplicate_scenario, args=(manage_id, owner), key="dk_duplicate", width="stretch"
    )
    if c.button(t("denmark.saved.delete"), key="dk_delete", width="stretch", icon=":material/delete:"):
        st.session_state["dk_confirm_delete"] = (int(manage_id), int(versions[manage_id]))
    pending = st.session_state.get("dk_confirm_delete")
    if pending is not None and pending[0] in listed:
        st.warning(t("denmark.saved.confirm", name=escape_markdown(listed[pending[0]])))
        yes, no = st.columns(2)
        yes.button(
            t("denmark.saved.confirm_yes"),
            on_click=actions.delete_scenario,
            args=(*pending, owner, editor),
            key="dk_delete_yes",
            type="primary",
        )
        no.button(t("denmark.saved.confirm_no"), on_click=actions.cancel_delete, key="dk_delete_no")
