"""Sources by name: every page cites a document as a reader would ("Upphandlingsmyndigheten, Rapport 2019:3, s. 38");
its file name (`003_0ea15bb8b611e70a.txt`) appears only in the Sources appendix."""

from __future__ import annotations

import re

import pytest
from streamlit.testing.v1 import AppTest

from model.citation import cited_as, locator_text
from tests.conftest import PROJECT_ROOT

FILE_NAME = re.compile(r"\d{3}_[0-9a-f]{16}\.txt")
VIEWS = [
    ("overview", None),
    *[("norway", s) for s in ("glance", "map", "targets", "small")],
    *[("sweden", s) for s in ("networks", "pays", "stair", "check", "proposals", "map")],
    *[("denmark", s) for s in ("process", "participants", "norway", "builder", "saved")],
    ("map", None),
    ("glossary", None),
    ("brief", None),
]


def _texts(node) -> list[str]:
    """What an element shows (labels, values, tooltips, table cells), as text; of a chart its spec, not its
    data's columns that no mark or tooltip draws."""
    proto = getattr(node, "proto", None)
    found = [] if proto is None else [proto.spec] if getattr(node, "type", None) == "vega_lite_chart" else [str(proto)]
    for child in getattr(node, "children", {}).values():
        found.extend(_texts(child))
    return found


def _open(page: str, section: str | None, lang: str) -> AppTest:
    at = AppTest.from_file(str(PROJECT_ROOT / "app.py"), default_timeout=90)
    at.query_params["lang"] = lang
    if section:
        at.query_params["section"] = section
    at.run()
    if page != "overview":
        at.switch_page(f"pages/{page}.py")
        at.run()
    assert not at.exception, [e.value for e in at.exception]
    return at


@pytest.mark.parametrize("page, section", VIEWS)
def test_no_page_but_the_sources_appendix_shows_a_file_name(app_env, page, section):
    at = _open(page, section, "da")
    shown = [FILE_NAME.search(text).group() for text in _texts(at.main) + _texts(at.sidebar) if FILE_NAME.search(text)]
    assert shown == []


def test_the_sources_appendix_names_each_file(app_env):
    at = _open("sources", None, "en")
    assert any(FILE_NAME.search(text) for text in _texts(at.main))


def test_a_swedish_report_is_cited_by_publisher_and_number_with_the_page_word_in_the_readers_language():
    names = {"001_6b3f80ba9de72466.txt": "Upphandlingsmyndigheten, Rapport 2019:3"}
    row = {"source": "001_6b3f80ba9de72466.txt", "locator": "§ 8.1, p. 38", "quote": "…"}
    assert cited_as(row, names, "sv") == {**row, "source": names[row["source"]], "source_file": row["source"], "locator": "§ 8.1, s. 38"}
    assert locator_text("para. 20", "da") == "afsnit 20"
    assert locator_text("para. 20", "nb") == "avsnitt 20"
    assert locator_text("p. 7", "en") == "p. 7"


def test_the_danish_brief_cites_pages_and_paragraphs_in_danish_in_its_appendix_and_speaker_notes(engine):
    from reports.brief import build_brief

    brief = build_brief("da", engine=engine)
    locators = " ".join(brief.appendix["locator"].astype(str))
    notes = " ".join(note for section in brief.sections for note in section.notes)
    for cited in (locators, notes):
        assert re.search(r"\bs\. \d", cited) and re.search(r"\bafsnit \d", cited), cited[:300]
        assert not re.search(r"(?<![\w.])(p|para)\. \d", cited), "an English locator word in the Danish brief"
