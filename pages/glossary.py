"""Glossary: the key terms in English, Norwegian, Swedish and Danish, with a note in the reader's language."""

import csv
import functools
from pathlib import Path

import pandas as pd
import streamlit as st

from ui.data import shared
from ui.downloads import table
from ui.i18n import LANGUAGES, language, t

GLOSSARY = Path(__file__).resolve().parent.parent / "ui" / "glossary.csv"


@functools.cache
def terms() -> pd.DataFrame:
    """The glossary file, read once per process (never changed: `shown` copies what it needs)."""
    with GLOSSARY.open(encoding="utf-8", newline="") as handle:
        return pd.DataFrame(list(csv.DictReader(handle)))


def shown() -> pd.DataFrame:
    """The terms in all four languages side by side, and the note in the reader's (once per language)."""
    note = f"note_{language()}"
    return terms()[[*LANGUAGES, note]].rename(columns={**LANGUAGES, note: t("glossary.note")})


st.title(t("glossary.title"))
st.write(t("glossary.intro"))
glossary = shared(shown)()
table(glossary, "glossary", "glossary", height=38 * (len(glossary) + 1))
