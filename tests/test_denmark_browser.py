"""The Denmark page in Chromium: the hub map draws offline in the chosen colours, and a scenario link reopens the same numbers."""

from __future__ import annotations

import io
from urllib.parse import urlparse

import pytest

from tests.browser import PROJECT_ROOT, map_drawn, settled
from ui import palette

pytestmark = pytest.mark.browser
pytest.importorskip("playwright.sync_api")
Image = pytest.importorskip("PIL.Image")

SCREENSHOTS = PROJECT_ROOT / "artifacts" / "screenshots"
LOCAL_HOSTS = {"127.0.0.1", "localhost", ""}
ERRORS = '[data-testid="stException"]'


def open_page(browser, url: str, outside: list[str] | None = None):
    page = browser.new_page(viewport={"width": 1400, "height": 1000})
    if outside is not None:
        page.on(
            "request",
            lambda r: (
                outside.append(r.url) if urlparse(r.url).hostname not in LOCAL_HOSTS and not r.url.startswith(("data:", "blob:")) else None
            ),
        )
    page.goto(url)
    page.wait_for_selector('[data-testid="stMainBlockContainer"] h1', timeout=60_000)
    page.locator('[data-testid="stMetric"]', has_text="Projection").first.wait_for(timeout=60_000)
    return page


def share_of(image, hex_colour: str, tolerance: int = 40) -> float:
    """Fraction of the image's pixels within `tolerance` of a colour (the map blends fills with the sea a little)."""
    target = [int(hex_colour.lstrip("#")[i : i + 2], 16) for i in (0, 2, 4)]
    pixels = list(image.convert("RGB").getdata())
    near = sum(1 for p in pixels if all(abs(c - t) <= tolerance for c, t in zip(p, target, strict=True)))
    return near / len(pixels)


def test_the_hub_map_draws_offline_in_the_chosen_hub_colours(server, browser):
    outside: list[str] = []
    # Hub 1 covers Hovedstaden and Sjælland, hub 2 the three Jutland/Funen regions.
    page = open_page(browser, f"{server}/denmark?lang=en&hubs=2&assignment=2,2,2,1,1", outside)
    deck = page.locator('[data-testid="stDeckGlJsonChart"]')
    deck.scroll_into_view_if_needed()
    page.wait_for_function(
        "() => { const c = document.querySelector('[data-testid=stDeckGlJsonChart] canvas'); return c && c.width > 0; }", timeout=30_000
    )
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    shot = map_drawn(page, deck)
    (SCREENSHOTS / "denmark-hub-map.png").write_bytes(shot)
    image = Image.open(io.BytesIO(shot))
    hub1, hub2 = palette.OKABE_ITO["blue"], palette.OKABE_ITO["orange"]
    assert share_of(image, hub2) > 0.08, "Jutland and Funen in hub 2's colour"
    assert share_of(image, hub1) > 0.02, "Zealand in hub 1's colour"  # ~2.7 % of a 736 px wide map, 0 when not drawn
    assert share_of(image, palette.OKABE_ITO["green"]) < 0.005, "no third hub drawn"
    legend = page.locator("[data-hub-legend]").all_inner_texts()
    assert legend == ["■ Hub 1: Region Hovedstaden, Region Sjælland", "■ Hub 2: Region Nordjylland, Region Midtjylland, Region Syddanmark"]
    assert page.locator(ERRORS).count() == 0
    assert outside == []
    page.screenshot(path=str(SCREENSHOTS / "denmark.png"))
    page.close()


# The page is idle and its number of metrics has not changed for a second: a link's inputs can start a second run
# just after the first, and its projections arrive one after another (a loaded run read 2 of the 4 too early).
STEADY = """() => {
  const metrics = document.querySelectorAll('[data-testid=stMetric]').length, now = performance.now();
  const idle = document.querySelector('[data-testid=stApp][data-test-script-state=notRunning]') !== null;
  if (!idle || window.compassMetrics !== metrics) { window.compassMetrics = metrics; window.compassSince = now; return false; }
  return now - window.compassSince >= 1000;
}"""


def projection_values(page) -> dict[str, str]:
    """Every projection on screen, read once the page's run has finished and no more are arriving."""
    settled(page)
    page.wait_for_function(STEADY, timeout=30_000, polling=100)
    metrics = page.locator('[data-testid="stMetric"]', has_text="Projection")
    return {
        m.locator('[data-testid="stMetricLabel"]').inner_text(): m.locator('[data-testid="stMetricValue"]').inner_text()
        for m in metrics.all()
    }


def test_a_scenario_link_reopens_the_same_numbers(server, browser):
    first = open_page(browser, f"{server}/denmark?lang=en&annual_budget_dkk=6000000&years=8&basis=procurement&hubs=4")
    first.wait_for_function("() => window.location.search.includes('assignment=')", timeout=30_000)  # the page wrote every input
    numbers, link = projection_values(first), first.url
    assert numbers and all(v and v != "—" for v in numbers.values())
    first.close()

    again = open_page(browser, link)
    assert projection_values(again) == numbers
    assert again.locator('input[aria-label="Annual budget (DKK)"]').input_value() == "6,000,000"  # the reader's notation
    again.close()

    plain = open_page(browser, f"{server}/denmark?lang=en&section=builder")
    assert projection_values(plain) != numbers  # the link, not the defaults, gave those numbers
    plain.close()
