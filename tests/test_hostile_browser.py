"""Hostile text shown in a real browser reads exactly as typed: no markup runs, no backslash of our escaping shows."""

from __future__ import annotations

from pathlib import Path

import pytest

from bench.browser import serve
from ui.cite import WORD_JOINER

pytestmark = [pytest.mark.browser, pytest.mark.beside]  # a server of its own, mostly waited on (Makefile)

TYPED = [
    '=HYPERLINK("http://127.0.0.1:9/","open me")',
    "see https://example.org/a_b?x=1 or www.example.com, mail a@b.dk",
    "<script>alert(1)</script> **bold** _it_ `code` # not a heading",
    "1. not a list :red[not red] $x$ ~~no~~ | a | table |",
]
SCRIPT = """
import streamlit as st
from ui.cite import escape_markdown
from tests.test_hostile_browser import TYPED
for n, text in enumerate(TYPED):
    st.error(f"refused {n}: " + escape_markdown(text))
    st.markdown(f"shown {n}: " + escape_markdown(text))
"""


def test_escaped_text_reads_as_typed_in_messages_and_markdown(browser, tmp_path: Path):
    script = tmp_path / "echo.py"
    script.write_text(SCRIPT, encoding="utf-8")
    with serve(str(script), f"sqlite:///{tmp_path / 'unused.db'}") as (base, _pid):
        page = browser.new_page(viewport={"width": 1280, "height": 900})
        page.goto(base, timeout=60_000)
        page.wait_for_selector(f"text=shown {len(TYPED) - 1}:", timeout=60_000)
        shown = [page.inner_text(f"text=shown {n}:") for n in range(len(TYPED))]
        refused = [page.inner_text(f"text=refused {n}:") for n in range(len(TYPED))]
        page.screenshot(path=str(tmp_path / "hostile-text.png"), full_page=True)
        tags = ("script", "strong", "em", "del", "a", "ol", "h1", "table")
        markup = ", ".join(f"[data-testid='stMarkdownContainer'] {tag}" for tag in tags)
        found = page.query_selector(markup)
        assert not found, found.evaluate("e => e.outerHTML")
        page.close()
    for n, text in enumerate(TYPED):  # the word joiners that keep links from forming are invisible
        assert shown[n].replace(WORD_JOINER, "").strip() == f"shown {n}: {text}"
        assert refused[n].replace(WORD_JOINER, "").strip() == f"refused {n}: {text}"
