"""Section 1, the process so far: what the summit article says, and the track from interest to decision."""

from __future__ import annotations

from typing import Any

import pandas as pd
import streamlit as st

from ui.denmark.common import cite_md, cite_names
from ui.i18n import t

SUMMIT_FACTS = ("dk-summit-date", "dk-summit-purpose", "dk-summit-second-meeting", "dk-summit-digital")
STATUS_ICON = {"done": ":material/check_circle:", "current": ":material/radio_button_checked:", "next": ":material/radio_button_unchecked:"}


def summit_facts(summit: dict[str, Any]) -> None:
    """When and why the summit met (left); who convened it and COI's mandate (right)."""
    said = summit["statements"]
    facts_col, owners_col = st.columns([3, 2])
    with facts_col:
        for key in SUMMIT_FACTS:
            if key in said:
                st.markdown(f"**{t(f'denmark.process.{key}')}**")
                cite_md(said[key]["text_en"], said[key])
    with owners_col:
        st.markdown(f"**{t('denmark.process.convened')}**")
        cite_names(summit["conveners"])
        st.markdown(f"**{t('denmark.process.mandate')}**")
        cite_md(said["dk-coi-mandate"]["text_en"], said["dk-coi-mandate"])
        cite_names(summit["coi_owners"])


def stage_track(stages: pd.DataFrame) -> None:
    """One card a stage, the current one highlighted, each with the statements that place it."""
    for column, (stage, rows) in zip(st.columns(stages["stage"].nunique()), stages.groupby("position", sort=True), strict=True):
        first = rows.iloc[0]
        with column.container(border=True, key=f"stage-{first['stage']}"):
            status = first["status"]
            stage_name = t(f"denmark.stage.{first['stage']}")
            title = f"{STATUS_ICON[status]} {stage}. {stage_name}"
            st.markdown(f":blue-background[**{title}**]" if status == "current" else f"**{title}**")
            st.caption(t(f"denmark.status.{status}"))
            with st.popover(t("denmark.process.evidence"), width="stretch"):
                for row in rows.to_dict("records"):
                    cite_md(row["text_en"], row)
