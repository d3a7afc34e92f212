"""The app's page frame, so that nothing on a page moves once it is painted (issue 17: layout shift).

Streamlit paints an empty main column in its centered layout (736 px) before the script's wide layout
arrives, and then moves it to the full width: with the page's first elements in it, a layout shift of
0.04-0.24. `.streamlit/config.toml` gives that empty column no height (no padding, no header until the
menu arrives), and a browser counts no shift for an element without height. The space below the page
comes back here; the header's own height still keeps the page clear of the menu.
Static CSS only: no data is ever put into it.
"""

from __future__ import annotations

import functools

import streamlit as st

# The maps' sea is the deck element's background (`ui.maps.OFFLINE_STYLE` draws none).
# Streamlit's chart toolbar offers "Download as PNG" of the bare plot: no title line, sources, notes or data version.
# Hidden, so every chart file that leaves the app is one of `ui.charts.chart_panel`'s travelling PNG/SVG downloads.
# A metric's value wraps instead of ending in "…": on a 390 px phone Norway's "5 mio. NOK – 6 mio. NOK" lost its end.
# Titles on a phone are 2rem, not 2.75rem: at 44 px the longest words ("leverandørudvikling", "leverantörsutveckling",
# "Beslutningsgrundlag:") did not fit a 390 px screen and broke mid-word. The summit and the room size their own.


@functools.cache
def page_css() -> str:
    """The stylesheet. `ui.palette` is imported here, not at the top: importing `ui` runs ui/__init__ -> navigation ->
    style, and palette brings altair into that chain. The longer it took, the likelier two sessions' first runs on a
    fresh `streamlit run app.py` met in it, and one got a partially initialised `ui.i18n` (seen once in CI)."""
    from ui import palette

    return f"""<style>
[data-testid="stMainBlockContainer"] {{ padding-bottom: 6rem; }}
[data-testid="stDeckGlJsonChart"] {{ background: {palette.SEA}; }}
[data-testid="stElementToolbarButton"]:has(button[aria-label^="Download as PNG"]) {{ display: none; }}
[data-testid="stMetricValue"] > div, [data-testid="stMetricValue"] p {{ white-space: normal; overflow: visible; text-overflow: clip; }}
@media (max-width: 640px) {{
  [data-testid="stHeading"] h1 {{ font-size: 2rem; }}  /* beats Streamlit's, not the summit's or room's */
}}
</style>"""


def page() -> None:
    st.html(page_css())  # only a stylesheet: Streamlit puts it outside the page's flow, where it takes no space
