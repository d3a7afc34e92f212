"""Every download button on every page gives a safe file of the kind its label names.

A visitor's own text is hostile here: a self-check named `=HYPERLINK(…)` with the note `@SUM(1+1)`, a
scenario named `+cmd|' /C calc'!A0`. Every CSV and XLSX that comes out is opened and no cell may start
with `=`, `+`, `-`, `@`, tab or carriage return; a CSV starts with a byte-order mark; a number in an XLSX
is a number. Streamlit's own table toolbar offers no download (its CSV does not defuse formulas), nor does its chart
toolbar (its PNG has no title, sources or data version).

Every button's file is fetched as the browser's click fetches it, through Streamlit's websocket protocol
(bench/wsclient.py: the same deferred-file request and media URL), which takes seconds for ~80 files where
clicking each in Chromium took minutes; Chromium then clicks one button of each kind and saves the file.
"""

from __future__ import annotations

import asyncio
import csv
import io
import re
from pathlib import Path

import openpyxl
import pytest

from bench.wsclient import Session
from tests.browser import PROJECT_ROOT, run_async
from ui.downloads import FORMULA_STARTS

pytestmark = pytest.mark.browser
pytest.importorskip("playwright.sync_api")

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
# What a button's (English) label promises, and the file name's ending it must come with.
KINDS = {"CSV": ".csv", "XLSX": ".xlsx", "PNG": ".png", "SVG": ".svg", "PDF": ".pdf", "PowerPoint": ".pptx"}
NUMBER_AS_TEXT = re.compile(r"^-?\d{4,}([.,]\d+)?$")  # a year or an amount stored as text
DOWNLOADS = PROJECT_ROOT / "artifacts" / "downloads"


@pytest.fixture(scope="module")
def server(hostile_server: str) -> str:
    """The app on the store with the hostile self-check and scenario (tests/hostile_store.py)."""
    return hostile_server


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


def check_file(kind: str, content: bytes, name: str) -> None:
    """The checks a file of this kind must pass, whichever way it was downloaded."""
    if kind == "CSV":
        check_csv(content, name)
    elif kind == "XLSX":
        check_xlsx(content, name)
    elif kind == "SVG":
        text = content.decode()
        assert "Nordic Procurement Compass" in text and ("Sources" in text or "Kilder" in text), name
    else:
        assert content[:4] == {"PDF": b"%PDF", "PowerPoint": b"PK\x03\x04", "PNG": b"\x89PNG"}[kind], name


def kind_of(label: str) -> str:
    """The kind of file a button's label names ("Download CSV", "Download these scores (CSV)", …)."""
    named = [kind for kind in KINDS if re.search(rf"\b{kind}\b", label)]
    assert len(named) == 1, f"the button {label!r} names no single kind of file"
    return named[0]


async def every_download(server: str) -> dict[str, tuple[str, bytes]]:
    """Every enabled download button on every page: "page: widget key" -> (its label, the file's bytes)."""
    found: dict[str, tuple[str, bytes]] = {}
    limit = asyncio.Semaphore(3)  # a few tabs at once, as readers would; the server builds each file on request

    async def visit(path: str) -> None:
        page, _, query = path.partition("?")
        async with limit, await Session.open(server, page, query, auto_rerun=False) as tab:
            for panel in [k for k in tab.tab_keys() if k.endswith("-view")]:
                await tab.open_tab(panel, "Download")  # a chart's files are in its panel's Download tab
            for node in tab.elements("download_button"):
                button = node.element.download_button
                key = node.widget_id.split("-", 2)[-1]  # `$$ID-<hash>-<key>`; "None" for an unkeyed button
                if not button.disabled:  # a button the page keeps disabled offers nothing
                    found[f"{path}: {button.label if key == 'None' else key}"] = (button.label, await tab.download(node.widget_id))

    await asyncio.gather(*(visit(path) for path in PAGES))
    return found


def test_every_download_button_on_every_page_gives_a_safe_file_of_the_kind_its_label_names(server):
    found = run_async(every_download(server))
    DOWNLOADS.mkdir(parents=True, exist_ok=True)
    for where, (label, content) in found.items():
        check_file(kind_of(label), content, where)
        (DOWNLOADS / f"{where.split(': ', 1)[1]}{KINDS[kind_of(label)]}").write_bytes(content)  # to look at
    keys = {where.split(": ", 1)[1] for where in found}
    assert {"sc-saved-download-csv", "sc-saved-download-xlsx"} <= keys  # the visitor's hostile self-check, as a table
    assert {"glossary-csv", "glossary-xlsx", "comparison-csv", "comparison-xlsx"} <= keys
    assert {kind_of(label) for label, _ in found.values()} == set(KINDS)
    assert len(found) >= 70, sorted(found)


def _download(page, button) -> tuple[str, bytes]:
    """Click and read the file (a download does not rerun the page); a click that misses is repeated, twice at most."""
    for attempt in (1, 2, 3):
        try:
            with page.expect_download(timeout=120_000) as info:
                button.click(timeout=90_000)  # Playwright waits until the button is visible and enabled
            return info.value.suggested_filename, Path(info.value.path()).read_bytes()
        except Exception:
            if attempt == 3:
                raise
    raise AssertionError("unreachable")


# One page per kind of button: the overview's grid and first chart have all four, the brief its two documents.
CLICKED = {"?lang=en": ["CSV", "XLSX", "PNG", "SVG"], "brief?lang=en": ["PDF", "PowerPoint"]}


def test_in_chromium_one_button_of_each_kind_saves_its_file_and_no_table_toolbar_offers_a_download(server, browser):
    page = browser.new_page(viewport={"width": 1400, "height": 1000}, accept_downloads=True)
    DOWNLOADS.mkdir(parents=True, exist_ok=True)
    for path, kinds in CLICKED.items():
        page.goto(f"{server}/{path}")
        page.wait_for_selector('[data-testid="stMainBlockContainer"] h1', timeout=30_000)
        if "PNG" in kinds:  # a chart's files are in its panel's Download tab
            page.get_by_role("tab", name="Download").first.click()
        for kind in kinds:
            button = page.locator('[data-testid="stDownloadButton"] button').filter(has_text=re.compile(rf"\b{kind}\b")).first
            name, content = _download(page, button)
            (DOWNLOADS / name).write_bytes(content)
            assert name.endswith(KINDS[kind]), name
            check_file(kind, content, f"{path}: {name}")
        tables = page.locator('[data-testid="stElementContainer"]:has([data-testid="stDataFrame"])')
        if tables.count():
            tables.first.hover()  # the toolbar shows on hover
            tables.first.locator('[data-testid="stElementToolbarButton"]').first.wait_for(timeout=10_000)  # search, fullscreen
        toolbar = tables.locator('[data-testid="stElementToolbarButton"] button[aria-label*="ownload"]')
        assert toolbar.count() == 0, f"{path}: the table toolbar offers its own (undefused) download"
        charts = page.locator('[data-testid="stElementContainer"]:has([data-testid="stVegaLiteChart"])')
        if charts.count():
            charts.first.hover()
            charts.first.locator('[data-testid="stElementToolbarButton"]').first.wait_for(timeout=10_000)  # show data, fullscreen
            bare = charts.first.locator('button[aria-label^="Download as PNG"]')
            assert not [n for n in range(bare.count()) if bare.nth(n).is_visible()], f"{path}: the chart toolbar exports a bare PNG"
    page.close()
