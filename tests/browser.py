"""Helpers for real-browser tests: a Streamlit server on localhost and Debian's Chromium."""

from __future__ import annotations

import asyncio
from collections.abc import Coroutine, Iterator
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager
from pathlib import Path
from typing import Any, TypeVar

from bench.browser import serve

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
