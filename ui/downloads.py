"""Every table downloads as CSV and XLSX, safe to open in a spreadsheet."""

from __future__ import annotations

import io

import pandas as pd
import streamlit as st

from ui.i18n import t

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def spreadsheet_safe(frame: pd.DataFrame) -> pd.DataFrame:
    """Text that a spreadsheet would run as a formula (`=HYPERLINK(…)`) is prefixed with an apostrophe."""
    safe = frame.copy()
    for column in safe.columns:
        if safe[column].dtype == object or pd.api.types.is_string_dtype(safe[column]):
            safe[column] = safe[column].map(lambda v: f"'{v}" if isinstance(v, str) and v.startswith(FORMULA_STARTS) else v)
    return safe


def to_csv(frame: pd.DataFrame) -> bytes:
    return spreadsheet_safe(frame).to_csv(index=False).encode("utf-8")


def to_xlsx(frame: pd.DataFrame, sheet: str = "data") -> bytes:
    buffer = io.BytesIO()
    spreadsheet_safe(frame).to_excel(buffer, index=False, sheet_name=sheet[:31], engine="openpyxl")
    return buffer.getvalue()


def download_buttons(frame: pd.DataFrame, file_stem: str, key: str) -> None:
    """CSV and XLSX downloads of exactly the rows shown, made when clicked (not on every rerun)."""
    csv_col, xlsx_col = st.columns(2)
    csv_col.download_button(
        t("common.download_csv"), lambda: to_csv(frame), f"{file_stem}.csv", "text/csv", key=f"{key}-csv", icon=":material/download:"
    )
    xlsx_col.download_button(
        t("common.download_xlsx"),
        lambda: to_xlsx(frame),
        f"{file_stem}.xlsx",
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        key=f"{key}-xlsx",
        icon=":material/table_view:",
    )
