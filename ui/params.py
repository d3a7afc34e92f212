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


def remember_param(name: str, value: str, default: str) -> None:
    """Write a choice back to the URL (dropped when it is the default), so the address bar reopens what is on screen."""
    if value == default:
        st.query_params.pop(name, None)
    else:
        st.query_params[name] = value


def list_param(name: str, options: list[str]) -> list[str]:
    """Repeated query parameters (`?fin=A&fin=B`), keeping only known values: a hand-edited link never crashes."""
    return [v for v in dict.fromkeys(st.query_params.get_all(name)) if v in options]
