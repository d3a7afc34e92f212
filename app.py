"""Nordic Procurement Compass: entry point. `streamlit run app.py` (or `make run`)."""

from __future__ import annotations

import streamlit as st

from model.db import database_url
from ui import data

st.set_page_config(page_title="Nordic Procurement Compass", page_icon=":compass:", layout="wide")

problems = data.ensure_loaded(database_url())
if problems:
    st.error("The seed files have problems, so the dashboard could not load its data:")
    st.code("\n".join(problems), language=None)
    st.stop()

PAGES = [
    st.Page("pages/overview.py", title="Nordic overview", icon=":material/public:", url_path="overview", default=True),
    st.Page("pages/norway.py", title="Norway: LUP", icon=":material/flag:", url_path="norway"),
    st.Page("pages/sweden.py", title="Sweden: buyer networks", icon=":material/groups:", url_path="sweden"),
    st.Page("pages/denmark.py", title="Denmark: a Danish LUP?", icon=":material/handshake:", url_path="denmark"),
    st.Page("pages/map.py", title="Map", icon=":material/map:", url_path="map"),
    st.Page("pages/sources.py", title="Sources", icon=":material/menu_book:", url_path="sources"),
]

st.navigation(PAGES).run()
