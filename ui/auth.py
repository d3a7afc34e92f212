"""Sign-in for editors in the app: local accounts (argon2 hashes) or OIDC through `st.login`."""

from __future__ import annotations

import secrets

import streamlit as st

from model import auth
from ui.i18n import t


def _secrets_section(name: str) -> dict:
    try:
        return dict(st.secrets.get(name, {}))
    except Exception:  # no secrets.toml at all: nothing configured there
        return {}


def local_accounts() -> dict[str, str]:
    """`[editors.accounts]` in secrets.toml, plus `COMPASS_EDITORS` from the environment."""
    return {**dict(_secrets_section("editors").get("accounts", {})), **auth.accounts_from_env()}


def oidc_configured() -> bool:
    return bool(_secrets_section("auth"))


def current_editor() -> auth.Editor | None:
    editor = st.session_state.get("editor")
    if editor is not None:
        return editor
    if oidc_configured() and st.user.is_logged_in:
        allowed = list(_secrets_section("editors").get("emails", []))
        editor = auth.editor_from_identity(st.user.get("email"), allowed)
        if editor is None:
            st.warning(t("admin.not_an_editor"))
        st.session_state["editor"] = editor
    return editor


def sign_in_panel() -> None:
    """The sign-in form; failed attempts are throttled per browser session and logged."""
    if oidc_configured():
        st.button(t("admin.sign_in_oidc"), on_click=st.login, icon=":material/login:")
    accounts = local_accounts()
    if not accounts and not oidc_configured():
        st.info(t("admin.no_accounts"))
        return
    throttle: auth.Throttle = st.session_state.setdefault("signin_throttle", auth.Throttle())
    with st.form("sign-in"):
        username = st.text_input(t("admin.username"))
        password = st.text_input(t("admin.password"), type="password")
        submitted = st.form_submit_button(t("admin.sign_in"))
    if submitted:
        try:
            st.session_state["editor"] = auth.sign_in(accounts, username, password, throttle)
        except auth.SignInRefused as exc:
            st.error(str(exc))
        else:
            st.rerun()


def sign_out() -> None:
    st.session_state.pop("editor", None)
    if oidc_configured() and st.user.is_logged_in:
        st.logout()


def actor() -> tuple[str, auth.Editor | None]:
    """Who is acting: a signed-in editor (by name), else this browser session as an anonymous visitor."""
    editor = current_editor()
    if editor is not None:
        return editor.name, editor
    visitor = st.session_state.setdefault("visitor_id", secrets.token_hex(8))
    return f"visitor:{visitor}", None
