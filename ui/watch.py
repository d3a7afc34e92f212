"""What an open page follows without running its script: the store's data version and the summit room.

`serve.py` mounts `GET /_compass/changes` (the `Changes` middleware), which answers `{"data": <data version>, "room": <room seq>}`
from the same process-wide caches the pages read (2 s and 0.3 s), so however many tabs ask, a server
reads the database a few times per second. Each tab asks from the browser, with a tiny component and no
script run, and asks for a rerun only when something it shows has changed: a hall of phones waiting
for the next slide costs the server HTTP answers, not Streamlit reruns (before, each phone reran a
fragment every second). A page that follows only the data version asks every 4 s, the room every second.
Without that route (`streamlit run app.py`, AppTest) a page falls back to
`st.fragment(run_every=...)` timers.
"""

from __future__ import annotations

import itertools
import json
import threading
import time
from typing import Any

import streamlit as st
from starlette.middleware import Middleware

from model.db import StoreUnavailable, database_url
from ui import data
from ui.store import LOST
from ui.summit import room

PATH = "/_compass/changes"
EVERY_MS = 1000  # how often a tab in the room asks: the slide reaches a phone within 1 s + 0.3 s cache + 0.4 s head start + one rerun
DATA_EVERY_MS = 4000  # how often any other tab asks: an edit shows within 4 s + the 2 s version cache + one rerun
DRAWN = "watch_drawn"  # session state: this page run drew its own watcher
DATA_SEEN = "watch_data_seen"  # session state: the data version this page run read before drawing
_mounted = False
_runs = itertools.count()

_JS = """
export default function ({ data, setTriggerValue }) {
  let done = false;
  // Both are counters that only grow; "newer", not "different": a page may have drawn a room change the
  // server is still holding back (the presenter's head start), and must not rerun for the older one.
  const differs = (now) => data.keys.some((key) => !(now[key] <= data.seen[key]));
  const ask = async () => {
    if (done || document.hidden) return;
    try {
      const response = await fetch(data.url, { cache: "no-store", credentials: "same-origin" });
      if (response.status === 503) { done = true; setTriggerValue("changed", { unreachable: true }); return; }
      if (!response.ok) return;
      const now = await response.json();
      if (differs(now)) { done = true; setTriggerValue("changed", now); }
    } catch (error) { /* the server is away: Streamlit's own reconnect takes over */ }
  };
  const timer = setInterval(ask, data.every);
  return () => { done = true; clearInterval(timer); };
}
"""


class _HeadStart:
    """The room's counter as the tabs hear it: a change is announced `HEAD_START_S` after this server first saw it.

    The presenter's own screen reruns from the click at once; announced at once, every phone in the hall
    reran in the same second and the presenter's run waited behind them all (10 s with 300 phones).
    """

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._announced: int | None = None
        self._pending: tuple[int, float] | None = None  # (a new counter, when this server first saw it)

    def __call__(self, current: int, now: float, changed_here: float = float("-inf")) -> int:
        """`changed_here`: when a presenter on this server changed the room. The head start runs from that click, not
        from the first ask after it, or a phone asking once a second could wait two polls (2 s + a rerun)."""
        with self._lock:
            if self._announced is None or current == self._announced:
                self._announced, self._pending = current, None
            else:
                if self._pending is None or self._pending[0] != current:
                    self._pending = (current, changed_here if now - CLICK_WINDOW_S <= changed_here <= now else now)
                if now - self._pending[1] >= HEAD_START_S:
                    self._announced, self._pending = current, None
            return self._announced


HEAD_START_S = 0.4
CLICK_WINDOW_S = 2.0  # a presenter's click this long before a new counter is first asked for is the change's start
_room_heard = _HeadStart()


def changes() -> tuple[int, dict[str, Any]]:
    """The endpoint's answer: what changed is for the tab to decide; 503 (no details) when the store does not answer."""
    try:
        return 200, {"data": data.version(database_url()), "room": _room_heard(room.seq(), time.monotonic(), room.changed_here_at())}
    except StoreUnavailable:
        return 503, {"unreachable": True}


