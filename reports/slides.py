"""The decision brief as PowerPoint (python-pptx), laid out for 16:9 by measure, not by hope.

Every text's height is computed from its font size and how it wraps in its box (`wrapped_lines`), so a
title shrinks until it fits its box, and a table continues on the next slide ("… (2/3)") before a row
would leave the slide. Arial is used throughout: PowerPoint has it everywhere and LibreOffice renders it
with the metric-compatible Liberation Sans, so the measures hold in both.
"""

from __future__ import annotations

import io
import math
from collections.abc import Iterator
from dataclasses import dataclass

import pandas as pd
from pptx import Presentation
from pptx.dml.color import RGBColor
from pptx.enum.text import MSO_ANCHOR
from pptx.slide import Slide
from pptx.util import Emu, Inches, Pt

from reports.brief import Brief, Section

FONT = "Arial"
SLIDE_W, SLIDE_H = 12192000 / 914400, 7.5  # inches, 16:9
MARGIN = 0.5
TITLE_TOP, TITLE_H = 0.3, 1.05
BODY_TOP = TITLE_TOP + TITLE_H + 0.15
FOOTER_TOP, FOOTER_H = 6.75, 0.55
BODY_BOTTOM = FOOTER_TOP - 0.1
TITLE_SIZES = (30, 26, 22, 18)
TABLE_PT, TABLE_HEADER_PT = 11, 11
CELL_MARGIN_X, CELL_MARGIN_Y = 0.08, 0.05  # inches, set on every cell
CHAR_EM = 0.52  # average glyph width of Arial text as a share of its size (a little generous: real text is ~0.48)
LINE = 1.2  # line height as a share of the font size
DARK, GREY = RGBColor(0x1F, 0x4E, 0x79), RGBColor(0x55, 0x55, 0x55)
FOOTER_NAME = "Sources line"
LANG_TAGS = {"en": "en-GB", "da": "da-DK", "nb": "nb-NO", "sv": "sv-SE"}


def wrapped_lines(text: str, width_in: float, size_pt: float, em: float = CHAR_EM) -> int:
    """Lines `text` takes in a box `width_in` wide at `size_pt` (greedy word wrap, long words broken)."""
    per_line = max(1, int(width_in * 72 / (size_pt * em)))
    lines = 0
    for paragraph in str(text).split("\n"):
        used = 0
        lines += 1
        for word in paragraph.split():
            while len(word) > per_line:  # a word longer than the line breaks across lines
                lines += used > 0
                used, word = 0, word[per_line:]
                lines += 1
            if used and used + 1 + len(word) > per_line:
                lines, used = lines + 1, len(word)
            else:
                used += len(word) + (1 if used else 0)
    return lines


def text_height(text: str, width_in: float, size_pt: float, em: float = CHAR_EM) -> float:
    """Inches a text needs at `size_pt` in a box `width_in` wide."""
    return wrapped_lines(text, width_in, size_pt, em) * size_pt * LINE / 72


def fitting_size(text: str, width_in: float, height_in: float, sizes: tuple[int, ...] = TITLE_SIZES) -> int:
    """The largest size at which `text` fits the box (bold text is wider); the smallest if none does."""
    return next((s for s in sizes if text_height(text, width_in - 0.2, s, CHAR_EM * 1.08) <= height_in - 0.1), sizes[-1])


def render_pptx(brief: Brief) -> bytes:
    deck = Presentation()
    deck.slide_width, deck.slide_height = Emu(12192000), Emu(6858000)  # exactly 16:9, as PowerPoint makes it
    _widen_layouts(deck)
    _properties(deck, brief)
    deck_state = _Deck(deck, brief)
    deck_state.title_slide()
    for section in brief.sections:
        has_table = section.table is not None and not section.table.empty
        # A short text goes above the table on its first slide instead of on a slide of its own.
        intro = (
            section.paragraphs
            if has_table and not section.image_png and _height(section.paragraphs, SLIDE_W - 2 * MARGIN, 14) < 1.3
            else None
        )
        if intro is None:
            deck_state.text_slide(section)
        if has_table:
            title = section.title if intro is not None else section.heading or section.title
            deck_state.table_slides(title, section.table, section.sources, section.notes, intro=intro or [])
    if not brief.appendix.empty:
        appendix = brief.appendix.rename(columns={c: brief.label(f"col.{c}") for c in ("source", "locator", "quote")})
        documents = list(dict.fromkeys(brief.appendix["source"]))
        deck_state.table_slides(brief.label("common.sources"), appendix.rename(columns={"ref": "#"}), documents, [], size=10)
    buffer = io.BytesIO()
    deck.save(buffer)
    return buffer.getvalue()


