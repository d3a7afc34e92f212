"""At a glance: LUP's key figures, who owns and steers it, and its vision and main goal.

What the section shows is the same for every reader of one data version and language: its texts are made
once per process (`ui.data.shared`) and each run only draws them (they were ~2/3 of the page's warm rerun).
"""

from __future__ import annotations

import streamlit as st

from model import queries
from model.schema import Role
from ui.cite import Line, Metric, citation_help, escape_markdown, metric
from ui.data import cached, shared
from ui.i18n import language, t
from ui.norway.common import fact, glance, named_facts

ROLES = [
    (Role.LUP_OWNER, "norway.role.owners"),
    (Role.LUP_STEERING_LEAD, "norway.role.steering"),
    (Role.LUP_MINISTRY, "norway.role.ministries"),
    (Role.LUP_KEY_ACTOR, "norway.role.key_actors"),
]


def key_figures() -> None:
    for column, shown in zip(st.columns(3) * 2, shared(_key_figures)(), strict=True):
        with column:
            shown.draw()


def _key_figures() -> list[Metric]:
    facts = named_facts()
    return [metric(t(f"norway.glance.{slot}"), fact(facts, fact_id), language()) for slot, fact_id in glance().items()]


def roles() -> None:
    """Each role's organisations side by side, with the quote that names them."""
    for column, (body, help_text) in zip(st.columns(4), shared(_roles)(), strict=True):
        column.markdown(body, help=help_text)


def _roles() -> list[Line]:
    shown = []
    for role, label in ROLES:
        orgs = cached(queries.organisations_with_role)(role, "LUP 2015-2019")
        names = ", ".join(escape_markdown(name) for name in orgs["name"])
        quote = citation_help(orgs.iloc[0].to_dict()) if len(orgs) else None
        shown.append((f"**{t(label)}**  \n{names or t('common.not_reported')}", quote))
    return shown


def goals() -> None:
    """The vision and the main goal in English, each above its Norwegian original."""
    with st.expander(t("norway.goals.header"), expanded=True):
        for body, help_text, original in shared(_goals)():
            st.markdown(body, help=help_text)
            st.caption(original)


def _goals() -> list[tuple[str, str, str]]:
    goals = cached(queries.lup_goals)().set_index("goal_id", drop=False)
    shown = []
    for goal_id in ("vision", "main"):  # goal ids in lup_goals.csv
        row = goals.loc[goal_id].to_dict()
        shown.append((f"**{t(f'norway.goals.{goal_id}')}:** {escape_markdown(row['text_en'])}", citation_help(row), f"“{row['text_nb']}”"))
    return shown
