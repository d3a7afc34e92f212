"""Content translations: the English prose of the seed files in nb, sv and da, and their checks.

English is the seed file itself; each other language is one file, `seed/translations/<lang>.csv`,
with the columns `file,key,field,en,text`:

- `file`: the seed file, relative to `seed/` (`norway/statements.csv`);
- `key`: the row's key columns joined by `|` (`no-lup-name`; `ioa-troms-svalbard|goal|...`);
- `field`: the translated column (`text_en`, `label_en`, `caveat`, ...);
- `en`: the English the translation was made from, so a changed source shows up as stale;
- `text`: the translation. Quotes are never translated: they stay verbatim in the seed files.

A fifth language is a fifth file: nothing here names a language except `LANGUAGES`, the ones
`translation_problems` requires.

Public API
- `TRANSLATABLE`: per seed file (a glob pattern relative to `seed/`) its prose fields; its key
  columns are `model.schema.SEED_TABLES`'.
- `needs_translation(value)`: whether a cell is prose (has a letter); "2016" or "" need none.
- `row_key(file, row)`: the `key` of a seed row (a mapping of column -> value).
- `read_translations(path)`: the rows of one translation file, as `Translation`s.
- `translate(lang, file, key, field, english, seed_dir=SEED_DIR)`: the text a reader of `lang`
  sees; English when `lang` is "en", when there is no translation, or when the translation is
  stale (made from other English than `english`, so it may carry an outdated figure). `file` may
  be a pattern (`*/facts.csv`) when the caller knows the table but not the country.
- `translate_frame(frame, lang, file, fields=None)`: a copy of a frame of seed rows (with their key
  columns) whose prose columns read in `lang`, cell by cell as `translate` does.
- `clear_cache()`: forget the translation files read so far (they are read once a process).
- `numbers(text)`: the numbers in a text, as a sorted tuple of `Decimal`s (locale separators read).
- `translation_problems(seed_dir=SEED_DIR, languages=LANGUAGES)`: every `TranslationProblem`
  (file, row key, column, language, what is wrong): missing, empty, stale, numbers that differ from
  the English, rows that no seed row has, duplicates and unreadable files.
"""

from __future__ import annotations

import csv
import fnmatch
import re
from collections import Counter
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from decimal import Decimal
from functools import lru_cache
from pathlib import Path

import pandas as pd

from model.schema import SEED_TABLES

SEED_DIR = Path(__file__).resolve().parent.parent / "seed"
LANGUAGES = ("nb", "sv", "da")
COLUMNS = ("file", "key", "field", "en", "text")


_KEYS = {table.pattern: table.key for table in SEED_TABLES}


@dataclass(frozen=True)
class TranslatableTable:
    """A kind of seed file (a pattern of `model.schema.SEED_TABLES`) and its English prose columns."""

    pattern: str
    fields: tuple[str, ...]

    @property
    def key(self) -> tuple[str, ...]:
        """The row key columns, as the seed loader keys rows."""
        return _KEYS[self.pattern]


# Proper names (organisations, networks, hubs, programmes), Norwegian/Swedish originals (`text_nb`,
# `name_sv`, `value_text`) and codes (`unit` of a fact, `topic`, `kind`) are not translated.
TRANSLATABLE: tuple[TranslatableTable, ...] = (
    TranslatableTable("sources.csv", ("title_en", "note")),
    TranslatableTable("organisations.csv", ("name_en", "note")),
    TranslatableTable("*/facts.csv", ("label_en", "as_of", "caveat")),
    TranslatableTable("*/statements.csv", ("text_en",)),
    TranslatableTable("norway/lup_goals.csv", ("text_en",)),
    TranslatableTable("norway/result_targets.csv", ("text_en", "unit")),
    TranslatableTable("norway/lup_hubs.csv", ("note",)),
    TranslatableTable("norway/regional_programme_facts.csv", ("text_en",)),
    TranslatableTable("norway/small_municipality_findings.csv", ("text_en",)),
    TranslatableTable("sweden/buyer_networks.csv", ("focus_en",)),
    TranslatableTable("sweden/network_facts.csv", ("text_en",)),
    TranslatableTable("sweden/success_factors.csv", ("name_en", "question_en")),
    TranslatableTable("sweden/procurement_levels.csv", ("name_en", "definition_en")),
    TranslatableTable("sweden/level_examples.csv", ("text_en",)),
    TranslatableTable("sweden/new_network_areas.csv", ("name_en", "text_en")),
    TranslatableTable("sweden/proposals.csv", ("title_en", "summary_en")),
    # Reference data names its source in words ("Statistics Denmark (DST), table FOLK1A, …"), not by a document's file.
    TranslatableTable("reference/population.csv", ("source", "note")),
    TranslatableTable("reference/exchange_rates.csv", ("source", "note")),
    TranslatableTable("reference/municipality_counts.csv", ("source", "note")),
    TranslatableTable("reference/organiser_seats.csv", ("source", "note")),
)


