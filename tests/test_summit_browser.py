"""Summit mode in a real browser: slides that fit a room's screen, and the room's phones following and answering live."""

from __future__ import annotations

import os
import time
import warnings
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import TimeoutError as PlaywrightTimeout
from playwright.sync_api import expect
from sqlalchemy import select
from sqlmodel import Session

from model import auth, denmark, live, scenarios
from model.db import get_engine
from tests.browser import settled, streamlit_server
from tests.conftest import store_copy
from ui.summit.slides import SLIDES

pytestmark = pytest.mark.browser

LINK_SECRET = "presenter-link-for-tests-4f1c"
SLIDE = ".st-key-summit-slide"
FITS = """() => {
  const W = innerWidth, H = innerHeight, outside = [], small = [];
  for (const el of document.querySelectorAll('[data-testid="stMain"] *')) {
    const r = el.getBoundingClientRect(), style = getComputedStyle(el);
    if (r.width === 0 || r.height === 0 || style.visibility === 'hidden') continue;
    if (r.left < -1 || r.top < -1 || r.right > W + 1 || r.bottom > H + 1) outside.push(`${el.tagName}.${el.className}`.slice(0, 80));
  }
  const text = '[data-testid="stMain"] p, [data-testid="stMain"] li, [data-testid="stMain"] [data-testid="stText"]';
  for (const el of document.querySelectorAll(text)) {
    const size = parseFloat(getComputedStyle(el).fontSize);
    if (el.innerText.trim() && size < H / 40 - 0.01) small.push(`${el.innerText.slice(0, 40)}: ${size}px`);
  }
  // A label wider than its button is cut ("Föregående" in equal columns): the button must fit its words.
  const clipped = [...document.querySelectorAll('[data-testid="stMain"] button *')]
    .filter(e => e.getBoundingClientRect().width > 0 && e.scrollWidth > e.clientWidth + 1).map(e => e.innerText.slice(0, 40));
  const qr = document.querySelector('img.summit-qr'), box = qr.getBoundingClientRect();
  const figure = document.querySelector('p.summit-figure');
  return {outside, small, clipped, alt: qr.alt, qr: [box.left, box.top, box.right, box.bottom], W, H,
          complete: qr.complete && qr.naturalWidth > 0,
          figure: figure ? parseFloat(getComputedStyle(figure).fontSize) : null};
}"""
QR_ALT = {
    "en": "QR code: link to this view",
    "nb": "QR-kode: lenke til denne visningen",
    "sv": "QR-kod: länk till den här vyn",
    "da": "QR-kode: link til denne visning",
}


