"""Decision brief: one click builds the brief for a Danish LUP as PDF and as PowerPoint."""

import streamlit as st

from reports.brief import build_brief
from reports.pdf import render_pdf
from reports.slides import render_pptx
from ui import data
from ui.i18n import LANGUAGES, language, t

st.title(t("brief.page_title"))
st.write(t("brief.intro"))

lang = st.selectbox(t("brief.language"), list(LANGUAGES), index=list(LANGUAGES).index(language()), format_func=LANGUAGES.get)
version = data.get("data_version")
stamp = f"#{version['id']} ({version['loaded_at']:%Y-%m-%d %H:%M} UTC)" if version else "—"

pdf_col, pptx_col = st.columns(2)
# The files are built when clicked (deferred), always from the data as it is at that moment.
pdf_col.download_button(
    t("brief.download_pdf"),
    lambda: render_pdf(build_brief(lang)),
    f"decision-brief-{lang}.pdf",
    "application/pdf",
    icon=":material/picture_as_pdf:",
)
pptx_col.download_button(
    t("brief.download_pptx"),
    lambda: render_pptx(build_brief(lang)),
    f"decision-brief-{lang}.pptx",
    "application/vnd.openxmlformats-officedocument.presentationml.presentation",
    icon=":material/slideshow:",
)
st.caption(t("brief.built", version=stamp))
