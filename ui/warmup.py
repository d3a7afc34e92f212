"""Warm start: every page runs once inside the server before it reports healthy.

Streamlit's `/_stcore/health` answers 200 as soon as its runtime runs, before any script has:
the first visitor to a fresh server then waits while the geometry, the data-version cache and
each page's queries and charts are filled (several seconds at 1e6 facts). Here the server opens
one session per page on its own runtime (the same path a browser's websocket takes, no network),
runs the default page, every page its navigation lists and summit mode, and only then lets
`/_stcore/health` and the websocket through. Until then both answer "warming up" (503), so a
browser keeps showing "Connecting…" and a load balancer sends the visitor to a warm server.
Caches are per process and keyed on the data version, so they are what every later session reads.
"""

from __future__ import annotations

import asyncio
import logging
import time
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from typing import Any

from streamlit.proto.BackMsg_pb2 import BackMsg
from streamlit.proto.ForwardMsg_pb2 import ForwardMsg
from streamlit.runtime import Runtime

from model.schema import CURRENCIES

LOG = logging.getLogger("compass.warmup")
FINISHED = {ForwardMsg.FINISHED_SUCCESSFULLY, ForwardMsg.FINISHED_FRAGMENT_RUN_SUCCESSFULLY}
PAGE_TIMEOUT = 300.0  # seconds: a cold page at 1e6 facts takes about one; a stuck one must not keep the server dark forever
GATED = ("/_stcore/health", "/_stcore/stream")
# The overview in each currency: a hall switching currency together finds every chart built.
CURRENCY_VIEWS = [("", f"currency={currency.value}") for currency in CURRENCIES]


class WarmState:
    """What the warm-up did so far; `ready` opens the gate."""

    def __init__(self) -> None:
        self.ready = False
        self.done: list[str] = []
        self.total = 0
        self.seconds: dict[str, float] = {}
        self.errors: dict[str, str] = {}

    def message(self) -> str:
        return f"warming up: {len(self.done)} of {self.total or '?'} pages have run"


STATE = WarmState()


class _Recorder:
    """A SessionClient that keeps what a warm-up run sends: the page list, exceptions, the end of the run."""

    client_context = None

    def __init__(self) -> None:
        self.finished = asyncio.Event()
        self.pages: list[str] = []
        self.errors: list[str] = []

    def write_forward_msg(self, msg: ForwardMsg) -> None:
        kind = msg.WhichOneof("type")
        if kind == "navigation":
            self.pages = [page.url_pathname for page in msg.navigation.app_pages]
        elif kind == "delta" and msg.delta.new_element.WhichOneof("type") == "exception":
            self.errors.append(msg.delta.new_element.exception.message)
        elif kind == "script_finished" and msg.script_finished in FINISHED:
            self.finished.set()


async def run_page(runtime: Runtime, page: str, query: str = "") -> _Recorder:
    """Run one page in a throwaway session on this server's runtime and wait for its script to finish."""
    client = _Recorder()
    session_id = runtime.connect_session(client=client, user_info={})  # type: ignore[arg-type]
    try:
        request = BackMsg()
        request.rerun_script.page_name = page
        request.rerun_script.query_string = query
        runtime.handle_backmsg(session_id, request)
        await asyncio.wait_for(client.finished.wait(), PAGE_TIMEOUT)
    finally:
        runtime.close_session(session_id)
    return client


async def warm(runtime: Runtime, state: WarmState = STATE) -> WarmState:
    """The default page first (it lists the others), then every other page and summit mode; then ready."""
    started = time.perf_counter()
    todo: list[tuple[str, str]] = [("", "")]
    while todo:
        page, query = todo.pop(0)
        label = f"/{page}?{query}" if query else f"/{page}"
        begun = time.perf_counter()
        try:
            recorder = await run_page(runtime, page, query)
        except Exception as exc:  # a page that fails to warm is served cold, not withheld: the gate still opens
            state.errors[label] = f"{type(exc).__name__}: {exc}"[:200]
            recorder = _Recorder()
        state.seconds[label] = round(time.perf_counter() - begun, 3)
        state.errors.update({label: recorder.errors[0][:200]} if recorder.errors else {})
        state.done.append(label)
        if not page and not query:
            todo += [(p, "") for p in recorder.pages if p] + [("", "mode=summit")] + CURRENCY_VIEWS
            state.total = len(todo) + 1
    state.ready = True
    LOG.warning("warm start: %d pages in %.1f s %s", len(state.done), time.perf_counter() - started, state.errors or "")
    return state


@asynccontextmanager
async def lifespan(_app: Any) -> AsyncIterator[None]:
    """st.App's lifespan: start the warm-up beside the server (it must be serving static files meanwhile)."""
    task = asyncio.create_task(warm(Runtime.instance()))
    try:
        yield
    finally:
        task.cancel()


class ReadinessGate:
    """ASGI middleware: health and the websocket answer "warming up" (503) until the warm-up has run every page."""

    def __init__(self, app: Any, state: WarmState = STATE) -> None:
        self.app = app
        self.state = state

    async def __call__(self, scope: dict, receive: Any, send: Any) -> None:
        if self.state.ready or scope["type"] not in {"http", "websocket"} or not scope["path"].endswith(GATED):
            await self.app(scope, receive, send)
        elif scope["type"] == "websocket":
            await send({"type": "websocket.close", "code": 1013, "reason": "warming up"})  # 1013: try again later
        else:
            body = self.state.message().encode()
            headers = [(b"content-type", b"text/plain; charset=utf-8"), (b"retry-after", b"2"), (b"cache-control", b"no-cache")]
            await send({"type": "http.response.start", "status": 503, "headers": headers})
            await send({"type": "http.response.body", "body": body})
