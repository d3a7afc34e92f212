"""WCAG 2.1 AA, as an auditor checks it: axe-core on every view, in English and in Danish, and a phone's view of every page.

axe-core comes from npm (`tests/a11y/package.json`, installed by `make test`); Playwright injects it into
the page once the view has drawn and runs it with the WCAG 2.1 A/AA rules.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.browser import PROJECT_ROOT, look_at_each, painted, settled

pytestmark = pytest.mark.browser
pytest.importorskip("playwright.sync_api")

AXE = PROJECT_ROOT / "tests" / "a11y" / "node_modules" / "axe-core" / "axe.min.js"
SCREENSHOTS = PROJECT_ROOT / "artifacts" / "screenshots" / "a11y"
MAIN = '[data-testid="stMainBlockContainer"]'
SECTIONS = {
    "norway": ["glance", "map", "targets", "small"],
    "sweden": ["networks", "pays", "stair", "check", "proposals", "map"],
    "denmark": ["process", "participants", "norway", "builder", "saved"],
}
PAGES = ["", "map", "sources", "glossary", "brief", "admin", "live"]
SUMMIT = "?mode=summit&interval=600"
VIEWS = [*PAGES, *(f"{page}?section={s}" for page, ids in SECTIONS.items() for s in ids), SUMMIT]
DANISH = [*PAGES, *SECTIONS, SUMMIT]
# Violations that are Streamlit's own (present on an empty Streamlit page too), with the upstream issue.
# An empty Streamlit 1.67 page has none today, so neither may we.
STREAMLIT_OWN: dict[str, str] = {}
AXE_RUN = """async () => {
  const result = await axe.run(document, {runOnly: {type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']}});
  return result.violations.filter(v => v.impact === 'serious' || v.impact === 'critical')
    .map(v => ({id: v.id, impact: v.impact, nodes: v.nodes.slice(0, 3).map(n => n.target.join(' ') + ': ' + n.failureSummary)}));
}"""


@pytest.fixture(scope="module")
def server(server: str) -> str:
    """The shared seeded app (tests/conftest.py), once axe-core is there to audit it."""
    if not AXE.exists():
        pytest.skip("axe-core is not installed: `make test` runs `npm ci` in tests/a11y")
    return server


def joined(view: str, lang: str) -> str:
    return f"{view}{'&' if '?' in view else '?'}lang={lang}"


def drawn(page, url: str) -> None:
    """Open a view and wait until it has drawn (its heading, the script's run finished, every chart and map drawn)."""
    page.goto(url)
    settled(page)


def serious_violations(page) -> list[dict]:
    page.add_script_tag(path=str(AXE))
    return [v for v in page.evaluate(AXE_RUN) if v["id"] not in STREAMLIT_OWN]


def result(found: dict, url: str):
    """What was found on one view (its exception, if it never drew)."""
    if isinstance(found[url], Exception):
        raise found[url]
    return found[url]


@pytest.fixture(scope="module")
def audits(server, browser) -> dict:
    """axe-core's serious and critical findings on every view in both languages, audited a few tabs at a time."""
    urls = [f"{server}/{joined(v, 'en')}" for v in VIEWS] + [f"{server}/{joined(v, 'da')}" for v in DANISH]
    return look_at_each(browser, urls, lambda page, _url: serious_violations(page), viewport={"width": 1400, "height": 1000})


@pytest.mark.parametrize("view", VIEWS)
def test_every_view_in_english_has_no_serious_or_critical_wcag_violation(server, audits, view):
    assert result(audits, f"{server}/{joined(view, 'en')}") == []


@pytest.mark.parametrize("view", DANISH)
def test_every_page_in_danish_has_no_serious_or_critical_wcag_violation(server, audits, view):
    assert result(audits, f"{server}/{joined(view, 'da')}") == []


# A chart's plot (its x axis, with the value labels beside its bars) and anything wider than the screen.
PHONE_CHECK = """() => {
  const scrolls = e => { for (let p = e.parentElement; p; p = p.parentElement) {
      const s = getComputedStyle(p);
      if (['auto', 'scroll', 'hidden'].includes(s.overflowX) && p.scrollWidth > p.clientWidth + 1) return true; }
    return false; };
  const wide = [...document.querySelectorAll('[data-testid=stMain] *')].filter(e => {
    const r = e.getBoundingClientRect(); return r.width > 0 && r.right > innerWidth + 1 && !scrolls(e); })
    .map(e => e.getAttribute('data-testid') || e.tagName);
  const plots = [...document.querySelectorAll('[data-testid=stVegaLiteChart] svg')].map(svg => {
    const parts = [...svg.querySelectorAll('g.role-axis[aria-label^="X-axis"] .role-axis-domain, g.mark-text')];
    if (!parts.length) return null;
    const boxes = parts.map(p => p.getBoundingClientRect());
    return Math.round(Math.max(...boxes.map(b => b.right)) - Math.min(...boxes.map(b => b.left)));
  }).filter(w => w !== null);
  return {wide: [...new Set(wide)].slice(0, 5), plots};
}"""


# Every view with a chart, and the pages with wide tables.
PHONE_VIEWS = ["", "map", "sources", "norway?section=targets", "sweden", "sweden?section=pays", "sweden?section=check"]
PHONE_VIEWS += ["denmark?section=participants", "denmark?section=builder"]


def phone_look(page, url: str) -> dict:
    view = url.split("/", 3)[3].removesuffix("lang=en").rstrip("?&")
    painted(page)
    page.screenshot(path=str(SCREENSHOTS / f"phone-{view.replace('?', '-').replace('=', '-') or 'overview'}.png"))
    return page.evaluate(PHONE_CHECK)


@pytest.fixture(scope="module")
def on_a_phone(server, browser) -> dict:
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    urls = [f"{server}/{joined(v, 'en')}" for v in PHONE_VIEWS]
    return look_at_each(browser, urls, phone_look, viewport={"width": 390, "height": 844}, is_mobile=True, has_touch=True)


@pytest.mark.parametrize("view", PHONE_VIEWS)
def test_on_a_phone_every_chart_keeps_a_readable_plot_and_nothing_is_wider_than_the_screen(server, on_a_phone, view):
    found = result(on_a_phone, f"{server}/{joined(view, 'en')}")
    assert found["wide"] == []
    assert all(width >= 250 for width in found["plots"]), found["plots"]


def test_axe_is_the_auditors_version_from_npm():
    assert '"axe-core"' in Path(PROJECT_ROOT / "tests" / "a11y" / "package.json").read_text(encoding="utf-8")


def test_a_keyboard_user_reaches_the_county_choice_before_the_map_and_opens_a_county(server, browser):
    page = browser.new_page(viewport={"width": 1400, "height": 1000})
    drawn(page, f"{server}/norway?section=map&lang=en")
    page.locator(f"{MAIN} h2").first.click()  # start from the section's heading, as a reader who has just arrived
    order = []
    for _ in range(40):
        page.keyboard.press("Tab")
        order.append(
            page.evaluate(
                "() => { const e = document.activeElement; if (e.closest('[data-testid=stDeckGlJsonChart]')) return 'map';"
                " return e.getAttribute('aria-label') || e.getAttribute('role') || e.tagName; }"
            )
        )
        if order[-1] == "map":
            break
    combos = [i for i, name in enumerate(order) if "county" in name.lower()]
    assert combos, order
    assert "map" not in order[: combos[0]], order
    page.locator(f"{MAIN} input[aria-label*='ounty']").first.focus()
    page.keyboard.type("Troms")
    page.keyboard.press("Enter")
    page.wait_for_function("() => new URL(location.href).searchParams.get('county') === 'NO-19'", timeout=20_000)
    page.locator(f"{MAIN} h3", has_text="Troms").first.wait_for(timeout=20_000)  # the county's panel
    page.close()
