"""Content translations: every English text a reader sees exists in nb, sv and da, made from today's English,
keeping its figures; a problem names the seed file, row, column and language."""

from __future__ import annotations

import csv
import re
from decimal import Decimal
from pathlib import Path

import pandas as pd
import pytest

from model import translations as tr
from model.schema import SEED_TABLES

LANGS = ("nb", "sv", "da")


def test_every_text_a_reader_sees_is_translated_current_and_keeps_its_numbers():
    problems = tr.translation_problems()
    assert not problems, "\n".join(str(p) for p in problems[:40])


def test_each_language_translates_the_same_texts_and_its_file_is_sorted_and_well_formed():
    wanted = set(tr.seed_texts())
    assert len(wanted) > 400  # statements, facts, targets, findings, networks, ... not a handful
    for lang in LANGS:
        path = tr.SEED_DIR / "translations" / f"{lang}.csv"
        raw = path.read_bytes()
        assert not raw.startswith(b"\xef\xbb\xbf"), f"{lang}.csv starts with a BOM"
        rows = tr.read_translations(path)
        assert {(r.file, r.key, r.field) for r in rows} == wanted
        order = [(r.file, r.key, r.field) for r in rows]
        assert order == sorted(order), f"{lang}.csv is not sorted by file, key, field"


def test_translatable_tables_are_seed_tables_with_real_columns():
    patterns = {table.pattern for table in SEED_TABLES}
    for table in tr.TRANSLATABLE:
        assert table.pattern in patterns, table.pattern
        paths = sorted(tr.SEED_DIR.glob(table.pattern))
        assert paths, f"no seed file matches {table.pattern}"
        for path in paths:
            with path.open(encoding="utf-8", newline="") as handle:
                header = next(csv.reader(handle))
            assert set(table.fields) <= set(header), f"{path.name} lacks {set(table.fields) - set(header)}"
            assert "quote" not in table.fields  # quotes stay verbatim in their own language


def test_quotes_and_proper_names_are_not_translated():
    fields = {field for table in tr.TRANSLATABLE for field in table.fields}
    assert not fields & {"quote", "name", "text_nb", "text_sv", "name_sv", "title_sv", "locator"}
    # A source is translated only where reference data names it in words, never where it is a document's file.
    with_source = {t.pattern for t in tr.TRANSLATABLE if "source" in t.fields}
    assert with_source == {f"reference/{name}.csv" for name in ("population", "exchange_rates", "municipality_counts", "organiser_seats")}
    assert not [t.pattern for t in SEED_TABLES if t.pattern in with_source and t.cited]


def test_the_danish_reader_sees_the_summit_date_in_danish_and_english_is_the_fallback():
    english = "The summit took place on 9 September; the article does not state the year."
    said = tr.translate("da", "denmark/statements.csv", "dk-summit-date", "text_en", english)
    assert said.startswith("Topmødet fandt sted den 9. september")
    assert tr.translate("en", "denmark/statements.csv", "dk-summit-date", "text_en", english) == english
    assert tr.translate("fi", "denmark/statements.csv", "dk-summit-date", "text_en", english) == english  # no file yet
    # A facts table spans countries: the caller may name the table by its pattern.
    label = tr.translate("nb", "*/facts.csv", "no-lup-savings", "label_en", _english("norway/facts.csv", "no-lup-savings", "label_en"))
    assert label.startswith("Offentlige besparelser")


def test_a_stale_translation_is_never_shown_in_place_of_changed_english():
    changed = "The summit took place on 10 September; the article does not state the year."
    assert tr.translate("da", "denmark/statements.csv", "dk-summit-date", "text_en", changed) == changed