@dataclass(frozen=True)
class Translation:
    file: str
    key: str
    field: str
    en: str
    text: str
    line: int = 0  # in the translation file (the header is line 1)


@dataclass(frozen=True)
class TranslationProblem:
    file: str  # the seed file the row is in
    key: str | None
    field: str | None
    lang: str
    message: str

    def __str__(self) -> str:
        where = f"translations/{self.lang}.csv: {self.file}"
        if self.key is not None:
            where += f", row {self.key!r}"
        if self.field:
            where += f", column '{self.field}'"
        return f"{where} ({self.lang}): {self.message}"


def table_for(file: str) -> TranslatableTable | None:
    return next((table for table in TRANSLATABLE if fnmatch.fnmatch(file, table.pattern)), None)


def needs_translation(value: str | None) -> bool:
    """Prose needs a translation; an empty cell or a bare year or range ("2017-2018") does not."""
    return bool(value) and any(c.isalpha() for c in str(value))


def row_key(file: str, row: Mapping[str, object]) -> str:
    table = table_for(file)
    if table is None:
        raise KeyError(f"{file} has no translatable columns")
    return "|".join(_cell(row.get(column)) for column in table.key)


def _cell(value: object) -> str:
    if value is None or (isinstance(value, float) and value != value):  # None or NaN: an empty cell
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))  # 2016.0 from a DataFrame is the seed's "2016"
    return str(value).strip()


# --- Reading -------------------------------------------------------------------------------------


def seed_texts(seed_dir: Path = SEED_DIR) -> dict[tuple[str, str, str], str]:
    """(file, key, field) -> English, for every seed cell that needs a translation."""
    texts: dict[tuple[str, str, str], str] = {}
    for table in TRANSLATABLE:
        for path in sorted(seed_dir.glob(table.pattern)):
            file = path.relative_to(seed_dir).as_posix()
            with path.open(encoding="utf-8-sig", newline="") as handle:
                for row in csv.DictReader(handle):
                    key = row_key(file, row)
                    for field in table.fields:
                        english = (row.get(field) or "").strip()
                        if needs_translation(english):
                            texts[(file, key, field)] = english
    return texts


def read_translations(path: Path) -> list[Translation]:
    """The rows of one translation file; raises ValueError naming the file when its header is wrong."""
    with path.open(encoding="utf-8-sig", newline="") as handle:  # a BOM (Excel's "CSV UTF-8") is not part of the header
        reader = csv.DictReader(handle)
        if tuple(reader.fieldnames or ()) != COLUMNS:
            raise ValueError(f"{path.name}: header must be {','.join(COLUMNS)}, not {','.join(reader.fieldnames or [])}")
        return [Translation(**{column: row.get(column) or "" for column in COLUMNS}, line=line) for line, row in enumerate(reader, start=2)]


@lru_cache(maxsize=16)
def _index(seed_dir: Path, lang: str) -> dict[tuple[str, str, str], Translation]:
    path = seed_dir / "translations" / f"{lang}.csv"
    try:
        rows = read_translations(path) if path.is_file() else []
    except (ValueError, UnicodeDecodeError, csv.Error):
        rows = []  # a broken file shows English, never an error page; `translation_problems` names it
    return {(row.file, row.key, row.field): row for row in rows}


@lru_cache(maxsize=256)
def _files(seed_dir: Path, lang: str, pattern: str) -> tuple[str, ...]:
    if not any(c in pattern for c in "*?["):
        return (pattern,)
    return tuple(sorted({file for file, _, _ in _index(seed_dir, lang) if fnmatch.fnmatch(file, pattern)}))


def translate(lang: str, file: str, key: str, field: str, english: str | None, seed_dir: Path = SEED_DIR) -> str:
    """What a reader of `lang` sees for one seed cell; the English itself unless a current translation exists."""
    english = (english or "").strip()
    if lang == "en" or not needs_translation(english):
        return english
    index = _index(seed_dir, lang)
    for candidate in _files(seed_dir, lang, file):
        row = index.get((candidate, key, field))
        if row is not None and row.en.strip() == english and row.text.strip():
            return row.text.strip()
    return english


def translate_frame(frame: pd.DataFrame, lang: str, file: str, fields: tuple[str, ...] | None = None) -> pd.DataFrame:
    """A copy of `frame` (rows of one seed table, with its key columns) with its prose columns in `lang`."""
    table = table_for(file)
    if table is None or lang == "en" or frame.empty:
        return frame
    shown = frame.copy()
    keys = [row_key(file, row) for row in frame.to_dict("records")]
    for field in fields or table.fields:
        if field in shown.columns:
            shown[field] = [
                translate(lang, file, key, field, value) if isinstance(value, str) else value
                for key, value in zip(keys, frame[field], strict=True)
            ]
    return shown


def clear_cache() -> None:
    """Forget the translation files read so far (after they change on disk)."""
    _index.cache_clear()
    _files.cache_clear()


# --- The number guard ------------------------------------------------------------------------------

_NUMBER = re.compile(r"\d+(?:[ \u00a0\u202f.,]\d+)*")
_SPACES = " \u00a0\u202f"
_DATE = re.compile(r"\d{1,2}\.\d{1,2}\.\d{2,4}")


