"""At a glance: LUP's key figures, who owns and steers it, and its vision and main goal."""

from __future__ import annotations

import streamlit as st

from model import queries
from model.schema import Role
from ui.cite import citation_help, cited_metric, escape_markdown
from ui.data import cached
from ui.i18n import language, t
from ui.norway.common import fact, glance, named_facts

ROLES = [
    (Role.LUP_OWNER, "norway.role.owners"),
    (Role.LUP_STEERING_LEAD, "norway.role.steering"),
    (Role.LUP_MINISTRY, "norway.role.ministries"),
    (Role.LUP_KEY_ACTOR, "norway.role.key_actors"),
]


def key_figures() -> None:
    facts = named_facts()
    for column, (slot, fact_id) in zip(st.columns(3) * 2, glance().items(), strict=True):
        with column:
            cited_metric(t(f"norway.glance.{slot}"), fact(facts, fact_id), language())


def roles() -> None:
    """Each role's organisations side by side, with the quote that names them."""
    for column, (role, label) in zip(st.columns(4), ROLES, strict=True):
        orgs = cached(queries.organisations_with_role)(role, "LUP 2015-2019")
        names = ", ".join(escape_markdown(name) for name in orgs["name"])
        column.markdown(
            f"**{t(label)}**  \n{names or t('common.not_reported')}", help=citation_help(orgs.iloc[0].to_dict()) if len(orgs) else None
        )


def goals() -> None:
    """The vision and the main goal in English, each above its Norwegian original."""
    goals = cached(queries.lup_goals)().set_index("goal_id", drop=False)
    with st.expander(t("norway.goals.header"), expanded=True):
        for goal_id in ("vision", "main"):  # goal ids in lup_goals.csv
            row = goals.loc[goal_id].to_dict()
            st.markdown(f"**{t(f'norway.goals.{goal_id}')}:** {escape_markdown(row['text_en'])}", help=citation_help(row))
            st.caption(f"“{row['text_nb']}”")
