"""In Chromium: one language for the whole visit, whichever way the reader moves through the dashboard."""

from __future__ import annotations

import re

import pytest

from model.localize import translations
from model.translations import seed_texts
from tests.browser import PROJECT_ROOT
from ui.i18n import text

pytestmark = pytest.mark.browser
pytest.importorskip("playwright.sync_api")

H1 = '[data-testid="stMainBlockContainer"] h1'
MENU_LINKS = '[data-testid="stTopNav"] a'  # the menu in the header (ui/navigation.py)
SCREENSHOTS = PROJECT_ROOT / "artifacts" / "screenshots"
# Each menu entry (in order) and the heading its page opens with.
PAGES = [
    ("overview", "app.title"),
    ("norway", "norway.title"),
    ("sweden", "sweden.title"),
    ("denmark", "denmark.title"),
    ("map", "map.title"),
    ("sources", "sources.title"),
    ("brief", "brief.page_title"),
    ("admin", "admin.title"),
    ("glossary", "glossary.title"),
]


# A text each page shows from the store (or, where a page shows none outside canvases, from the interface).
CONTENT = {
    "overview": ("norway/statements.csv", "no-lup-equal-partnership", "text_en"),
    "norway": ("norway/facts.csv", "no-lup-steering-meetings", "caveat"),
    "sweden": "sweden.networks.header",
    "denmark": ("denmark/statements.csv", "dk-summit-date", "text_en"),
    "map": "map.title",
    "sources": "sources.intro",
    "brief": "brief.page_title",
    "admin": "admin.intro",
    "glossary": "glossary.intro",
}


def known_text(page: str, lang: str) -> str:
    where = CONTENT[page]
    if isinstance(where, str):
        return text(where, lang)
    english = seed_texts()[where]
    return english if lang == "en" else translations(lang)[english]


def _choose_language(page, name: str) -> None:
    page.locator('.st-key-language-bar [data-testid="stSelectbox"]').click()
    page.get_by_role("option", name=name).click()


def test_danish_chosen_once_holds_on_every_page_reached_by_the_menu(server, browser):
    page = browser.new_page(viewport={"width": 1400, "height": 1000}, locale="en-GB")
    page.goto(f"{server}/sweden")
    page.wait_for_selector(H1, timeout=30_000)
    assert page.evaluate("document.documentElement.lang") == "en"
    _choose_language(page, "Dansk")
    page.wait_for_function("document.documentElement.lang === 'da'", timeout=15_000)
    for index, (name, title_key) in enumerate(PAGES):
        page.locator(MENU_LINKS).nth(index).click()
        heading = text(title_key, "da")
        page.wait_for_function(
            "h => [...document.querySelectorAll('[data-testid=stMainBlockContainer] h1')].some(e => e.innerText.trim() === h)",
            arg=heading,
            timeout=30_000,
        )
        assert page.evaluate("document.documentElement.lang") == "da", name
        assert "lang=da" in page.url, name
        assert page.title() == text(f"nav.{name}", "da"), name
        page.wait_for_function(  # the page's own content, once drawn
            "t => document.querySelector('[data-testid=stMainBlockContainer]').innerText.includes(t)",
            arg=known_text(name, "da"),
            timeout=30_000,
        )
        main = page.locator('[data-testid="stMainBlockContainer"]').inner_text()
        assert text(title_key, "en") not in main.splitlines() or text(title_key, "en") == heading, (
            f"{name}: the English heading is shown too"
        )
        assert known_text(name, "en") not in main, f"{name}: its English twin {known_text(name, 'en')!r} is shown"
        SCREENSHOTS.mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(SCREENSHOTS / f"da-{name}.png"))
        # Every menu link carries the language, so one opened in a new tab or copied keeps it.
        hrefs = page.locator(MENU_LINKS).evaluate_all("links => links.map(a => a.href)")
        assert all("lang=da" in href for href in hrefs), hrefs
    page.close()


def test_the_browser_locale_chooses_the_language_of_a_first_visit(server, browser):
    page = browser.new_page(locale="sv-SE")
    page.goto(f"{server}/norway")
    page.wait_for_function("document.documentElement.lang === 'sv'", timeout=30_000)
    assert re.search(r"[?&]lang=sv\b", page.url)
    assert page.locator(H1).first.inner_text() == text("norway.title", "sv")
    page.close()


def test_summit_mode_keeps_the_language_and_its_qr_link_carries_it(server, browser):
    page = browser.new_page(viewport={"width": 1920, "height": 1080}, locale="en-GB")
    page.goto(f"{server}/?mode=summit&lang=nb&interval=60")
    page.wait_for_function("document.documentElement.lang === 'nb'", timeout=30_000)
    link = page.locator('[data-testid="stText"]').first.inner_text()  # the QR code's link, to the phone page
    assert link.endswith("lang=nb"), link
    page.close()
