"""The Streamlit side of the interface's languages: which language this visit reads, and `t()`.

The strings themselves and their lookup live in `model/i18n.py` (gettext catalogs under `locale/`),
so the brief and tests use them without Streamlit.

One language for the whole visit: `?lang=` (a shared link or the selector) wins, else this
session's earlier choice, else the browser's locale when it is one of ours, else English.
Streamlit drops the query string when the sidebar switches pages, so every run writes the
language back into the URL (`keep_language`): the address bar, share links and QR codes carry it.
"""

from __future__ import annotations

import streamlit as st

from model.i18n import LANGUAGES, plural, text
from ui import browser

__all__ = ["LANGUAGES", "language", "nt", "t", "text"]

BROWSER_ALIASES = {"nb": "nb", "no": "nb", "nn": "nb", "sv": "sv", "da": "da", "en": "en"}
CHOICE = "language-choice"  # session state: the visit's language, which survives a page switch
SELECTOR = "language"  # the sidebar selector's widget key


def browser_language(locale: str | None) -> str:
    """`da-DK` -> `da`, `no` -> `nb`; a language we do not have -> English."""
    return BROWSER_ALIASES.get((locale or "").split("-")[0].lower(), "en")


def language() -> str:
    """The visit's language: `?lang=`, else this session's choice, else the browser's, else English."""
    requested = st.query_params.get("lang")
    if requested in LANGUAGES:
        return requested
    chosen = st.session_state.get(CHOICE)
    return chosen if chosen in LANGUAGES else browser_language(st.context.locale)


def keep_language() -> str:
    """Run first on every page run: remember the language and put it (back) into the URL."""
    lang = language()
    st.session_state[CHOICE] = lang
    if st.query_params.get("lang") != lang:
        st.query_params["lang"] = lang
    return lang


def t(key: str, /, **values: object) -> str:
    """The text for `key` in the current page's language (`key` positional only: a text may have a `{key}` of its own)."""
    return text(key, language(), **values)


def nt(key: str, n: int, /, **values: object) -> str:
    """A counted text (`{n} rows saved.`) in the current page's language, singular or plural as `n` asks."""
    return plural(key, n, language(), **values)


def language_selector() -> None:
    """A sidebar selector; its choice becomes the visit's language and goes into the URL."""

    def _choose() -> None:
        st.session_state[CHOICE] = st.query_params["lang"] = st.session_state[SELECTOR]

    st.session_state[SELECTOR] = language()  # follows a link's ?lang= too, not only the last click
    st.sidebar.selectbox(
        ":material/language: " + t("app.language"), list(LANGUAGES), format_func=LANGUAGES.get, key=SELECTOR, on_change=_choose
    )


# Streamlit sets no `<html lang>` (screen readers, hyphenation and the browser's translate offer read it), and
# its sidebar links carry no query string, so a link opened in a new tab or copied would lose the language.
def mark_document_language() -> None:
    """`<html lang>` and the sidebar's link addresses follow the visit's language (an invisible element)."""
    browser.document_language(language())
