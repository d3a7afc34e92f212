"""Which visitor this browser is, across reloads and days: a signed token in a first-party cookie.

Streamlit reads cookies (`st.context.cookies`, as sent when the page opened) but cannot set them,
so a new token is written by the app's browser component (ui/browser.py; allowed by the cluster's CSP,
where an inline script is not). The token holds only hex digits and a dot, never user text.
"""

from __future__ import annotations

import streamlit as st

from model import identity
from ui import browser

COOKIE = "compass_visitor"
MAX_AGE_S = 400 * 24 * 3600  # browsers cap a cookie's life at 400 days


def visitor_id() -> str:
    """This browser's visitor id: from its cookie when that is genuine, else a new one (written back to the cookie)."""
    known = st.session_state.get("visitor_id")
    if known:
        return known
    token = st.context.cookies.get(COOKIE)
    visitor = identity.visitor_of(token)
    if visitor is None:
        token = identity.new_token()
        visitor = identity.visitor_of(token)
        st.session_state["visitor_token"] = token
    st.session_state["visitor_id"] = visitor
    return visitor  # type: ignore[return-value]


def write_cookie() -> None:
    """Give the browser its new token, in a session that started without a genuine one.

    Drawn on every run of such a session: an unchanged element is not mounted again, so the
    script runs once, and a first run cut short by a rerun still writes it on the next.
    """
    token = st.session_state.get("visitor_token")
    if token:
        browser.set_cookie(COOKIE, token, MAX_AGE_S)
