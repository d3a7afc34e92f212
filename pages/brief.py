"""Decision brief: one click builds the brief for a Danish LUP as PDF and as PowerPoint."""

import pandas as pd
import streamlit as st
from babel.numbers import format_decimal

from model import denmark, live, scenarios
from reports.brief import build_brief
from reports.pdf import render_pdf
from reports.slides import render_pptx
from ui import data
from ui.i18n import LANGUAGES, language, t, text

st.title(t("brief.page_title"))
st.write(t("brief.intro"))

lang = st.selectbox(t("brief.language"), list(LANGUAGES), index=list(LANGUAGES).index(language()), format_func=LANGUAGES.get)
version = data.get("data_version")
stamp = f"#{version['id']} ({version['loaded_at']:%Y-%m-%d %H:%M} UTC)" if version else "—"

saved = scenarios.list_scenarios()
if saved.empty:
    st.caption(t("brief.no_scenarios"))
    names, chosen = {}, []
else:
    names = dict(zip(saved["id"], saved["name"], strict=True))
    chosen = st.multiselect(t("brief.scenarios"), list(names), format_func=names.get, key="brief_scenarios", placeholder=t("common.choose"))


def scenario_table(scenario_id: int, lang: str) -> pd.DataFrame:
    """A saved scenario's projections in the brief's language, each with its formula (projections, not sourced figures)."""
    table = denmark.projection_table(scenarios.get(scenario_id)["inputs"])

    def number(value: float, unit: str) -> str:
        if pd.isna(value):
            return ""
        return (
            f"{format_decimal(round(value), locale=lang)} {unit}"
            if unit in ("DKK", "NOK")
            else format_decimal(round(value, 2), locale=lang)
        )

    rows = table.to_dict("records")
    return pd.DataFrame(
        {
            text("denmark.out.what", lang): [text(f"denmark.out.{r['key']}", lang) for r in rows],
            text("denmark.out.projection", lang): [number(r["projection"], r["unit"]) for r in rows],
            f"{text('denmark.out.low', lang)} – {text('denmark.out.high', lang)}": [
                f"{number(r['low'], r['unit'])} – {number(r['high'], r['unit'])}" if not pd.isna(r["low"]) else "" for r in rows
            ],
            text("common.formula", lang): [r["formula"] for r in rows],
        }
    )


def scenario_tables(lang: str) -> list:
    return [(names[i], scenario_table(i, lang)) for i in chosen]


room = bool(live.room_said()) and st.checkbox(t("brief.include_room"), key="brief_room")  # the summit room's answers, when there are any
pdf_col, pptx_col = st.columns(2)
# The files are built when clicked (deferred), always from the data as it is at that moment.
pdf_col.download_button(
    t("brief.download_pdf"),
    lambda: render_pdf(build_brief(lang, scenarios=scenario_tables(lang), room=room)),
    f"decision-brief-{lang}.pdf",
    "application/pdf",
    icon=":material/picture_as_pdf:",
)
pptx_col.download_button(
    t("brief.download_pptx"),
    lambda: render_pptx(build_brief(lang, scenarios=scenario_tables(lang), room=room)),
    f"decision-brief-{lang}.pptx",
    "application/vnd.openxmlformats-officedocument.presentationml.presentation",
    icon=":material/slideshow:",
)
st.caption(t("brief.built", version=stamp))
