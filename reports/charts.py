"""Charts shared by the screen and the brief, drawn so that a lower bound never looks exact.

A figure the source states as "more than" (Denmark's "> 300 bn") is an open-ended bar: lighter, with a
triangle at its end pointing on, and its label says "> … (lower bound)". A figure of another year than the
chosen one says its year on the chart itself.
"""

from __future__ import annotations

import re

import altair as alt
import pandas as pd

BOUNDED = {"more_than": "> ", "at_least": "≥ "}
# d3-format locales for vl-convert's axis numbers (Norwegian is not among d3's named ones).
FORMAT_LOCALES: dict[str, str | dict] = {
    "en": "en-GB",
    "da": "da-DK",
    "sv": "sv-SE",
    "nb": {"decimal": ",", "thousands": "\u00a0", "grouping": [3], "currency": ["", "\u00a0kr"]},
}
_YEAR = re.compile(r"(?:19|20)\d\d")


def stated_year(as_of: object) -> str | None:
    """The year a figure refers to, from its `as_of` ('annual; document dated 29.01.2015' -> '2015'); None if undated."""
    years = _YEAR.findall(str(as_of or ""))
    return years[-1] if years else None


def bar_labels(frame: pd.DataFrame, value_text: list[str], year: int, lower_bound: str, undated: str) -> list[str]:
    """'> 52 t kr. (lower bound, undated)': the qualifier's sign, the word for it and a year that is not the chosen one."""
    labels = []
    for row, value in zip(frame.to_dict("records"), value_text, strict=True):
        notes = [lower_bound] if row.get("qualifier") in BOUNDED else []
        figure_year = stated_year(row.get("as_of"))
        if figure_year != str(year):
            notes.append(figure_year or undated)
        labels.append(BOUNDED.get(row.get("qualifier") or "", "") + value + (f" ({', '.join(notes)})" if notes else ""))
    return labels


def per_capita_chart(
    frame: pd.DataFrame, title: str, axis: str, colour: alt.Color | str, width: int | str = "container", room: float = 1.0
) -> alt.LayerChart:
    """Bars of `per_capita` by `country_name` with `bar_label` at their end; `bounded` rows open-ended.

    `room` > 1 runs the axis on past the largest bar so its label fits inside the chart (a file has no page to spill onto).
    """
    frame = frame.assign(bounded=frame["qualifier"].isin(list(BOUNDED)))
    scale = alt.Scale(domain=[0, float(frame["per_capita"].max()) * room], nice=False) if room > 1 else alt.Scale(nice=True)
    base = alt.Chart(frame).encode(
        y=alt.Y("country_name:N", title=None, sort=None, axis=alt.Axis(labelFontSize=14)),
        x=alt.X("per_capita:Q", title=axis, scale=scale, axis=alt.Axis(labelFontSize=12, titleFontSize=13, tickCount=5)),
    )
    colour_channel = colour if isinstance(colour, alt.Color) else alt.value(colour)
    bars = base.mark_bar().encode(color=colour_channel, opacity=alt.condition("datum.bounded", alt.value(0.45), alt.value(1.0)))
    open_end = (
        base.transform_filter("datum.bounded")
        .mark_point(shape="triangle-right", filled=True, size=160, xOffset=6)
        .encode(color=colour_channel)
    )
    labels = base.mark_text(align="left", dx=14, fontSize=14).encode(text="bar_label:N")
    layered = alt.layer(bars, open_end, labels).properties(title=title, width=width, height=alt.Step(56))
    return layered.configure_title(fontSize=16, anchor="start") if width != "container" else layered
