"""The decision brief as PDF (fpdf2), with the chart rendered locally by vl-convert.

Tagged for readers that rely on them: title, language, subject and author in the metadata, one bookmark
per section, alt text on the chart, every heading (and "Sources") in the brief's language.
"""

from __future__ import annotations

import io
from collections.abc import Callable
from functools import partial
from pathlib import Path

import pandas as pd
from fpdf import FPDF
from fpdf.fonts import FontFace

from reports.brief import Brief

# DejaVu covers æøåäö and signs such as ≈ and ≥; without it, fall back to a core font and Latin-1 text.
FONT_DIRS = [Path("/usr/share/fonts/truetype/dejavu")]
LANG_TAGS = {"en": "en-GB", "da": "da-DK", "nb": "nb-NO", "sv": "sv-SE"}


def _font(pdf: FPDF) -> str:
    for folder in FONT_DIRS:
        if (folder / "DejaVuSans.ttf").exists():
            pdf.add_font("DejaVu", "", str(folder / "DejaVuSans.ttf"))
            pdf.add_font("DejaVu", "B", str(folder / "DejaVuSans-Bold.ttf"))
            return "DejaVu"
    return "Helvetica"


def _clean(value: object, unicode_font: bool) -> str:
    text = "" if value is None or (isinstance(value, float) and pd.isna(value)) else str(value)
    return text if unicode_font else text.encode("latin-1", "replace").decode("latin-1")


def render_pdf(brief: Brief) -> bytes:
    pdf = FPDF(format="A4")
    pdf.set_auto_page_break(auto=True, margin=15)
    pdf.set_title(brief.title)
    pdf.set_lang(LANG_TAGS.get(brief.language, brief.language))
    pdf.set_subject(brief.subject)
    pdf.set_author(brief.author)
    pdf.set_creator(brief.author)
    pdf.set_keywords(f"LUP; data version {brief.data_version}")
    pdf.set_creation_date(brief.built_at)
    family = _font(pdf)
    unicode_font = family != "Helvetica"
    clean = partial(_clean, unicode_font=unicode_font)

    pdf.add_page()
    pdf.set_font(family, "B", 20)
    pdf.multi_cell(0, 10, clean(brief.title), new_x="LMARGIN", new_y="NEXT")
    pdf.set_font(family, "", 10)
    pdf.multi_cell(0, 6, clean(f"{brief.subtitle} · {brief.built_at:%Y-%m-%d %H:%M} UTC"), new_x="LMARGIN", new_y="NEXT")
    for section in brief.sections:
        pdf.ln(4)
        pdf.start_section(clean(section.title))
        pdf.set_font(family, "B", 14)
        pdf.multi_cell(0, 8, clean(section.title), new_x="LMARGIN", new_y="NEXT")
        pdf.set_font(family, "", 9.5)
        for paragraph in section.paragraphs:
            pdf.multi_cell(0, 5, clean(paragraph), new_x="LMARGIN", new_y="NEXT")
            pdf.ln(1)
        if section.image_png:
            pdf.image(io.BytesIO(section.image_png), w=150, alt_text=clean(section.image_alt or section.title), title=clean(section.title))
        if section.table is not None and not section.table.empty:
            if section.heading:
                pdf.set_font(family, "B", 11)
                pdf.multi_cell(0, 6, clean(section.heading), new_x="LMARGIN", new_y="NEXT")
            _table(pdf, section.table, family, clean)
        if section.sources:
            pdf.set_font(family, "", 8)
            pdf.multi_cell(0, 4, clean(f"{brief.label('brief.sources_line')}: {'; '.join(section.sources)}"), new_x="LMARGIN", new_y="NEXT")
    pdf.add_page()
    sources = brief.label("common.sources")
    pdf.start_section(clean(sources))
    pdf.set_font(family, "B", 14)
    pdf.multi_cell(0, 8, clean(sources), new_x="LMARGIN", new_y="NEXT")
    headings = {c: brief.label(f"col.{c}") for c in ("source", "locator", "quote")} | {"ref": "#"}
    _table(pdf, brief.appendix.rename(columns=headings), family, clean)
    return bytes(pdf.output())


def _table(pdf: FPDF, frame: pd.DataFrame, family: str, clean: Callable[[object], str]) -> None:
    pdf.set_font(family, "", 7.5)
    # Columns as wide as their content suggests (short ids narrow, quotes wide), left-aligned.
    lengths = [max([len(str(c)), *(len(clean(v)) for v in frame[c])]) for c in frame.columns]
    widths = [min(max(n, 4), 60) for n in lengths]
    with pdf.table(headings_style=FontFace(emphasis="BOLD"), line_height=4, col_widths=widths, text_align="LEFT") as table:
        table.row([clean(c) for c in frame.columns])
        for record in frame.itertuples(index=False):
            table.row([clean(v) for v in record])
    pdf.ln(2)
