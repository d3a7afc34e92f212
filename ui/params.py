"""Reading page state from the URL (`st.query_params`) defensively: a hand-edited link never crashes a page."""

from __future__ import annotations

import streamlit as st


def int_param(name: str, default: int, low: int, high: int) -> int:
    """An integer query parameter clamped to [low, high]; anything else gives `default`."""
    raw = st.query_params.get(name, "")
    try:
        value = int(raw)
    except ValueError:
        return default
    return max(low, min(high, value))


def choice_param(name: str, options: list[str], default: str) -> str:
    raw = st.query_params.get(name)
    return raw if raw in options else default
