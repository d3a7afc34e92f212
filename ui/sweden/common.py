"""Small helpers several Sweden sections share: labels, list-valued URL parameters, cited lines and fact metrics."""

from __future__ import annotations

import streamlit as st

from model import queries, views
from model.sweden import UNDER_START_UP
from ui.cite import Metric, citation_help, escape_markdown, metric
from ui.data import cached, shared
from ui.i18n import language, t


def type_label(value: str) -> str:
    """'authority' -> 'authority-initiated' (in the reader's language)."""
    return t(f"sweden.type.{value}")


def start_name(label: str) -> str:
    """A start year as shown: the year, or 'under start-up' translated."""
    return t("sweden.under_start_up") if label == UNDER_START_UP else label


def cited_line(text: str, row: dict) -> None:
    st.markdown(escape_markdown(text), help=citation_help(row))


def fact_metrics(section: str) -> None:
    """The section's facts in the view manifest, one cited metric each, side by side (label `sweden.fact.{slot}`)."""
    shown = shared(_fact_metrics)(section)
    for column, one in zip(st.columns(len(shown)), shown, strict=True):
        with column:
            one.draw()


def _fact_metrics(section: str) -> list[Metric]:
    """Once per data version and language in this process, not looked up and formatted on every rerun."""
    facts = {slot: refs[0] for slot, refs in views.refs("sweden", section).items()}
    return [metric(t(f"sweden.fact.{slot}"), cached(queries.fact)(fact_id), language(), caveat=False) for slot, fact_id in facts.items()]
