"""Charts the Our-World-in-Data way: the chart, its table, its sources and downloads."""

from __future__ import annotations

import altair as alt
import pandas as pd
import streamlit as st
import vl_convert as vlc

from ui.cite import SOURCE_COLUMNS
from ui.downloads import download_buttons
from ui.i18n import t


@st.cache_data(show_spinner=False, max_entries=64)
def _render(spec: str, fmt: str) -> bytes:
    """PNG or SVG of a Vega-Lite spec, rendered locally by vl-convert (no browser, no internet)."""
    if fmt == "png":
        return vlc.vegalite_to_png(spec, scale=2)
    return vlc.vegalite_to_svg(spec).encode("utf-8")


def chart_panel(chart: alt.Chart, table: pd.DataFrame, file_stem: str, sources: pd.DataFrame | None = None) -> None:
    """Tabs for the chart, its data and its sources, plus CSV, XLSX, PNG and SVG downloads."""
    chart_tab, table_tab, sources_tab = st.tabs([t("common.chart"), t("common.table"), t("common.sources")])
    with chart_tab:
        st.altair_chart(chart, width="stretch")
    with table_tab:
        st.dataframe(table, hide_index=True, width="stretch", column_config=SOURCE_COLUMNS)
    with sources_tab:
        cited = sources if sources is not None else table
        columns = [c for c in ("source", "locator", "quote") if c in cited.columns]
        st.dataframe(cited[columns].drop_duplicates(), hide_index=True, width="stretch", column_config=SOURCE_COLUMNS)
    spec = chart.to_json()
    download_buttons(table, file_stem, file_stem)
    png_col, svg_col = st.columns(2)
    png_col.download_button(
        t("overview.download_png"), lambda: _render(spec, "png"), f"{file_stem}.png", "image/png", key=f"{file_stem}-png"
    )
    svg_col.download_button(
        t("overview.download_svg"), lambda: _render(spec, "svg"), f"{file_stem}.svg", "image/svg+xml", key=f"{file_stem}-svg"
    )
