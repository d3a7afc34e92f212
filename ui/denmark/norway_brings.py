"""Section 3, what Norway brings: LUP's headline figures, its design, and the targets the scenario model scales."""

from __future__ import annotations

from typing import Any

import pandas as pd
import streamlit as st

from model import format as fmt
from ui.cite import cited_metric, cited_table
from ui.denmark.common import cite_md, cite_names
from ui.i18n import t


def _cited_facts(title_key: str, facts: list[dict[str, Any]], lang: str) -> None:
    """A subheader with its note, then one cited metric a fact."""
    st.subheader(t(f"denmark.norway.{title_key}"))
    st.caption(t(f"denmark.norway.{title_key}_note"))
    for row in facts:
        cited_metric(t(f"denmark.fact.{row['fact_id']}"), row, lang)


def headlines(headlines: dict[str, Any], lang: str) -> None:
    """The summit article's figures on LUP, and who owns LUP."""
    _cited_facts("headlines", headlines["facts"], lang)
    st.markdown(f"**{t('denmark.norway.owners')}**")
    cite_names(headlines["owners"])


def design(design: dict[str, Any], lang: str) -> None:
    """LUP 2015-2019 as designed, and its regional hubs with the year each started."""
    _cited_facts("design", design["facts"], lang)
    st.markdown(f"**{t('denmark.norway.hubs')}**")
    for row in design["hubs"].to_dict("records"):
        since = f" ({t('denmark.norway.from')} {int(row['start_year'])})" if not fmt.is_missing(row["start_year"]) else ""
        cite_md(row["name"] + since, row)


def targets(targets: pd.DataFrame) -> None:
    """LUP's result targets, each with its source."""
    columns = {
        "target_id": "#",
        "text_en": t("denmark.norway.target"),
        "target_value": t("denmark.norway.value"),
        "deadline": t("denmark.norway.by"),
    }
    cited_table(targets, columns, key="lup-targets", file_name="lup_targets_scaled.csv")