def test_a_table_of_facts_reads_in_the_readers_language_and_keeps_its_values():
    frame = pd.DataFrame(
        [{"fact_id": "no-lup-savings", "label_en": _english("norway/facts.csv", "no-lup-savings", "label_en"), "value": 334000000.0}]
    )
    shown = tr.translate_frame(frame, "sv", "*/facts.csv")
    assert shown.loc[0, "label_en"].startswith("Offentliga besparingar") and shown.loc[0, "value"] == 334000000.0
    assert frame.loc[0, "label_en"].startswith("Public savings")  # the caller's frame is left as it was
    assert tr.translate_frame(frame, "en", "*/facts.csv") is frame


def test_a_broken_translation_file_shows_english_and_is_named_by_the_check(small_seed: Path):
    (small_seed / "translations" / "nb.csv").write_bytes(b"file,key,field,en,text\n\xff\xfe broken\n")
    tr.clear_cache()
    english = "The summit took place on 9 September."
    assert tr.translate("nb", "denmark/statements.csv", "s-ok", "text_en", english, seed_dir=small_seed) == english
    problems = tr.translation_problems(small_seed, languages=("nb",))
    assert problems[0].file == "translations/nb.csv" and "cannot be read" in problems[0].message


def test_excel_s_byte_order_mark_is_not_part_of_the_header(small_seed: Path):
    path = small_seed / "translations" / "nb.csv"
    path.write_bytes(b"\xef\xbb\xbf" + path.read_bytes())
    problems = tr.translation_problems(small_seed, languages=("nb",))
    assert {p.key for p in problems} == {"s-missing", "s-stale", "s-figure", "s-empty", "s-gone"}


def test_row_key_joins_the_key_columns_as_the_translation_files_do():
    row = {"programme_id": "ioa-troms-svalbard", "attribute": "funder", "value_text": "NHO", "text_en": "..."}
    assert tr.row_key("norway/regional_programme_facts.csv", row) == "ioa-troms-svalbard|funder|NHO"
    assert tr.row_key("reference/population.csv", {"country": "NO", "year": 2016.0}) == "NO|2016"


# --- The number guard ------------------------------------------------------------------------------


def test_the_number_guard_catches_a_changed_figure():
    difference = tr.number_difference("At least 15 state bodies.", "Minst 16 statlige virksomheter.")
    assert difference is not None and "15" in difference and "16" in difference


def test_the_number_guard_reads_every_locales_separators():
    assert tr.number_difference("1,234.5 NOK", "1 234,5 kr") is None
    assert tr.number_difference("1,234.5 NOK", "1.234,5 kr.") is None
    assert tr.number_difference("2 x 0.5 FTE", "2 × 0,5 årsverk") is None
    assert tr.number_difference("10 000 rows", "10.000 rækker") is None
    assert tr.numbers("1 234,5") == (Decimal("1234.5"),)


def test_years_percentages_ordinals_and_dates_count():
    assert tr.number_difference("by 2019", "innen 2020") is not None
    assert tr.number_difference("up to 50%", "inntil 50 %") is None
    assert tr.number_difference("up to 50%", "inntil 5 %") is not None
    assert tr.number_difference("on 9 September", "den 9. september") is None
    assert tr.number_difference("the 2nd meeting", "det 3. møtet") is not None
    assert tr.numbers("dated 29.01.2015") == (Decimal(1), Decimal(29), Decimal(2015))
    assert tr.number_difference("400 bn NOK", "400 mrd. kroner") is None
    assert tr.number_difference("400 bn NOK", "4 000 mrd. kroner") is not None


def test_a_lost_decimal_mark_is_a_changed_figure():
    assert tr.number_difference("0.5 FTE", "5 årsverk") is not None
    assert tr.number_difference("Report 2019:3", "Rapport 2019:3") is None


def test_prose_needs_a_translation_a_bare_year_does_not():
    assert tr.needs_translation("undated article")
    assert not tr.needs_translation("2017-2018")
    assert not tr.needs_translation("")


# --- What a problem says ----------------------------------------------------------------------------


