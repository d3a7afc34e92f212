"""Shared fixtures: a store loaded from `seed/` in a temporary SQLite file."""

from __future__ import annotations

import os
import shutil
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import Engine, create_engine, text

from model.db import get_engine
from seed.load import load_bundle
from seed.validate import DEFAULT_SOURCES_DIR, SEED_DIR, read_seed

PROJECT_ROOT = Path(__file__).resolve().parent.parent


def store_copy(seeded_url: str, target: Path) -> str:
    """A private copy of the seeded SQLite store at `target`, for a test that writes; its URL."""
    shutil.copy(seeded_url.removeprefix("sqlite:///"), target)
    return f"sqlite:///{target}"


@pytest.fixture(scope="session")
def seeded_url(tmp_path_factory: pytest.TempPathFactory) -> str:
    url = f"sqlite:///{tmp_path_factory.mktemp('store') / 'compass.db'}"
    load_bundle(read_seed(), get_engine(url))
    return url


@pytest.fixture(scope="session")
def engine(seeded_url: str) -> Engine:
    return get_engine(seeded_url)


@pytest.fixture
def app_env(seeded_url: str, monkeypatch: pytest.MonkeyPatch) -> str:
    """Point the app (AppTest runs in this process) at the seeded store."""
    monkeypatch.setenv("DATABASE_URL", seeded_url)
    monkeypatch.chdir(PROJECT_ROOT)
    return seeded_url


@pytest.fixture
def seed_copy(tmp_path: Path) -> Iterator[Path]:
    """A scratch copy of seed/ that a test may break."""
    target = tmp_path / "seed"
    shutil.copytree(SEED_DIR, target, ignore=shutil.ignore_patterns("__pycache__", "*.py", "geo"))
    yield target


@pytest.fixture(scope="session")
def browser():
    """One Debian Chromium for the whole run (browser tests open their own pages in it)."""
    from bench.browser import CHROMIUM, CHROMIUM_ARGS

    playwright_api = pytest.importorskip("playwright.sync_api")
    if not Path(CHROMIUM).exists():
        pytest.skip("Debian's chromium is not installed (make test installs it)")
    with playwright_api.sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture(scope="session")
def server(seeded_url: str) -> Iterator[str]:
    """The app on the seeded store, started once for every module that only reads it (a module that changes its store
    or needs a fresh server defines its own `server`)."""
    from tests.browser import streamlit_server

    with streamlit_server(seeded_url) as base:
        yield base


@pytest.fixture(scope="session")
def hostile_url(seeded_url: str, tmp_path_factory: pytest.TempPathFactory) -> str:
    """A copy of the seeded store holding what hostile visitors and sources could put in it (tests/hostile_store.py)."""
    from tests.hostile_store import make_hostile

    return make_hostile(store_copy(seeded_url, tmp_path_factory.mktemp("hostile") / "compass.db"))


@pytest.fixture(scope="session")
def hostile_server(hostile_url: str) -> Iterator[str]:
    """The app on the hostile store, started once for the modules that show it (Norway, Sweden, the downloads)."""
    from tests.browser import streamlit_server

    with streamlit_server(hostile_url) as base:
        yield base


@pytest.fixture(scope="module")
def pg_url():
    """A scratch database on the PostgreSQL `make test` starts (TEST_POSTGRES_URL), dropped afterwards."""
    admin_url = os.environ.get("TEST_POSTGRES_URL")
    if not admin_url:
        pytest.skip("TEST_POSTGRES_URL is not set: run through `make test`, which starts PostgreSQL on 127.0.0.1")
    name = f"compass_test_{uuid.uuid4().hex[:8]}"
    admin = create_engine(admin_url, isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(text(f'CREATE DATABASE "{name}"'))
    url = admin_url.rsplit("/", 1)[0] + f"/{name}"
    yield url
    get_engine(url).dispose()
    with admin.connect() as conn:
        conn.execute(text(f'DROP DATABASE "{name}" WITH (FORCE)'))
    admin.dispose()


def sources_dir() -> Path | None:
    return DEFAULT_SOURCES_DIR if DEFAULT_SOURCES_DIR.is_dir() else None


os.environ.setdefault("STREAMLIT_BROWSER_GATHER_USAGE_STATS", "false")
os.environ.setdefault("COMPASS_VALIDATE_CHARTS", "1")  # Altair schema checks on every chart drawn in tests (ui/charts.py)
