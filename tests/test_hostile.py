"""Hostile and careless input, given the way a user gives it (`tests/hostile/`).

Every bad seed file, upload, edit and URL parameter gets a message that names the file,
row and column (or the field), nothing stored changes (the store's export is compared
before and after), and no traceback reaches the page or the terminal.
"""

from __future__ import annotations

import csv
import functools
import io
import re
import zipfile
from collections.abc import Iterator
from pathlib import Path

import openpyxl
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from sqlalchemy import Engine, text

from bench.imports import HEADER, ROW, xlsx, xlsx_bomb
from model import auth, domains, editing, imports, queries
from model import format as fmt
from model.db import get_engine
from model.editing import Change
from model.errors import EditError
from model.pages import PAGES, SUMMIT
from model.schema import SEED_TABLES, Unit
from seed import __main__ as seed_cli
from seed.export import export
from seed.validate import SEED_DIR, read_seed
from tests.apptest import open_page, signed_in_admin
from tests.conftest import PROJECT_ROOT, store_copy

HOSTILE = Path(__file__).parent / "hostile"
PASSWORD = "a long secret phrase"
ACCOUNTS = {"pia": auth.hash_password(PASSWORD)}  # argon2 is slow on purpose: hash once


def corpus(name: str) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO((HOSTILE / name).read_text(encoding="utf-8"), newline="")))


def snapshot(engine: Engine, folder: Path) -> dict[str, str]:
    """Everything stored, user rows and the audit log included, as `python -m seed export --include-user-data` writes it."""
    export(engine, folder, include_user_data=True)
    return {p.name: p.read_text(encoding="utf-8") for p in sorted(folder.iterdir())}


