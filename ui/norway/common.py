"""What several Norway sections share: the "all" choice and the page's named facts."""

from __future__ import annotations

import pandas as pd

from model import norway
from ui.data import cached

ALL = "all"
# The key figures at a glance (label key, fact id) and the one outcome the targets section adds.
GLANCE = [
    ("norway.glance.period", "no-lup-period"),
    ("norway.glance.since", "no-lup-established"),
    ("norway.glance.pilots", "no-lup-pilots-2014"),
    ("norway.glance.budget", "no-lup-annual-budget"),
    ("norway.glance.staff", "no-lup-national-fte"),
    ("norway.glance.hubs", "no-lup-hubs"),
]
WORKPLACES = "no-lup-public-workplaces"


def named_facts() -> pd.DataFrame:
    """The page's named facts (the key figures and the public workplaces), indexed by id."""
    return cached(norway.named_facts)((*[f for _, f in GLANCE], WORKPLACES)).set_index("fact_id", drop=False)


def fact(facts: pd.DataFrame, fact_id: str) -> dict | None:
    return facts.loc[fact_id].to_dict() if fact_id in facts.index else None