class Changes:
    """ASGI middleware answering `GET /_compass/changes` before the rest of the stack sees it.

    Mounted as a route, each poll went through Streamlit's session, path-security, gzip and routing layers:
    1.9 ms of server CPU a poll, which a hall of open tabs pays every few seconds while no one clicks.
    """

    def __init__(self, app: Any) -> None:
        self.app = app

    async def __call__(self, scope: dict, receive: Any, send: Any) -> None:
        if scope["type"] != "http" or scope["path"] != PATH:
            await self.app(scope, receive, send)
            return
        status, answer = changes()
        body = json.dumps(answer).encode()
        headers = [(b"content-type", b"application/json"), (b"content-length", str(len(body)).encode()), (b"cache-control", b"no-store")]
        await send({"type": "http.response.start", "status": status, "headers": headers})
        await send({"type": "http.response.body", "body": body})


def middleware() -> Middleware:
    """For `st.App(middleware=...)` in serve.py; mounting it switches every page from timers to the browser's poll."""
    global _mounted
    _mounted = True
    return Middleware(Changes)


def begin() -> None:
    """At the start of every page run (app.py): the data version the page is about to draw, no watcher yet.

    Read first, not when the watcher is drawn at the end: an edit saved while a long page draws must
    still rerun it. An unreachable store raises here, before anything is drawn.
    """
    st.session_state[DATA_SEEN] = data_version()
    st.session_state.pop(DRAWN, None)


def data_version() -> int:
    return data.version(database_url())


def follow(room_seq: int | None = None, data_seq: int | None = None) -> None:
    """Rerun when the data version or, given `room_seq` (the room's state the page drew), the summit room moves on.

    Drawn inside an `st.fragment`, the rerun is that fragment's (/live's view reruns alone); such a
    fragment passes `data_seq`, the version it read before drawing.
    """
    st.session_state[DRAWN] = True
    seen: dict[str, Any] = {"data": st.session_state.get(DATA_SEEN) if data_seq is None else data_seq}
    if room_seq is not None:
        seen["room"] = room_seq
    if not _mounted:  # plain `streamlit run app.py` or AppTest: the tab's own timer asks
        (_room_timer if room_seq is not None else _data_timer)(seen)
        return
    # A hall of 100 overviews asking every second cost the server 13 % of a core doing nothing (1.45 ms a poll).
    every = EVERY_MS if room_seq is not None else DATA_EVERY_MS
    payload = {"url": PATH, "seen": seen, "keys": sorted(seen), "every": every, "run": next(_runs)}  # `run`: redraw each run
    _component()(data=payload, key="compass-watch", on_changed_change=lambda: None)


def _ask(seen: dict[str, Any]) -> None:
    """Without the route: what the endpoint would answer, asked in a fragment's own run."""
    try:
        now = {"data": data_version(), "room": room.seq()}
    except LOST:
        st.rerun(scope="app")  # a timer's run cannot redraw the page (its errors stay in the fragment): the page's run can
    if any(not (isinstance(value, int) and now[key] <= value) for key, value in seen.items()):  # as the browser's `_JS`
        st.rerun(scope="app")


# As the browser's poll: a room follows the presenter within a second; a page follows edits every 4 s (each tick is a run of the session,
# and a tick arriving while a save's run is on the way makes a race more likely: a faster data timer showed one).
_room_timer = st.fragment(_ask, run_every=EVERY_MS / 1000)
_data_timer = st.fragment(_ask, run_every=DATA_EVERY_MS / 1000)


def follow_page() -> None:
    """At the end of every page run (app.py): the data version, unless the page drew its own watcher."""
    if not st.session_state.pop(DRAWN, False):
        follow()


@st.cache_resource(show_spinner=False)
def _component() -> Any:
    return st.components.v2.component("compass_watch", js=_JS)
