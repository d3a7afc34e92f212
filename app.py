"""Nordic Procurement Compass: entry point. `streamlit run app.py` (or `make run`).

It only sets up and routes: the pages are `model.pages`, their navigation `ui.navigation`.
"""

from __future__ import annotations

import streamlit as st

from model.db import StoreUnavailable, database_url
from ui import navigation, store, watch
from ui.i18n import keep_language

st.set_page_config(page_icon=":compass:", layout="wide")  # each page's <title> is its own st.Page title, translated
keep_language()

try:  # the schema is migrated by `python -m seed migrate`, never here; a database that is behind is not served
    problem = store.problem(database_url())
except StoreUnavailable as exc:
    store.unreachable(exc)
    st.stop()
if problem:
    st.error(problem, icon=":material/database:")
    st.stop()


def page() -> None:
    watch.begin()
    navigation.run()
    watch.follow_page()  # the data version, unless the page follows the summit room itself


store.serve(page)  # an unreachable store: one plain message, retried, instead of a traceback
