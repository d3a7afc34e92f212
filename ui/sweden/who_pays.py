"""Who pays: networks per financier or organiser, the organiser × financier matrix, and the report's points on funding."""

from __future__ import annotations

import altair as alt
import pandas as pd
import streamlit as st

from model import sweden
from ui import palette
from ui.charts import cached_chart, chart_panel
from ui.data import cached
from ui.i18n import t
from ui.params import choice_param
from ui.sweden.common import cited_line

ROLES = ["financier", "organiser"]


def party_counts() -> None:
    """Bars: how many networks each financier (or organiser) has; the choice stays in the URL."""
    count_by = st.segmented_control(
        t("sweden.pays.count_by"),
        ROLES,
        default=choice_param("count", ROLES, "financier"),
        format_func=lambda r: t(f"sweden.pays.by.{r}"),
        key="f-count",
    )
    count_by = count_by or "financier"
    st.query_params["count"] = count_by
    counts = cached(sweden.party_counts)(count_by)
    chart_panel(_counts_chart(counts, count_by), counts, f"swedish_network_{count_by}s")


@cached_chart
def _counts_chart(counts: pd.DataFrame, count_by: str) -> alt.Chart:
    return (
        alt.Chart(counts, title=t(f"sweden.pays.count_title.{count_by}"))
        .mark_bar(color=palette.OKABE_ITO["blue" if count_by == "financier" else "vermillion"])
        .encode(
            x=alt.X("networks:Q", title=t("sweden.pays.networks"), axis=alt.Axis(tickMinStep=1)),
            y=alt.Y("party:N", sort="-x", title=None, axis=alt.Axis(labelLimit=240)),
            tooltip=[alt.Tooltip("party:N", title=t(f"sweden.col.{count_by}")), "networks:Q", alt.Tooltip("names:N", title="")],
        )
        .properties(height=alt.Step(28))
    )


def organiser_financier_matrix() -> None:
    """A heat map of who organises with whose money, with the count written in each cell."""
    chart_panel(
        _matrix_chart(cached(sweden.organiser_financier_matrix)()), cached(sweden.funding_links)(), "swedish_organiser_financier_links"
    )


@cached_chart
def _matrix_chart(matrix: pd.DataFrame) -> alt.LayerChart:
    heat = alt.Chart(matrix, title=t("sweden.pays.matrix_title")).encode(
        x=alt.X("financier:N", title=t("sweden.col.financier"), axis=alt.Axis(labelAngle=-40, labelOverlap=False)),
        y=alt.Y("organiser:N", title=t("sweden.col.organiser"), axis=alt.Axis(labelLimit=220)),
    )
    return (
        heat.mark_rect(color=palette.OKABE_ITO["green"]).encode(
            opacity=alt.Opacity("networks:Q", scale=alt.Scale(domain=[0, 2]), legend=None),
            tooltip=["organiser:N", "financier:N", "networks:Q", alt.Tooltip("names:N", title="")],
        )
        + heat.mark_text(fontSize=12).encode(text="networks:Q")
    ).properties(height=alt.Step(26))


def _cited_lines(points: pd.DataFrame) -> None:
    for item in points.to_dict("records"):
        cited_line(item["text_en"], item)


def funding_points() -> None:
    """The report on short- versus long-term funding: key points, the rest, and each network's funding folded away."""
    key, more, per_network = sweden.funding_groups(cached(sweden.funding_points)())
    short_col, long_col = st.columns(2)
    with short_col:
        st.markdown(f"**{t('sweden.funding.key')}**")
        _cited_lines(key)
    with long_col:
        st.markdown(f"**{t('sweden.funding.more')}**")
        _cited_lines(more)
    with st.expander(t("sweden.funding.per_network")):
        _cited_lines(per_network)