@pytest.fixture
def small_seed(tmp_path: Path) -> Path:
    """One seed file of four statements and an nb file with one of each problem."""
    (tmp_path / "denmark").mkdir()
    _write(
        tmp_path / "denmark" / "statements.csv",
        ["statement_id", "country", "topic", "text_en", "source", "locator", "quote"],
        [
            ["s-ok", "DK", "summit", "The summit took place on 9 September.", "x.txt", "para. 1", "q"],
            ["s-missing", "DK", "summit", "Nothing was decided.", "x.txt", "para. 2", "q"],
            ["s-stale", "DK", "summit", "There were 2 meetings.", "x.txt", "para. 3", "q"],
            ["s-figure", "DK", "summit", "At least 15 state bodies.", "x.txt", "para. 4", "q"],
            ["s-empty", "DK", "summit", "COI invited.", "x.txt", "para. 5", "q"],
        ],
    )
    (tmp_path / "translations").mkdir()
    file = "denmark/statements.csv"
    _write(
        tmp_path / "translations" / "nb.csv",
        list(tr.COLUMNS),
        [
            [file, "s-empty", "text_en", "COI invited.", " "],
            [file, "s-figure", "text_en", "At least 15 state bodies.", "Minst 16 statlige virksomheter."],
            [file, "s-gone", "text_en", "Removed row.", "Fjernet rad."],
            [file, "s-ok", "text_en", "The summit took place on 9 September.", "Toppmøtet fant sted 9. september."],
            [file, "s-stale", "text_en", "There were 3 meetings.", "Det var 3 møter."],
        ],
    )
    return tmp_path


def test_each_problem_names_file_row_column_and_language(small_seed: Path):
    problems = {p.key: p for p in tr.translation_problems(small_seed, languages=("nb",))}
    assert set(problems) == {"s-missing", "s-stale", "s-figure", "s-empty", "s-gone"}
    assert "missing" in problems["s-missing"].message
    assert "stale" in problems["s-stale"].message and "There were 2 meetings." in problems["s-stale"].message
    assert "15" in problems["s-figure"].message and "16" in problems["s-figure"].message
    assert "empty" in problems["s-empty"].message
    assert "no seed row" in problems["s-gone"].message
    said = str(problems["s-missing"])
    assert "denmark/statements.csv" in said and "'s-missing'" in said and "text_en" in said and "nb" in said
    assert all(p.file == "denmark/statements.csv" and p.field == "text_en" and p.lang == "nb" for p in problems.values())


def test_a_language_without_its_file_misses_every_text(small_seed: Path):
    problems = tr.translation_problems(small_seed, languages=("sv",))
    assert len(problems) == 5 and all(p.message == "missing translation" and p.lang == "sv" for p in problems)


def test_a_translation_file_with_a_wrong_header_is_named_not_crashed_on(small_seed: Path):
    (small_seed / "translations" / "da.csv").write_text("file,key,text\n", encoding="utf-8")
    problems = tr.translation_problems(small_seed, languages=("da",))
    assert problems[0].file == "translations/da.csv" and "header" in problems[0].message


def _english(file: str, key: str, field: str) -> str:
    return tr.seed_texts()[(file, key, field)]


def _write(path: Path, header: list[str], rows: list[list[str]]) -> None:
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle, lineterminator="\n")
        writer.writerow(header)
        writer.writerows(rows)


def test_reference_data_names_its_sources_in_the_readers_language_and_keeps_their_numbers(engine):
    from model import denmark, overview

    per_capita = overview.normalised_procurement("EUR", 2016, engine, "da")
    sources = " ".join(per_capita["rate_source"]) + " " + " ".join(per_capita["population_source"])
    assert "ECB's referencekurser for euro, årligt gennemsnit 2016" in sources and "Danmarks Statistik (DST), tabel FOLK1A" in sources
    defaults = denmark.scenario_defaults(2016, engine, "da")
    references = [spec["reference"] for spec in defaults.values() if "reference" in spec]
    assert "Statistisk sentralbyrå (SSB), tabel 07459, befolkning 1. januar 2016" in references, references
    for said in [sources, *references]:
        assert not re.search(r"\b(Statistics|annual average|January|by definition)\b", said), said
