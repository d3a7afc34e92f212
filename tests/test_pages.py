"""Each page renders from the store without an exception (Streamlit's AppTest)."""

from __future__ import annotations

import pytest

from model.pages import PAGES
from tests.apptest import open_page


@pytest.mark.parametrize("page", [entry.url_path for entry in PAGES])
def test_page_renders_without_exception(app_env, page):
    at = open_page(page)
    assert not at.exception, [e.value for e in at.exception]
    assert at.title, "every page has a title"


def test_sources_page_lists_every_document(app_env):
    at = open_page("sources")
    labels = [e.label for e in at.expander]
    for fragment in ["LEVERANDØRUTVIKLING", "2019:3", "topmøde", "Troms"]:
        assert any(fragment.lower() in label.lower() for label in labels), fragment


def test_sweden_page_shows_all_ten_networks(app_env):
    at = open_page("sweden")
    table = at.dataframe[0].value
    assert len(table) == 10