def _widen_layouts(deck: Presentation) -> None:
    """The default template is 4:3 (10 in wide): stretch its master and layouts to the 16:9 width."""
    scale = Inches(SLIDE_W) / Inches(10)
    for holder in [deck.slide_master, *deck.slide_layouts]:
        for shape in holder.placeholders:
            if shape._element.xfrm is not None:  # its own position; the others inherit the master's, already scaled
                shape.left, shape.width = Emu(int(shape.left * scale)), Emu(int(shape.width * scale))


def _properties(deck: Presentation, brief: Brief) -> None:
    props = deck.core_properties
    props.title, props.subject, props.author = brief.title, brief.subject, brief.author
    props.language = LANG_TAGS.get(brief.language, brief.language)
    props.keywords = f"LUP; Danmark; Norge; Sverige; data version {brief.data_version}"
    props.comments = f"{brief.subtitle} · {brief.built_at:%Y-%m-%d %H:%M} UTC"
    props.last_modified_by = brief.author
    props.created = props.modified = brief.built_at.replace(tzinfo=None)


@dataclass
class _Deck:
    deck: Presentation
    brief: Brief

    @property
    def width(self) -> float:
        return SLIDE_W - 2 * MARGIN

    def _slide(self, title: str, sources: list[str], notes: list[str]) -> Slide:
        slide = self.deck.slides.add_slide(self.deck.slide_layouts[5])  # title only: a real title placeholder
        shape = slide.shapes.title
        shape.left, shape.top, shape.width, shape.height = Inches(MARGIN), Inches(TITLE_TOP), Inches(self.width), Inches(TITLE_H)
        frame = shape.text_frame
        frame.word_wrap, frame.vertical_anchor = True, MSO_ANCHOR.MIDDLE
        frame.text = title
        for para in frame.paragraphs:
            para.alignment = 1  # left
            _font(para, fitting_size(title, self.width, TITLE_H), bold=True, colour=DARK)
        self._footer(slide, sources)
        if notes:
            slide.notes_slide.notes_text_frame.text = f"{self.brief.label('brief.citations')}:\n" + "\n".join(notes)
        return slide

    def _footer(self, slide: Slide, sources: list[str]) -> None:
        names = "; ".join(sources) if sources else self.brief.label("brief.no_sources")
        line = f"{self.brief.label('brief.sources_line')}: {names} · {self.brief.author}"
        line += f" · {self.brief.data_version} · {len(self.deck.slides)}"
        size = next((s for s in (10, 9, 8) if text_height(line, self.width - 0.2, s) <= FOOTER_H - 0.1), 8)
        shape = slide.shapes.add_textbox(Inches(MARGIN), Inches(FOOTER_TOP), Inches(self.width), Inches(FOOTER_H))
        shape.name = FOOTER_NAME
        box = shape.text_frame
        box.word_wrap = True
        box.text = line
        _font(box.paragraphs[0], size, colour=GREY)

    def title_slide(self) -> None:
        brief = self.brief
        slide = self._slide(brief.title, [], [])
        contents = [f"{n}. {s.title}" for n, s in enumerate(brief.sections, start=1)]
        lines = [brief.subtitle, f"{brief.built_at:%Y-%m-%d %H:%M} UTC", "", f"{brief.label('brief.contents')}:", *contents]
        self._paragraphs(slide, lines, self.width, 18)

    def text_slide(self, section: Section) -> None:
        slide = self._slide(section.title, section.sources, section.notes)
        text_width = self.width * (0.55 if section.image_png else 1.0)
        self._paragraphs(slide, section.paragraphs, text_width, 16)
        if section.image_png:
            left = MARGIN + text_width + 0.3
            picture = slide.shapes.add_picture(
                io.BytesIO(section.image_png), Inches(left), Inches(BODY_TOP), width=Inches(SLIDE_W - MARGIN - left)
            )
            if picture.top + picture.height > Inches(BODY_BOTTOM):  # a tall chart is scaled into the body
                ratio = (Inches(BODY_BOTTOM) - picture.top) / picture.height
                picture.width, picture.height = int(picture.width * ratio), int(picture.height * ratio)
            picture._element.nvPicPr.cNvPr.set("descr", section.image_alt or section.title)
            picture.name = section.title[:60]

    def _paragraphs(self, slide: Slide, paragraphs: list[str], width: float, start: int, room: float | None = None) -> float:
        """Body text at the largest size (down from `start`) at which all of it fits `room`; returns its height."""
        room = room or BODY_BOTTOM - BODY_TOP - 0.1

        def height(size: int) -> float:
            return _height(paragraphs, width, size)

        size = next((s for s in range(start, 9, -1) if height(s) <= room), 10)
        box = slide.shapes.add_textbox(
            Inches(MARGIN), Inches(BODY_TOP), Inches(width), Inches(min(height(size) + 0.1, room + 0.1))
        ).text_frame
        box.word_wrap = True
        for n, paragraph in enumerate(paragraphs):
            para = box.paragraphs[0] if n == 0 else box.add_paragraph()
            para.text = paragraph
            para.space_after = Pt(6)
            _font(para, size)
        return min(height(size) + 0.1, room + 0.1)

    def table_slides(
        self, heading: str, frame: pd.DataFrame, sources: list[str], notes: list[str], size: int = TABLE_PT, intro: list[str] = ()
    ) -> None:
        widths = column_widths(frame, self.width)
        room = BODY_BOTTOM - BODY_TOP
        intro_height = _height(list(intro), self.width, 14) + 0.15 if intro else 0.0
        pages = list(paginate(frame, widths, room, size, first_room=room - intro_height))
        for n, (rows, heights) in enumerate(pages, start=1):
            title = heading if len(pages) == 1 else f"{heading} ({n}/{len(pages)})"
            slide = self._slide(title, sources, notes)
            top = BODY_TOP
            if intro and n == 1:
                self._paragraphs(slide, list(intro), self.width, 14, room=intro_height)
                top += intro_height
            shape = slide.shapes.add_table(
                len(rows) + 1, len(frame.columns), Inches(MARGIN), Inches(top), Inches(self.width), Inches(sum(heights))
            )
            table = shape.table
            for c, width in enumerate(widths):
                table.columns[c].width = Inches(width)
            for r, height in enumerate(heights):
                table.rows[r].height = Inches(height)
            for c, name in enumerate(frame.columns):
                _cell(table.cell(0, c), str(name), size, bold=True)
            for r, record in enumerate(rows.itertuples(index=False), start=1):
                for c, value in enumerate(record):
                    _cell(table.cell(r, c), _text(value), size)


