"""A browser-less Streamlit client: Streamlit's own websocket protocol, as its frontend speaks it.

One `Session` is one browser tab: it opens `/_stcore/stream`, asks for a page (with its query
string), keeps the element tree the deltas build, sets widget values and reruns the script or
the widget's fragment, follows `st.fragment(run_every=...)` timers and the page's change watcher
(ui/watch.py: it polls `/_compass/changes` over HTTP and sends the component's trigger when something
moved on, as the browser's component does), and downloads and uploads files over HTTP with the
session's cookies (so a sticky load balancer keeps it on one server).
Every request is timed. It costs a few milliseconds of CPU per rerun, where a Chromium tab costs
a second: enough to drive hundreds of sessions against 127.0.0.1 on a 2-core machine.

    async with await Session.open("http://127.0.0.1:8501", "overview", "lang=en") as tab:
        tab.find("vega_lite_chart", text="(EUR,")
        run = await tab.set_widget("currency", "SEK")   # reruns the currency fragment
        tab.find("vega_lite_chart", text="(SEK,"); run.seconds

Messages are the protobufs of the installed `streamlit.proto`; widget ids, fragment ids and the
page's script hash come from what the server sent, never from guesses.
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import time
import urllib.error
import urllib.request
import uuid
from collections.abc import Iterator
from dataclasses import dataclass, field
from http.cookies import SimpleCookie
from typing import Any
from urllib.parse import urlsplit

import pandas as pd
import pyarrow as pa
import websockets
from google.protobuf.message import Message
from streamlit.components.v2.bidi_component.main import _make_trigger_id
from streamlit.proto.BackMsg_pb2 import BackMsg
from streamlit.proto.Block_pb2 import Block
from streamlit.proto.ClientState_pb2 import ClientState
from streamlit.proto.Element_pb2 import Element
from streamlit.proto.ForwardMsg_pb2 import ForwardMsg
from streamlit.proto.WidgetStates_pb2 import WidgetState

FINISHED = {ForwardMsg.FINISHED_SUCCESSFULLY, ForwardMsg.FINISHED_FRAGMENT_RUN_SUCCESSFULLY}
TIMEOUT = 60.0  # seconds a run may take before it counts as lost
WATCHER = "compass_watch"  # ui/watch.py's component


class StreamlitError(RuntimeError):
    """The server answered, but not as a working page does (an exception box, page not found, a refused request)."""


@dataclass
class Node:
    """One delta at a path of the page's tree: an element or a block, and the run that last sent it."""

    path: tuple[int, ...]
    element: Element | None
    block: Block | None
    fragment_id: str
    run_id: str

    @property
    def kind(self) -> str:
        """The element's type (`"markdown"`, `"button_group"`, `"vega_lite_chart"`, …) or `"block"`."""
        return self.element.WhichOneof("type") or "" if self.element is not None else "block"

    @property
    def widget(self) -> Message | None:
        """The element's own message (e.g. the `ButtonGroup`), whose `id` a widget has."""
        return getattr(self.element, self.kind) if self.element is not None else None

    @property
    def widget_id(self) -> str:
        return getattr(self.widget, "id", "") if self.widget is not None else ""

    def texts(self) -> list[str]:
        """Every string the element carries (body, label, options, a chart's spec…), depth first."""
        return list(_strings(self.element)) if self.element is not None else []

    def has_text(self, needle: str) -> bool:
        return any(needle in s for s in self.texts())

    def frames(self) -> list[pd.DataFrame]:
        """The data a chart or table element carries (Arrow IPC bytes), as data frames: the figures on screen."""
        if self.element is None:
            return []
        kind = self.kind
        if kind == "vega_lite_chart":
            chart = self.element.vega_lite_chart
            arrows = [chart.data.data, *(d.data.data for d in chart.datasets)]
        elif kind in {"dataframe", "table"}:  # st.dataframe, st.data_editor, st.table
            arrows = [getattr(self.element, kind).arrow_data.data]
        else:
            arrows = []
        return [pa.ipc.open_stream(raw).read_pandas() for raw in arrows if raw]


