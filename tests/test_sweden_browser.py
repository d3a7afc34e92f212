"""The Sweden page in Chromium: the timeline selection filters the table, the map draws offline, markup in data stays text."""

from __future__ import annotations

from urllib.parse import urlparse

import pytest

from tests.browser import PROJECT_ROOT, map_drawn, settled

pytestmark = pytest.mark.browser
pytest.importorskip("playwright.sync_api")

SCREENSHOTS = PROJECT_ROOT / "artifacts" / "screenshots"
LOCAL_HOSTS = {"127.0.0.1", "localhost", ""}
ERRORS = '[data-testid="stException"]'


@pytest.fixture(scope="module")
def server(hostile_server: str) -> str:
    """The app on the store with markup in BeBo's name (tests/hostile_store.py)."""
    return hostile_server


@pytest.fixture
def page(server, browser):
    page = browser.new_page(viewport={"width": 1400, "height": 1000})
    page.outside = []  # type: ignore[attr-defined]
    page.dialogs = []  # type: ignore[attr-defined]
    page.on(
        "request",
        lambda r: (
            page.outside.append(r.url)  # type: ignore[attr-defined]
            if urlparse(r.url).hostname not in LOCAL_HOSTS and not r.url.startswith(("data:", "blob:"))
            else None
        ),
    )
    page.on("dialog", lambda d: (page.dialogs.append(d.message), d.dismiss()))  # type: ignore[attr-defined]
    yield page
    page.close()


def open_sweden(page, server: str, query: str = "lang=en") -> None:
    page.goto(f"{server}/sweden?{query}")
    page.wait_for_selector('[data-testid="stMainBlockContainer"] h1', timeout=120_000)  # a cold server on a busy machine
    page.get_by_text("10 of 10 networks shown.").wait_for(timeout=60_000)


def test_the_timeline_selection_filters_the_table(page, server):
    open_sweden(page, server)
    chart = page.locator('[data-testid="stVegaLiteChart"]').first
    chart.scroll_into_view_if_needed()
    # Vega labels each mark for screen readers; the dot of a 2018 network selects every 2018 network.
    dot = chart.locator('path[aria-label*="Renare mark och vatten"]').first
    dot.wait_for(timeout=30_000)
    dot.click()
    page.get_by_text("4 of 10 networks shown.").wait_for(timeout=30_000)
    assert page.get_by_text("Table filtered by the timeline: 2018").count() == 1
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SCREENSHOTS / "sweden-timeline-selected.png"))
    assert page.locator(ERRORS).count() == 0


def test_the_map_renders_offline(page, server):
    open_sweden(page, server)
    page.get_by_role("tab", name="Map").click()  # one section at a time: the map is the last
    page.wait_for_url("**section=map**")
    deck = page.locator('[data-testid="stDeckGlJsonChart"]').first
    deck.scroll_into_view_if_needed()
    deck.locator("canvas").first.wait_for(timeout=30_000)
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    shot = SCREENSHOTS / "sweden-map.png"
    shot.write_bytes(map_drawn(page, deck))
    from PIL import Image

    colours = Image.open(shot).convert("RGB").resize((120, 120)).getcolors(maxcolors=120 * 120)
    assert colours is not None and len(colours) > 20, "the map looks blank"
    box = deck.bounding_box()
    page.mouse.move(box["x"] + box["width"] * 0.55, box["y"] + box["height"] * 0.6)  # over Sweden
    page.wait_for_timeout(500)
    assert page.outside == [], page.outside  # type: ignore[attr-defined]
    assert page.locator(ERRORS).count() == 0


def test_markup_in_a_network_name_shows_as_text(page, server):
    open_sweden(page, server, "lang=en&network=bebo")
    page.get_by_text("What the report says about", exact=False).first.click()
    page.get_by_text('<b id="pwned">Injected</b>', exact=False).first.wait_for(timeout=30_000)
    settled(page)
    body = page.locator('[data-testid="stMain"]').inner_text()
    assert '<b id="pwned">Injected</b>' in body
    assert page.locator("#pwned").count() == 0
    assert page.evaluate("() => window.__pwned") is None
    assert page.dialogs == []  # type: ignore[attr-defined]
    assert page.locator(ERRORS).count() == 0
