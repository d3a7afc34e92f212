"""The app's navigation, built from the page registry (`model.pages`), titles in the reader's language.

Why `route_through_app`: Streamlit treats an app with a `pages/` folder beside its entry point as a
pages-folder app until `st.navigation` has run once in the server process. On a fresh server the first
visit to a shared link such as `/norway` therefore runs `pages/norway.py` alone, without app.py's setup.
Every page imports `ui`, which calls `route_through_app`: that visit registers the app's pages (which
ends the pages-folder mode, as documented for `st.navigation`) and reruns through app.py. Streamlit's
automatic list of the files in `pages/` is hidden by `client.showSidebarNavigation = false` in
`.streamlit/config.toml`, so it never flashes; `run` turns the sidebar navigation on for the app's menu.
"""

from __future__ import annotations

import copy
import functools
from pathlib import Path

import streamlit as st
from streamlit.runtime.scriptrunner import get_script_run_ctx

from model import pages
from model.db import PROJECT_ROOT
from model.pages import SUMMIT, Page
from ui import style
from ui.i18n import language_bar, mark_document_language, t


def _st_page(entry: Page, default: bool, icon: bool = True) -> st.Page:
    """A fresh copy of the page made once per process: `st.navigation` and `Page.run` flip its run flag, so
    sessions must not share one object; building it (path checks, icon validation) was ~4 ms a run for the menu."""
    root = get_script_run_ctx().pages_manager.main_script_parent  # type: ignore[union-attr]
    return copy.copy(_made_page(entry, default, icon, t(entry.title_key), root))


@functools.lru_cache(maxsize=256)
def _made_page(entry: Page, default: bool, icon: bool, title: str, root: Path) -> st.Page:
    shown_icon = entry.icon or None if icon else None
    visibility = "visible" if entry.in_menu else "hidden"
    return st.Page(entry.path, title=title, icon=shown_icon, url_path=entry.url_path, default=default, visibility=visibility)


ROUTED = "routed-through-app"  # session state: app.py has run in this session


def _pages(icons: bool = True) -> list[st.Page]:
    return [_st_page(entry, default=index == 0, icon=icons) for index, entry in enumerate(pages.PAGES)]  # read now: a test may add one


def route_through_app() -> None:
    """Called when `ui` is first imported: a page that runs without app.py (see above) reruns through it.

    Only in this app: another script that imports `ui` (a test's or a benchmark's own page) is left alone.
    """
    ctx = get_script_run_ctx()
    if ctx is None or Path(ctx.main_script_path).resolve().parent != PROJECT_ROOT:
        return
    if not st.session_state.get(ROUTED):
        st.session_state[ROUTED] = True  # once: the rerun is app.py's (and this module's import runs again)
        # Without icons: a material icon would become this run's favicon, fetched from Google's font server.
        st.navigation([*_pages(icons=False), _st_page(SUMMIT, default=False)], position="hidden")
        st.rerun()


def run() -> None:
    """Run the page the URL asks for: summit mode full-screen without a sidebar, else the menu of every page."""
    st.session_state[ROUTED] = True
    st.set_option("client.showSidebarNavigation", True)  # config.toml hides it only for Streamlit's pages-folder list
    style.page()
    if st.query_params.get("mode") == "summit":  # the same URL keeps the mode
        mark_document_language()
        st.navigation([_st_page(SUMMIT, default=True)], position="hidden").run()
    else:
        # In the header, not the sidebar: a sidebar arrives after the first paint and shifts the page (issue 17).
        # Before the first visible element: the header's height is then there when the page's content arrives.
        page = st.navigation(_pages(), position="top")
        language_bar()
        page.run()
