"""The timeline: one dot per network at its start; clicking dots selects start years, which filter the table and stay in the URL."""

from __future__ import annotations

from collections.abc import Hashable

import altair as alt
import pandas as pd
import streamlit as st

from ui import palette
from ui.charts import BuiltSpec, cached_chart, draw
from ui.data import shared
from ui.i18n import t
from ui.params import list_param
from ui.sweden.common import start_name, type_label

GREY = "#767676"  # "not reported": 4.5:1 on white (#999999 was 2.8:1)
TYPE_COLOURS = {"authority": palette.OKABE_ITO["blue"], "buyer": palette.OKABE_ITO["orange"], "not_reported": GREY}
MAX_ROWS = 150  # above this many networks the timeline counts them per start instead of drawing one row each
SEEN = "timeline-seen"  # session state: the chart selection on the previous run, to tell a click from a reopened link


def _colour(networks: pd.DataFrame, colour_by: str) -> alt.Color:
    """Initiation type in fixed colours, or financier in the Okabe-Ito palette (then grey, then black)."""
    if colour_by == "type":
        scale = alt.Scale(domain=[type_label(k) for k in TYPE_COLOURS], range=list(TYPE_COLOURS.values()))
        return alt.Color("type_label:N", title=t("sweden.col.initiation"), scale=scale)
    fin_domain = sorted(networks["financier"].unique(), key=str.casefold)
    fin_range = [*palette.OKABE_ITO.values(), GREY, "#000000"][: len(fin_domain)]
    return alt.Color("financier:N", title=t("sweden.col.financier"), scale=alt.Scale(domain=fin_domain, range=fin_range))


@cached_chart
def _chart(networks: pd.DataFrame, filtered: pd.DataFrame, colour_by: str, chosen: list[str]) -> alt.Chart:
    """Dots on a start-year axis that always shows every start, so the axis does not jump when filters change."""
    axis_labels = [start_name(s) for s in networks["start_label"].drop_duplicates()]
    pick = alt.selection_point(name="pick", fields=["start_label"], value=[{"start_label": s} for s in chosen] or alt.Undefined)
    if len(filtered) > MAX_ROWS:
        return _counts(filtered, axis_labels, pick)
    dots = (
        alt.Chart(filtered.assign(start_shown=filtered["start_label"].map(start_name)), title=t("sweden.timeline.title"))
        .encode(
            x=alt.X(
                "start_shown:O",
                sort=axis_labels,
                scale=alt.Scale(domain=axis_labels),
                title=t("sweden.timeline.x"),
                axis=alt.Axis(labelAngle=0, grid=True),
            ),
            y=alt.Y("name:N", sort=filtered["name"].tolist(), title=None, axis=alt.Axis(labelLimit=260)),
        )
        .mark_circle(size=260, stroke="white", strokeWidth=1)
        .encode(
            color=_colour(networks, colour_by),
            opacity=alt.condition(pick, alt.value(1.0), alt.value(0.25)),
            tooltip=[
                alt.Tooltip("name:N", title=t("sweden.col.network")),
                alt.Tooltip("start_shown:N", title=t("sweden.col.start")),
                alt.Tooltip("organiser:N", title=t("sweden.col.organiser")),
                alt.Tooltip("financier:N", title=t("sweden.col.financier")),
                alt.Tooltip("type_label:N", title=t("sweden.col.initiation")),
            ],
        )
        .add_params(pick)
    )
    return dots.properties(height=alt.Step(26)).configure_legend(symbolSize=160, labelLimit=260)


def _counts(filtered: pd.DataFrame, axis_labels: list[str], pick: alt.Parameter) -> alt.Chart:
    """Too many networks for one row each (the synthetic benchmark has 10 000): bars of networks per start, still clickable."""
    per_start = filtered.groupby("start_label", as_index=False, sort=False).agg(networks=("name", "count"))
    return (
        alt.Chart(per_start.assign(start_shown=per_start["start_label"].map(start_name)), title=t("sweden.timeline.title"))
        .mark_bar(color=palette.OKABE_ITO["blue"])
        .encode(
            x=alt.X("start_shown:O", sort=axis_labels, scale=alt.Scale(domain=axis_labels), title=t("sweden.timeline.x")),
            y=alt.Y("networks:Q", title=t("sweden.pays.networks")),
            detail="start_label:N",
            opacity=alt.condition(pick, alt.value(1.0), alt.value(0.35)),
            tooltip=[alt.Tooltip("start_shown:N", title=t("sweden.col.start")), alt.Tooltip("networks:Q", title=t("sweden.pays.networks"))],
        )
        .add_params(pick)
        .properties(height=320)
    )


ROW_PX = 26  # a network's row
AROUND_PX = 250  # the title, the start-year axis and the legend below


def _frame_height(spec: dict, rows: int) -> int:
    """The chart's height on screen, known before it is drawn: its place is kept while Streamlit loads the chart's
    code, instead of a 40 px placeholder that grew to ~550 px and pushed the table out of view (a layout shift, issue 17)."""
    return 320 + AROUND_PX if rows > MAX_ROWS else rows * ROW_PX + AROUND_PX


FIT = {"height": "container", "autosize": {"type": "fit", "contains": "padding"}}


def _fitted(spec: BuiltSpec) -> BuiltSpec:
    """The chart fills that height (the rows take what the title, axis and legend leave).

    Still a built spec (its datasets already Arrow, its text alternative inside): as a plain dict, `draw` made
    the text alternative and Streamlit converted the datasets again on every rerun (~1/5 of the page's rerun).
    """
    fitted = BuiltSpec({**spec, **FIT})
    fitted.sent = {**spec.sent, **FIT}
    return fitted


def _clicked(event: object) -> list[str]:
    selection = getattr(event, "selection", None) or {}
    return sorted({p.get("start_label") for p in (selection.get("pick") or []) if p.get("start_label")})


def _fitted_chart(networks: pd.DataFrame, filtered: pd.DataFrame, colour_by: str, chosen: list[str], rows: Hashable) -> BuiltSpec:
    return _fitted(_chart(networks, filtered, colour_by, chosen))


# The frames are Table 1 and the networks that the filters `rows` keep, at this data version: with the filters as the
# key, the chart cache's digest of the frames (10 000 networks at 1e6: ~1/3 of a rerun) is paid once per choice.
_timeline_chart = shared(_fitted_chart, inputs=lambda networks, filtered, colour_by, chosen, rows: (rows, colour_by, tuple(chosen)))


def timeline(networks: pd.DataFrame, filtered: pd.DataFrame, colour_by: str, rows: Hashable) -> list[str]:
    """Draw the timeline (`rows`: the filters that chose `filtered`); returns the chosen start labels (from a click,
    else from the URL `?start=2018&start=2016`)."""
    starts = networks["start_label"].drop_duplicates().tolist()
    chosen = sorted(list_param("start", starts))
    spec = _timeline_chart(networks, filtered, colour_by, chosen, rows)
    event = draw(spec, on_select="rerun", key="timeline", height=_frame_height(spec, len(filtered)))
    clicked = _clicked(event)
    if clicked != st.session_state.get(SEEN, []):  # the reader changed the selection: it wins over the URL
        st.session_state[SEEN] = chosen = clicked
    st.query_params["start"] = chosen
    hint = "sweden.timeline.hint_bars" if len(filtered) > MAX_ROWS else "sweden.timeline.hint"
    st.caption(t(hint))
    if chosen:
        st.info(t("sweden.timeline.filtered", starts=", ".join(start_name(s) for s in chosen)), icon=":material/filter_alt:")
    return chosen
