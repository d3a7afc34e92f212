"""Store texts in the reader's language: what the queries give pages, with a two-row sample translation.

The sample (tests/fixtures/translations/da.csv) stands in for seed/translations/; the real translations'
completeness and numbers are checked by `python -m seed check`.
"""

from __future__ import annotations

import pytest
from streamlit.testing.v1 import AppTest

from model import localize as loc
from model import queries
from model.schema import CITATION_COLUMNS
from tests.conftest import PROJECT_ROOT

FIXTURE = PROJECT_ROOT / "tests" / "fixtures" / "translations"
SUMMIT_EN = "The summit took place on 9 September; the article does not state the year."
SUMMIT_DA = "Topmødet fandt sted den 9. september; artiklen oplyser ikke året."


@pytest.fixture
def sample(monkeypatch: pytest.MonkeyPatch):
    """Other translations under the same data version: the app's process caches must forget what they made before
    (in the app a translation changes only with a seed load, which is a new data version)."""
    from ui import data

    monkeypatch.setattr(loc, "TRANSLATIONS_DIR", FIXTURE)
    data.clear()
    yield
    data.clear()


def _summit(frame):
    return frame.set_index("statement_id").loc["dk-summit-date"]


def test_a_statement_comes_back_in_danish_with_its_quote_verbatim(engine, sample):
    english = queries.cited_frame(queries.t.Statement, engine)
    danish = loc.localize(english, "da")
    assert _summit(english)["text_en"] == SUMMIT_EN
    assert _summit(danish)["text_en"] == SUMMIT_DA
    assert _summit(danish)[list(CITATION_COLUMNS)].tolist() == _summit(english)[list(CITATION_COLUMNS)].tolist()


def test_english_and_a_language_without_translations_are_left_as_stored(engine, sample):
    english = queries.cited_frame(queries.t.Statement, engine)
    assert loc.localize(english, "en") is english
    assert loc.localize(english, "fi") is english


def test_texts_inside_dicts_and_lists_are_translated_but_a_quote_is_not(sample):
    value = {"items": [{"text": SUMMIT_EN, "quote": SUMMIT_EN}], "title": SUMMIT_EN}
    assert loc.localize(value, "da") == {"items": [{"text": SUMMIT_DA, "quote": SUMMIT_EN}], "title": SUMMIT_DA}


def test_the_denmark_page_in_danish_reads_the_statement_in_danish(app_env, sample):
    at = AppTest.from_file(str(PROJECT_ROOT / "app.py"), default_timeout=90)
    at.query_params["lang"] = "da"
    at.run()
    at.switch_page("pages/denmark.py")
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    shown = " ".join(m.value for m in at.markdown).replace("\\", "")  # markdown-escaped text
    assert SUMMIT_DA in shown and SUMMIT_EN not in shown