def numbers(text: str) -> tuple[Decimal, ...]:
    """Every number in `text`, whichever locale wrote it: "1 234,5", "1.234,5" and "1,234.5" are all 1234.5.

    Years, percentages, ordinals ("9." or "9th") and dates ("29.01.2015" is 29, 1 and 2015) count;
    number words do not. A separator that cannot be a thousands or decimal mark splits numbers.
    """
    found: list[Decimal] = []
    for match in _NUMBER.finditer(text):
        found.extend(_read_number(match.group()))
    return tuple(sorted(found))


def _read_number(token: str) -> list[Decimal]:
    if _DATE.fullmatch(token):
        return [Decimal(part) for part in token.split(".")]
    parts = re.split(f"[{_SPACES}]", token)
    heads = [*parts[:-1], re.split("[.,]", parts[-1])[0]]  # "1 234,5": the spaces group the whole part
    if len(parts) > 1 and (any(c in ".," for c in "".join(parts[:-1])) or not _is_grouping(heads)):
        return [value for part in parts for value in _read_number(part)]
    token = "".join(parts)
    marks = [c for c in token if c in ".,"]
    if not marks:
        return [Decimal(token)]
    if len(set(marks)) == 2:  # "1.234,5" or "1,234.5": the last mark is the decimal one
        decimal = marks[-1]
        whole, _, fraction = token.rpartition(decimal)
        groups = whole.split("." if decimal == "," else ",")
        if _is_grouping(groups) and "." not in fraction and "," not in fraction:
            return [Decimal("".join(groups) + "." + fraction)]
        return [Decimal(part) for part in re.split("[.,]", token)]
    groups = token.split(marks[0])
    if len(groups) > 2:  # "1.234.567" groups thousands; "1.2.3" is three numbers
        return [Decimal("".join(groups))] if _is_grouping(groups) else [Decimal(g) for g in groups]
    whole, fraction = groups
    if len(fraction) == 3 and whole != "0" and _is_grouping(groups):  # "1,234" or "1.234": thousands
        return [Decimal(whole + fraction)]
    return [Decimal(whole + "." + fraction)]


def _is_grouping(groups: list[str]) -> bool:
    return 1 <= len(groups[0]) <= 3 and all(len(g) == 3 for g in groups[1:])


def number_difference(english: str, translation: str) -> str | None:
    """None when both texts hold the same numbers; else which numbers one has and the other lacks."""
    ours, theirs = Counter(numbers(english)), Counter(numbers(translation))
    if ours == theirs:
        return None
    lacking = sorted((ours - theirs).elements())
    extra = sorted((theirs - ours).elements())
    said = []
    if lacking:
        said.append("lacks " + ", ".join(_show(n) for n in lacking))
    if extra:
        said.append("adds " + ", ".join(_show(n) for n in extra))
    return "numbers differ from the English: the translation " + " and ".join(said)


def _show(number: Decimal) -> str:
    return format(number.normalize(), "f")


# --- The checks -----------------------------------------------------------------------------------


def translation_problems(seed_dir: Path = SEED_DIR, languages: tuple[str, ...] = LANGUAGES) -> list[TranslationProblem]:
    """Every problem with the content translations, each naming seed file, row key, column and language."""
    english = seed_texts(seed_dir)
    problems: list[TranslationProblem] = []
    for lang in languages:
        problems.extend(_problems_in(seed_dir / "translations" / f"{lang}.csv", lang, english))
    return problems


def _problems_in(path: Path, lang: str, english: dict[tuple[str, str, str], str]) -> Iterator[TranslationProblem]:
    name = f"translations/{lang}.csv"
    try:
        rows = read_translations(path) if path.is_file() else []
    except (ValueError, UnicodeDecodeError, csv.Error) as exc:
        yield TranslationProblem(name, None, None, lang, f"cannot be read: {exc}")
        rows = []
    seen: set[tuple[str, str, str]] = set()
    for row in rows:
        where = (row.file, row.key, row.field)
        if where in seen:
            yield TranslationProblem(row.file, row.key, row.field, lang, f"duplicate translation (line {row.line})")
            continue
        seen.add(where)
        yield from _row_problems(row, lang, english.get(where))
    for file, key, field in english:
        if (file, key, field) not in seen:
            yield TranslationProblem(file, key, field, lang, "missing translation")


def _row_problems(row: Translation, lang: str, current: str | None) -> Iterator[TranslationProblem]:
    def problem(message: str) -> TranslationProblem:
        return TranslationProblem(row.file, row.key, row.field, lang, f"{message} (line {row.line})")

    if current is None:
        yield problem("no seed row has this file, key and column (renamed or removed?)")
        return
    if not row.text.strip():
        yield problem("empty translation")
        return
    if row.en.strip() != current:
        yield problem(f"stale: translated from {row.en.strip()!r}, the English is now {current!r}")
        return
    difference = number_difference(current, row.text)
    if difference:
        yield problem(difference)
