"""Tables for people: shown with translated headers and locale numbers, downloaded as CSV and XLSX.

Every way a table leaves the app goes through here and is spreadsheet-safe: text that a spreadsheet
would run as a formula (`=HYPERLINK(…)`, `+cmd|…`, `@SUM(…)`) is prefixed with an apostrophe. Streamlit's
own table toolbar download is switched off (`client.disableDataExport` in .streamlit/config.toml): its
exporter does not defuse formulas, and every table here offers these downloads instead.
"""

from __future__ import annotations

import functools
import io
import re
from typing import Any

import pandas as pd
import streamlit as st
from openpyxl.utils import get_column_letter

from model import format as fmt
from model.i18n import keys
from model.schema import CITATION_COLUMNS
from ui.data import digest, shared
from ui.i18n import language, t, text

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
_SNAKE = re.compile(r"^[a-z][a-z0-9]*(_[a-z0-9]+)+$|^[a-z]+$")
MAX_WIDTH = 60  # characters: a long quote wraps in its cell instead of making a metre-wide column


def _is_text(values: pd.Series) -> bool:
    """Object or string columns (pandas 3 gives text its own dtype)."""
    return values.dtype == object or pd.api.types.is_string_dtype(values)


def _defuse(value: object) -> object:
    return f"'{value}" if isinstance(value, str) and value.startswith(FORMULA_STARTS) else value


def spreadsheet_safe(frame: pd.DataFrame) -> pd.DataFrame:
    """Text that a spreadsheet would run as a formula is prefixed with an apostrophe; numbers stay numbers."""
    safe = frame.copy()
    for column in safe.columns:
        if _is_text(safe[column]):
            safe[column] = safe[column].astype(object).map(_defuse)
    return safe.rename(columns={c: _defuse(c) for c in safe.columns if isinstance(c, str)})


@functools.cache
def _column_keys() -> frozenset[str]:
    return frozenset(k for k in keys() if k.startswith("col."))


def column_label(name: object, lang: str) -> str:
    """A store column's heading for people: `per_capita` -> 'Per inhabitant' (translated); other headings as they are."""
    label = str(name)
    if f"col.{label}" in _column_keys():
        return text(f"col.{label}", lang)
    if _SNAKE.match(label):
        return label.replace("_", " ").capitalize()
    return label


def for_people(frame: pd.DataFrame, lang: str) -> pd.DataFrame:
    """Headings translated, missing text as blank (never 'None'), time zones dropped to UTC wall time."""
    shown = frame.rename(columns={c: column_label(c, lang) for c in frame.columns})
    for column in shown.columns:
        values = shown[column]
        if isinstance(values.dtype, pd.DatetimeTZDtype):
            shown[column] = values.dt.tz_convert("UTC").dt.tz_localize(None)
        elif _is_text(values):
            shown[column] = values.astype(object).map(lambda v: "" if v is None or (isinstance(v, float) and pd.isna(v)) else v)
    return shown


def _is_year(name: object, values: pd.Series) -> bool:
    return any(w in str(name).lower() for w in ("year", "start", "until", "deadline", "_id")) and pd.api.types.is_integer_dtype(values)


def for_screen(frame: pd.DataFrame, lang: str) -> pd.DataFrame:
    """As `for_people`, with numbers written the locale's way (`303 158 022 961,9` -> '303,2 mia.'); years stay 2016."""
    shown = for_people(spreadsheet_safe(frame), lang)
    for original, column in zip(frame.columns, shown.columns, strict=True):
        values = shown[column]
        if pd.api.types.is_bool_dtype(values) or not pd.api.types.is_numeric_dtype(values) or _is_year(original, values):
            continue
        shown[column] = ["" if fmt.is_missing(v) else fmt.number(round(float(v), 1), lang) for v in values]
    return shown


def _on_screen(frame: pd.DataFrame, lang: str) -> pd.DataFrame:
    return for_screen(frame, lang)


# What `st.dataframe` gets: made once per table, language and data version in this process (the same object, never
# mutated), not on every rerun (formatting every cell was half of a Sources page's rerun).
on_screen = shared(_on_screen, inputs=lambda frame, lang: digest((frame, lang)))


