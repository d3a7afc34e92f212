"""Nordic Procurement Compass: entry point. `streamlit run app.py` (or `make run`)."""

from __future__ import annotations

import streamlit as st

from model.db import database_url
from ui import data
from ui.i18n import keep_language, language_selector, mark_document_language, t

st.set_page_config(page_icon=":compass:", layout="wide")  # each page's <title> is its own st.Page title, translated
keep_language()

problems = data.ensure_loaded(database_url())
if problems:
    st.error("The seed files have problems, so the dashboard could not load its data:")
    st.code("\n".join(problems), language=None)
    st.stop()

PAGES = [
    st.Page("pages/overview.py", title=t("nav.overview"), icon=":material/public:", url_path="overview", default=True),
    st.Page("pages/norway.py", title=t("nav.norway"), icon=":material/flag:", url_path="norway"),
    st.Page("pages/sweden.py", title=t("nav.sweden"), icon=":material/groups:", url_path="sweden"),
    st.Page("pages/denmark.py", title=t("nav.denmark"), icon=":material/handshake:", url_path="denmark"),
    st.Page("pages/map.py", title=t("nav.map"), icon=":material/map:", url_path="map"),
    st.Page("pages/sources.py", title=t("nav.sources"), icon=":material/menu_book:", url_path="sources"),
    st.Page("pages/brief.py", title=t("nav.brief"), icon=":material/description:", url_path="brief"),
    st.Page("pages/admin.py", title=t("nav.admin"), icon=":material/edit_note:", url_path="admin"),
    st.Page("pages/glossary.py", title=t("nav.glossary"), icon=":material/translate:", url_path="glossary"),
]

data.follow_data_version()
mark_document_language()

if st.query_params.get("mode") == "summit":
    # Summit mode: one full-screen page, no sidebar; the same URL keeps the mode.
    st.navigation([st.Page("pages/summit.py", title=t("app.title"), url_path="summit", default=True)], position="hidden").run()
else:
    language_selector()
    st.navigation(PAGES).run()
