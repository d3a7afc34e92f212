"""One way for tests to open a page in Streamlit's AppTest: as a visitor following a link would."""

from __future__ import annotations

from typing import Any

from streamlit.testing.v1 import AppTest

from model.pages import PAGES, SUMMIT, page
from tests.conftest import PROJECT_ROOT


def open_page(url_path: str = PAGES[0].url_path, *, session: dict[str, Any] | None = None, **params: str | list[str]) -> AppTest:
    """`/url_path?params` opened through app.py (its setup, then the page), with `session` state set first.

    Summit mode is `open_page("summit")`: its `?mode=summit` link. The page must not raise.
    """
    at = AppTest.from_file(str(PROJECT_ROOT / "app.py"), default_timeout=90)
    for key, value in ({"mode": "summit", **params} if url_path == SUMMIT.url_path else params).items():
        at.query_params[key] = value
    for key, value in (session or {}).items():
        at.session_state[key] = value
    at.run()
    if url_path not in (PAGES[0].url_path, SUMMIT.url_path):
        at.switch_page(page(url_path).path)
        at.run()
    assert not at.exception, [e.value for e in at.exception]
    return at