def _height(paragraphs: list[str], width: float, size: int) -> float:
    """Inches a list of paragraphs needs in a text box `width` wide, with 6 pt after each."""
    return sum(text_height(p or " ", width - 0.2, size) + 6 / 72 for p in paragraphs)


def _text(value: object) -> str:
    return "" if value is None or (isinstance(value, float) and math.isnan(value)) else str(value)


def column_widths(frame: pd.DataFrame, total: float) -> list[float]:
    """Widths in inches as the content suggests: short ids narrow, quotes wide (square root of the typical length)."""
    longest = [max([len(str(c)), *(len(_text(v)) for v in frame[c])]) for c in frame.columns]
    typical = [
        max(len(str(c)), sum(len(_text(v)) for v in frame[c]) / max(len(frame), 1) + 0.2 * n)
        for c, n in zip(frame.columns, longest, strict=True)
    ]
    weights = [min(max(math.sqrt(t), 1.6), 14) if n > 6 else 1.1 for t, n in zip(typical, longest, strict=True)]
    return [total * w / sum(weights) for w in weights]


def row_height(cells: list[str], widths: list[float], size: int, bold: bool = False) -> float:
    """Inches a table row needs: its tallest cell at `size`, wrapped in its column, plus the cell margins."""
    em = CHAR_EM * (1.08 if bold else 1.0)
    tallest = max(text_height(c or " ", w - 2 * CELL_MARGIN_X, size, em) for c, w in zip(cells, widths, strict=True))
    return tallest + 2 * CELL_MARGIN_Y + 0.02


def paginate(
    frame: pd.DataFrame, widths: list[float], room: float, size: int, first_room: float | None = None
) -> Iterator[tuple[pd.DataFrame, list[float]]]:
    """Rows in slide-sized pieces, each with its row heights (header first): no row ever goes below `room`
    (`first_room` on the first slide, which may have text above its table)."""
    header = row_height([str(c) for c in frame.columns], widths, size, bold=True)
    start, used, heights, limit = 0, header, [header], first_room or room
    for n, record in enumerate(frame.itertuples(index=False)):
        height = row_height([_text(v) for v in record], widths, size)
        if used + height > limit and n > start:
            limit = room
            yield frame.iloc[start:n], heights
            start, used, heights = n, header, [header]
        used += height
        heights.append(height)
    yield frame.iloc[start:], heights


def _cell(cell, value: str, size: int, bold: bool = False) -> None:
    cell.margin_left = cell.margin_right = Inches(CELL_MARGIN_X)
    cell.margin_top = cell.margin_bottom = Inches(CELL_MARGIN_Y)
    cell.text = value
    cell.text_frame.word_wrap = True
    for para in cell.text_frame.paragraphs:
        _font(para, size, bold=bold)


def _font(para, size: float, bold: bool = False, colour: RGBColor | None = None) -> None:
    for run in para.runs or [para.add_run()]:
        run.font.name, run.font.size, run.font.bold = FONT, Pt(size), bold
        if colour is not None:
            run.font.color.rgb = colour
