"""Downloads: every table as CSV and XLSX, with formula-like text defused for spreadsheets."""

import io

import pandas as pd

from ui.downloads import spreadsheet_safe, to_csv, to_xlsx


def test_text_that_looks_like_a_formula_is_defused():
    frame = pd.DataFrame({"name": ['=HYPERLINK("http://x")', "BeBo", "-1+1"], "year": [1989, 2001, 2012]})
    safe = spreadsheet_safe(frame)
    assert safe["name"].tolist() == ['\'=HYPERLINK("http://x")', "BeBo", "'-1+1"]
    assert safe["year"].tolist() == [1989, 2001, 2012]  # numbers stay numbers


def test_xlsx_and_csv_hold_the_same_rows():
    frame = pd.DataFrame({"network": ["Välfärdsteknik", "Konstgräs"], "start": [2016, 2017]})
    assert pd.read_excel(io.BytesIO(to_xlsx(frame)), engine="openpyxl").equals(frame)
    assert pd.read_csv(io.BytesIO(to_csv(frame))).equals(frame)
