"""Sign-in for editors in the app: local accounts (argon2 hashes) or OIDC through `st.login`."""

from __future__ import annotations

import streamlit as st

from model import auth, identity
from model.db import get_engine
from ui.i18n import t
from ui.identity import visitor_id, write_cookie


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


def client_address() -> str:
    """The browser's address; behind a proxy on this machine (nginx of `make cluster`), the one it forwards.

    The header is believed only from a loopback peer, so a browser cannot pick its own address.
    """
    peer, forwarded = st.context.ip_address, st.context.headers.get("X-Real-Ip")
    peer = peer if isinstance(peer, str) else ""  # (no client at all under AppTest)
    forwarded = forwarded.strip() if isinstance(forwarded, str) else ""
    return forwarded if forwarded and peer in ("127.0.0.1", "::1") else peer


def sign_in_panel() -> None:
    """The sign-in form; failed attempts are throttled by account and by address, across sessions and servers, and logged."""
    if oidc_configured():
        st.button(t("admin.sign_in_oidc"), on_click=st.login, icon=":material/login:")
    accounts = local_accounts()
    if not accounts and not oidc_configured():
        st.info(t("admin.no_accounts"))
        return
    throttle = auth.StoredThrottle(get_engine(), client_address())
    with st.form("sign-in"):
        username = st.text_input(t("admin.username"))
        password = st.text_input(t("admin.password"), type="password")
        submitted = st.form_submit_button(t("admin.sign_in"))
    if submitted:
        try:
            st.session_state["editor"] = auth.sign_in(accounts, username, password, throttle, throttle.client)
        except auth.SignInRefused as exc:  # throttled (with the seconds to wait) or a wrong password
            st.error(t("admin.signin.wait", wait=exc.wait) if exc.wait else t("admin.signin.wrong"))
        else:
            st.rerun()


def sign_out() -> None:
    st.session_state.pop("editor", None)
    if oidc_configured() and st.user.is_logged_in:
        st.logout()


def actor() -> tuple[str, auth.Editor | None]:
    """Who is acting: a signed-in editor (by name), else this browser as an anonymous visitor (lasting: `ui.identity`)."""
    visitor = identity.owner_name(visitor_id())
    write_cookie()
    editor = current_editor()
    if editor is not None:
        return editor.name, editor
    return visitor, None


def me() -> tuple[str, auth.Editor | None]:
    """This browser's own owner name (also when an editor is signed in), and the editor: to label 'yours' in lists."""
    return identity.owner_name(visitor_id()), current_editor()
