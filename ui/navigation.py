"""The app's navigation, built from the page registry (`model.pages`), titles in the reader's language."""

from __future__ import annotations

import streamlit as st

from model.pages import PAGES, SUMMIT, Page
from ui.i18n import language_selector, t


def _st_page(entry: Page, default: bool) -> st.Page:
    return st.Page(entry.path, title=t(entry.title_key), icon=entry.icon or None, url_path=entry.url_path, default=default)


def run() -> None:
    """Run the page the URL asks for: summit mode full-screen without a sidebar, else the menu of every page."""
    if st.query_params.get("mode") == "summit":  # the same URL keeps the mode
        st.navigation([_st_page(SUMMIT, default=True)], position="hidden").run()
    else:
        language_selector()
        st.navigation([_st_page(entry, default=index == 0) for index, entry in enumerate(PAGES)]).run()
