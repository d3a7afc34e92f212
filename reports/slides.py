"""The decision brief as PowerPoint (python-pptx): one slide a section, plus the sources."""

from __future__ import annotations

import io

import pandas as pd
from pptx import Presentation
from pptx.util import Inches, Pt

from reports.brief import Brief

MAX_TABLE_ROWS = 12  # more rows than this continue on the next slide


def render_pptx(brief: Brief) -> bytes:
    deck = Presentation()
    deck.slide_width, deck.slide_height = Inches(13.333), Inches(7.5)
    title = deck.slides.add_slide(deck.slide_layouts[0])
    title.shapes.title.text = brief.title
    title.placeholders[1].text = f"{brief.subtitle}\n{brief.built_at:%Y-%m-%d %H:%M} UTC"
    for section in brief.sections:
        _text_slide(deck, section.title, section.paragraphs, section.image_png)
        if section.table is not None and not section.table.empty:
            for start in range(0, len(section.table), MAX_TABLE_ROWS):
                _table_slide(deck, section.title, section.table.iloc[start : start + MAX_TABLE_ROWS])
    for start in range(0, len(brief.appendix), MAX_TABLE_ROWS):
        _table_slide(deck, "Sources", brief.appendix.iloc[start : start + MAX_TABLE_ROWS])
    buffer = io.BytesIO()
    deck.save(buffer)
    return buffer.getvalue()


def _text_slide(deck: Presentation, heading: str, paragraphs: list[str], image: bytes | None) -> None:
    slide = deck.slides.add_slide(deck.slide_layouts[5])  # title only
    slide.shapes.title.text = heading
    box = slide.shapes.add_textbox(Inches(0.6), Inches(1.5), Inches(7.4 if image else 12), Inches(5.5)).text_frame
    box.word_wrap = True
    for n, paragraph in enumerate(paragraphs):
        para = box.paragraphs[0] if n == 0 else box.add_paragraph()
        para.text = paragraph
        para.font.size = Pt(14)
    if image:
        slide.shapes.add_picture(io.BytesIO(image), Inches(8.2), Inches(1.6), width=Inches(4.8))


def _table_slide(deck: Presentation, heading: str, frame: pd.DataFrame) -> None:
    slide = deck.slides.add_slide(deck.slide_layouts[5])
    slide.shapes.title.text = heading
    rows, cols = len(frame) + 1, len(frame.columns)
    table = slide.shapes.add_table(rows, cols, Inches(0.4), Inches(1.4), Inches(12.5), Inches(0.3) * rows).table
    for c, name in enumerate(frame.columns):
        table.cell(0, c).text = str(name)
    for r, record in enumerate(frame.itertuples(index=False), start=1):
        for c, value in enumerate(record):
            table.cell(r, c).text = "" if value is None or (isinstance(value, float) and pd.isna(value)) else str(value)
    for row in table.rows:
        for cell in row.cells:
            for para in cell.text_frame.paragraphs:
                para.font.size = Pt(10)
