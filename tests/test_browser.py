"""Real-browser smoke test: every page opens in Chromium, shows no exception, and stays on localhost."""

from __future__ import annotations

from urllib.parse import urlparse

import pytest

from tests.browser import PROJECT_ROOT, settled, streamlit_server

pytestmark = pytest.mark.browser
pytest.importorskip("playwright.sync_api")

# A deep link first: a fresh server must route it through app.py's navigation too.
PAGES = ["sources", "", "norway", "sweden", "denmark", "map", "glossary", "brief", "admin"]
ERRORS = '[data-testid="stException"], [data-testid="stAlertContentError"]'
SCREENSHOTS = PROJECT_ROOT / "artifacts" / "screenshots"
LOCAL_HOSTS = {"127.0.0.1", "localhost", ""}
MENUS = '[data-testid="stSidebarNav"] a, [data-testid="stTopNav"] a'  # Streamlit's list of pages/ would be the first


@pytest.mark.parametrize("path", PAGES)
def test_page_opens_without_exception_and_only_talks_to_localhost(server, browser, path):
    page = browser.new_page(viewport={"width": 1400, "height": 1000})
    outside: list[str] = []
    page.on(
        "request",
        lambda r: (
            outside.append(r.url) if urlparse(r.url).hostname not in LOCAL_HOSTS and not r.url.startswith(("data:", "blob:")) else None
        ),
    )
    page.goto(f"{server}/{path}")
    page.wait_for_selector('[data-testid="stMainBlockContainer"] h1', timeout=30_000)
    settled(page)  # charts and maps drawn
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SCREENSHOTS / f"{path or 'overview'}.png"), full_page=True)
    assert page.locator(ERRORS).count() == 0, page.locator(ERRORS).first.inner_text()
    assert "Nordic overview" in page.locator('[data-testid="stTopNav"]').inner_text()
    assert outside == []
    page.close()


def test_the_overview_fits_a_phone_without_horizontal_scrolling(server, browser):
    page = browser.new_page(viewport={"width": 390, "height": 844}, is_mobile=True)
    page.goto(f"{server}/?lang=en")
    page.wait_for_selector('[data-testid="stMainBlockContainer"] h1', timeout=30_000)
    settled(page)
    page.screenshot(path=str(SCREENSHOTS / "overview-phone.png"))
    overflow = page.evaluate(
        "() => Math.max(...[...document.querySelectorAll('[data-testid=stMain], [data-testid=stMainBlockContainer], html, body')]"
        ".map(e => e.scrollWidth - e.clientWidth))"
    )
    assert overflow <= 1
    page.close()


def test_summit_mode_advances_slides_on_its_own(server, browser):
    page = browser.new_page(viewport={"width": 1920, "height": 1080})
    page.goto(f"{server}/?mode=summit&interval=5&lang=en")
    first = page.locator('[data-testid="stMainBlockContainer"] h1').first
    first.wait_for(timeout=30_000)
    assert first.inner_text() == "Nordic Procurement Compass"
    heading = "() => document.querySelector('[data-testid=stMainBlockContainer] h1').innerText"
    page.wait_for_function(f"{heading}.includes('Norway')", timeout=15_000)
    assert page.locator('[data-testid="stSidebarNav"], [data-testid="stTopNav"]').count() == 0
    page.close()


def test_a_first_visit_to_a_fresh_server_never_shows_the_list_of_page_files(seeded_url, browser):
    """Streamlit's automatic list of pages/ ("app, admin, brief, …") must not flash before the app's menu."""
    with streamlit_server(seeded_url) as fresh:
        page = browser.new_page(viewport={"width": 1400, "height": 900})
        page.goto(f"{fresh}/norway?lang=en", wait_until="commit")
        menus: list[list[str]] = []
        for _ in range(600):  # every 50 ms, for at most 30 s: until the page's heading has been up for a second
            menus.append(page.eval_on_selector_all(MENUS, "links => links.map(a => a.innerText)"))
            if len(menus) > 20 and page.locator('[data-testid="stMainBlockContainer"] h1').count() and menus[-20] == menus[-1] != []:
                break
            page.wait_for_timeout(50)
        page.screenshot(path=str(SCREENSHOTS / "first-visit-norway.png"))
        assert page.url.endswith("/norway?lang=en") or "/norway" in page.url
        assert not [m for m in menus if any(link.strip() in ("app", "summit", "norway") for link in m)], menus
        assert "Norway: LUP" in menus[-1][1]
        page.close()
