"""Every download button on every page, clicked in Chromium: the files open right and run no formula.

A visitor's own text is hostile here: a self-check named `=HYPERLINK(…)` with the note `@SUM(1+1)`, a
scenario named `+cmd|' /C calc'!A0`. Every CSV and XLSX that comes out is opened and no cell may start
with `=`, `+`, `-`, `@`, tab or carriage return; a CSV starts with a byte-order mark; a number in an XLSX
is a number. Streamlit's own table toolbar offers no download (its CSV does not defuse formulas).
"""

from __future__ import annotations

import csv
import io
import re
import shutil
from pathlib import Path

import openpyxl
import pytest

from model import assessments, denmark, scenarios
from model.db import get_engine
from tests.browser import PROJECT_ROOT, streamlit_server
from ui.downloads import FORMULA_STARTS

pytestmark = pytest.mark.browser
pytest.importorskip("playwright.sync_api")

HOSTILE_CHECK = ('=HYPERLINK("http://127.0.0.1:9/","open me")', "@SUM(1+1)")
HOSTILE_SCENARIO = "+cmd|' /C calc'!A0"
PAGES = [
    "?lang=en",
    *(f"norway?section={s}" for s in ("glance", "map", "targets", "small")),
    *(f"sweden?section={s}" for s in ("networks", "pays", "stair", "check", "proposals", "map")),
    *(f"denmark?section={s}" for s in ("process", "participants", "norway", "builder", "saved")),
    "map",
    "sources?q=Energimyndigheten",
    "glossary",
    "brief",
]
NUMBER_AS_TEXT = re.compile(r"^-?\d{4,}([.,]\d+)?$")  # a year or an amount stored as text
DOWNLOADS = PROJECT_ROOT / "artifacts" / "downloads"


@pytest.fixture(scope="module")
def hostile_url(seeded_url: str, tmp_path_factory) -> str:
    target = tmp_path_factory.mktemp("hostile") / "compass.db"
    shutil.copy(seeded_url.removeprefix("sqlite:///"), target)
    url = f"sqlite:///{target}"
    engine = get_engine(url)
    factors = assessments.factor_ids(engine)
    assessments.save_self_check(HOSTILE_CHECK[0], dict.fromkeys(factors, 3), HOSTILE_CHECK[1], engine)
    scenarios.create(HOSTILE_SCENARIO, denmark.default_inputs(engine=engine), "visitor", engine)
    return url


@pytest.fixture(scope="module")
def server(hostile_url: str):
    with streamlit_server(hostile_url) as base:
        yield base


def _unsafe(value: object) -> bool:
    return isinstance(value, str) and value.startswith(FORMULA_STARTS)


def check_csv(content: bytes, name: str) -> None:
    assert content.startswith(b"\xef\xbb\xbf"), f"{name}: no byte-order mark"
    cells = [c for row in csv.reader(io.StringIO(content.decode("utf-8-sig"))) for c in row]
    assert not [c for c in cells if _unsafe(c)], name


def check_xlsx(content: bytes, name: str) -> None:
    book = openpyxl.load_workbook(io.BytesIO(content))
    cells = [c.value for sheet in book for row in sheet.iter_rows(min_row=2) for c in row]
    assert not [c for c in cells if _unsafe(c)], name
    assert not [c for c in cells if isinstance(c, str) and NUMBER_AS_TEXT.match(c)], f"{name}: numbers stored as text"
    assert all(sheet.freeze_panes == "A2" for sheet in book), name


def _download(page, button) -> tuple[str, bytes]:
    """Click and read the file (a download does not rerun the page); a click that misses is repeated, twice at most."""
    for attempt in (1, 2, 3):
        try:
            with page.expect_download(timeout=120_000) as info:
                button.click(timeout=90_000)
            return info.value.suggested_filename, Path(info.value.path()).read_bytes()
        except Exception:
            if attempt == 3:
                raise
    raise AssertionError("unreachable")


def _settled(page, buttons) -> None:
    """Wait until the page has drawn all its buttons: the same count twice, 0.7 s apart (bounded at 40 s)."""
    last = -1
    for _ in range(60):
        page.wait_for_timeout(700)
        if buttons.count() == last and last > 0:
            return
        last = buttons.count()


def _enabled(page, button) -> bool:
    """Buttons are disabled while the page reruns (after a download, an opened expander): wait for it, bounded."""
    for _ in range(60):
        if button.is_enabled():
            return True
        page.wait_for_timeout(500)
    return False


def _open_expanders(page) -> None:
    closed = page.locator('[data-testid="stExpander"] details:not([open]) summary')
    for _ in range(40):  # bounded: a page has at most a few dozen
        if not closed.count():
            return
        closed.first.click()
        page.wait_for_timeout(300)


def test_every_download_button_on_every_page_gives_a_safe_file(server, browser):
    page = browser.new_page(viewport={"width": 1400, "height": 1000}, accept_downloads=True)
    DOWNLOADS.mkdir(parents=True, exist_ok=True)
    clicked: dict[str, int] = {}
    for path in PAGES:
        page.goto(f"{server}/{path}")
        page.wait_for_selector('[data-testid="stMainBlockContainer"] h1', timeout=30_000)
        _open_expanders(page)
        buttons = page.locator('[data-testid="stDownloadButton"] button')
        _settled(page, buttons)
        for n in range(buttons.count()):
            if not _enabled(page, buttons.nth(n)):  # a button the page keeps disabled offers nothing
                continue
            name, content = _download(page, buttons.nth(n))
            (DOWNLOADS / name).write_bytes(content)
            clicked[name] = len(content)
            if name.endswith(".csv"):
                check_csv(content, f"{path}: {name}")
            elif name.endswith(".xlsx"):
                check_xlsx(content, f"{path}: {name}")
            elif name.endswith(".svg"):
                assert b"Nordic Procurement Compass" in content and ("Sources" in content.decode() or "Kilder" in content.decode()), name
            else:
                assert content[:4] in (b"%PDF", b"PK\x03\x04", b"\x89PNG"), name
        tables = page.locator('[data-testid="stElementContainer"]:has([data-testid="stDataFrame"])')
        if tables.count():
            tables.first.hover()  # the toolbar shows on hover
            page.wait_for_timeout(300)
        toolbar = tables.locator('[data-testid="stElementToolbarButton"] button[aria-label*="ownload"]')
        assert toolbar.count() == 0, f"{path}: the table toolbar offers its own (undefused) download"
    page.close()
    assert "success_factor_self_checks.xlsx" in clicked and "success_factor_self_checks.csv" in clicked
    assert {"glossary.csv", "glossary.xlsx", "nordic_comparison.csv", "nordic_comparison.xlsx"} <= set(clicked)
    assert len(clicked) >= 30, sorted(clicked)
