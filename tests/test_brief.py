"""The decision brief: same content in PDF and PowerPoint, every citation in its appendix."""

from __future__ import annotations

import io
import shutil
import subprocess
from pathlib import Path

import pytest
from pptx import Presentation
from pypdf import PdfReader

from model import denmark, scenarios
from model.db import get_engine
from reports.brief import build_brief
from reports.pdf import render_pdf
from reports.slides import CELL_MARGIN_Y, FOOTER_NAME, LINE, render_pptx, wrapped_lines
from tests.apptest import open_page
from tests.conftest import PROJECT_ROOT, store_copy

EMU_PER_INCH = 914400


@pytest.fixture(scope="module")
def store(seeded_url, tmp_path_factory):
    """A copy of the seeded store with one saved scenario (the shared store stays without)."""
    return get_engine(store_copy(seeded_url, tmp_path_factory.mktemp("brief") / "compass.db"))


@pytest.fixture(scope="module")
def scenario_id(store) -> int:
    return int(scenarios.create("Lille dansk LUP", denmark.default_inputs(engine=store), "brief-test", store)["id"])


@pytest.fixture(scope="module")
def brief(store, scenario_id):
    return build_brief("da", [scenario_id], engine=store, currency="DKK", year=2019)


@pytest.fixture(scope="module")
def decks(store, scenario_id) -> dict[str, bytes]:
    return {lang: render_pptx(build_brief(lang, [scenario_id], engine=store)) for lang in ("da", "en")}


def test_the_brief_names_its_data_version_and_has_the_four_sections(brief):
    assert brief.data_version.startswith("#")
    assert brief.title == "Beslutningsgrundlag: et dansk LUP?"
    assert [s.title for s in brief.sections][:2] == ["De tre modeller på de samme rækker", "Indkøbsvolumen, normaliseret"]
    assert len(brief.sections) == 5  # and the chosen scenario


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
    assert titles[0] == brief.title and any(t.startswith("Kilder") for t in titles)  # headings in the brief's language
    assert not [t for t in titles if "Sources" in t]


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
    at = open_page("brief")
    assert not at.exception
    assert at.title[0].value == "Decision brief"


def _inches(emu: int) -> float:
    return emu / EMU_PER_INCH


@pytest.mark.parametrize("lang", ["da", "en"])
def test_every_shape_lies_within_its_16_9_slide(decks, lang):
    deck = Presentation(io.BytesIO(decks[lang]))
    assert deck.slide_width * 9 == deck.slide_height * 16
    assert all(p.left + p.width <= deck.slide_width for p in deck.slide_layouts[5].placeholders)  # layouts are 16:9 too
    for number, slide in enumerate(deck.slides, start=1):
        for shape in slide.shapes:
            assert shape.left >= 0 and shape.top >= 0, (number, shape.name)
            assert shape.left + shape.width <= deck.slide_width and shape.top + shape.height <= deck.slide_height, (number, shape.name)


@pytest.mark.parametrize("lang", ["da", "en"])
def test_every_table_row_fits_below_its_table_top_at_its_font_size(decks, lang):
    """Row heights recomputed from each cell's text, font size and column width: the table ends above the footer."""
    deck = Presentation(io.BytesIO(decks[lang]))
    tables = 0
    for number, slide in enumerate(deck.slides, start=1):
        footer_top = next(s.top for s in slide.shapes if s.name == FOOTER_NAME)
        for shape in (s for s in slide.shapes if s.has_table):
            tables += 1
            needed = 0.0
            for row in shape.table.rows:
                cells = []
                for cell, column in zip(row.cells, shape.table.columns, strict=True):
                    size = cell.text_frame.paragraphs[0].runs[0].font.size.pt
                    lines = wrapped_lines(cell.text or " ", _inches(column.width) - 0.16, size, em=0.5)
                    cells.append(lines * size * LINE / 72 + 2 * CELL_MARGIN_Y)
                needed += max(cells)
                assert _inches(row.height) >= max(cells) - 1e-6, (number, cell.text[:40])
            assert _inches(shape.top) + needed <= _inches(footer_top), (number, needed)
    assert tables >= 8


