"""Downloads: every table as CSV and XLSX that a spreadsheet opens right, with formula-like text defused."""

import io
from datetime import UTC, datetime

import openpyxl
import pandas as pd

from ui.downloads import FORMULA_STARTS, for_screen, spreadsheet_safe, to_csv, to_xlsx

HOSTILE = ['=HYPERLINK("http://127.0.0.1:9/","open me")', "@SUM(1+1)", "+cmd|' /C calc'!A0", "-1+1", "\tx", "\rx"]


def _unsafe(value: object) -> bool:
    return isinstance(value, str) and value.startswith(FORMULA_STARTS)


def test_text_that_looks_like_a_formula_is_defused():
    frame = pd.DataFrame({"name": ['=HYPERLINK("http://x")', "BeBo", "-1+1"], "year": [1989, 2001, 2012]})
    safe = spreadsheet_safe(frame)
    assert safe["name"].tolist() == ['\'=HYPERLINK("http://x")', "BeBo", "'-1+1"]
    assert safe["year"].tolist() == [1989, 2001, 2012]  # numbers stay numbers


def test_no_cell_of_a_csv_or_xlsx_starts_like_a_formula():
    frame = pd.DataFrame({"name": HOSTILE, "note": HOSTILE[::-1], "score": range(len(HOSTILE))})
    csv_cells = pd.read_csv(io.BytesIO(to_csv(frame, "en")), encoding="utf-8-sig", dtype=str).to_numpy().ravel()
    assert not [c for c in csv_cells if _unsafe(c)]
    book = openpyxl.load_workbook(io.BytesIO(to_xlsx(frame)))
    assert not [c.value for ws in book for row in ws.iter_rows() for c in row if _unsafe(c.value)]
    assert not [c for c in for_screen(frame, "en").to_numpy().ravel() if _unsafe(c)]  # and the table on screen


def test_csv_starts_with_a_byte_order_mark_so_excel_reads_the_nordic_letters():
    content = to_csv(pd.DataFrame({"network": ["Välfärdsteknik", "Bæredygtig"]}))
    assert content.startswith(b"\xef\xbb\xbf")
    assert pd.read_csv(io.BytesIO(content), encoding="utf-8-sig")["network"].tolist() == ["Välfärdsteknik", "Bæredygtig"]


def test_xlsx_has_numbers_as_numbers_dates_as_dates_a_frozen_header_and_the_sources_sheet():
    frame = pd.DataFrame(
        {
            "network": ["Välfärdsteknik", "Konstgräs"],
            "start": [2016, 2017],
            "per_capita": [303158022961.9027, None],
            "created_at": pd.to_datetime([datetime(2026, 11, 30, 9, 0, tzinfo=UTC)] * 2),  # the self-checks' time zone
            "source": ["a.pdf", "a.pdf"],
            "locator": ["p. 3", "p. 3"],
            "quote": ["startade 2016", "startade 2016"],
        }
    )
    book = openpyxl.load_workbook(io.BytesIO(to_xlsx(frame, "networks", lang="da")))
    data, sources = book.worksheets
    assert [c.value for c in data[1]][:4] == ["Netværk", "Start", "Pr. indbygger", "Oprettet"]
    assert data.freeze_panes == "A2"
    assert isinstance(data["B2"].value, int) and isinstance(data["C2"].value, float)
    assert isinstance(data["D2"].value, datetime)
    assert data.column_dimensions["A"].width >= len("Välfärdsteknik")
    assert sources.title == "Kilder" and sources.max_row == 2  # one distinct source row


def test_a_table_on_screen_has_headings_and_numbers_for_people():
    frame = pd.DataFrame({"country_name": ["Danmark"], "per_capita": [303158022961.9027], "year": [2016], "note": [None]})
    shown = for_screen(frame, "da")
    assert list(shown.columns) == ["Land", "Pr. indbygger", "År", "Note"]
    assert shown.iloc[0].tolist() == ["Danmark", "303,2\xa0mia.", 2016, ""]
