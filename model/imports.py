"""Imports of new facts or reference rows from CSV or XLSX: the whole file is checked first.

`check_import()` returns the rows ready to write and every problem by row and column;
`model.editing.apply_import()` writes them only when there is no problem at all.
"""

from __future__ import annotations

import csv
import io
from typing import Any

import pandas as pd
from sqlalchemy import Engine

from model.db import get_engine
from model.editing import validate
from model.rules import CitedRow, Problem

MAX_BYTES = 10 * 1024 * 1024  # facts and reference rows are small; a bigger file is a mistake


def read_upload(file_name: str, data: bytes) -> tuple[list[str], list[dict[str, Any]], list[Problem]]:
    """The file's header and rows (dicts keyed by the header), or the reason it cannot be read."""
    if len(data) > MAX_BYTES:
        size, limit = len(data) / 1e6, MAX_BYTES / 1e6
        return [], [], [Problem(file_name, None, None, f"the file is {size:.1f} MB; imports are limited to {limit:.0f} MB")]
    if not data.strip():
        return [], [], [Problem(file_name, None, None, "the file is empty")]
    if file_name.lower().endswith(".xlsx"):
        return _read_xlsx(file_name, data)
    if not file_name.lower().endswith(".csv"):
        return [], [], [Problem(file_name, None, None, "only .csv and .xlsx files can be imported")]
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        return [], [], [Problem(file_name, None, None, f"is not UTF-8 text (byte {exc.start}); save it as CSV UTF-8 and try again")]
    reader = csv.DictReader(io.StringIO(text, newline=""))
    rows = list(reader)
    if reader.fieldnames is None:
        return [], [], [Problem(file_name, None, None, "the file has no header row")]
    return list(reader.fieldnames), [_with_header(r, reader.fieldnames) for r in rows], []


def _with_header(row: dict, header: list[str]) -> dict:
    return {c: row.get(c) for c in header} | ({"(extra cells)": row[None]} if None in row else {})


def _read_xlsx(file_name: str, data: bytes) -> tuple[list[str], list[dict[str, Any]], list[Problem]]:
    try:
        frame = pd.read_excel(io.BytesIO(data), dtype=str, engine="openpyxl").fillna("")
    except Exception as exc:  # openpyxl raises many kinds for a broken file
        return [], [], [Problem(file_name, None, None, f"is not a readable XLSX workbook ({type(exc).__name__})")]
    return [str(c) for c in frame.columns], frame.to_dict("records"), []


def check_import(table: str, file_name: str, data: bytes, engine: Engine | None = None) -> tuple[list[CitedRow], list[Problem]]:
    header, rows, problems = read_upload(file_name, data)
    if problems:
        return [], problems
    checked, problems = validate(table, rows, file_name, engine or get_engine(), new_keys_only=True, header=header)
    if not problems and not checked:
        problems = [Problem(file_name, None, None, "the file has a header but no rows")]
    return checked, problems
