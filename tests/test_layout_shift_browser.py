"""In Chromium: nothing on a page moves once it is painted (issue 17: cumulative layout shift at most 0.1).

Chromium reports every layout shift to a `PerformanceObserver`; the test adds up those not caused by the
reader's own input from the moment the page starts loading until its heading is there, everything has drawn and two
seconds have passed since the heading (charts, maps and tables arrive after the text). Each page is opened once, by
its link, in Danish, a few tabs at a time: the page itself notes when its heading came, so its two seconds pass while
the other tabs are looked at. Served as `make run` serves it (serve.py), whose HTML hides what Streamlit paints before the page config.
"""

from __future__ import annotations

import pytest

from model.pages import PAGES, browser_path
from tests.browser import look_at_each, streamlit_server

pytestmark = [pytest.mark.browser, pytest.mark.alone]  # measured under load, CLS grows (Streamlit's skeleton after 500 ms)
pytest.importorskip("playwright.sync_api")

MAX_CLS = 0.1  # Google's "good" threshold for cumulative layout shift
SETTLE_MS = 2000  # after the heading: what arrives later (a chart, a map) still counts
SHIFTS = """
window.compassShift = 0;
new PerformanceObserver(list => {
  for (const entry of list.getEntries()) if (!entry.hadRecentInput) window.compassShift += entry.value;
}).observe({type: "layout-shift", buffered: true});
new MutationObserver((_, watching) => {
  if (!document.querySelector('[data-testid="stMainBlockContainer"] h1')) return;
  window.compassHeadingAt = performance.now();
  watching.disconnect();
}).observe(document, {childList: true, subtree: true});
"""
SETTLED = f"() => window.compassHeadingAt !== undefined && performance.now() >= window.compassHeadingAt + {SETTLE_MS}"


def shift_after_settling(page, _url: str) -> float:
    page.wait_for_function(SETTLED, timeout=30_000)
    return page.evaluate("window.compassShift")


@pytest.fixture(scope="module")
def served(seeded_url: str):
    """As `make run` and `make cluster` serve the app (serve.py): warm, and nothing painted before the page config,
    which jumped sideways when a slow start had drawn it (ui/shell.py)."""
    with streamlit_server(seeded_url, script="serve.py") as base:
        yield base


def test_no_page_moves_once_painted(served, browser):
    context = browser.new_context(viewport={"width": 1400, "height": 1000}, locale="da-DK")
    context.add_init_script(SHIFTS)
    urls = {f"{served}/{browser_path(entry)}?lang=da": entry.url_path for entry in PAGES}
    found = look_at_each(context, list(urls), shift_after_settling)  # a new page load each time: the observer starts afresh
    context.close()
    assert not [error for error in found.values() if isinstance(error, Exception)], found
    shifts = {urls[url]: value for url, value in found.items()}
    print("layout shift per page:", {name: round(value, 3) for name, value in shifts.items()})
    assert {name: value for name, value in shifts.items() if value > MAX_CLS} == {}
