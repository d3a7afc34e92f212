"""What several Denmark sections share: cited lines of data text, hub colours, and how the model's numbers are shown."""

from __future__ import annotations

from typing import Any

import pandas as pd
import streamlit as st
from babel.numbers import format_decimal

from model import format as fmt
from ui import palette
from ui.cite import citation_help, escape_markdown
from ui.i18n import t

HUB_HEX = [palette.OKABE_ITO[c] for c in ("blue", "orange", "green", "purple", "vermillion")]  # hub 1..5
UNCOVERED_HEX = "#C8C8C8"


def cite_md(text: object, row: dict | None) -> None:
    """A line of data text (escaped) whose tooltip names its source."""
    st.markdown(escape_markdown(text), help=citation_help(row or {}))


def cite_names(organisations: pd.DataFrame) -> None:
    """The organisations' names on one line, cited by the first one's source."""
    cite_md(", ".join(organisations["name"]), organisations.iloc[0].to_dict() if len(organisations) else None)


def show_number(value: float | None, unit: str, lang: str) -> str:
    """A model output as text in the page's language: whole currency units, ratios to 2 decimals, the rest to 1."""
    if value is None or fmt.is_missing(value):
        return "—"
    if unit in ("DKK", "NOK"):
        return f"{format_decimal(round(value), locale=lang)} {unit}"
    if unit == "ratio":
        return format_decimal(round(value, 2), locale=lang)
    suffix = " FTE" if unit == "FTE" else ""
    return format_decimal(round(value, 1), locale=lang) + suffix


def output_frame(rows: list[dict[str, Any]]) -> pd.DataFrame:
    """The projection's output rows with each output's label in the page's language."""
    frame = pd.DataFrame.from_records(rows)
    frame["label"] = [t(f"denmark.out.{k}") for k in frame["key"]]
    return frame