@pytest.fixture(scope="module")
def slides_server(seeded_url: str, tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """A server on a copy of its own: the slides are measured on the seed, whatever earlier tests did to the shared store."""
    url = store_copy(seeded_url, tmp_path_factory.mktemp("slides") / "slides.db")
    with streamlit_server(url) as base:
        yield base


@pytest.fixture
def store(seeded_url: str, tmp_path: Path) -> str:
    return store_copy(seeded_url, tmp_path / "summit.db")


@pytest.fixture(scope="module")
def room_store(seeded_url: str, tmp_path_factory: pytest.TempPathFactory) -> str:
    """The store of the room the phone-page tests share: each opens its own question, and asserts only about that one."""
    return store_copy(seeded_url, tmp_path_factory.mktemp("room") / "room.db")


@pytest.fixture(scope="module")
def room(room_store: str) -> Iterator[str]:
    """A server of its own, with a presenter, for the tests that change the room's state (the question, answers).

    The tests that only look at slides use the shared seeded server (`server`, tests/conftest.py); the room's live test
    the app as `make run` serves it (`served`).
    """
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("COMPASS_PRESENTERS", f"hall={auth.hash_password(LINK_SECRET)}")
        with streamlit_server(room_store) as base:
            yield base


@pytest.fixture
def served(store: str, monkeypatch: pytest.MonkeyPatch) -> Iterator[str]:
    """As `make run` serves it (serve.py): phones poll `/_compass/changes` instead of rerunning on a timer."""
    monkeypatch.setenv("COMPASS_PRESENTERS", f"hall={auth.hash_password(LINK_SECRET)}")
    with streamlit_server(store, script="serve.py") as base:
        yield base


def follow_budget(seconds: float) -> float:
    """The room's budget, stretched only when this shared 2-core machine is overloaded (load average above its cores).

    `make bench` measures the latency on a quiet machine; here the test must not fail because other jobs run.
    """
    load = os.getloadavg()[0] / (os.cpu_count() or 1)
    return seconds * min(5.0, max(1.0, load))


def footer_shows(page, number: int, within: float) -> bool:
    try:
        page.locator(".st-key-summit-footer", has_text=f" {number} ").first.wait_for(timeout=within * 1000)
    except PlaywrightTimeout:
        return False
    return True


def reached(page, number: int) -> None:
    """Wait for slide `number` after a click on Next; a click that left the slide where it was is said and made again, once.

    One CI run on a loaded machine (4 screens at 4K) saw one Next click not move its slide in 30 s; 192 clicks under
    the same load here all moved theirs. The slides' fit is what this test measures, so a lost click is reported (a
    warning in the summary) rather than failing it; a slide that moved too far or not at all fails it.
    """
    if footer_shows(page, number, 30):
        return
    footer = page.locator(".st-key-summit-footer").first.inner_text()
    script = page.locator("[data-testid=stApp]").get_attribute("data-test-script-state")
    assert f" {number - 1} " in footer, f"slide {number} expected, the footer says {footer!r} (script {script})"
    warnings.warn(f"a Next click did not move slide {number - 1} ({page.url}, script {script}); clicked again", stacklevel=2)
    page.locator(".st-key-summit-next button").click()
    assert footer_shows(page, number, 30), f"slide {number}: the footer still says {footer!r} after a second click"


def wait_for_slide(page, title: str, within: float) -> None:
    page.locator("h1", has_text=title).first.wait_for(timeout=within * 1000)


@pytest.mark.parametrize("size", [(1920, 1080), (3840, 2160)], ids=["1080p", "4K"])
def test_every_slide_fits_the_screen_with_room_sized_type_in_every_language(slides_server: str, browser, size: tuple[int, int]):
    width, height, server = *size, slides_server
    pages = {lang: browser.new_page(viewport={"width": width, "height": height}) for lang in QR_ALT}  # one screen per language
    for lang, page in pages.items():
        page.goto(f"{server}/?mode=summit&interval=600&lang={lang}", wait_until="commit")
    for number in range(1, len(SLIDES) + 1):
        for lang, page in pages.items():  # while one screen is measured, the others draw their slide
            reached(page, number)
            page.wait_for_function("() => [...document.images].every(i => i.complete)")
            settled(page)  # the slide's run has finished and its charts have drawn
            page.locator("img.summit-qr").first.wait_for(timeout=30_000)  # its st.html is mounted again after each run
            found = page.evaluate(FITS)
            where = f"{lang} {width}x{height} slide {number}"
            assert found["outside"] == [], f"{where}: outside the screen: {found['outside']}"
            assert found["small"] == [], f"{where}: body text under 1/40 of the height: {found['small']}"
            assert found["clipped"] == [], f"{where}: a button's label is cut: {found['clipped']}"
            left, top, right, bottom = found["qr"]
            assert found["complete"] and left >= 0 and top >= 0 and right <= width and bottom <= height, f"{where}: QR code {found['qr']}"
            assert found["alt"] == QR_ALT[lang]
            if found["figure"] is not None:
                assert found["figure"] >= height / 8, f"{where}: headline figure {found['figure']}px"
            if number == 1:
                page.screenshot(path=f"/tmp/summit-{lang}-{width}.png")
            page.locator(".st-key-summit-next button").click()
    for page in pages.values():
        page.close()


def test_nothing_is_cut_off_sideways_on_a_phone_and_its_chart_type_stays_readable(server: str, browser):
    page = browser.new_page(viewport={"width": 390, "height": 844})
    page.goto(f"{server}/?mode=summit&interval=600&lang=da&slide=7")
    page.locator("img.summit-qr").wait_for(timeout=30_000)
    wide = page.evaluate(
        "() => [...document.querySelectorAll('[data-testid=stMain] *')].filter(e => e.getBoundingClientRect().right > 391).length"
    )
    assert wide == 0
    # The chart a phone shows is the one drawn narrow: its 34 px names are scaled to at least 12 px, not to 8.
    scale = page.evaluate(
        "() => { const i = [...document.querySelectorAll('.summit-chart img')].find(e => e.offsetParent !== null);"
        " return i.getBoundingClientRect().width / i.naturalWidth; }"
    )
    assert 34 * scale >= 12, f"chart type on a phone: {34 * scale:.1f} px"
    page.close()


def presenter_menu(presenter, key: str):
    """A button in the presenter's "Room questions" menu (opened if it is not open already)."""
    button = presenter.locator(f".st-key-{key} button")
    if not button.is_visible():
        presenter.locator(".st-key-summit-controls button", has_text="Room questions").click()
    return button


def answer_all(phone, score: str) -> None:
    phone.locator(".st-key-live-submit button").wait_for(timeout=10_000)  # the whole form is drawn
    for row in phone.locator('.st-key-live-question [class*="st-key-live-"] [data-testid="stButtonGroup"]').all():
        choice = row.get_by_role("radio", name=score, exact=True)
        choice.click()
        expect(choice).to_be_checked(timeout=10_000)
    phone.locator(".st-key-live-submit button").click()


def test_phones_follow_the_presenter_and_the_room_answers_live(served: str, store: str, browser):
    presenter = browser.new_page(viewport={"width": 1920, "height": 1080})
    presenter.goto(f"{served}/?mode=summit&interval=600&lang=en&presenter={LINK_SECRET}")
    presenter.locator(".st-key-presenter-next button").wait_for(timeout=30_000)
    assert LINK_SECRET not in presenter.url  # the secret leaves the address bar (and so the QR code and shared links)
    phones = [browser.new_context(viewport={"width": 390, "height": 844}).new_page() for _ in range(3)]
    for phone in phones:
        phone.goto(f"{served}/live?lang=en")
        phone.locator(".st-key-live-slide h1").wait_for(timeout=30_000)

    budget = follow_budget(2.0)
    presenter.locator(".st-key-presenter-next button").click()
    clicked, title = time.monotonic(), "Norway: what LUP reports"
    for phone in phones:
        wait_for_slide(phone, title, budget)
    assert time.monotonic() - clicked <= budget  # every phone shows the presenter's new slide within 2 s of the click

    presenter_menu(presenter, "presenter-open-readiness").click()
    for score, phone in zip(("1", "2", "3"), phones, strict=True):
        phone.locator(".st-key-live-question").wait_for(timeout=budget * 1000)
        answer_all(phone, score)
        phone.get_by_text("Thank you: your answer is counted.").wait_for(timeout=20_000)
    count = presenter.locator(".st-key-live-count")
    count.get_by_text("3", exact=True).wait_for(timeout=follow_budget(3.0) * 1000)
    presenter.locator(".summit-chart img[alt*='Målbild: median 2,']").wait_for(timeout=follow_budget(3.0) * 1000)

    answer_all(phones[0], "5")  # the first phone changes its mind: replaces, not adds
    phones[0].get_by_text("your new answer replaces your earlier one").wait_for(timeout=10_000)
    presenter.locator(".summit-chart img[alt*='Målbild: median 3,']").wait_for(timeout=follow_budget(3.0) * 1000)
    assert count.inner_text().strip() == "3"

    presenter_menu(presenter, "presenter-close").click()
    phones[1].get_by_text("This question is closed").first.wait_for(timeout=budget * 1000)
    phones[1].locator(".st-key-live-submit button").click()
    phones[1].get_by_text("Not counted: this question is closed.").wait_for(timeout=10_000)
    question = live.state(get_engine(store)).question
    assert live.answer_count(question["id"], get_engine(store)) == 3
    presenter.screenshot(path="/tmp/summit-live-results.png")
    phones[0].screenshot(path="/tmp/summit-live-phone.png", full_page=True)
    for page in [presenter, *phones]:
        page.context.close() if page.context != presenter.context else page.close()


def test_the_phone_page_cannot_steer_and_refuses_a_forged_token(room: str, room_store: str, browser):
    engine = get_engine(room_store)
    made = live.presenter_from_link({"t": auth.hash_password("x" * 12)}, "x" * 12)
    question = live.open_question(made, live.READINESS, engine=engine)
    before = live.state(engine)
    context = browser.new_context(viewport={"width": 390, "height": 844})
    context.add_cookies([{"name": "compass_live", "value": "forgedDeviceId123.0123456789abcdef0123456789abcdef", "url": room}])
    phone = context.new_page()
    phone.goto(f"{room}/live?lang=en&presenter={LINK_SECRET}&slide=4&open=readiness")
    phone.locator(".st-key-live-question").wait_for(timeout=30_000)
    assert phone.locator('[class*="st-key-presenter-"]').count() == 0  # no steering on /live, even with the link's secret
    answer_all(phone, "4")
    phone.get_by_text("answer token was not valid").wait_for(timeout=10_000)
    assert live.answer_count(question, engine) == 0
    phone.locator(".st-key-live-submit button").click()  # the page issued a fresh, signed token: the same scores go in
    phone.get_by_text("Thank you: your answer is counted.").wait_for(timeout=10_000)
    after = live.state(engine)
    assert (after.slide, after.question["id"]) == (before.slide, question)
    with Session(engine) as session:
        devices = session.execute(select(live.LiveAnswer.device)).scalars().all()
    assert devices and "forgedDeviceId123" not in devices
    context.close()


PAYLOAD = "<img src=x onerror=\"document.title='pwned'\">"


def test_html_in_parameters_and_scenario_names_shows_as_text(room: str, room_store: str, browser):
    engine = get_engine(room_store)
    inputs = denmark.default_inputs(engine=engine)
    ids = [scenarios.create(name, inputs, "visitor:t", engine)["id"] for name in (f"{PAYLOAD} **bold**", "Plain")]
    made = live.presenter_from_link({"t": auth.hash_password("x" * 12)}, "x" * 12)
    live.open_question(made, live.SCENARIO_VOTE, ids, engine)
    page = browser.new_page(viewport={"width": 390, "height": 844})
    page.goto(f"{room}/live?lang={PAYLOAD}&x=<script>document.title='pwned'</script>")
    page.get_by_text(f"{PAYLOAD} **bold**").wait_for(timeout=30_000)  # the name exactly as typed: no image, no bold
    assert page.locator("img[src='x']").count() == 0 and page.title() != "pwned"
    page.goto(f"{room}/?mode=summit&slide={PAYLOAD}&interval=<b>x</b>&lang=en")
    page.locator("img.summit-qr").wait_for(timeout=30_000)
    assert page.locator("img[src='x']").count() == 0 and page.title() != "pwned"
    page.close()
