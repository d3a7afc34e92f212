"""Store texts in the reader's language: a query's result with each English text replaced by our translation.

The translations are `seed/translations/<lang>.csv` (`model.translations` reads and checks them; English
is the seed file itself). They are applied by their `en` column: a frame's cell that holds exactly a translated
English text gets that text in the asked language. Why by text and not by row key: the same statement
reaches pages through joins, renames and derived frames (`text_en` shown as a Danish process step's
`label_en`), and each of those would otherwise need to carry its seed file, key and field. A text not
(yet) translated stays English, which the seed check reports.

Never translated: the quotes (verbatim proof in the document's language) and the citation's locator (its
words are put in the reader's language by `model.citation`). A `source` that is a document's file name has no
translation, so it stays as the Sources page and the export name it; reference data's source in words
("Statistics Denmark (DST), table FOLK1A, …") does have one.
"""

from __future__ import annotations

import csv
from collections.abc import Mapping
from functools import cache
from pathlib import Path
from typing import Any

import pandas as pd

from model.schema import CITATION_COLUMNS
from model.translations import read_translations

TRANSLATIONS_DIR = Path(__file__).resolve().parent.parent / "seed" / "translations"
VERBATIM = frozenset({*CITATION_COLUMNS, "source_file", "verbatim"} - {"source"})
# Columns holding a text in its original language (`text_nb`, `name_sv`): shown beside the translation, never replaced.
ORIGINAL_SUFFIXES = ("_nb", "_sv", "_da")


def translations(lang: str) -> dict[str, str]:
    """English text -> its `lang` translation (empty when there is no file for `lang`)."""
    return _read(lang, TRANSLATIONS_DIR)


@cache
def _read(lang: str, directory: Path) -> dict[str, str]:
    path = directory / f"{lang}.csv"
    if lang == "en" or not path.is_file():
        return {}
    try:
        rows = read_translations(path)
    except (ValueError, UnicodeDecodeError, csv.Error):  # `seed check` names the broken file; readers see English
        return {}
    return {row.en.strip(): row.text.strip() for row in rows if row.en.strip() and row.text.strip()}


def _translatable(column: object) -> bool:
    name = str(column)
    return name not in VERBATIM and not name.endswith(ORIGINAL_SUFFIXES)


def _frame(frame: pd.DataFrame, index: Mapping[str, str]) -> pd.DataFrame:
    columns = [c for c in frame.columns if _translatable(c) and (frame[c].dtype == object or pd.api.types.is_string_dtype(frame[c]))]
    changed = {c: _series(frame[c], index) for c in columns if frame[c].isin(index.keys()).any()}
    return frame.assign(**changed) if changed else frame


def _series(series: pd.Series, index: Mapping[str, str]) -> pd.Series:
    return series.map(lambda v: index.get(v, v) if isinstance(v, str) else v)


def localize(value: Any, lang: str) -> Any:
    """`value` (a DataFrame, dict, list or text, as queries return them) with its store texts in `lang`."""
    index = translations(lang)
    return _localize(value, index) if index else value


def _localize(value: Any, index: Mapping[str, str]) -> Any:
    if isinstance(value, pd.DataFrame):
        return _frame(value, index)
    if isinstance(value, pd.Series):
        return _series(value, index) if _translatable(value.name) else value
    if isinstance(value, str):
        return index.get(value, value)
    if isinstance(value, dict):
        return {k: v if not _translatable(k) else _localize(v, index) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return type(value)(_localize(v, index) for v in value)
    return value
