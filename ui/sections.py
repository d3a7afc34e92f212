"""A long page in sections: tabs of which only the open one runs, named in the URL (`?section=`).

Why: a page's reruns and first paint cost what its elements cost (bench/README.md), so a page of six
sections drawn at once paid for six. Now a rerun pays for the open section, a big screen shows one
section at a time, and a copied link (`/sweden?section=map`) opens the same section in any language:
the URL holds the section's id, the tab shows its translated label.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

import streamlit as st

from model.pages import page as registered
from ui.i18n import t
from ui.params import choice_param, remember_param


def _chosen_key(page: str) -> str:
    return f"{page}-section-id"


def open_section(page: str, section: str) -> None:
    """From a callback: show `section` on this run (e.g. the builder, after a saved scenario is opened)."""
    st.session_state[_chosen_key(page)] = section


def sections(page: str, draw: dict[str, Callable[[], None]], default: str | None = None) -> str:
    """Tabs labelled `{page}.section.{id}`; runs the open section's drawing function and returns its id.

    The open section comes from this session's last choice, else the link's `?section=`, else `default`,
    else the first.
    """
    ids: Sequence[str] = list(draw)
    if tuple(ids) != registered(page).sections:  # the registry (model.pages) and the view manifest name these ids
        raise ValueError(f"page {page!r} draws sections {ids}, the page registry lists {registered(page).sections}")
    labels = [t(f"{page}.section.{section}") for section in ids]
    tabs_key = f"{page}-sections"

    def remember() -> None:  # a click gives the tab's label; keep its id, which survives a language change
        label = st.session_state[tabs_key]
        st.session_state[_chosen_key(page)] = ids[labels.index(label)] if label in labels else ids[0]

    current = st.session_state.get(_chosen_key(page)) or choice_param("section", list(ids), default or ids[0])
    st.session_state[tabs_key] = labels[ids.index(current)]
    tabs = st.tabs(labels, key=tabs_key, on_change=remember)
    remember_param("section", current, ids[0])
    with tabs[ids.index(current)]:
        draw[current]()
    return current
