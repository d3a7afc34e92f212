"""In Chromium: nothing on a page moves once it is painted (issue 17: cumulative layout shift at most 0.1).

Chromium reports every layout shift to a `PerformanceObserver`; the test adds up those not caused by the
reader's own input from the moment the page starts loading until its heading is there and two more seconds
have passed (charts, maps and tables arrive after the text). Each page is opened once, by its link, in Danish.
"""

from __future__ import annotations

import pytest

from model.pages import PAGES, browser_path

pytestmark = pytest.mark.browser
pytest.importorskip("playwright.sync_api")

MAX_CLS = 0.1  # Google's "good" threshold for cumulative layout shift
SETTLE_MS = 2000  # after the heading: what arrives later (a chart, a map) still counts
SHIFTS = """
window.compassShift = 0;
new PerformanceObserver(list => {
  for (const entry of list.getEntries()) if (!entry.hadRecentInput) window.compassShift += entry.value;
}).observe({type: "layout-shift", buffered: true});
"""


def test_no_page_moves_once_painted(server, browser):  # the shared app server (conftest)
    context = browser.new_context(viewport={"width": 1400, "height": 1000}, locale="da-DK")
    context.add_init_script(SHIFTS)
    page = context.new_page()
    shifts: dict[str, float] = {}
    for entry in PAGES:
        page.goto(f"{server}/{browser_path(entry)}?lang=da")  # a new page load each time: the observer starts afresh
        page.wait_for_selector('[data-testid="stMainBlockContainer"] h1', timeout=30_000)
        page.wait_for_timeout(SETTLE_MS)
        shifts[entry.url_path] = page.evaluate("window.compassShift")
    context.close()
    print("layout shift per page:", {name: round(value, 3) for name, value in shifts.items()})
    assert {name: value for name, value in shifts.items() if value > MAX_CLS} == {}
