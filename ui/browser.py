"""What the app sets in the browser itself: `<html lang>`, the language in the menu's links, cookies.

One tiny custom component, not inline `<script>`s: Streamlit loads a component's script from a blob
URL its own frontend makes, which the cluster's Content-Security-Policy allows (deploy/), while an
inline script would need a hash per token and language. Values travel as the component's data,
never as code, so nothing a visitor sends can become script.
"""

from __future__ import annotations

import contextlib
from typing import Any

import streamlit as st
from streamlit.errors import StreamlitDuplicateElementKey

_JS = """
export default function ({ data }) {
  if (data.lang) {
    window.compassLang = data.lang;
    document.documentElement.lang = data.lang;
    const links = () => {
      for (const a of document.querySelectorAll('[data-testid="stSidebarNav"] a[href], [data-testid="stTopNav"] a[href]')) {
        const url = new URL(a.href);
        if (url.searchParams.get("lang") !== window.compassLang) { url.searchParams.set("lang", window.compassLang); a.href = url; }
      }
    };
    links();
    if (!window.compassObserver) {
      window.compassObserver = new MutationObserver(links);
      window.compassObserver.observe(document.body, { childList: true, subtree: true });
    }
  }
  if (data.cookie) {
    const c = data.cookie;
    document.cookie = `${c.name}=${c.value}; Max-Age=${c.max_age}; Path=/; SameSite=${c.same_site}`;
  }
}
"""


@st.cache_resource(show_spinner=False)
def _component() -> Any:
    return st.components.v2.component("compass_browser", js=_JS)


def document_language(lang: str) -> None:
    """`<html lang>` and the menu links' `?lang=` follow the visit's language."""
    _component()(data={"lang": lang}, key="compass-document-language")


def set_cookie(name: str, value: str, max_age_s: int, same_site: str = "Lax") -> None:
    """Write one cookie (a token the server issued: `value` is checked by the caller's own shape rule)."""
    cookie = {"name": name, "value": value, "max_age": max_age_s, "same_site": same_site}
    with contextlib.suppress(StreamlitDuplicateElementKey):  # asked twice in one run (several actions read the visitor)
        _component()(data={"cookie": cookie}, key=f"compass-cookie-{name}")
