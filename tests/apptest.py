"""One way for tests to open a page in Streamlit's AppTest: as a visitor following a link would."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pytest
from streamlit.testing.v1 import AppTest

from model import auth
from model.i18n import text
from model.pages import PAGES, SUMMIT, page
from tests.conftest import PROJECT_ROOT, store_copy


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


@contextmanager
def signed_in_admin(seeded_url: str, directory: Path, password: str, lang: str = "en") -> Iterator[tuple[AppTest, str]]:
    """The admin page in `lang`, signed in as the editor pia, on a private copy of the seeded store: (page, its store's URL)."""
    url = store_copy(seeded_url, directory / "admin.db")
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("DATABASE_URL", url)
        patch.setenv("COMPASS_EDITORS", f"pia={auth.hash_password(password)}")
        patch.chdir(PROJECT_ROOT)
        at = open_page("admin", lang=lang)
        at.text_input[0].input("pia")
        at.text_input[1].input(password)
        next(b for b in at.button if b.label == text("admin.sign_in", lang)).click().run()
        assert not at.exception and text("admin.signed_in", lang, name="pia") in at.caption[0].value
        yield at, url
