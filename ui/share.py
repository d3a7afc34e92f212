"""Shareable links: the current URL (with its query parameters) as text and as a QR code."""

from __future__ import annotations

import io
from urllib.parse import urlencode

import segno
import streamlit as st

from ui.i18n import t


def current_link() -> str:
    """The page's URL including every query parameter, so opening it reproduces the view."""
    base = (st.context.url or "").split("?")[0]
    params = {k: st.query_params.get_all(k) for k in st.query_params}
    query = urlencode([(k, v) for k, values in params.items() for v in values])
    return f"{base}?{query}" if query else base


def qr_png(text: str, scale: int = 6) -> bytes:
    """A QR code made locally (segno), no web service."""
    buffer = io.BytesIO()
    segno.make(text, error="m").save(buffer, kind="png", scale=scale, border=2)
    return buffer.getvalue()


def link_box(with_qr: bool = False) -> None:
    """Shows the link in a code box (which has a copy button), and optionally its QR code."""
    link = current_link()
    st.caption(t("share.label"))
    st.code(link, language=None, wrap_lines=True)
    if with_qr and link:
        st.image(qr_png(link), width=160, caption=t("share.qr"))
