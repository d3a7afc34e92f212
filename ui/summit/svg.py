"""Charts for a room as SVG images: they scale with the screen, type and all, and carry alt text.

A Vega chart in the browser has pixel-sized type (tiny on 4K); an SVG drawn once at a design size
and scaled to the slide keeps its proportions on 1080p, 4K and a phone alike. Rendered locally
by vl-convert (no browser, no internet) and cached per spec.
"""

from __future__ import annotations

import base64
import html

import altair as alt
import streamlit as st
import vl_convert as vlc

from ui.charts import json_spec, vega_spec


@st.cache_data(show_spinner=False, max_entries=128)
def _svg(spec: str) -> str:
    return vlc.vegalite_to_svg(spec)


def _uri(chart: alt.TopLevelMixin) -> str:
    return "data:image/svg+xml;base64," + base64.b64encode(_svg(json_spec(vega_spec(chart))).encode("utf-8")).decode("ascii")


def svg_chart(chart: alt.TopLevelMixin, alt_text: str, narrow: alt.TopLevelMixin | None = None) -> None:
    """The chart as a scalable image; `alt_text` says what it shows, for screen readers and tests.

    A chart drawn 1,500 px wide and scaled to a phone's 360 px has 8 px type: `narrow`, the same chart drawn for a
    screen held upright, is what such a screen shows instead (`ui.summit.style.CHART_CSS`; st.html's sanitiser drops
    a `<picture>`'s data-URI `srcset`, so both are images and CSS shows one: a hidden image is not read out either).
    """
    alt_attr = html.escape(alt_text)
    if narrow is None:
        st.html(f'<div class="summit-chart"><img alt="{alt_attr}" src="{_uri(chart)}"></div>')
        return
    wide = f'<img class="summit-landscape" alt="{alt_attr}" src="{_uri(chart)}">'
    st.html(f'<div class="summit-chart">{wide}<img class="summit-portrait" alt="{alt_attr}" src="{_uri(narrow)}"></div>')


def png_image(png: bytes, alt_text: str, css_class: str) -> None:
    """A PNG (the QR code) with alt text in the reader's language."""
    encoded = base64.b64encode(png).decode("ascii")
    st.html(f'<img class="{css_class}" alt="{html.escape(alt_text)}" src="data:image/png;base64,{encoded}">')
