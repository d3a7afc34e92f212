"""Nordic Procurement Compass: entry point. `streamlit run app.py` (or `make run`).

It only sets up and routes: the pages are `model.pages`, their navigation `ui.navigation`.
"""

from __future__ import annotations

import streamlit as st

from model.db import database_url
from ui import data, navigation
from ui.i18n import keep_language, mark_document_language

st.set_page_config(page_icon=":compass:", layout="wide")  # each page's <title> is its own st.Page title, translated
keep_language()

problems = data.ensure_loaded(database_url())
if problems:
    st.error("The seed files have problems, so the dashboard could not load its data:")
    st.code("\n".join(problems), language=None)
    st.stop()

data.follow_data_version()
mark_document_language()
navigation.run()