@pytest.fixture
def store(seeded_url: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Engine:
    """A private copy of the seeded store that `python -m seed` and the pages use."""
    url = store_copy(seeded_url, tmp_path / "hostile.db")
    monkeypatch.setenv("DATABASE_URL", url)
    return get_engine(url)


# --- Seed files, through `python -m seed load` ----------------------------------------------------


def _rewrite(path: Path, change) -> None:
    rows = list(csv.reader(io.StringIO(path.read_text(encoding="utf-8"), newline="")))
    rows = change(rows)
    with path.open("w", encoding="utf-8", newline="") as handle:
        csv.writer(handle, lineterminator="\n").writerows(rows)


def _set(rows: list[list[str]], row: int, column: str, value: str) -> list[list[str]]:
    rows[row - 1][rows[0].index(column)] = "x" * 200_000 if value == "HUGE" else value
    return rows


def break_seed(seed_dir: Path, case: dict[str, str]) -> None:
    path = seed_dir / case["file"]
    action = case["action"]
    if action == "delete":
        path.unlink()
    elif action == "header_only":
        _rewrite(path, lambda rows: rows[:1])
    elif action == "keep_half":
        _rewrite(path, lambda rows: rows[: 1 + (len(rows) - 1) // 2])
    elif action == "append_cell":
        _rewrite(
            path, lambda rows: [*rows[: int(case["row"]) - 1], [*rows[int(case["row"]) - 1], case["value"]], *rows[int(case["row"]) :]]
        )
    else:
        _rewrite(path, lambda rows: _set(rows, int(case["row"]), case["column"], case["value"]))


def load(seed_dir: Path, monkeypatch: pytest.MonkeyPatch, *args: str, **options) -> int:
    """`python -m seed load` reading `seed_dir` instead of the clone's seed/."""
    monkeypatch.setattr(seed_cli, "read_seed", functools.partial(read_seed, seed_dir, **options))
    return seed_cli.main(["load", *args])


@pytest.mark.parametrize("case", corpus("seed/cases.csv"), ids=lambda c: c["case"])
def test_a_hostile_seed_file_is_refused_by_file_row_and_column_and_the_store_keeps_every_row(
    case, seed_copy, store, monkeypatch, capsys, tmp_path
):
    before = snapshot(store, tmp_path / "before")
    break_seed(seed_copy, case)
    assert load(seed_copy, monkeypatch) == 1
    err = capsys.readouterr().err
    assert case["expected"] in err, err
    assert "Traceback" not in err
    assert snapshot(store, tmp_path / "after") == before


def test_a_removal_the_operator_intends_is_loaded_with_allow_removal(seed_copy, store, monkeypatch, capsys):
    (seed_copy / "norway" / "facts.csv").unlink()
    assert load(seed_copy, monkeypatch) == 1
    assert "--allow-removal" in capsys.readouterr().err
    assert load(seed_copy, monkeypatch, "--allow-removal") == 0
    assert queries.fact("no-lup-savings", store) is None


def test_a_manifest_updated_along_with_the_deletion_still_cannot_empty_a_table_in_the_store(seed_copy, store, monkeypatch, capsys):
    (seed_copy / "norway" / "facts.csv").unlink()
    (seed_copy / "sweden" / "facts.csv").unlink()
    _rewrite(seed_copy / "manifest.csv", lambda rows: [r for r in rows if not r[0].endswith("/facts.csv") or r[0].startswith("denmark")])
    assert load(seed_copy, monkeypatch) == 1
    assert "the store has 44 rows in table fact, the seed files 2: a load would delete 42" in capsys.readouterr().err
    assert queries.fact("no-lup-savings", store) is not None


def test_a_seed_file_saved_with_a_byte_order_mark_loads_unchanged(seed_copy, store, monkeypatch, tmp_path):
    before = snapshot(store, tmp_path / "before")
    path = seed_copy / "norway" / "facts.csv"
    path.write_bytes(b"\xef\xbb\xbf" + path.read_bytes())
    assert load(seed_copy, monkeypatch) == 0
    assert snapshot(store, tmp_path / "after") == before


def test_without_the_source_documents_the_loader_says_once_that_quotes_were_not_checked(seed_copy, store, monkeypatch, capsys, tmp_path):
    assert load(seed_copy, monkeypatch, sources_dir=tmp_path / "no-documents") == 0
    out = capsys.readouterr().out
    assert out.count("quotes were not checked against the documents") == 1, out


def test_the_manifest_lists_every_seed_file_with_its_rows():
    assert read_seed().file_rows == {r["file"]: int(r["rows"]) for r in corpus("../../seed/manifest.csv")}, (
        "run `python -m seed manifest` after an intended change of rows"
    )


# --- Numeric domains: one statement, everywhere -------------------------------------------------


def test_every_number_in_a_seed_table_has_a_domain_and_schema_md_shows_them():
    numeric = {
        (spec.table, name)
        for spec in SEED_TABLES
        for name, info in spec.model.model_fields.items()
        if name not in ("id", "citation_id") and any(kind in str(info.annotation) for kind in ("int", "float"))
    }
    stated = {(table, column) for table, columns in {**domains.DOMAINS, **domains.BY_COLUMN}.items() for column in columns}
    assert numeric == stated
    assert set(domains.FACT_VALUE_BY_UNIT) == set(Unit)
    assert domains.markdown() in (SEED_DIR / "SCHEMA.md").read_text(encoding="utf-8"), "run python -m seed.schema_doc"


@settings(deadline=None)  # Babel loads a locale on first use: timing is no part of this specification
@given(st.floats(allow_nan=True, allow_infinity=True) | st.integers(min_value=-(10**40), max_value=10**40))
def test_formatting_never_raises_on_any_stored_value(value):
    number = float(value)
    for unit in [*Unit, "ratio"]:
        for lang in ("en", "nb", "sv", "da"):
            assert fmt.amount(number, unit, lang)
            assert fmt.fact_value({"value": number, "value_high": number, "unit": unit, "qualifier": "approx"}, lang)
    assert fmt.number(number, "nb")


@pytest.fixture
def extreme_store(store: Engine) -> Engine:
    """Values no check would let in today, as an older store or a hand-edited database may hold them."""
    with store.begin() as conn:
        conn.execute(
            text("UPDATE fact SET value = 1e308, value_high = CASE WHEN value_high IS NULL THEN NULL ELSE 1e308 END WHERE unit != 'year'")
        )
        conn.execute(text("UPDATE population SET population = CASE country WHEN 'NO' THEN 0 ELSE 9000000000000000000 END"))
        conn.execute(text("UPDATE exchange_rate SET per_eur = CASE currency WHEN 'NOK' THEN 1e-300 WHEN 'SEK' THEN 9e999 ELSE per_eur END"))
        conn.execute(text("UPDATE municipality_count SET count = 0"))
    return store


@pytest.mark.parametrize("page", ["overview", "norway", "sweden", "denmark", "brief"])
def test_pages_show_extreme_stored_values_without_a_traceback(extreme_store, page, monkeypatch):
    monkeypatch.chdir(PROJECT_ROOT)
    at = open_page(page)
    assert not at.exception, [e.value for e in at.exception]


def test_the_brief_builds_with_extreme_stored_values(extreme_store):
    from reports.brief import build_brief
    from reports.pdf import render_pdf
    from reports.slides import render_pptx

    brief = build_brief("da", engine=extreme_store)
    assert render_pdf(brief).startswith(b"%PDF")
    assert render_pptx(brief)[:2] == b"PK"


# --- The editor ---------------------------------------------------------------------------------

EDITS = [
    ("fact", "no-lup-savings", "value", 1e308, "1e+308 is outside the plausible range"),
    ("fact", "no-lup-savings", "value", float("inf"), "'inf' is not a finite number"),
    ("fact", "no-lup-savings", "value", -1e12, "-1e+12 is outside the plausible range"),
    ("population", "NO|2016", "population", 10**30, "1e+30 is outside the plausible range"),
    ("population", "NO|2016", "population", 0, "0 is outside the plausible range"),
    ("population", "NO|2016", "population", -5, "-5 is outside the plausible range"),
    ("municipality_count", "NO|2016", "count", 0, "0 is outside the plausible range"),
    ("exchange_rate", "NOK|2016", "per_eur", float("inf"), "'inf' is not a finite number"),
    ("exchange_rate", "NOK|2016", "per_eur", 1e-300, "1e-300 is outside the plausible range"),
]


@pytest.mark.parametrize("table, key, column, value, expected", EDITS, ids=[f"{e[0]}.{e[2]}={e[3]}" for e in EDITS])
def test_an_editor_saving_an_implausible_number_is_told_which_field_and_nothing_is_saved(
    store, tmp_path, table, key, column, value, expected
):
    editor = auth.sign_in(ACCOUNTS, "pia", PASSWORD, auth.Throttle())
    rows = editing.editable_rows(table, store).set_index("key", drop=False)
    row = rows.loc[key].to_dict()
    version = row.pop("version")
    row.pop("key")
    before = snapshot(store, tmp_path / "before")
    with pytest.raises(EditError) as refused:
        editing.save_changes(editor, table, [Change({**row, column: value}, version)], "hostile test", store)
    assert any(p.column == column and expected in p.message for p in refused.value.problems), refused.value.problems
    assert snapshot(store, tmp_path / "after") == before


# --- Imports, uploaded on the admin page by a signed-in editor ------------------------------------


@pytest.fixture(scope="module")
def admin(seeded_url: str, tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple]:
    """One signed-in admin page (AppTest) on a private store, for every upload below."""
    with signed_in_admin(seeded_url, tmp_path_factory.mktemp("hostile-admin"), PASSWORD) as (at, url):
        yield at, get_engine(url)


def upload(at, table: str, name: str, data: bytes) -> list[dict]:
    """Upload `data` as `name` into `table`'s import; the problems the page lists (as dicts)."""
    at.selectbox(key="admin-table").set_value(table).run()
    at.file_uploader(key=f"upload-{table}").set_value((name, data, "application/octet-stream")).run()
    assert not at.exception, [e.value for e in at.exception]
    listed = [d.value for d in at.dataframe if "message" in d.value.columns]
    refused = [e.value for e in at.error]
    at.file_uploader(key=f"upload-{table}").set_value(None).run()
    assert listed and refused, "the page says the import was refused and lists why"
    return listed[0].to_dict("records")


def assert_listed(problems: list[dict], row: int | None, column: str | None, message: str) -> None:
    def matches(p: dict) -> bool:
        same_row = row is None or p["row"] == row
        return same_row and (column is None or p["column"] == column) and message in p["message"]

    assert any(matches(p) for p in problems), problems[:5]


@pytest.mark.parametrize("case", corpus("imports/expected.csv"), ids=lambda c: c["file"])
def test_a_hostile_import_is_refused_by_row_and_column_and_nothing_is_stored(admin, case, tmp_path):
    at, engine = admin
    before = snapshot(engine, tmp_path / "before")
    problems = upload(at, case["table"], case["file"], (HOSTILE / "imports" / case["file"]).read_bytes())
    assert_listed(problems, int(case["row"]), case["column"], case["message"])
    assert snapshot(engine, tmp_path / "after") == before


def _formula_workbook() -> bytes:
    """A facts sheet whose value is a formula openpyxl saves without a result (as a never-recalculated file)."""
    rows = list(csv.reader(io.StringIO(HEADER + ROW.format(n=1))))
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    for values in rows:
        sheet.append(values)
    sheet["E2"] = "=1+1"
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def _unpacks_to(size: int) -> bytes:
    """A small XLSX whose sheet unpacks to `size` bytes of blanks."""
    buffer = io.BytesIO()
    with (
        zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive,
        archive.open("xl/worksheets/sheet1.xml", "w", force_zip64=True) as sheet,
    ):
        for _ in range(size // (1 << 20)):
            sheet.write(b" " * (1 << 20))
    return buffer.getvalue()


XLSX_CASES = {
    "a formula without a saved result": (_formula_workbook, 2, "value", "holds the formula '=1+1' without a saved result"),
    "a zip bomb of 200,000 rows": (xlsx_bomb, None, None, "has more than 100,000 rows; imports are limited to 100,000"),
    "a zip that unpacks to 150 MB": (
        lambda: _unpacks_to(150 << 20),
        None,
        None,
        "unpacks to 157 MB; imports are limited to 100 MB",
    ),
    "a file that is not a workbook": (lambda: b"PK\x03\x04 not really", None, None, "is not a readable XLSX workbook"),
    "extra cells beside a row": (lambda: xlsx([["fact_id"], ["a", "b"]]), 2, "cell 2", "1 cell(s) more than the header's 1 columns ('b')"),
}


@pytest.mark.parametrize("case", list(XLSX_CASES))
def test_a_hostile_workbook_is_refused_in_words_and_nothing_is_stored(admin, case, tmp_path):
    at, engine = admin
    make, row, column, message = XLSX_CASES[case]
    before = snapshot(engine, tmp_path / "before")
    assert_listed(upload(at, "fact", "facts.xlsx", make()), row, column, message)
    assert snapshot(engine, tmp_path / "after") == before


def test_a_file_with_thousands_of_problems_lists_the_first_hundred_and_counts_the_rest(admin):
    at, _engine = admin
    bad = "".join(f"x{n},XX,t,label,many,,parsecs,,,,nowhere.txt,p. 1,q\n" for n in range(1_000))
    problems = upload(at, "fact", "facts.csv", (HEADER + bad).encode())
    assert len(problems) == imports.MAX_LISTED + 1
    assert re.fullmatch(r"… and [\d,]+ more problems not listed: fix these first\.", problems[-1]["message"])


def test_a_csv_cell_beyond_the_csv_modules_limit_is_refused_with_its_row(admin):
    at, _engine = admin
    assert_listed(upload(at, "fact", "facts.csv", HEADER.encode() + b"x" * 200_000 + b"\n"), 2, None, "cannot be read as CSV")


# --- URL parameters a visitor can type ----------------------------------------------------------


def hostile_query() -> dict[str, list[str]]:
    """Every parameter of `urls.csv`, repeated ones as lists (as a browser sends `?country=NO&country=NO`)."""
    query: dict[str, list[str]] = {}
    for row in corpus("urls.csv"):
        query.setdefault(row["param"], []).append(row["value"])
    return query


@pytest.mark.parametrize("page", [p.url_path for p in [*PAGES, SUMMIT]])
def test_hostile_url_parameters_never_reach_a_page_as_a_traceback_and_change_nothing(store, page, monkeypatch, tmp_path):
    monkeypatch.chdir(PROJECT_ROOT)
    before = snapshot(store, tmp_path / "before")
    before.pop("live_state.csv", None)  # the summit room's state row, which any first visit creates
    at = open_page(page, **hostile_query())  # raises if the page shows an exception
    assert at.title or page == SUMMIT.url_path, "the page still draws"
    if page == "denmark":
        shown = " ".join(str(e.value) for e in [*at.warning, *at.info, *at.caption, *at.markdown])
        assert "The link's value for Programme years, Scaling basis could not be read" in shown, "the unreadable fields are named"
    after = snapshot(store, tmp_path / "after")
    after.pop("live_state.csv", None)
    assert after == before