def sources_of(frame: pd.DataFrame, sources: pd.DataFrame | None = None) -> pd.DataFrame | None:
    """The distinct document/locator/quote rows behind a table: given, or its own citation columns."""
    cited = sources if sources is not None else frame
    columns = [c for c in CITATION_COLUMNS if c in cited.columns]
    return cited[columns].drop_duplicates().reset_index(drop=True) if columns else None


def to_csv(frame: pd.DataFrame, lang: str | None = None) -> bytes:
    """UTF-8 with a byte-order mark, so Excel reads æøåäö right; headings for people when `lang` is given."""
    shown = spreadsheet_safe(frame if lang is None else for_people(frame, lang))
    return shown.to_csv(index=False).encode("utf-8-sig")


def to_xlsx(frame: pd.DataFrame, sheet: str = "data", sources: pd.DataFrame | None = None, lang: str = "en") -> bytes:
    """Numbers as numbers, dates as dates, fitted widths, a frozen header and a second sheet with the rows' sources."""
    buffer = io.BytesIO()
    sheets = {sheet[:31]: frame}
    cited = sources_of(frame, sources)
    if cited is not None and not cited.empty:
        sheets[text("common.sources", lang)[:31]] = cited
    with pd.ExcelWriter(buffer, engine="openpyxl") as writer:
        for name, table in sheets.items():
            shown = _numbers_as_numbers(spreadsheet_safe(for_people(table, lang)))
            shown.to_excel(writer, index=False, sheet_name=name)
            _fit(writer.sheets[name], shown)
    return buffer.getvalue()


_WHOLE_NUMBER = re.compile(r"^-?[1-9]\d{0,14}$|^0$")  # '2015' but not '0301' (a code) nor '1.1' (a target's number)


def _numbers_as_numbers(frame: pd.DataFrame) -> pd.DataFrame:
    """A text column's whole numbers ('2015' in an `as_of` that also holds 'undated article') as numbers in the sheet."""
    typed = frame.copy()
    for column in typed.columns:
        if _is_text(typed[column]):
            typed[column] = typed[column].astype(object).map(lambda v: int(v) if isinstance(v, str) and _WHOLE_NUMBER.match(v) else v)
    return typed


def _fit(worksheet: Any, frame: pd.DataFrame) -> None:
    worksheet.freeze_panes = "A2"
    for n, column in enumerate(frame.columns, start=1):
        longest = max([len(str(column)), *(len(str(v)) for v in frame[column].head(500))])
        worksheet.column_dimensions[get_column_letter(n)].width = min(longest + 2, MAX_WIDTH)


XLSX_MIME = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def download_buttons(frame: pd.DataFrame, file_stem: str, key: str, sources: pd.DataFrame | None = None) -> None:
    """CSV and XLSX downloads of exactly the rows shown, made when clicked (not on every rerun)."""
    lang = language()
    csv_col, xlsx_col = st.columns(2)
    csv_col.download_button(
        t("common.download_csv"),
        lambda: to_csv(frame, lang),
        f"{file_stem}.csv",
        "text/csv",
        key=f"{key}-csv",
        icon=":material/download:",
        on_click="ignore",
    )
    xlsx_col.download_button(
        t("common.download_xlsx"),
        lambda: to_xlsx(frame, file_stem, sources, lang),
        f"{file_stem}.xlsx",
        XLSX_MIME,
        key=f"{key}-xlsx",
        icon=":material/table_view:",
        on_click="ignore",
    )


def table(frame: pd.DataFrame, file_stem: str, key: str, sources: pd.DataFrame | None = None, **options: Any) -> None:
    """A table as people read it (headings, locale numbers, formulas defused) with its CSV and XLSX downloads."""
    lang = language()
    config = {column_label(c, lang): v for c, v in (options.pop("column_config", None) or {}).items()}
    st.dataframe(on_screen(frame, lang), hide_index=True, width="stretch", key=f"{key}-table", column_config=config, **options)
    download_buttons(frame, file_stem, key, sources)
