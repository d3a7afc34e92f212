"""No lost work, in Chromium against real app servers: two editors on two servers, lasting ownership, an outage survived."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import tempfile
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from sqlalchemy import text

from bench.browser import _free_port, serve
from model.db import get_engine
from seed.load import load_bundle
from seed.validate import read_seed
from tests.browser import PROJECT_ROOT
from tests.conftest import store_copy

pytestmark = pytest.mark.browser
pytest.importorskip("playwright.sync_api")

SCREENSHOTS = PROJECT_ROOT / "artifacts" / "screenshots"
MAIN = '[data-testid="stMainBlockContainer"]'
ERRORS = '[data-testid="stException"]'
UNREACHABLE = "The data store is not reachable"


def shot(page, name: str) -> None:
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SCREENSHOTS / f"{name}.png"), full_page=False)


# Two editors on two app servers: tests/test_two_editors.py (the grid's edits sent as the browser sends them).


# --- Lasting ownership -------------------------------------------------------------------------


@pytest.fixture(scope="module")
def scenario_store(seeded_url: str, tmp_path_factory: pytest.TempPathFactory) -> str:
    return store_copy(seeded_url, tmp_path_factory.mktemp("owner") / "compass.db")


@pytest.fixture(scope="module")
def scenario_server(scenario_store: str) -> Iterator[str]:
    with serve("app.py", scenario_store) as (base, _):
        yield base


def stored(url: str) -> str:
    """The saved scenarios as the store has them: what a failed save's message needs (who saved which version when)."""
    with get_engine(url).connect() as connection:
        rows = connection.execute(text("SELECT id, name, version, owner, changed_by, updated_at FROM user_scenario")).all()
    return "; ".join(str(tuple(row)) for row in rows)


def open_builder(context, base: str):
    page = context.new_page()
    page.set_viewport_size({"width": 1400, "height": 1000})
    page.goto(f"{base}/denmark?lang=en&section=builder")
    page.get_by_label("Scenario name").wait_for(timeout=60_000)
    return page


def save_changes_to(page, name: str) -> str:
    """Open the saved scenario and save it again: the flash says saved, or whose it is."""
    page.locator(f"{MAIN} button", has_text=re.compile(r"^Open$")).first.click()  # (the select boxes' toggles are 'Open' too)
    page.get_by_text(f"Opened {name}").wait_for(timeout=60_000)
    page.get_by_role("button", name=f"Save changes to {name}").click()
    # This save's own flash, case and all: a looser match could take an alert that was already there.
    said = re.compile(rf"Saved {name} \(version|Not saved|belongs to someone else")  # (plain words: no escaping for the browser)
    page.locator('[data-testid="stAlert"]').filter(has_text=said).first.wait_for(timeout=60_000)
    alerts = " | ".join(page.locator('[data-testid="stAlert"]').all_inner_texts())
    return f"{alerts}\n{page.locator(MAIN).inner_text()}"  # the alerts first: what an assertion message shows


def test_a_saved_scenario_stays_its_owners_after_a_reload_and_in_the_same_browser_later_but_not_in_another(
    scenario_server, scenario_store, browser
):
    owner = browser.new_context()
    page = open_builder(owner, scenario_server)
    page.get_by_label("Scenario name").fill("Mine across reloads")
    page.get_by_label("Scenario name").press("Tab")
    page.get_by_role("button", name="Save as new scenario").click()
    page.get_by_text("Saved Mine across reloads (version 1)").wait_for(timeout=60_000)
    assert any(c["name"] == "compass_visitor" for c in owner.cookies())

    page.reload()  # a new Streamlit session, the same browser
    page.get_by_label("Scenario name").wait_for(timeout=60_000)
    said = save_changes_to(page, "Mine across reloads")
    assert "Saved Mine across reloads (version 2)" in said, f"{said[:600]}\nstored: {stored(scenario_store)}"

    later = browser.new_context(storage_state=owner.storage_state())  # the same browser another day: its cookies kept
    said = save_changes_to(open_builder(later, scenario_server), "Mine across reloads")
    assert "(version 3)" in said, f"{said[:600]}\nstored: {stored(scenario_store)}"

    stranger = browser.new_context()
    said = save_changes_to(open_builder(stranger, scenario_server), "Mine across reloads")
    assert "belongs to someone else" in said and "(version 4)" not in said, said[said.find("Save") :][:600]
    for context in (owner, later, stranger):
        context.close()


