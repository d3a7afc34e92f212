"""Helpers for real-browser tests: a Streamlit server on localhost and Debian's Chromium."""

from __future__ import annotations

import asyncio
import io
import time
from collections.abc import Callable, Coroutine, Iterator
from concurrent.futures import ThreadPoolExecutor
from contextlib import AbstractContextManager, ExitStack, contextmanager
from pathlib import Path
from typing import Any, TypeVar

from bench.browser import PAINTED, serve

PROJECT_ROOT = Path(__file__).resolve().parent.parent
T = TypeVar("T")


def run_async(coroutine: Coroutine[Any, Any, T]) -> T:
    """Run a websocket scenario to the end in a thread of its own.

    Playwright's sync API (the session-wide `browser` fixture) leaves its event loop marked as running in the main
    thread for the whole test run, so a plain `asyncio.run` there fails once any browser test has started.
    """
    with ThreadPoolExecutor(max_workers=1) as worker:
        return worker.submit(asyncio.run, coroutine).result()


@contextmanager
def streamlit_server(database_url: str, script: str = "app.py") -> Iterator[str]:
    """The app served on a free localhost port (the launcher `make bench` uses), without hot reload.

    `script="serve.py"` is what `make run` serves: warm start, and `/_compass/changes` for tabs to poll.
    """
    with serve(script, database_url, start_timeout=180) as (base, _pid):
        yield base


@contextmanager
def together(*managers: AbstractContextManager[T]) -> Iterator[list[T]]:
    """Enter several servers at once (each start-up mostly waits on its own warm start), leave them all afterwards.

    A server that started is stopped even when another failed to start (that failure is raised).
    """
    with ExitStack() as stack:
        with ThreadPoolExecutor(max_workers=len(managers)) as pool:
            started = [pool.submit(manager.__enter__) for manager in managers]
        for manager, future in zip(managers, started, strict=True):
            if future.exception() is None:
                stack.push(manager.__exit__)
        yield [future.result() for future in started]


# The page's script has finished its run (the attribute Streamlit's own end-to-end tests wait for; "initial" before the
# first run) and every chart and map has drawn the element it received: what a reader sees once the page stops moving.
DRAWN = """() => document.querySelector('[data-testid=stApp][data-test-script-state=notRunning]') !== null
  && [...document.querySelectorAll('[data-testid=stVegaLiteChart]')].every(c => c.querySelector('svg, canvas'))
  && [...document.querySelectorAll('[data-testid=stDeckGlJsonChart]')].every(c => c.querySelector('canvas'))"""
HEADING = '[data-testid="stMainBlockContainer"] h1, [data-testid="stMainBlockContainer"] h2'


def settled(page: Any, timeout: float = 60_000) -> None:
    """Wait until the page shows its heading and has drawn everything (bounded), instead of a fixed sleep."""
    page.wait_for_selector(HEADING, timeout=timeout)
    page.wait_for_function(DRAWN, timeout=timeout)


def painted(page: Any) -> None:
    """After `settled`: the frames holding the maps' first drawing are on screen (a map's canvas is in the page
    before deck.gl has drawn into it), for a screenshot."""
    page.evaluate(PAINTED)


def look_at_each(
    browser: Any, urls: list[str], look: Callable[[Any, str], T], tabs: int = 3, **page_options: Any
) -> dict[str, T | Exception]:
    """`look(page, url)` at every url once it has drawn, a few tabs at a time; a view that fails keeps its exception.

    Playwright's sync API blocks only this thread: while one tab is looked at, Chromium and the server draw the
    next views in the others, so the views cost about the slowest share of the machine rather than their sum.
    """
    todo, found = list(urls), {}
    pages = {browser.new_page(**page_options): "" for _ in range(min(tabs, len(todo)))}
    for page in pages:
        pages[page] = todo.pop(0)
        page.goto(pages[page], wait_until="commit")
    while pages:
        for page, url in list(pages.items()):
            try:
                settled(page)
                found[url] = look(page, url)
            except Exception as error:  # the test of that view reports it
                found[url] = error
            if todo:
                pages[page] = todo.pop(0)
                page.goto(pages[page], wait_until="commit")
            else:
                del pages[page]
                page.close()
    return found


def map_drawn(page: Any, deck: Any, timeout: float = 30) -> bytes:
    """A screenshot of a deck.gl map once it shows shapes and holds still (deck.gl draws on the animation frames after
    its element mounts): two identical shots of more than a flat colour, bounded; the last shot either way."""
    from PIL import Image

    deadline, last = time.monotonic() + timeout, b""
    while True:
        shot = deck.screenshot()
        colours = Image.open(io.BytesIO(shot)).convert("RGB").resize((120, 120)).getcolors(maxcolors=120 * 120)
        if (shot == last and colours and len(colours) > 20) or time.monotonic() > deadline:
            return shot
        last = shot
        page.wait_for_timeout(100)  # the next poll
