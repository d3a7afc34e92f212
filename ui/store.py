"""The store as the app sees it: a schema that is behind is refused; an unreachable store is one plain message, retried.

Migrating is the operator's step (`python -m seed migrate`, which `make run` does), never the app's,
so app servers starting together never race on the schema. When the database goes away under an
open page, the page says so in the reader's language (no traceback, no host names), tries again
with growing pauses, and redraws itself once the database answers.
"""

from __future__ import annotations

import functools
import time
from collections.abc import Callable
from typing import Any

import streamlit as st
from sqlalchemy import text as sql
from sqlalchemy.exc import InterfaceError, OperationalError

from model import queries
from model.db import StoreUnavailable, get_engine
from model.migrate import current_revisions, head_revisions
from ui.i18n import t

RETRY_TICK_S = 2  # how often the waiting page looks at the clock
MAX_PAUSE_S = 30  # pauses between tries: 2, 4, 8, … seconds, at most this

_ready: set[str] = set()  # databases found current in this process: checked once, not on every run


def problem(url: str) -> str | None:
    """Why this database cannot be served (schema behind, or never loaded), in words; None when it can."""
    if url in _ready:
        return None
    engine = get_engine(url)
    current, heads = current_revisions(engine), head_revisions()
    if current != heads:
        return t("store.behind", current=", ".join(sorted(current)) or "-", needed=", ".join(sorted(heads)))
    if not queries.has_data(engine):
        return t("store.empty")
    _ready.add(url)
    return None


# What a driver raises when the server goes away in a way the engine's error hook does not classify (a
# connection lost during the pool's checkout): at the page's edge it means the same, the store is not there.
LOST = (StoreUnavailable, OperationalError, InterfaceError)


def serve(run: Callable[[], None]) -> None:
    """Run the page; if the store is unreachable, say so and retry instead of showing a traceback."""
    try:
        run()
    except LOST as exc:
        unreachable(exc if isinstance(exc, StoreUnavailable) else StoreUnavailable(busy=False))


def fragment(body: Callable[..., None] | None = None, *, run_every: float | None = None) -> Any:
    """`st.fragment` whose lost store is said as a page's is (`serve`), also when it is lost inside the fragment.

    Streamlit shows any exception raised in a fragment as a traceback in the fragment's place, in a
    fragment's own run and in the page's run alike, before `serve` could say it plainly (the outage test
    caught it on the overview's currency fragment). Here the fragment says it and stops the run; the
    retry redraws the page once the database answers.
    """

    def wrap(draw: Callable[..., None]) -> Any:
        @functools.wraps(draw)
        def guarded(*args: Any, **kwargs: Any) -> None:
            try:
                draw(*args, **kwargs)
            except LOST as exc:
                unreachable(exc if isinstance(exc, StoreUnavailable) else StoreUnavailable(busy=False))
                st.stop()

        return st.fragment(guarded, run_every=run_every)

    return wrap(body) if body is not None else wrap


def unreachable(exc: StoreUnavailable) -> None:
    st.warning(t("store.busy") if exc.busy else t("store.unreachable"), icon=":material/cloud_off:")
    _retry()


def reachable() -> bool:
    try:
        with get_engine().connect() as connection:
            connection.execute(sql("SELECT 1"))
    except LOST:
        return False
    return True


@st.fragment(run_every=RETRY_TICK_S)
def _retry() -> None:
    """Try again after 2, 4, 8 … s; when the database answers, redraw the whole page."""
    state = st.session_state.setdefault("store_retry", {"attempt": 0, "next": 0.0})
    now = time.monotonic()
    if now >= state["next"]:
        if reachable():
            st.session_state.pop("store_retry", None)
            st.rerun(scope="app")
        state["attempt"] += 1
        state["next"] = now + min(MAX_PAUSE_S, 2 ** state["attempt"])
    st.caption(t("store.next_try", seconds=max(1, round(state["next"] - now))))


def not_saved(exc: StoreUnavailable) -> str:
    """For a write that failed: what happened, in words (the inputs stay on screen)."""
    return t("store.not_saved_busy") if exc.busy else t("store.not_saved")
