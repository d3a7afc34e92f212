"""Show where a figure comes from: document, place in it, and the exact words."""

from __future__ import annotations

import re
from dataclasses import dataclass

import pandas as pd
import streamlit as st

from model import format as fmt
from ui.downloads import table
from ui.i18n import t

_MARKDOWN_SPECIAL = re.compile(r"([\\`*_{}\[\]()#+\-.!|<>~$:])")  # ":" for Streamlit's :red[…] and :emoji:
# GFM turns "http://…", "www.…" and "a@b.dk" in plain text into links (keeping our backslashes in their text):
# an invisible word joiner where they start keeps them plain text that reads exactly as typed.
_AUTOLINK = re.compile(r"(?<=:)(?=//)|(?<=www)(?=\\\.)|(?=@)", re.IGNORECASE)
WORD_JOINER = "\u2060"


def escape_markdown(text: object) -> str:
    """Make data text safe to place inside Streamlit markdown (no formatting, no HTML)."""
    return _AUTOLINK.sub(WORD_JOINER, _MARKDOWN_SPECIAL.sub(r"\\\1", str(text)))


def citation_help(row: dict) -> str:
    """'Source: file, locator' and the exact quote, escaped for the markdown that `help=` tooltips render."""
    if fmt.is_missing(row.get("source")):
        return f"{t('common.source')}: {t('common.not_reported')}"
    where = f"{escape_markdown(row['source'])}, {escape_markdown(row['locator'])}"
    return f"**{t('common.source')}:** {where}\n\n“{escape_markdown(row['quote'])}”"


Line = tuple[str, str | None]  # a markdown line as drawn and its tooltip naming its source (none for a heading)


def draw_lines(lines: list[Line]) -> None:
    """Lines made ahead of the run (e.g. once per data version in `ui.data.shared`), each with its tooltip."""
    for body, help_text in lines:
        st.markdown(body, help=help_text)


@dataclass(frozen=True)
class Metric:
    """A cited metric as drawn: label, value, the tooltip naming its source, and its as-of line (or none)."""

    label: str
    value: str
    help: str
    caption: str | None = None

    def draw(self) -> None:
        st.metric(self.label, self.value, help=self.help)
        if self.caption:
            st.caption(self.caption)


def metric(label: str, row: dict | None, locale: str = "en", caveat: bool = True) -> Metric:
    """What `cited_metric` draws, as a value a page can keep (e.g. per data version in `ui.data.shared`)."""
    if row is None:
        return Metric(label, "—", t("common.not_reported"))
    caption = None
    if caveat and not fmt.is_missing(row.get("as_of")):
        caption = f"{t('common.as_of')}: {row['as_of']}" + (f" · {row['caveat']}" if not fmt.is_missing(row.get("caveat")) else "")
    return Metric(label, fmt.fact_value(row, locale), citation_help(row), caption)


def cited_metric(label: str, row: dict | None, locale: str = "en", caveat: bool = True) -> None:
    """A metric whose tooltip names its source; absent facts say so instead of showing 0."""
    metric(label, row, locale, caveat).draw()


def source_columns() -> dict[str, st.column_config.Column]:
    """Headings for a table's source, locator and quote columns, in the page's language."""
    return {
        "source": st.column_config.TextColumn(t("common.col_source")),
        "locator": st.column_config.TextColumn(t("common.col_where")),
        "quote": st.column_config.TextColumn(t("common.col_quote"), width="large"),
    }


def cited_table(frame: pd.DataFrame, columns: dict[str, str], key: str, file_name: str) -> None:
    """A table with its source columns at the right, and CSV/XLSX downloads of what is shown."""
    shown = frame[[*columns, "source", "locator", "quote"]].rename(columns=columns)
    table(shown, file_name.removesuffix(".csv"), key, column_config={"quote": source_columns()["quote"]})
