"""What several Norway sections share: the "all" choice and the page's named facts."""

from __future__ import annotations

import pandas as pd

from model import norway, views
from ui.data import cached

ALL = "all"


def glance() -> dict[str, str]:
    """The key figures at a glance: slot (label `norway.glance.{slot}`) -> fact id, from the view manifest."""
    return {slot: refs[0] for slot, refs in views.refs("norway", "glance").items()}


def workplaces() -> str:
    """The one outcome the targets section adds to the report's own."""
    return views.ref("norway", "targets", "workplaces")


def named_facts() -> pd.DataFrame:
    """The page's named facts (the key figures and the public workplaces), indexed by id."""
    return cached(norway.named_facts)((*glance().values(), workplaces())).set_index("fact_id", drop=False)


def fact(facts: pd.DataFrame, fact_id: str) -> dict | None:
    return facts.loc[fact_id].to_dict() if fact_id in facts.index else None
