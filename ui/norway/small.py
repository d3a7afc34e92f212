"""Small municipalities: barriers, LUP's measures and recommendations per theme, each with its quote."""

from __future__ import annotations

import streamlit as st

from model import norway, queries
from model.schema import CITATION_COLUMNS, FindingKind
from ui.cite import citation_help, escape_markdown, source_columns
from ui.data import cached
from ui.downloads import table
from ui.i18n import t


def findings_by_theme() -> None:
    """A tab per theme, in it a column per kind of finding."""
    findings = cached(norway.small_municipality_matrix)()
    themes = list(dict.fromkeys(findings["theme"]))
    for tab, theme in zip(st.tabs([t(f"norway.theme.{theme}") for theme in themes]), themes, strict=True):
        with tab:
            rows = findings[findings["theme"] == theme]
            for column, kind in zip(st.columns(3), FindingKind, strict=True):
                column.markdown(f"**{t(f'norway.kind.{kind}')}**")
                entries = rows[rows["kind"] == kind].to_dict("records")
                if not entries:
                    column.caption(t("common.not_reported"))
                for row in entries:
                    column.markdown(f"- {escape_markdown(row['text_en'])}", help=citation_help(row))


def statements() -> None:
    """What the sources say about small municipalities beyond the findings."""
    rows = cached(queries.statements)("NO")
    for row in rows[rows["topic"] == "small_municipalities"].to_dict("records"):
        st.markdown(f"- {escape_markdown(row['text_en'])}", help=citation_help(row))


def findings_table() -> None:
    """Every finding with its kind and theme in the reader's language, the Norwegian original and its quote; downloadable."""
    findings = cached(norway.small_municipality_matrix)()
    shown = findings[["kind", "theme", "text_en", "text_nb", *CITATION_COLUMNS]].assign(
        kind=[t(f"norway.kind.{k}") for k in findings["kind"]], theme=[t(f"norway.theme.{k}") for k in findings["theme"]]
    )
    table(shown, "small_municipality_findings", "no-small-findings", column_config={"quote": source_columns()["quote"]})
