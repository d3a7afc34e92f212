"""The report's proposals and the new network areas it suggests, as cited tables."""

from __future__ import annotations

import pandas as pd

from model import queries
from ui.cite import cited_table
from ui.data import cached
from ui.i18n import t


def _cited(frame: pd.DataFrame, labels: dict[str, str], key: str, file_name: str) -> None:
    """`cited_table` with each column's heading given as a string key."""
    cited_table(frame, {column: t(label) for column, label in labels.items()}, key=key, file_name=file_name)


def proposal_table() -> None:
    proposals = cached(queries.proposals)()
    _cited(
        proposals.assign(authorities=proposals["authorities"].fillna(t("common.not_reported"))),
        {
            "section": "sweden.col.section",
            "title_sv": "sweden.col.title_sv",
            "title_en": "sweden.col.title_en",
            "summary_en": "sweden.col.summary",
            "authorities": "sweden.col.authorities",
        },
        key="proposals",
        file_name="swedish_proposals.csv",
    )


def area_table() -> None:
    _cited(
        cached(queries.new_network_areas)(),
        {
            "name_sv": "sweden.col.area_sv",
            "name_en": "sweden.col.area_en",
            "authorities": "sweden.col.authorities",
            "text_en": "sweden.col.summary",
        },
        key="areas",
        file_name="swedish_new_network_areas.csv",
    )
