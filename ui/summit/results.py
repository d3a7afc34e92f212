"""The room's answers on the big screen: count, per-factor distribution or vote shares, labelled as the room's.

Never mixed with cited figures: the slide carries the "room's answers" label, no source line,
and its own colours. The fragment redraws once a second, so an answer shows within the 3 s asked.
"""

from __future__ import annotations

import html
from typing import Any

import altair as alt
import pandas as pd
import streamlit as st

from model import format as fmt
from model import live
from model.db import get_engine
from ui import palette
from ui.i18n import language, t
from ui.summit.questions import factor_names, question_title
from ui.summit.svg import svg_chart

ROOM_COLOUR = palette.OKABE_ITO["purple"]  # not a country colour: the room's answers are not a country's figures


def _num(value: float | None) -> str:
    return "—" if value is None else fmt.number(value, language())


def readiness_chart(rows: pd.DataFrame) -> alt.LayerChart:
    """Per factor: the range as a thin line, the middle half as a bar, the median as a tick with its value."""
    x = alt.X(
        "low:Q",
        scale=alt.Scale(domain=[0, 5]),
        title=t("live.score_axis"),
        axis=alt.Axis(values=[0, 1, 2, 3, 4, 5], format="d", labelFontSize=30, titleFontSize=30, grid=True),
    )
    y = alt.Y("factor:N", sort=None, title=None, axis=alt.Axis(labelFontSize=30, labelLimit=520, ticks=False, domain=False))
    base = alt.Chart(rows).encode(y=y)
    spread = base.mark_rule(strokeWidth=5, color=ROOM_COLOUR, opacity=0.6).encode(x=x, x2="high:Q")
    middle = base.mark_bar(height=44, color=ROOM_COLOUR, opacity=0.45).encode(x="q1:Q", x2="q3:Q")
    median = base.mark_tick(thickness=8, size=60, color="#3b0a2a").encode(x="median:Q")
    label = base.mark_text(align="left", dx=18, dy=-30, fontSize=28, fontWeight="bold", color="#3b0a2a").encode(
        x="median:Q", text="median_text:N"
    )
    return (spread + middle + median + label).properties(width=1500, height=560).configure_view(stroke=None)


def vote_chart(rows: pd.DataFrame) -> alt.LayerChart:
    x = alt.X("share:Q", axis=None, scale=alt.Scale(domain=[0, 1.25]))
    y = alt.Y("name:N", sort=None, title=None, axis=alt.Axis(labelFontSize=30, labelLimit=600, ticks=False, domain=False))
    base = alt.Chart(rows).encode(y=y)
    bars = base.mark_bar(height=56, color=ROOM_COLOUR).encode(x=x)
    labels = base.mark_text(align="left", dx=14, fontSize=32, fontWeight="bold", color="#111").encode(x=x, text="label:N")
    return (bars + labels).properties(width=1500, height=max(220, 110 * len(rows))).configure_view(stroke=None)


def _readiness(question: dict[str, Any], summary: dict[str, Any]) -> None:
    names = factor_names(language())
    rows = pd.DataFrame(summary["rows"])
    rows["factor"] = [names.get(f, f) for f in rows["factor_id"]]
    answered = rows.dropna(subset=["median"])
    if answered.empty:
        st.markdown(t("live.no_answers_yet"))
        return
    answered = answered.assign(median_text=[t("live.median", value=_num(m)) for m in answered["median"]])
    alt_text = (
        t("live.readiness_alt")
        + " "
        + "; ".join(
            t(
                "live.factor_summary",
                factor=r.factor,
                median=_num(r.median),
                q1=_num(r.q1),
                q3=_num(r.q3),
                low=_num(r.low),
                high=_num(r.high),
            )
            for r in answered.itertuples()
        )
    )
    svg_chart(readiness_chart(answered[["factor", "low", "high", "q1", "q3", "median", "median_text"]]), alt_text)
    st.caption(t("live.readiness_legend"))


def _vote(question: dict[str, Any], summary: dict[str, Any]) -> None:
    rows = pd.DataFrame(summary["rows"])
    rows["label"] = [f"{fmt.number(round(100 * s), language())} % ({v})" for s, v in zip(rows["share"], rows["votes"], strict=True)]
    rows["name"] = rows["name"].astype(str)  # scenario names are people's text: drawn inside the SVG as text, never markup
    alt_text = t("live.vote_alt") + " " + "; ".join(f"{n}: {lab}" for n, lab in zip(rows["name"], rows["label"], strict=True))
    svg_chart(vote_chart(rows[["name", "share", "label"]]), alt_text)


def room_results(question: dict[str, Any]) -> None:
    """Title, the room label, the live count (`live-count`) and the distribution of one question."""
    summary = live.results(question, get_engine())
    st.title(question_title(question["kind"]), anchor=False)
    status = t("live.status_open") if question["status"] == live.OPEN else t("live.status_closed")
    st.markdown(f'<span class="room-label">{html.escape(t("live.room_label"))}</span> {html.escape(status)}', unsafe_allow_html=True)
    count_col, chart_col = st.columns([1, 4], vertical_alignment="center")
    with count_col:
        with st.container(key="live-count"):
            st.markdown(f'<p class="summit-figure">{summary["count"]}</p>', unsafe_allow_html=True)
        st.caption(t("live.count_label", n=summary["count"]))
    with chart_col:
        if question["kind"] == live.READINESS:
            _readiness(question, summary)
        else:
            _vote(question, summary)
