"""The targets: every numbered result target, filtered by sub-goal (in the URL), and the outcomes the sources report."""

from __future__ import annotations

import altair as alt
import pandas as pd
import streamlit as st

from model import format as fmt
from model import norway
from model.schema import CITATION_COLUMNS
from ui import palette
from ui.charts import cached_chart, chart_panel
from ui.cite import cited_metric
from ui.data import cached
from ui.i18n import language, nt, t
from ui.norway.common import ALL
from ui.params import choice_param, remember_param


def goal_filter() -> str:
    """A sub-goal ("all" by default), from the link on arrival and back into the URL."""
    goal_ids = [ALL, *cached(norway.goal_ids)()]
    st.session_state.setdefault("norway-goal", choice_param("goal", goal_ids, ALL))
    goal = (
        st.segmented_control(
            t("norway.targets.goal"),
            goal_ids,
            key="norway-goal",
            format_func=lambda g: t("norway.all_goals") if g == ALL else t(f"norway.goal.{g}"),
        )
        or ALL
    )
    remember_param("goal", goal, ALL)
    return goal


def _reported_text(row: dict) -> str:
    if fmt.is_missing(row["reported_value"]):
        return t("common.not_reported")
    return f"{fmt.amount(float(row['reported_value']), row['reported_unit'], language())} ({row['reported_as_of']})"


def _target_table(shown: pd.DataFrame) -> pd.DataFrame:
    lang = language()
    return pd.DataFrame(
        {
            t("norway.col.number"): shown["target_id"],
            t("norway.col.goal"): [t(f"norway.goal.{g}") for g in shown["goal_id"]],
            t("norway.col.target"): shown["text_en"],
            t("norway.col.value"): [
                fmt.number(v, lang) if not fmt.is_missing(v) else t("norway.not_stated") for v in shown["target_value"]
            ],
            t("norway.col.unit"): shown["unit"],
            t("norway.col.deadline"): shown["deadline"],
            t("norway.col.reported"): [_reported_text(r) for r in shown.to_dict("records")],
            t("norway.col.reported_note"): shown["reported_note"],
            **{column: shown[column] for column in CITATION_COLUMNS},
        }
    )


@cached_chart
def _targets_chart(numeric: pd.DataFrame) -> alt.LayerChart:
    """Bars coloured by main goal, each labelled with its value and unit (units differ, so the axis alone would mislead)."""
    bars = alt.Chart(numeric, title=t("norway.targets.chart_title")).encode(
        x=alt.X("target_value:Q", title=t("norway.col.value")),
        y=alt.Y("target_id:N", sort=list(numeric["target_id"]), title=t("norway.col.number")),
        tooltip=[
            alt.Tooltip("target_id:N", title=t("norway.col.number")),
            alt.Tooltip("text_en:N", title=t("norway.col.target")),
            alt.Tooltip("label:N", title=t("norway.col.value")),
            alt.Tooltip("deadline:N", title=t("norway.col.deadline")),
        ],
    )
    goal_colours = alt.Scale(range=[palette.OKABE_ITO[c] for c in ("blue", "orange", "green")])
    legend = alt.Legend(orient="bottom", labelLimit=400)
    return (
        bars.mark_bar().encode(color=alt.Color("goal_name:N", title=t("norway.col.goal"), scale=goal_colours, legend=legend))
        + bars.mark_text(align="left", dx=4, fontSize=11).encode(text="label:N")
    ).properties(height=alt.Step(24))


def targets_panel(goal: str) -> None:
    """The chart of numeric targets and the table of all of them (of one sub-goal, or all), with their sources."""
    targets = cached(norway.targets)()
    shown = targets if goal == ALL else targets[targets["goal_id"] == goal]
    numeric = shown.dropna(subset=["target_value"]).assign(goal_name=lambda f: [t(f"norway.goal.{g}") for g in f["goal_id"]])
    numeric["label"] = [f"{fmt.number(v, language())} {u}" for v, u in zip(numeric["target_value"], numeric["unit"], strict=True)]
    chart_panel(_targets_chart(numeric), _target_table(shown), "lup_result_targets")
    st.caption(nt("norway.targets.caption", len(shown) - len(numeric)))


def outcomes() -> None:
    """What the sources report LUP achieved, as cited metrics with their caveats (none of them is progress on a target)."""
    rows = cached(norway.other_outcomes)().to_dict("records")
    for column, row in zip(st.columns(3), rows, strict=False):
        with column:
            cited_metric(row["label_en"], row, language())
