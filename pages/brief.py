"""Decision brief: one click builds the brief for a Danish LUP as PDF and as PowerPoint."""

import streamlit as st

from model import live, overview, queries, scenarios
from reports.brief import build_brief
from reports.pdf import render_pdf
from reports.slides import render_pptx
from ui.data import cached
from ui.i18n import LANGUAGES, language, t
from ui.params import choice_param, int_param

CURRENCIES = ["EUR", "NOK", "SEK", "DKK"]

st.title(t("brief.page_title"))
st.write(t("brief.intro"))

lang = st.selectbox(t("brief.language"), list(LANGUAGES), index=list(LANGUAGES).index(language()), format_func=LANGUAGES.get)
version = cached(queries.data_version)()
stamp = f"#{version['id']} ({version['loaded_at']:%Y-%m-%d %H:%M} UTC)" if version else "—"

# The chart in the reader's currency and exchange-rate year: the overview's choice (kept in the URL) unless changed here.
years = cached(overview.rate_years)()
wanted_year = int_param("year", 2016, 0, 9999)
choose_currency, choose_year = st.columns(2)
currency = choose_currency.selectbox(
    t("overview.normalised.currency"), CURRENCIES, index=CURRENCIES.index(choice_param("currency", CURRENCIES, "EUR")), key="brief-currency"
)
year = choose_year.selectbox(
    t("overview.normalised.year"), years, index=years.index(wanted_year) if wanted_year in years else 0, key="brief-year"
)

names = scenarios.names()
if not names:
    st.caption(t("brief.no_scenarios"))
    chosen = []
else:
    chosen = st.multiselect(t("brief.scenarios"), list(names), format_func=names.get, key="brief_scenarios", placeholder=t("common.choose"))

room = live.room_answered() and st.checkbox(t("brief.include_room"), key="brief_room")  # once the summit room has answered

pdf_col, pptx_col = st.columns(2)
# The files are built when clicked (deferred), always from the data as it is at that moment.
pdf_col.download_button(
    t("brief.download_pdf"),
    lambda: render_pdf(build_brief(lang, chosen, currency=currency, year=year, room=room)),
    f"decision-brief-{lang}.pdf",
    "application/pdf",
    icon=":material/picture_as_pdf:",
    on_click="ignore",
)
pptx_col.download_button(
    t("brief.download_pptx"),
    lambda: render_pptx(build_brief(lang, chosen, currency=currency, year=year, room=room)),
    f"decision-brief-{lang}.pptx",
    "application/vnd.openxmlformats-officedocument.presentationml.presentation",
    icon=":material/slideshow:",
    on_click="ignore",
)
st.caption(t("brief.built", version=stamp))
