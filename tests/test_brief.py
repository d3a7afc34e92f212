"""The decision brief: same content in PDF and PowerPoint, every citation in its appendix."""

from __future__ import annotations

import io
import shutil
import subprocess
from pathlib import Path

import pytest
from pptx import Presentation
from pypdf import PdfReader

from reports.brief import build_brief
from reports.pdf import render_pdf
from reports.slides import render_pptx
from tests.conftest import PROJECT_ROOT
from tests.test_pages import open_page


@pytest.fixture(scope="module")
def brief(engine):
    return build_brief("da", engine=engine)


def test_the_brief_names_its_data_version_and_has_the_four_sections(brief):
    assert brief.data_version.startswith("#")
    assert brief.title == "Beslutningsgrundlag: et dansk LUP?"
    assert [s.title for s in brief.sections][:2] == ["De tre modeller på de samme rækker", "Indkøbsvolumen, normaliseret"]
    assert len(brief.sections) == 4


def test_every_reference_in_the_brief_is_in_the_appendix(brief):
    used = set()
    for section in brief.sections:
        texts = list(section.paragraphs)
        if section.table is not None:
            texts += [str(v) for v in section.table.to_numpy().ravel()]
        used |= {token for text in texts for token in text.split() if token.startswith("[") and token.endswith("]")}
    assert used and used <= set(brief.appendix["ref"])
    assert brief.appendix["quote"].str.len().gt(0).all()


def test_the_brief_renders_as_pdf_and_pptx(brief):
    assert render_pdf(brief).startswith(b"%PDF")
    deck = Presentation(io.BytesIO(render_pptx(brief)))
    titles = [s.shapes.title.text for s in deck.slides if s.shapes.title is not None]
    assert titles[0] == brief.title and "Sources" in titles


def test_the_pdf_parses_back_with_every_appendix_quote(brief):
    reader = PdfReader(io.BytesIO(render_pdf(brief)))
    assert len(reader.pages) >= 3
    text = " ".join(" ".join((page.extract_text() or "").split()) for page in reader.pages)
    assert brief.title in text
    for quote in brief.appendix["quote"].head(10):
        assert " ".join(quote.split())[:40] in text, quote


def test_the_pdf_first_pages_render_to_images(brief, tmp_path):
    if shutil.which("pdftoppm") is None:
        pytest.skip("pdftoppm (poppler-utils) is not installed; make test installs it")
    pdf = tmp_path / "brief.pdf"
    pdf.write_bytes(render_pdf(brief))
    out = PROJECT_ROOT / "artifacts" / "brief" / "page"
    out.parent.mkdir(parents=True, exist_ok=True)
    subprocess.run(["pdftoppm", "-png", "-r", "60", "-f", "1", "-l", "2", str(pdf), str(out)], check=True)
    pages = sorted(Path(out.parent).glob("page-*.png"))
    assert len(pages) == 2 and all(p.stat().st_size > 5_000 for p in pages)


def test_the_brief_page_offers_both_downloads(app_env):
    at = open_page("pages/brief.py")
    assert not at.exception
    assert at.title[0].value == "Decision brief"
