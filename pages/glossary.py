"""Glossary: the key terms in English, Norwegian, Swedish and Danish, with a note in the reader's language."""

import csv
from pathlib import Path

import pandas as pd
import streamlit as st

from ui.downloads import table
from ui.i18n import LANGUAGES, language, t

st.title(t("glossary.title"))
st.write(t("glossary.intro"))

with (Path(__file__).resolve().parent.parent / "ui" / "glossary.csv").open(encoding="utf-8", newline="") as handle:
    terms = pd.DataFrame(list(csv.DictReader(handle)))
note = f"note_{language()}"  # the note in the reader's language; the terms in all four, side by side
shown = terms[[*LANGUAGES, note]].rename(columns={**LANGUAGES, note: t("glossary.note")})
table(shown, "glossary", "glossary", height=38 * (len(shown) + 1))
