"""Server time per page with Streamlit's AppTest: cold (empty caches) and warm reruns, against the empty page."""

from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

import streamlit as st
from streamlit.runtime.pages_manager import PagesManager
from streamlit.runtime.scriptrunner import script_cache
from streamlit.testing.v1 import AppTest

from bench.stats import ratio, repeat
from model import pages
from model.db import PROJECT_ROOT

APP = PROJECT_ROOT / "app.py"
EMPTY_APP = PROJECT_ROOT / "bench" / "empty_app.py"
TIMEOUT = 900  # seconds: a cold page at 1e6 facts can take minutes before the pages are optimised


def app_pages() -> list[tuple[str, str]]:
    """(script, url_path) of every page in the navigation, in menu order (the page registry; summit mode has its own URL)."""
    return [(entry.path, entry.url_path) for entry in pages.PAGES]


def browser_paths() -> list[tuple[str, str]]:
    """(page name, URL path) of every page: the default page is served at "/", not at its url_path."""
    return [(entry.url_path, pages.browser_path(entry)) for entry in pages.PAGES]


@contextmanager
def _shared_bytecode() -> Iterator[None]:
    """One compiled copy of each script for the whole benchmark, as `streamlit run` keeps one per server.

    AppTest builds a new ScriptCache for every run, so each rerun would also re-parse and compile app.py and
    the page (10-20 ms for a long page): a cost the real server pays once per script, not per rerun.
    """
    compiled: dict[str, Any] = {}
    original = script_cache.ScriptCache.get_bytecode

    def get_bytecode(cache: script_cache.ScriptCache, script_path: str) -> Any:
        path = os.path.abspath(script_path)
        if path not in compiled:
            compiled[path] = original(cache, path)
        return compiled[path]

    script_cache.ScriptCache.get_bytecode = get_bytecode  # type: ignore[method-assign]
    try:
        yield
    finally:
        script_cache.ScriptCache.get_bytecode = original  # type: ignore[method-assign]


@contextmanager
def on_database(database_url: str) -> Iterator[None]:
    """The app's environment for AppTest: DATABASE_URL set and the project root as working directory."""
    previous = os.environ.get("DATABASE_URL")
    os.environ["DATABASE_URL"] = database_url
    cwd = os.getcwd()
    os.chdir(PROJECT_ROOT)
    try:
        yield
    finally:
        os.chdir(cwd)
        if previous is None:
            os.environ.pop("DATABASE_URL", None)
        else:
            os.environ["DATABASE_URL"] = previous


@contextmanager
def through_app() -> Iterator[None]:
    """Every AppTest run goes through app.py, as every run of `streamlit run app.py` does.

    AppTest forgets before each run that `st.navigation` has run (`PagesManager.uses_pages_directory`), so
    with a `pages/` folder beside app.py its second and later runs executed the page script alone: no
    navigation, no language bar, no data-version follower. The server remembers it for the process.
    """
    original = PagesManager.__init__

    def init(manager: PagesManager, *args: Any, **kwargs: Any) -> None:
        PagesManager.uses_pages_directory = False
        original(manager, *args, **kwargs)

    PagesManager.__init__ = init  # type: ignore[method-assign]
    try:
        yield
    finally:
        PagesManager.__init__ = original  # type: ignore[method-assign]
        PagesManager.uses_pages_directory = None


def clear_caches() -> None:
    """A cold run: Streamlit's caches and the app's process-wide ones (ui.data: query answers, shared lookups, charts)."""
    from ui import data

    st.cache_data.clear()
    st.cache_resource.clear()
    data.clear()


def _app(script: str | None) -> AppTest:
    """An AppTest of app.py opened on `script` (None: the empty page)."""
    if script is None:
        return AppTest.from_file(str(EMPTY_APP), default_timeout=TIMEOUT)
    at = AppTest.from_file(str(APP), default_timeout=TIMEOUT)
    at.switch_page(script)
    return at


def time_page(script: str | None, runs: int = 5, slow: float = 5.0) -> dict[str, Any]:
    """Cold (caches cleared before each run) and warm (rerun of an open page) script times of one page."""
    at = _app(script)
    cold = repeat(at.run, runs=runs, slow=slow, before=clear_caches)
    errors = [str(e.value)[:200] for e in at.exception]
    warm = repeat(at.run, runs=runs, slow=slow)
    return {"cold": cold, "warm": warm, "errors": errors}


def server_times(database_url: str, runs: int = 5, slow: float = 5.0, pages: list[str] | None = None) -> dict[str, Any]:
    """Every page (and the empty page) at one data size, each with its ratio to the empty page."""
    with on_database(database_url), _shared_bytecode(), through_app():
        result: dict[str, Any] = {"empty": time_page(None, runs, slow)}
        for script, url_path in app_pages():
            if pages is None or url_path in pages:
                result[url_path or script] = time_page(script, runs, slow)
    floor_cold, floor_warm = result["empty"]["cold"]["median"], result["empty"]["warm"]["median"]
    for timing in result.values():
        timing["cold"]["ratio"] = ratio(timing["cold"]["median"], floor_cold)
        timing["warm"]["ratio"] = ratio(timing["warm"]["median"], floor_warm)
    return result
