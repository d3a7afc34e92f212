"""The Streamlit side of the interface's languages: which language this visit reads, and `t()`.

The strings themselves and their lookup live in `model/i18n.py` (gettext catalogs under `locale/`),
so the brief and tests use them without Streamlit.

One language for the whole visit: `?lang=` (a shared link or the selector) wins, else this
session's earlier choice, else the browser's locale when it is one of ours, else English.
Streamlit drops the query string when its navigation switches pages, so every run writes the
language back into the URL (`keep_language`): the address bar, share links and QR codes carry it.
"""

from __future__ import annotations

import streamlit as st
from streamlit.delta_generator import DeltaGenerator
from streamlit.runtime.scriptrunner import get_script_run_ctx

from model.i18n import LANGUAGES, plural, text
from ui import browser

__all__ = ["LANGUAGES", "language", "nt", "t", "text"]

BROWSER_ALIASES = {"nb": "nb", "no": "nb", "nn": "nb", "sv": "sv", "da": "da", "en": "en"}
CHOICE = "language-choice"  # session state: the visit's language, which survives a page switch
SELECTOR = "language"  # the selector's widget key
_THIS_RUN = "compass_language"  # on the run's ScriptRunContext: (that run's cursors, its language)


def browser_language(locale: str | None) -> str:
    """`da-DK` -> `da`, `no` -> `nb`; a language we do not have -> English."""
    return BROWSER_ALIASES.get((locale or "").split("-")[0].lower(), "en")


def language() -> str:
    """The visit's language: `?lang=`, else this session's choice, else the browser's, else English.

    Read once per script run (and fragment run) and kept on its context: a page asks it at every `t()`,
    ~100 times a run, and reading `st.query_params` and session state each time was ~5 % of a warm rerun.
    A run's `cursors` are a new dict at the start of every run (`ScriptRunContext.reset`), so a kept
    value never outlives its run; `keep_language` and the selector's callback set it afresh.
    """
    ctx = get_script_run_ctx()
    kept = getattr(ctx, _THIS_RUN, None)
    if kept is not None and kept[0] is ctx.cursors:
        return kept[1]
    return _keep_for_run(_read_language())


def _read_language() -> str:
    requested = st.query_params.get("lang")
    if requested in LANGUAGES:
        return requested
    chosen = st.session_state.get(CHOICE)
    return chosen if chosen in LANGUAGES else browser_language(st.context.locale)


def _keep_for_run(lang: str) -> str:
    ctx = get_script_run_ctx()
    if ctx is not None:
        setattr(ctx, _THIS_RUN, (ctx.cursors, lang))
    return lang


def keep_language() -> str:
    """Run first on every page run: remember the language and put it (back) into the URL."""
    lang = _keep_for_run(_read_language())  # read afresh: a callback before the run may have changed it
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


def language_bar() -> None:
    """The row at the top right of every page: the language selector (and the page's language script beside it).

    Not in the sidebar: a sidebar that appears after the first paint pushes the whole page 300 px to the
    right (a layout shift of ~0.24, issue 17). The script sits in this row, not above it: Streamlit holds an
    `st.html`'s place with a 40 px skeleton until its code has loaded, which as a row of its own moved the page.
    """
    row = st.container(horizontal=True, horizontal_alignment="right", vertical_alignment="center", key="language-bar")
    mark_document_language(row)
    _language_selector(row)


def _language_selector(where: DeltaGenerator) -> None:
    """A compact selector; its choice becomes the visit's language and goes into the URL.

    Its label is hidden on screen (the globe and the language names say what it is) and read by screen readers.
    """

    def _choose() -> None:
        st.session_state[CHOICE] = st.query_params["lang"] = _keep_for_run(st.session_state[SELECTOR])

    st.session_state[SELECTOR] = language()  # follows a link's ?lang= too, not only the last click
    where.selectbox(
        t("app.language"),
        list(LANGUAGES),
        format_func=LANGUAGES.get,
        key=SELECTOR,
        on_change=_choose,
        icon=":material/language:",
        label_visibility="collapsed",
        width=190,
    )


# Streamlit sets no `<html lang>` (screen readers, hyphenation and the browser's translate offer read it), and
# its menu links carry no query string, so a link opened in a new tab or copied would lose the language.
def mark_document_language(where: DeltaGenerator | None = None) -> None:
    """`<html lang>` and the menu's link addresses follow the visit's language (an invisible element)."""
    if where is None:
        browser.document_language(language())
        return
    with where:
        browser.document_language(language())
