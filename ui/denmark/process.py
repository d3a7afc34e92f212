"""Section 1, the process so far: what the summit article says, and the track from interest to decision.

Its lines are the same for every reader of one data version and language: made once per process
(`ui.data.shared`), each run only draws them (escaping and citing them was ~half of the page's rerun).
"""

from __future__ import annotations

from typing import NamedTuple

import streamlit as st

from model import denmark
from ui.cite import Line, draw_lines
from ui.data import cached, shared
from ui.denmark.common import cited, cited_names
from ui.i18n import t

SUMMIT_FACTS = ("dk-summit-date", "dk-summit-purpose", "dk-summit-second-meeting", "dk-summit-digital")
STATUS_ICON = {"done": ":material/check_circle:", "current": ":material/radio_button_checked:", "next": ":material/radio_button_unchecked:"}


def summit_facts() -> None:
    """When and why the summit met (left); who convened it and COI's mandate (right)."""
    facts, owners = shared(_summit_lines)()
    facts_col, owners_col = st.columns([3, 2])
    with facts_col:
        draw_lines(facts)
    with owners_col:
        draw_lines(owners)


def _summit_lines() -> tuple[list[Line], list[Line]]:
    """Both columns' lines, once per data version and language (not escaped and cited again on every rerun)."""
    summit = cached(denmark.summit)()
    said = summit["statements"]
    facts: list[Line] = []
    for key in SUMMIT_FACTS:
        if key in said:
            facts += [(f"**{t(f'denmark.process.{key}')}**", None), cited(said[key]["text_en"], said[key])]
    owners = [(f"**{t('denmark.process.convened')}**", None), cited_names(summit["conveners"])]
    owners += [(f"**{t('denmark.process.mandate')}**", None), cited(said["dk-coi-mandate"]["text_en"], said["dk-coi-mandate"])]
    return facts, [*owners, cited_names(summit["coi_owners"])]


class Card(NamedTuple):
    key: str
    title: str
    status: str
    evidence: list[Line]


def stage_track() -> None:
    """One card a stage, the current one highlighted, each with the statements that place it."""
    cards = shared(_stage_cards)()
    for column, card in zip(st.columns(len(cards)), cards, strict=True):
        with column.container(border=True, key=card.key):
            st.markdown(card.title)
            st.caption(card.status)
            with st.popover(t("denmark.process.evidence"), width="stretch"):
                draw_lines(card.evidence)


def _stage_cards() -> list[Card]:
    stages = cached(denmark.stages)()
    cards = []
    for stage, rows in stages.groupby("position", sort=True):
        first = rows.iloc[0]
        status = first["status"]
        key = first["stage"]
        title = f"{STATUS_ICON[status]} {stage}. {t(f'denmark.stage.{key}')}"
        shown = f":blue-background[**{title}**]" if status == "current" else f"**{title}**"
        evidence = [cited(row["text_en"], row) for row in rows.to_dict("records")]
        cards.append(Card(f"stage-{key}", shown, t(f"denmark.status.{status}"), evidence))
    return cards
