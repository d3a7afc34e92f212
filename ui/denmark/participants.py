"""Section 2, who was at the table: participants by country and sector, as a chart with its table and sources."""

from __future__ import annotations

import altair as alt
import pandas as pd

from model.schema import CITATION_COLUMNS, Sector
from ui import palette
from ui.charts import cached_chart, chart_panel
from ui.i18n import t

SECTOR_ORDER = list(Sector)


def _named(frame: pd.DataFrame) -> pd.DataFrame:
    """The frame with its country and sector codes also as names in the page's language."""
    return frame.assign(
        country_name=[t(f"country.{c}") for c in frame["country"]],
        sector_name=[t(f"denmark.sector.{s}") for s in frame["sector"]],
    )


@cached_chart
def _chart(counts: pd.DataFrame) -> alt.Chart:
    country, count = t("denmark.participants.country"), t("denmark.participants.count")
    return (
        alt.Chart(_named(counts), title=t("denmark.participants.chart"))
        .mark_bar()
        .encode(
            x=alt.X("organisations:Q", title=count, axis=alt.Axis(tickMinStep=1)),
            y=alt.Y("sector_name:N", title=None, sort=[t(f"denmark.sector.{s}") for s in SECTOR_ORDER], axis=alt.Axis(labelLimit=260)),
            color=alt.Color(
                "country_name:N",
                title=country,
                scale=alt.Scale(domain=[t("country.NO"), t("country.DK")], range=[palette.country_colour(c) for c in ("NO", "DK")]),
            ),
            tooltip=[
                alt.Tooltip("country_name:N", title=country),
                alt.Tooltip("sector_name:N", title=t("denmark.participants.sector")),
                alt.Tooltip("organisations:Q", title=count),
                alt.Tooltip("names:N", title=t("denmark.participants.names")),
            ],
        )
        .properties(height=220)
    )


def _table(participants: pd.DataFrame) -> pd.DataFrame:
    columns = ["name", "name_en", "country_name", "sector_name", *CITATION_COLUMNS]
    return _named(participants)[columns].rename(
        columns={
            "name": t("denmark.participants.organisation"),
            "name_en": t("denmark.participants.name_en"),
            "country_name": t("denmark.participants.country"),
            "sector_name": t("denmark.participants.sector"),
        }
    )


def participants_panel(participants: pd.DataFrame, counts: pd.DataFrame) -> None:
    """The chart of counts, the table of every organisation, their sources and downloads."""
    chart_panel(_chart(counts), _table(participants), "summit_participants")
