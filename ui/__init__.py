"""Small shared UI helpers: cached data access, citations, formatting, maps.

Importing `ui` also makes sure every page runs inside `app.py`'s navigation.
Streamlit treats an app with a `pages/` folder as a v1 multipage app until the
first run of `st.navigation` in the process; until then a shared link such as
`/norway` would run `pages/norway.py` alone, with file names in the sidebar and
without the app's setup. The first page to notice switches that mode off and
reruns, so the request goes through `app.py` like any other.
"""

from streamlit.runtime.pages_manager import PagesManager

if PagesManager.uses_pages_directory:
    import streamlit as st

    PagesManager.uses_pages_directory = False
    st.rerun()