# --- The database goes away under an open page ---------------------------------------------------


@pytest.fixture
def own_postgres() -> Iterator[tuple[str, Callable[[], None], Callable[[], None]]]:
    """A throwaway PostgreSQL of this test's own on a free port (never the shared one): its URL, stop and start."""
    bins = sorted(Path("/usr/lib/postgresql").glob("*/bin"))
    if not bins:
        pytest.skip("PostgreSQL server binaries are not installed (make test installs them)")
    pg_bin, port = bins[-1], _free_port()
    home = Path(tempfile.mkdtemp(prefix="compass-pg-outage-"))  # not under pytest's root-only tmp: the server runs as postgres
    home.chmod(0o755)
    run_as = ["runuser", "-u", "postgres", "--"] if os.getuid() == 0 else []
    if run_as:
        shutil.chown(home, "postgres")
    data = home / "data"
    subprocess.run(
        [*run_as, pg_bin / "initdb", "-D", data, "-U", "postgres", "--auth=trust", "-E", "UTF8"], check=True, capture_output=True
    )
    options = f"-p {port} -c listen_addresses=127.0.0.1 -k {home} -c fsync=off"

    def start() -> None:
        subprocess.run(
            [*run_as, pg_bin / "pg_ctl", "-D", data, "-l", home / "log", "-w", "-o", options, "start"], check=True, capture_output=True
        )

    def stop() -> None:
        subprocess.run([*run_as, pg_bin / "pg_ctl", "-D", data, "-m", "fast", "-w", "stop"], check=True, capture_output=True)

    start()
    try:
        yield f"postgresql+psycopg://postgres@127.0.0.1:{port}/postgres", stop, start
    finally:
        subprocess.run([*run_as, pg_bin / "pg_ctl", "-D", data, "-m", "immediate", "stop"], capture_output=True)
        shutil.rmtree(home, ignore_errors=True)


def traceback_shown(page) -> str:
    """What the failure needs to be found: where the page's traceback starts (the exception, the app's frames) and ends."""
    shot(page, "store-unreachable-traceback")
    shown, whole = page.locator(ERRORS).first.inner_text(), page.locator(MAIN).inner_text()
    above = whole[: whole.find(shown[:200])][-300:]  # the part of the page it is drawn in
    return f"below: …{above}\n---\n" + (shown if len(shown) < 4000 else f"{shown[:2500]}\n…\n{shown[-1500:]}")


def test_postgresql_stopped_and_restarted_under_an_open_page_shows_one_message_and_the_page_recovers(own_postgres, browser):
    url, stop, start = own_postgres
    load_bundle(read_seed(), get_engine(url))
    get_engine(url).dispose()
    with serve("app.py", url) as (base, _):
        page = browser.new_page(viewport={"width": 1400, "height": 1000})
        page.goto(f"{base}/?lang=en")
        page.locator(f"{MAIN} h1").first.wait_for(timeout=60_000)
        title = page.locator(f"{MAIN} h1").first.inner_text()

        stop()
        began = time.monotonic()
        page.get_by_text(UNREACHABLE).wait_for(timeout=60_000)  # the page follows the data version every few seconds
        noticed = time.monotonic() - began
        shown = page.locator(MAIN).inner_text()
        assert not page.locator(ERRORS).count(), traceback_shown(page)
        for internal in ("Traceback", "OperationalError", "psycopg", "127.0.0.1", "5432", ".py"):
            assert internal not in shown, internal
        assert shown.count(UNREACHABLE) == 1
        shot(page, "store-unreachable-desktop")

        start()
        began = time.monotonic()
        page.get_by_text(UNREACHABLE).wait_for(state="detached", timeout=90_000)  # no reload: the page retries by itself
        recovered = time.monotonic() - began
        page.get_by_text(title).first.wait_for(timeout=60_000)
        assert not page.locator(ERRORS).count(), traceback_shown(page)
        with get_engine(url).connect() as connection:
            assert connection.execute(text("SELECT 1")).scalar_one() == 1
        print(f"\noutage noticed after {noticed:.1f} s; page back {recovered:.1f} s after the database")
