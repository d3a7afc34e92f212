"""The room's live state as the pages see it: read cheaply, steered only by a presenter.

Followers (the big screen without a presenter, every phone) poll `seq`, one small row, through a
process-wide cache of 0.3 s, so a server reads it about three times a second however many phones
are connected; a change reruns the page. Worst case from the presenter's click to a phone:
1 s poll + 0.3 s cache + one rerun, inside the 2 s the room needs.
"""

from __future__ import annotations

import os
import threading
import time
from collections.abc import Callable
from typing import Any

import streamlit as st

from model import auth, live
from model.db import database_url, get_engine
from ui import auth as ui_auth

POLL_SECONDS = 1.0
CACHE_SECONDS = 0.3
_cache: dict[tuple[str, str], tuple[float, Any]] = {}
_lock = threading.Lock()


def _cached(name: str, read: Callable[[], Any]) -> Any:
    key, now = (name, database_url()), time.monotonic()
    with _lock:
        hit = _cache.get(key)
    if hit is not None and now - hit[0] < CACHE_SECONDS:
        return hit[1]
    value = read()
    with _lock:
        _cache[key] = (now, value)
    return value


def state() -> live.State:
    return _cached("state", lambda: live.state(get_engine()))


def seq() -> int:
    return _cached("seq", lambda: live.seq(get_engine()))


_changed_here: list[float] = [float("-inf")]  # when a session of this server last changed the room (monotonic)


def forget() -> None:
    """After this session changed the room: read afresh on the next rerun."""
    with _lock:
        _cache.clear()
        _changed_here[0] = time.monotonic()


def changed_here_at() -> float:
    """When a presenter on this server last changed the room: the phones' head start counts from then (`ui.watch`)."""
    return _changed_here[0]


def _presenter_accounts() -> dict[str, str]:
    """Presenter links, configured as editor accounts are: `[presenters] accounts` in secrets.toml, `COMPASS_PRESENTERS`."""
    try:
        configured = dict(st.secrets.get("presenters", {}).get("accounts", {}))
    except Exception:  # no secrets.toml at all
        configured = {}
    return {**configured, **auth.accounts_from_env(os.environ.get("COMPASS_PRESENTERS", ""))}


def presenter() -> live.Presenter | None:
    """This session's presenter: a signed-in editor, or the holder of a presenter link (`?presenter=SECRET`, then removed from the URL)."""
    known = st.session_state.get("live_presenter")
    if known is not None:
        return known
    editor = ui_auth.current_editor()
    found = live.presenter_for_editor(editor) if editor is not None else None
    secret = st.query_params.get("presenter")
    if found is None and secret:
        throttle: auth.Throttle = st.session_state.setdefault("presenter_throttle", auth.Throttle())
        if throttle.wait_seconds() == 0:
            found = live.presenter_from_link(_presenter_accounts(), secret)
            if found is None:
                throttle.record_failure()
    if secret is not None:
        del st.query_params["presenter"]  # never left in the address bar, a shared link or the QR code
    if found is not None:
        st.session_state["live_presenter"] = found
    return found


def act(action: Callable[..., Any], *args: Any) -> None:
    """Run a presenter action (button callback); a refusal is shown instead of raised."""
    try:
        action(st.session_state.get("live_presenter"), *args)
    except (live.LiveError, ValueError) as exc:
        st.session_state["live_refusal"] = str(exc)
    forget()


def client_ip() -> str:
    """The phone's address for the per-address limit: the proxy's last hop when behind one, else the socket's."""
    forwarded = st.context.headers.get("X-Forwarded-For", "") if st.context.headers else ""
    if forwarded:
        return forwarded.split(",")[-1].strip()
    return st.context.ip_address or "local"