def _strings(message: Message) -> Iterator[str]:
    for descriptor, value in message.ListFields():
        values = value if descriptor.is_repeated else [value]
        for item in values:
            if isinstance(item, str):
                yield item
            elif isinstance(item, Message):
                yield from _strings(item)


@dataclass
class Run:
    """One script (or fragment) run the client asked for: how long until its `script_finished`, and how it ended."""

    label: str
    seconds: float
    status: str
    fragment_id: str = ""


@dataclass
class _Pending:
    fragment_id: str
    future: asyncio.Future[int]
    started_runs: set[str] = field(default_factory=set)


class Session:
    """One browser tab on a Streamlit app. Create with `await Session.open(...)`; close with `await close()`."""

    def __init__(self, base: str, page: str, query: str, auto_rerun: bool, locale: str) -> None:
        self.base = base.rstrip("/")
        self.page = page
        self.query = query
        self.auto_rerun = auto_rerun
        self.locale = locale
        self.nodes: dict[tuple[int, ...], Node] = {}
        self.runs: list[Run] = []
        self.seen: dict[str, float] = {}  # element type -> seconds from `connect` until the first one arrived
        self.session_id = ""
        self.page_script_hash = ""
        self.pages: dict[str, str] = {}  # url path -> page script hash, from the navigation message
        self.cookies: dict[str, str] = {}
        self._widgets: dict[str, WidgetState] = {}  # values this tab set, sent with every rerun as the frontend does
        self._ws: Any = None
        self._reader: asyncio.Task[None] | None = None
        self._pending: _Pending | None = None
        self._replies: dict[str, asyncio.Future[ForwardMsg]] = {}
        self._timers: dict[str, asyncio.Task[None]] = {}
        self._watcher: asyncio.Task[None] | None = None
        self.polls = 0  # HTTP asks of the change watcher
        self.poll_errors: list[str] = []  # asks that failed (no answer, an unreadable one): the watcher asks again
        self.script_runs = 0  # every run the server started for this tab: requested, timer or watcher
        self.running = False  # a run is drawing this tab now (the page may be half old, half new)
        self._run_id = ""
        self._run_fragments: list[str] = []
        self._closed = False
        self._connected_at = time.perf_counter()

    # --- opening, closing, reconnecting --------------------------------------------------------

    @classmethod
    async def open(
        cls, base: str, page: str = "", query: str = "", *, auto_rerun: bool = True, locale: str = "en-GB", timeout: float = TIMEOUT
    ) -> Session:
        """Connect as a browser does (health check for cookies, then the websocket) and wait for the page's first run."""
        session = cls(base, page, query.lstrip("?"), auto_rerun, locale)
        try:
            await session.connect(timeout)
        except BaseException:
            await session.close()  # a page that failed to open leaves no socket or task behind
            raise
        return session

    async def connect(self, timeout: float = TIMEOUT) -> Run:
        """(Re)open the websocket and run the page; after a lost server this is what the frontend's reconnect does."""
        if self._ws is not None:
            await self._ws.close()
        self._stop_timers()
        started = self._connected_at = time.perf_counter()
        await asyncio.to_thread(self._http, "GET", "/_stcore/health")  # the balancer's route cookie and the XSRF cookie
        url = "ws" + self.base.removeprefix("http") + "/_stcore/stream"
        protocols = ["streamlit", self.cookies.get("_streamlit_xsrf", "")]
        self._ws = await websockets.connect(
            url,
            subprotocols=[p for p in protocols if p],  # type: ignore[misc]
            additional_headers={"Cookie": self._cookie_header()} if self.cookies else None,
            origin=self.base,  # type: ignore[arg-type]
            max_size=None,
            open_timeout=timeout,
            ping_interval=None,
        )
        self._reader = asyncio.create_task(self._read())
        run = await self._request(f"open /{self.page}", fragment_id="", timeout=timeout)
        run.seconds = time.perf_counter() - started
        return run

    async def close(self) -> None:
        self._closed = True
        self._stop_timers()
        if self._ws is not None:
            await self._ws.close()
        if self._reader is not None:
            self._reader.cancel()
            with contextlib.suppress(asyncio.CancelledError, Exception):
                await self._reader

    async def __aenter__(self) -> Session:
        return self

    async def __aexit__(self, *_exc: object) -> None:
        await self.close()

    @property
    def connected(self) -> bool:
        return self._reader is not None and not self._reader.done()

    # --- what the page shows -------------------------------------------------------------------

    def elements(self, kind: str | None = None) -> list[Node]:
        """The page's elements in screen order (depth-first by path), optionally of one type."""
        nodes = (n for _, n in sorted(self.nodes.items()) if n.element is not None)
        return [n for n in nodes if kind is None or n.kind == kind]

    def find(self, kind: str | None = None, *, text: str | None = None, key: str | None = None) -> Node:
        """The first element of `kind` whose strings contain `text` and/or whose widget key is `key`; else StreamlitError."""
        for node in self.elements(kind):
            if key is not None and not _has_key(node, key):
                continue
            if text is not None and not node.has_text(text):
                continue
            return node
        raise StreamlitError(f"no {kind or 'element'} with text={text!r} key={key!r} on /{self.page}")

    def has(self, kind: str | None = None, *, text: str | None = None, key: str | None = None) -> bool:
        try:
            self.find(kind, text=text, key=key)
        except StreamlitError:
            return False
        return True

    def exceptions(self) -> list[str]:
        """The messages of the exception boxes on the page (empty for a healthy page)."""
        return [n.element.exception.message for n in self.elements("exception") if n.element is not None]

    # --- acting as a user ----------------------------------------------------------------------

    async def set_widget(self, target: str | Node, value: Any, timeout: float = TIMEOUT) -> Run:
        """Choose `value` in a widget (its key, or a Node from `find`) and wait for the rerun it causes.

        Selectbox and radio take the option's label; segmented control, pills and multiselect a label or
        a list; checkbox and toggle a bool; number input and slider a number; text inputs a string;
        a data editor the frontend's edit dict (`{"edited_rows": {"0": {"value": 1}}, ...}`).
        """
        node = self.fill(target, value)
        return await self._request(f"set {_name(node)}={value}", fragment_id=node.fragment_id, timeout=timeout)

    def fill(self, target: str | Node, value: Any) -> Node:
        """Set a widget's value without a rerun, as typing into a form does until it is submitted."""
        node = target if isinstance(target, Node) else self.find(key=target)
        state = _widget_state(node, value)
        self._widgets[state.id] = state
        return node

    def _tabs(self) -> list[Node]:
        return [n for _, n in sorted(self.nodes.items()) if n.block is not None and n.block.WhichOneof("type") == "tab_container"]

    def tab_keys(self) -> list[str]:
        """The keys of the page's keyed tabs (their widget ids are `$$ID-<hash>-<key>`)."""
        return [n.block.tab_container.id.split("-", 2)[-1] for n in self._tabs() if n.block and n.block.tab_container.id]

    async def open_tab(self, key: str, label: str, timeout: float = TIMEOUT) -> Run:
        """Open the tab labelled `label` in the tabs keyed `key` (`st.tabs(key=..., on_change="rerun")`, whose
        closed tabs are built only when opened) and wait for the rerun it causes."""
        node = next((n for n in self._tabs() if n.block and _id_has_key(n.block.tab_container.id, key)), None)
        if node is None or node.block is None:
            raise StreamlitError(f"no tabs keyed {key!r} on /{self.page}")
        state = WidgetState(id=node.block.tab_container.id, string_value=label)
        self._widgets[state.id] = state
        return await self._request(f"open tab {label}", fragment_id=node.fragment_id, timeout=timeout)

    async def click(self, target: str | Node, timeout: float = TIMEOUT) -> Run:
        """Press a button (its key, or a Node from `find`): a trigger the server sees in one run only."""
        node = target if isinstance(target, Node) else self.find(key=target)
        trigger = WidgetState(id=node.widget_id, trigger_value=True)
        return await self._request(f"click {_name(node)}", fragment_id=node.fragment_id, timeout=timeout, triggers=[trigger])

    async def rerun(self, timeout: float = TIMEOUT) -> Run:
        """Rerun the whole page with the current widget values (the frontend's "Rerun")."""
        return await self._request("rerun", fragment_id="", timeout=timeout)

    async def download(self, key: str, timeout: float = TIMEOUT) -> bytes:
        """The bytes behind the download button keyed `key` (made on click when its data is a callable).

        A page that reran meanwhile replaced the button's file (the old one is gone: 404); as the browser
        would, ask again with the button as it is now, a few times."""
        for attempt in range(3):
            try:
                return await self._download(key, timeout)
            except urllib.error.HTTPError as exc:
                if exc.code != 404 or attempt == 2:
                    raise
                await asyncio.sleep(0.5 * (attempt + 1))
        raise AssertionError("unreachable")

    async def _download(self, key: str, timeout: float) -> bytes:
        button = self.find("download_button", key=key).element.download_button  # type: ignore[union-attr]
        started = time.perf_counter()
        url = button.url
        if button.deferred_file_id:
            request = BackMsg()
            request_id = str(uuid.uuid4())
            request.backend_operation_request.request_id = request_id
            request.backend_operation_request.session_id = self.session_id
            request.backend_operation_request.deferred_file.file_id = button.deferred_file_id
            response = await self._ask(request_id, request, timeout)
            if response.backend_operation_response.error_msg:
                raise StreamlitError(f"download {key}: {response.backend_operation_response.error_msg}")
            url = response.backend_operation_response.deferred_file.url
        body = (await asyncio.to_thread(self._http, "GET", url))[1]
        self.runs.append(Run(f"download {key}", time.perf_counter() - started, "ok"))
        return body

    async def upload(self, key: str, name: str, data: bytes, mime: str = "text/csv", timeout: float = TIMEOUT) -> Run:
        """Put a file into the file uploader keyed `key`, as the frontend does: ask for URLs, PUT it, rerun."""
        node = self.find("file_uploader", key=key)
        request = BackMsg()
        request_id = str(uuid.uuid4())
        request.file_urls_request.request_id = request_id
        request.file_urls_request.session_id = self.session_id
        request.file_urls_request.file_names.append(name)
        response = await self._ask(request_id, request, timeout)
        if response.file_urls_response.error_msg:
            raise StreamlitError(f"upload {key}: {response.file_urls_response.error_msg}")
        urls = response.file_urls_response.file_urls[0]
        await asyncio.to_thread(self._put_file, urls.upload_url, name, data, mime)
        state = WidgetState(id=node.widget_id)
        info = state.file_uploader_state_value.uploaded_file_info.add()
        info.name, info.size, info.file_id = name, len(data), urls.file_id
        info.file_urls.CopyFrom(urls)
        self._widgets[state.id] = state
        return await self._request(f"upload {key}", fragment_id=node.fragment_id, timeout=timeout)

    # --- the protocol ----------------------------------------------------------------------------

    def _client_state(self, fragment_id: str, triggers: list[WidgetState], auto: bool = False) -> ClientState:
        state = ClientState(
            query_string=self.query,
            page_script_hash=self.page_script_hash,
            page_name="" if self.page_script_hash else self.page,
            fragment_id=fragment_id,
            is_auto_rerun=auto,
        )
        state.widget_states.widgets.extend([*self._widgets.values(), *triggers])
        state.context_info.locale = self.locale
        state.context_info.timezone = "UTC"
        state.context_info.url = f"{self.base}/{self.page}" + (f"?{self.query}" if self.query else "")
        return state

    async def _request(self, label: str, *, fragment_id: str, timeout: float, triggers: list[WidgetState] | None = None) -> Run:
        """Send a rerun and wait for the run it starts to finish; a run that raised or never finished is an error."""
        if self._pending is not None and not self._pending.future.done():
            raise StreamlitError("a tab waits for one run at a time")
        message = BackMsg()
        message.rerun_script.CopyFrom(self._client_state(fragment_id, triggers or []))
        self._pending = _Pending(fragment_id, asyncio.get_running_loop().create_future())
        started = time.perf_counter()
        await self._ws.send(message.SerializeToString())
        try:
            status = await asyncio.wait_for(asyncio.shield(self._pending.future), timeout)
        except TimeoutError:
            self.runs.append(Run(label, time.perf_counter() - started, "timeout", fragment_id))
            raise StreamlitError(f"{label}: no script_finished within {timeout:g} s") from None
        finally:
            self._pending = None
        run = Run(label, time.perf_counter() - started, ForwardMsg.ScriptFinishedStatus.Name(status), fragment_id)
        self.runs.append(run)
        if errors := self.exceptions():
            raise StreamlitError(f"{label}: the page shows an exception: {errors[0]}"[:300])
        return run

    async def _ask(self, request_id: str, message: BackMsg, timeout: float) -> ForwardMsg:
        """Send a request the server answers by id (file URLs, a deferred download) and wait for the answer."""
        future: asyncio.Future[ForwardMsg] = asyncio.get_running_loop().create_future()
        self._replies[request_id] = future
        await self._ws.send(message.SerializeToString())
        try:
            return await asyncio.wait_for(future, timeout)
        finally:
            self._replies.pop(request_id, None)

    async def _read(self) -> None:
        try:
            async for data in self._ws:
                message = ForwardMsg()
                message.ParseFromString(data)
                self._handle(message)
        except websockets.ConnectionClosed:
            pass
        finally:
            self._stop_timers()
            lost = StreamlitError("the server closed the connection")
            for future in [*self._replies.values(), *([self._pending.future] if self._pending else [])]:
                if not future.done():
                    future.set_exception(lost)

    def _handle(self, message: ForwardMsg) -> None:
        kind = message.WhichOneof("type")
        if kind == "new_session":
            self._started(message)
        elif kind == "delta":
            self._delta(message)
        elif kind == "script_finished":
            self._finished(message.script_finished)
        elif kind == "navigation":
            self.pages = {p.url_pathname: p.page_script_hash for p in message.navigation.app_pages}
            self.page_script_hash = message.navigation.page_script_hash or self.page_script_hash
        elif kind == "page_info_changed":
            self.query = message.page_info_changed.query_string
        elif kind == "auto_rerun" and self.auto_rerun:
            self._timer(message.auto_rerun.fragment_id, message.auto_rerun.interval)
        elif kind == "page_not_found":
            self._fail(StreamlitError(f"page not found: /{message.page_not_found.page_name}"))
        elif kind == "file_urls_response":
            self._reply(message.file_urls_response.response_id, message)
        elif kind == "backend_operation_response":
            self._reply(message.backend_operation_response.request_id, message)

    def _started(self, message: ForwardMsg) -> None:
        session = message.new_session
        if session.initialize.session_id:
            self.session_id = session.initialize.session_id
        self.page_script_hash = session.page_script_hash
        self._run_id = message.metadata.run.script_run_id
        self.running = True
        self.script_runs += 1
        self._run_fragments = list(message.metadata.run.fragment_ids)
        if not self._run_fragments:
            self._stop_timers()  # a full run registers its fragments' timers again, as the frontend's do
        if self._pending is not None:
            self._pending.started_runs.add(self._run_id)

    def _delta(self, message: ForwardMsg) -> None:
        delta, path = message.delta, tuple(message.metadata.delta_path)
        if delta.HasField("new_element"):
            node = self.nodes[path] = Node(path, delta.new_element, None, delta.fragment_id, self._run_id)
            self.seen.setdefault(node.kind, time.perf_counter() - self._connected_at)
            if node.kind == "bidi_component" and node.element.bidi_component.component_name.endswith(WATCHER) and self.auto_rerun:
                self._watch(node.element.bidi_component, node.fragment_id)
        elif delta.HasField("add_block"):
            self.nodes[path] = Node(path, None, delta.add_block, delta.fragment_id, self._run_id)

    def _finished(self, status: int) -> None:
        self.running = False
        if status not in FINISHED:
            return  # FINISHED_EARLY_FOR_RERUN: another run follows at once
        # What the run did not send again is gone from the page (the frontend's stale-node cleanup).
        fragments = set(self._run_fragments)
        for path, node in list(self.nodes.items()):
            if node.run_id != self._run_id and (not fragments or node.fragment_id in fragments):
                del self.nodes[path]
        pending = self._pending
        ours = pending is not None and self._run_id in pending.started_runs
        # A fragment's request ends with that fragment's run (or a full run); a full rerun with a full run.
        if ours and not pending.future.done() and (pending.fragment_id in fragments if fragments else True):
            pending.future.set_result(status)

    def _fail(self, error: Exception) -> None:
        if self._pending is not None and not self._pending.future.done():
            self._pending.future.set_exception(error)

    def _reply(self, request_id: str, message: ForwardMsg) -> None:
        future = self._replies.get(request_id)
        if future is not None and not future.done():
            future.set_result(message)

    def _timer(self, fragment_id: str, interval: float) -> None:
        """`st.fragment(run_every=...)`: rerun that fragment every `interval` seconds while the page is open."""
        if fragment_id in self._timers:
            self._timers[fragment_id].cancel()

        async def tick() -> None:
            while not self._closed:
                await asyncio.sleep(interval)
                if self._pending is None:  # a user's rerun in flight already brings fresh figures
                    message = BackMsg()
                    message.rerun_script.CopyFrom(self._client_state(fragment_id, [], auto=True))
                    with contextlib.suppress(websockets.ConnectionClosed):
                        await self._ws.send(message.SerializeToString())

        self._timers[fragment_id] = asyncio.create_task(tick())

    def _watch(self, component: Any, fragment_id: str) -> None:
        """The change watcher (ui/watch.py): ask its URL every `every` ms; when a watched counter grew, send its trigger."""
        if self._watcher is not None:
            self._watcher.cancel()
        spec = json.loads(component.json)
        trigger = WidgetState(id=_make_trigger_id(component.id, "events"))  # as the component's frontend names it

        async def poll() -> None:
            while not self._closed:
                await asyncio.sleep(spec["every"] / 1000)
                try:
                    status, body = await self._get(spec["url"])
                    now = json.loads(body) if status == 200 else {"unreachable": True}
                except (OSError, ValueError, IndexError, TimeoutError) as exc:  # counted and retried, as the browser's fetch is
                    self.poll_errors.append(f"{type(exc).__name__}: {exc}"[:200])
                    continue
                self.polls += 1
                if status in {200, 503} and any(_newer(now.get(key), spec["seen"][key]) for key in spec["keys"]):
                    trigger.json_trigger_value = json.dumps([{"event": "changed", "value": now}])
                    message = BackMsg()
                    message.rerun_script.CopyFrom(self._client_state(fragment_id, [trigger], auto=True))  # its fragment's rerun
                    with contextlib.suppress(websockets.ConnectionClosed):
                        await self._ws.send(message.SerializeToString())
                    return  # the rerun draws the watcher again, with what the page now shows

        self._watcher = asyncio.create_task(poll())

    async def _get(self, path: str) -> tuple[int, bytes]:
        """A small GET on its own connection (asyncio streams: hundreds of tabs, no thread each)."""
        parts = urlsplit(self.base)
        reader, writer = await asyncio.open_connection(parts.hostname, parts.port or 80)
        try:
            cookie = f"Cookie: {self._cookie_header()}\r\n" if self.cookies else ""
            writer.write(f"GET {path} HTTP/1.1\r\nHost: {parts.netloc}\r\n{cookie}Connection: close\r\n\r\n".encode())
            await writer.drain()
            response = await asyncio.wait_for(reader.read(), TIMEOUT)
        finally:
            writer.close()
        head, _, body = response.partition(b"\r\n\r\n")
        status_line, *header_lines = head.split(b"\r\n")
        headers = {k.strip().lower(): v.strip() for k, _, v in (line.partition(b":") for line in header_lines)}
        if headers.get(b"transfer-encoding", b"").lower() == b"chunked":  # a proxy may re-frame the answer
            body = _unchunked(body)
        return int(status_line.split(b" ", 2)[1]), body

    def _stop_timers(self) -> None:
        for task in self._timers.values():
            task.cancel()
        self._timers.clear()
        if self._watcher is not None:
            self._watcher.cancel()
            self._watcher = None

    # --- HTTP with the session's cookies ---------------------------------------------------------

    def _cookie_header(self) -> str:
        return "; ".join(f"{k}={v}" for k, v in self.cookies.items())

    def _http(self, method: str, path: str, body: bytes | None = None, headers: dict[str, str] | None = None) -> tuple[int, bytes]:
        url = path if urlsplit(path).scheme else self.base + "/" + path.lstrip("/")
        request = urllib.request.Request(url, data=body, method=method, headers={**(headers or {})})
        if self.cookies:
            request.add_header("Cookie", self._cookie_header())
        with urllib.request.urlopen(request, timeout=TIMEOUT) as response:
            for header in response.headers.get_all("Set-Cookie") or []:
                self.cookies.update({k: m.value for k, m in SimpleCookie(header).items()})
            return response.status, response.read()

    def _put_file(self, url: str, name: str, data: bytes, mime: str) -> None:
        boundary = uuid.uuid4().hex
        body = (
            f'--{boundary}\r\nContent-Disposition: form-data; name="file"; filename="{name}"\r\nContent-Type: {mime}\r\n\r\n'.encode()
            + data
            + f"\r\n--{boundary}--\r\n".encode()
        )
        headers = {"Content-Type": f"multipart/form-data; boundary={boundary}"}
        if token := self.cookies.get("_streamlit_xsrf"):
            headers["X-Xsrftoken"] = token
        self._http("PUT", url, body, headers)


