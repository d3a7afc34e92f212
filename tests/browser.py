"""Helpers for real-browser tests: a Streamlit server on localhost and Debian's Chromium."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from bench.browser import serve

PROJECT_ROOT = Path(__file__).resolve().parent.parent


@contextmanager
def streamlit_server(database_url: str) -> Iterator[str]:
    """The app served on a free localhost port (the launcher `make bench` uses), without hot reload."""
    with serve("app.py", database_url) as (base, _pid):
        yield base