@pytest.mark.parametrize("lang", ["da", "en"])
def test_long_tables_continue_on_numbered_slides_and_every_slide_names_its_sources(decks, lang):
    deck = Presentation(io.BytesIO(decks[lang]))
    titles = [s.shapes.title.text for s in deck.slides]
    assert any(t.endswith("(2/2)") or "(2/" in t for t in titles)
    for slide in list(deck.slides)[1:]:
        footer = [s.text_frame.text for s in slide.shapes if s.name == FOOTER_NAME]
        assert footer and len(footer[0]) > 20, slide.shapes.title.text


def test_the_deck_has_its_properties_alt_text_and_speaker_notes(decks, brief):
    deck = Presentation(io.BytesIO(decks["da"]))
    props = deck.core_properties
    assert props.title == brief.title and props.author == "Nordic Procurement Compass" and props.language == "da-DK"
    assert "#" in props.keywords  # the data version
    pictures = [s for slide in deck.slides for s in slide.shapes if s.shape_type == 13]
    assert pictures and all(len(p._element.nvPicPr.cNvPr.get("descr", "")) > 30 for p in pictures)
    assert not [p for p in pictures if "image" in p._element.nvPicPr.cNvPr.get("descr", "")]
    notes = [s.notes_slide.notes_text_frame.text for s in deck.slides if s.has_notes_slide]
    assert any("“" in n and "[1]" in n for n in notes)  # the citations, quoted


def test_the_brief_chart_is_in_the_chosen_currency_and_marks_the_lower_bound(brief):
    procurement = brief.sections[1]
    assert "DKK, 2019" in procurement.image_alt
    assert "> " in procurement.image_alt and "nedre grænse" in procurement.image_alt


def test_scenario_slides_have_the_assumptions_and_whole_counts(brief):
    scenario = brief.sections[-1]
    assert scenario.title.startswith("Scenarie:") and len(scenario.paragraphs) >= 6
    counts = scenario.table.iloc[:, 1]
    assert not [c for c in counts if "processer" in c.lower() and "," in c]


def test_the_pdf_has_title_language_subject_bookmarks_and_alt_text(brief, tmp_path):
    pdf = tmp_path / "brief.pdf"
    pdf.write_bytes(render_pdf(brief))
    if shutil.which("pdfinfo"):
        info = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True, check=True).stdout
        assert f"Title:           {brief.title}" in info and "Author:          Nordic Procurement Compass" in info
    reader = PdfReader(str(pdf))
    assert reader.trailer["/Root"]["/Lang"] == "da-DK"
    assert reader.metadata.subject == brief.subject
    assert [o.title for o in reader.outline][-1] == "Kilder"
    raw = pdf.read_bytes()
    assert b"/Alt" in raw  # the chart's alt text


@pytest.fixture(scope="module")
def rendered(decks, tmp_path_factory) -> Path:
    """Both decks as LibreOffice renders them (brief-<lang>.pdf), converted in one run: its start-up is most of the cost."""
    if shutil.which("soffice") is None:
        pytest.skip("LibreOffice (libreoffice-impress) is not installed; make test installs it")
    folder = tmp_path_factory.mktemp("rendered")
    for lang, content in decks.items():
        (folder / f"brief-{lang}.pptx").write_bytes(content)
    command = ["soffice", "--headless", "--convert-to", "pdf", "--outdir", str(folder)]
    subprocess.run([*command, *(str(folder / f"brief-{lang}.pptx") for lang in decks)], check=True, timeout=300, capture_output=True)
    return folder


@pytest.mark.parametrize("lang", ["da", "en"])
def test_libreoffice_renders_the_deck_page_for_page(decks, lang, rendered):
    pdf = rendered / f"brief-{lang}.pdf"
    pages = PdfReader(str(pdf)).pages
    assert len(pages) == len(Presentation(io.BytesIO(decks[lang])).slides)
    width, height = float(pages[0].mediabox.width), float(pages[0].mediabox.height)
    assert abs(width / height - 16 / 9) < 0.01
    out = PROJECT_ROOT / "artifacts" / "brief" / f"slide-{lang}"
    subprocess.run(["pdftoppm", "-png", "-r", "40", str(pdf), str(out)], check=True)
