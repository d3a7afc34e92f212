"""The innovation-procurement stair (initiera, introducera, införa): a step chart, then each level's definition, examples and dialogue."""

from __future__ import annotations

import altair as alt
import pandas as pd
import streamlit as st

from model import sweden
from model.schema import CITATION_COLUMNS
from ui import palette
from ui.charts import cached_chart, chart_panel
from ui.cite import citation_help, escape_markdown
from ui.i18n import t

LEVEL_COLOURS = alt.Scale(
    domain=["initiera", "introducera", "infora"],
    range=[palette.OKABE_ITO["orange"], palette.OKABE_ITO["sky"], palette.OKABE_ITO["green"]],
)


def stair_chart(levels: pd.DataFrame, items: pd.DataFrame) -> None:
    """Three rising steps, each labelled with its name and how many examples the report places on it."""
    chart_panel(
        _steps_chart(sweden.stair_steps(levels, items)),
        levels[["position", "name_sv", "name_en", "definition_sv", "definition_en", *CITATION_COLUMNS]],
        "innovation_procurement_stair",
    )


@cached_chart
def _steps_chart(steps_frame: pd.DataFrame) -> alt.LayerChart:
    base = alt.Chart(steps_frame, title=t("sweden.stair.title"))
    steps = (
        base.mark_rect(stroke="white", strokeWidth=3)
        .encode(
            x=alt.X("x0:Q", axis=None, scale=alt.Scale(domain=[0, 3])),
            x2="x1:Q",
            y=alt.Y("y0:Q", axis=None, scale=alt.Scale(domain=[0, 3.6])),
            y2="y1:Q",
            color=alt.Color("level_id:N", scale=LEVEL_COLOURS, legend=None),
            tooltip=[alt.Tooltip("label:N", title=""), alt.Tooltip("definition_en:N", title=""), alt.Tooltip("examples:Q", title="#")],
        )
        .transform_calculate(y0="0")
    )
    names = base.mark_text(align="left", dx=6, dy=-10, fontSize=14, fontWeight="bold").encode(x="x0:Q", y="y1:Q", text="label:N")
    examples = (
        base.mark_text(align="left", dx=6, dy=10, fontSize=11)
        .encode(x="x0:Q", y="y1:Q", text=alt.Text("examples_text:N"))
        .transform_calculate(examples_text=f"datum.examples + ' {t('sweden.stair.examples_short')}'")
    )
    return (steps + names + examples).properties(height=340)


def _level(level: dict, items: pd.DataFrame) -> None:
    st.subheader(f"{level['position']}. {escape_markdown(level['name_sv'])}")
    st.caption(escape_markdown(level["name_en"] or ""))
    st.markdown(escape_markdown(level["definition_en"] or level["definition_sv"]), help=citation_help(level))
    st.markdown(f"**{t('sweden.stair.examples')}**")
    for item in sweden.level_items(items, level["level_id"], "example").to_dict("records"):
        st.markdown("- " + escape_markdown(item["text"]), help=citation_help(item))
    st.markdown(f"**{t('sweden.stair.dialogue')}**")
    dialogue = sweden.level_items(items, level["level_id"], "dialogue")
    if dialogue.empty:
        st.caption(t("common.not_reported"))
    for item in dialogue.to_dict("records"):
        st.markdown(escape_markdown(item["text"]), help=citation_help(item))


def stair_levels(levels: pd.DataFrame, items: pd.DataFrame) -> None:
    """One column per level: definition, examples and dialogue areas, each cited."""
    for column, level in zip(st.columns(3), levels.to_dict("records"), strict=True):
        with column:
            _level(level, items)
