"""The interface in English, Norwegian Bokmål, Swedish and Danish.

Strings live in `ui/strings/*.csv` (one row a key, one column a language) so a
translator can review them side by side; each page may keep its own file. The language comes from `?lang=`,
else the browser's locale when it is one of ours, else English.
"""

from __future__ import annotations

import csv
from functools import cache
from pathlib import Path

import streamlit as st

LANGUAGES = {"en": "English", "nb": "Norsk (bokmål)", "sv": "Svenska", "da": "Dansk"}
BROWSER_ALIASES = {"nb": "nb", "no": "nb", "nn": "nb", "sv": "sv", "da": "da", "en": "en"}
STRINGS_DIR = Path(__file__).with_name("strings")


@cache
def catalog() -> dict[str, dict[str, str]]:
    entries: dict[str, dict[str, str]] = {}
    for path in sorted(STRINGS_DIR.glob("*.csv")):
        with path.open(encoding="utf-8", newline="") as handle:
            for row in csv.DictReader(handle):
                if row["key"] in entries:
                    raise ValueError(f"{path.name}: string key {row['key']!r} is defined twice")
                entries[row["key"]] = {lang: row[lang] for lang in LANGUAGES}
    return entries


def language() -> str:
    """`?lang=` wins; then the browser's language; then English."""
    requested = st.query_params.get("lang")
    if requested in LANGUAGES:
        return requested
    browser = (st.context.locale or "").split("-")[0].lower()
    return BROWSER_ALIASES.get(browser, "en")


def text(key: str, lang: str, **values: object) -> str:
    """The text for `key` in `lang` (English if a translation is missing); usable outside a page."""
    entry = catalog().get(key)
    if entry is None:
        return key
    chosen = entry.get(lang) or entry["en"]
    return chosen.format(**values) if values else chosen


def t(key: str, **values: object) -> str:
    """The text for `key` in the current page's language."""
    return text(key, language(), **values)


def language_selector() -> None:
    """A sidebar selector that writes the choice to the URL, so a copied link keeps it."""
    current = language()

    def _store() -> None:
        st.query_params["lang"] = st.session_state["language"]

    st.sidebar.selectbox(
        ":material/language: " + t("app.language"),
        list(LANGUAGES),
        index=list(LANGUAGES).index(current),
        format_func=LANGUAGES.get,
        key="language",
        on_change=_store,
    )
