"""The interface's gettext catalogs: every string in every language, the same placeholders, counted texts in both numbers."""

from __future__ import annotations

import re

import pytest
from babel.messages.extract import extract_from_dir

from model.i18n import LANGUAGES, PLURAL_SUFFIX, catalog, keys, plural, text
from tests.conftest import PROJECT_ROOT

PLACEHOLDER = re.compile(r"\{(\w+)\}")
KEYWORDS = {"t": (1,), "text": (1,), "nt": (1,), "plural": (1,)}


def _strings(message) -> list[str]:
    return [message.string] if isinstance(message.string, str) else list(message.string)


def _placeholders(message) -> set[str]:
    return {name for s in _strings(message) for name in PLACEHOLDER.findall(s)}


def _code_keys() -> set[str]:
    """The keys the code names literally, found as `pybabel extract -F babel.cfg` finds them."""
    method_map = [
        ("app.py", "python"),
        ("pages/**.py", "python"),
        ("ui/**.py", "python"),
        ("model/**.py", "python"),
        ("reports/**.py", "python"),
    ]
    found = extract_from_dir(str(PROJECT_ROOT), method_map=method_map, keywords=KEYWORDS, comment_tags=())
    return {message if isinstance(message, str) else message[0] for _file, _line, message, _comments, _context in found}


@pytest.mark.parametrize("lang", list(LANGUAGES))
def test_every_key_has_a_current_text_in_each_language(lang):
    english = {m.id: m for m in catalog("en") if m.id}
    messages = {m.id: m for m in catalog(lang) if m.id}
    assert sorted(set(english) - set(messages)) == [], f"locale/{lang}: keys missing"
    empty = [m.id for m in messages.values() if not all(s.strip() for s in _strings(m))]
    assert empty == [], f"locale/{lang}: keys without a text"
    assert [m.id for m in messages.values() if m.fuzzy] == [], f"locale/{lang}: fuzzy (stale) texts"


@pytest.mark.parametrize("lang", ["nb", "sv", "da"])
def test_a_translation_keeps_the_placeholders_of_the_english_text(lang):
    english = {m.id: _placeholders(m) for m in catalog("en") if m.id}
    differing = [m.id for m in catalog(lang) if m.id and _placeholders(m) != english[m.id]]
    assert differing == []


def test_every_key_the_code_names_is_in_the_catalogs():
    assert sorted(_code_keys() - set(keys())) == []


def test_a_count_of_one_reads_singular_and_of_two_plural():
    assert plural("admin.saved", 1, "en") == "1 row saved."
    assert plural("admin.saved", 2, "en") == "2 rows saved."
    assert plural("admin.saved", 1, "da") == "1 række gemt."
    assert plural("admin.saved", 3, "sv") == "3 rader sparade."


def test_counted_texts_have_a_plural_in_every_language():
    counted = [m.id[0] for m in catalog("en") if isinstance(m.id, tuple)]
    assert "admin.saved" in counted
    for lang in LANGUAGES:
        plurals = {m.id[0]: m for m in catalog(lang) if isinstance(m.id, tuple)}
        assert sorted(plurals) == sorted(counted), lang
        assert all(m.id[1] == m.id[0] + PLURAL_SUFFIX and len(_strings(m)) == 2 for m in plurals.values())


def test_a_text_is_looked_up_without_streamlit_and_falls_back_to_the_key():
    assert text("nav.denmark", "da") == "Danmark: et dansk LUP?"
    assert text("no.such.key", "sv") == "no.such.key"
    assert text("app.title", "fi") == text("app.title", "en")  # a language we do not have reads English
