"""Glossary: the key terms in English, Norwegian, Swedish and Danish."""

import csv
from pathlib import Path

import pandas as pd
import streamlit as st

from ui.downloads import table
from ui.i18n import LANGUAGES, t

st.title(t("glossary.title"))
st.write(t("glossary.intro"))

with (Path(__file__).resolve().parent.parent / "ui" / "glossary.csv").open(encoding="utf-8", newline="") as handle:
    terms = pd.DataFrame(list(csv.DictReader(handle)))
shown = terms[[*LANGUAGES, "note_en"]].rename(columns={**LANGUAGES, "note_en": "Note"})
table(shown, "glossary", "glossary", height=38 * (len(shown) + 1))
