"""Live dashboards: a change in the store shows on an open page within 10 seconds, without a reload."""

from __future__ import annotations

import time
from datetime import UTC, datetime
from pathlib import Path

import pytest
from sqlalchemy import update
from sqlmodel import Session

from model import tables as t
from model.db import get_engine
from tests.browser import streamlit_server
from tests.conftest import store_copy

pytestmark = [pytest.mark.browser, pytest.mark.beside]  # a server of its own, mostly waited on (Makefile)


@pytest.mark.parametrize("script", ["serve.py", "app.py"], ids=["browser-polls-the-server", "timer-fallback"])
def test_an_edit_in_the_store_appears_on_an_open_overview_within_ten_seconds(seeded_url: str, tmp_path: Path, browser, script: str):
    """Served as `make run` does, the tab polls `/_compass/changes`; run as plain `streamlit run app.py`, a timer fragment."""
    url = store_copy(seeded_url, tmp_path / "live.db")
    with streamlit_server(url, script) as base:
        page = browser.new_page(viewport={"width": 1400, "height": 1000})
        page.goto(f"{base}/?lang=en")
        page.get_by_text("234", exact=True).first.wait_for(timeout=30_000)

        with Session(get_engine(url)) as session, session.begin():  # what an editor's save does
            session.execute(update(t.Fact).where(t.Fact.fact_id == "no-lup-public-workplaces").values(value=235))
            session.add(t.DataVersion(loaded_at=datetime.now(UTC), content_hash="edited-in-test", row_count=0))
        changed_at = time.monotonic()
        page.get_by_text("235", exact=True).first.wait_for(timeout=10_000)
        assert time.monotonic() - changed_at < 10
        page.close()
