"""Each page renders from the store without an exception (Streamlit's AppTest)."""

from __future__ import annotations

import pytest
from streamlit.testing.v1 import AppTest

from tests.conftest import PROJECT_ROOT

PAGES = [
    "pages/overview.py",
    "pages/norway.py",
    "pages/sweden.py",
    "pages/denmark.py",
    "pages/map.py",
    "pages/sources.py",
    "pages/glossary.py",
    "pages/brief.py",
    "pages/admin.py",
]


def open_page(page: str) -> AppTest:
    at = AppTest.from_file(str(PROJECT_ROOT / "app.py"), default_timeout=60)
    at.run()
    if page != PAGES[0]:
        at.switch_page(page)
        at.run()
    return at


@pytest.mark.parametrize("page", PAGES)
def test_page_renders_without_exception(app_env, page):
    at = open_page(page)
    assert not at.exception, [e.value for e in at.exception]
    assert at.title, "every page has a title"


def test_sources_page_lists_every_document(app_env):
    at = open_page("pages/sources.py")
    labels = [e.label for e in at.expander]
    for fragment in ["LEVERANDØRUTVIKLING", "2019:3", "topmøde", "Troms"]:
        assert any(fragment.lower() in label.lower() for label in labels), fragment


def test_sweden_page_shows_all_ten_networks(app_env):
    at = open_page("pages/sweden.py")
    table = at.dataframe[0].value
    assert len(table) == 10
