"""What several Denmark sections share: cited lines of data text, hub colours, and how the model's numbers are shown."""

from __future__ import annotations

import textwrap
from typing import Any

import altair as alt
import pandas as pd
from babel.numbers import format_decimal

from model import format as fmt
from model.projection import formula_text, whole
from ui import palette
from ui.charts import cached_chart
from ui.cite import Line, citation_help, draw_lines, escape_markdown
from ui.i18n import language, t

HUB_HEX = [palette.OKABE_ITO[c] for c in ("blue", "orange", "green", "purple", "vermillion")]  # hub 1..5
UNCOVERED_HEX = "#C8C8C8"


def cited(text: object, row: dict | None) -> Line:
    """A line of data text (escaped) and the tooltip naming its source, to draw later (`draw_lines`)."""
    return escape_markdown(text), citation_help(row or {})


def cited_names(organisations: pd.DataFrame) -> Line:
    """The organisations' names on one line, cited by the first one's source."""
    return cited(", ".join(organisations["name"]), organisations.iloc[0].to_dict() if len(organisations) else None)


def cite_md(text: object, row: dict | None) -> None:
    """A line of data text (escaped) whose tooltip names its source."""
    draw_lines([cited(text, row)])


def cite_names(organisations: pd.DataFrame) -> None:
    """The organisations' names on one line, cited by the first one's source."""
    draw_lines([cited_names(organisations)])


def show_number(value: float | None, unit: str, lang: str) -> str:
    """A model output as text in the page's language: whole currency units and processes, ratios to 2 decimals, FTE to 1."""
    if value is None or fmt.is_missing(value):
        return "—"
    if unit in ("DKK", "NOK"):
        return f"{format_decimal(round(value), locale=lang)} {unit}"
    if unit == "ratio":
        return format_decimal(round(value, 2), locale=lang)
    if unit == "FTE":
        return f"{format_decimal(round(value, 1), locale=lang)} FTE"
    return format_decimal(whole(value), locale=lang)  # a projection is never "136.1 processes"


def output_frame(rows: list[dict[str, Any]]) -> pd.DataFrame:
    """The projection's output rows with each output's label and formula in the page's language."""
    frame = pd.DataFrame.from_records(rows)
    frame["label"] = [t(f"denmark.out.{k}") for k in frame["key"]]
    frame["formula"] = [formula_text(f, language()) for f in frame["formula"]]
    return frame


def savings_band(savings: pd.DataFrame, lang: str) -> pd.DataFrame:
    """The savings rows a band chart draws, with the central projection as the reader's text ("268 mio. kr.")."""
    band = savings[["scenario", "low", "projection", "high"]].copy()
    band["projection_text"] = [fmt.amount(v, "DKK", lang) for v in band["projection"]]
    return band


@cached_chart
def savings_band_chart(savings: pd.DataFrame) -> alt.LayerChart:
    """Each scenario's savings as an interval: a rule from low to high, its ends marked, the central projection a dot inside."""
    # The note in short lines: a subtitle is not wrapped by Vega and ran off a phone's edge.
    title = alt.TitleParams(t("denmark.out.savings_chart"), subtitle=textwrap.wrap(t("denmark.out.savings_chart_note"), 44))
    single = savings["scenario"].nunique() == 1  # the builder's one band: its name would only take the plot's room
    base = alt.Chart(savings, title=title).encode(
        y=alt.Y("scenario:N", title=None, axis=None if single else alt.Axis(labelLimit=260), sort=None),
        color=alt.Color("scenario:N", legend=None, scale=alt.Scale(range=HUB_HEX)),
    )
    x = alt.X("low:Q", title=t("denmark.out.savings_axis"), scale=alt.Scale(zero=True))
    tooltip = [
        alt.Tooltip("scenario:N", title=" "),
        alt.Tooltip("low:Q", title=t("denmark.out.low"), format=",.0f"),
        alt.Tooltip("projection:Q", title=t("denmark.out.projection"), format=",.0f"),
        alt.Tooltip("high:Q", title=t("denmark.out.high"), format=",.0f"),
    ]
    rule = base.mark_rule(strokeWidth=4, opacity=0.6).encode(x=x, x2="high:Q", tooltip=tooltip)
    ends = base.mark_tick(thickness=2, size=18).encode(x=alt.X("value:Q", title=t("denmark.out.savings_axis")), tooltip=tooltip)
    ends = ends.transform_fold(["low", "high"], as_=["end", "value"])
    dot = base.mark_point(filled=True, size=140, color="black", opacity=1).encode(x="projection:Q", tooltip=tooltip)
    label = base.mark_text(dy=-16, fontSize=12, color="black").encode(x="projection:Q", text="projection_text:N")
    return (rule + ends + dot + label).properties(height=70 + 40 * savings["scenario"].nunique())