def _unchunked(body: bytes) -> bytes:
    """An HTTP/1.1 chunked body as its bytes (sizes in hex, each chunk followed by CRLF, a zero-size chunk last)."""
    out, rest = bytearray(), body
    while rest:
        size_line, _, rest = rest.partition(b"\r\n")
        size = int(size_line.split(b";", 1)[0], 16)
        if size == 0:
            break
        out += rest[:size]
        rest = rest[size + 2 :]
    return bytes(out)


def _newer(now: Any, seen: Any) -> bool:
    """The watcher's test (ui/watch.py `_JS`): a counter grew, or there is no number to compare."""
    return not (isinstance(now, int) and isinstance(seen, int) and now <= seen)


def _has_key(node: Node, key: str) -> bool:
    """A widget keyed `key` has the id `$$ID-<hash>-<key>`; a keyed block or element carries `st-key-<key>`."""
    return _id_has_key(node.widget_id, key)


def _id_has_key(widget_id: str, key: str) -> bool:
    return widget_id == key or widget_id.endswith(f"-{key}")


def _name(node: Node) -> str:
    """A widget's key for the run's label (the id's tail), or its type."""
    return node.widget_id.rsplit("-", 1)[-1] if node.widget_id else node.kind


def _widget_state(node: Node, value: Any) -> WidgetState:
    """The WidgetState the frontend would send for `value` in this widget (values are option labels, as on screen)."""
    state, kind = WidgetState(id=node.widget_id), node.kind
    if kind in {"button_group", "multiselect"}:
        state.string_array_value.data.extend([value] if isinstance(value, str) else list(value))
    elif kind in {"selectbox", "radio", "text_input", "text_area"}:
        state.string_value = str(value)
    elif kind == "checkbox":  # st.checkbox and st.toggle
        state.bool_value = bool(value)
    elif kind == "number_input":
        if isinstance(value, int):
            state.int_value = value
        else:
            state.double_value = float(value)
    elif kind == "dataframe":  # st.data_editor
        state.string_value = json.dumps({"edited_rows": {}, "added_rows": [], "deleted_rows": [], **value})
    elif kind == "slider":
        state.double_array_value.data.extend(value if isinstance(value, list | tuple) else [value])
    else:
        raise StreamlitError(f"setting a {kind} is not supported by this client")
    return state
