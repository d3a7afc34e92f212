"""The row rules of every seed table: one check for a seed file, an edit and an import.

`read_rows()` checks a header and its rows against a `SeedTable` (`model.schema`) and
reports every `Problem` by file, row and column, so a reviewer can fix them all in one pass.
Reading files is `seed/`'s job; this module only sees header names and row dicts.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from pydantic import ValidationError
from pydantic_core import ErrorDetails
from sqlmodel import SQLModel

from model import domains
from model.schema import CITATION_COLUMNS, SeedTable

# The source documents (`../shared/seeds/` beside the clone): quotes are checked against them when present.
SOURCES_DIR = Path(__file__).resolve().parent.parent.parent / "shared" / "seeds"
MAX_QUOTE = 300  # characters; the guideline is ~200, this is the hard stop
# A quote of two passages of one document, in the document's order and close together: a heading and the sentence
# under it that names the row (the heading proves what the sentence alone does not). No document contains " … ".
PASSAGE_BREAK = " … "
MAX_PASSAGE_SPAN = 1200  # characters from the first passage's start to the last one's end
# A row as `csv.DictReader` gives it: column -> text; cells beyond the header under None, as a list.
RawRow = Mapping[str | None, str | list[str] | None]


@dataclass(frozen=True)
class Problem:
    """What is wrong and where: a file (or "edit"), its line (the header is line 1) and column.

    `message` is English (the CLI and logs read it); `code` names the text a page shows instead,
    `problem.<code>` in its language, filled with `params`: the values the message quotes (numbers
    stay numbers, for the page to format; `unit` names a `problem.unit.<unit>` text)."""

    file: str
    row: int | None
    column: str | None
    message: str
    code: str = ""
    params: Mapping[str, Any] = field(default_factory=dict, hash=False)

    def __str__(self) -> str:
        where = self.file
        if self.row is not None:
            where += f", row {self.row}"
        if self.column:
            where += f", column '{self.column}'"
        return f"{where}: {self.message}"


@dataclass
class CitedRow:
    row: SQLModel
    key: str
    citation: tuple[str, str, str] | None  # (source file, locator, quote)
    file: str = ""
    line: int = 0


@dataclass
class SeedBundle:
    rows: dict[str, list[CitedRow]] = field(default_factory=dict)  # table name -> rows
    file_rows: dict[str, int] = field(default_factory=dict)  # seed file relative to seed/ -> rows read from it
    notes: list[str] = field(default_factory=list)  # what was not checked, for the operator to read once

    def count(self) -> int:
        return sum(len(r) for r in self.rows.values())


def normalise(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


def quoted_in(quote: str, text: str) -> bool:
    """Whether `quote` stands verbatim in `text` (both normalised); passages joined by " … " each in order, close together."""
    first, *rest = quote.split(PASSAGE_BREAK)
    start = text.find(first)
    while start != -1:
        end = start + len(first)
        for part in rest:
            found = text.find(part, end)
            end = found + len(part) if found != -1 else -1
            if found == -1 or end - start > MAX_PASSAGE_SPAN:
                break
        else:
            return True
        start = text.find(first, start + 1)
    return False


def read_rows(
    name: str,
    header: list[str],
    records: Iterable[tuple[int, RawRow]],
    spec: SeedTable,
    bundle: SeedBundle,
    problems: list[Problem],
) -> list[CitedRow]:
    """Check a header and its rows against `spec`; keys already in `bundle` count as duplicates."""
    missing = [c for c in spec.columns() if c not in header]
    extra = [c for c in header if c not in spec.columns()]
    for column in missing:
        problems.append(Problem(name, 1, column, "missing column", code="missing_column"))
    expected = ", ".join(spec.columns())
    for column in extra:
        problems.append(
            Problem(name, 1, column, f"unexpected column (expected: {expected})", code="unexpected_column", params={"expected": expected})
        )
    if missing or extra:
        return []
    seen_keys = {r.key for r in bundle.rows.get(spec.table, [])}
    out: list[CitedRow] = []
    for line, raw in records:
        row = _read_row(name, line, raw, spec, bundle, problems)
        if row is None:
            continue
        if row.key in seen_keys:
            problems.append(
                Problem(name, line, ",".join(spec.key), f"duplicate key {row.key!r}", code="duplicate_key", params={"key": row.key})
            )
            continue
        seen_keys.add(row.key)
        out.append(row)
    return out


def _read_row(name: str, line: int, raw: RawRow, spec: SeedTable, bundle: SeedBundle, problems: list[Problem]) -> CitedRow | None:
    if None in raw:  # more cells than header columns
        problems.append(extra_cells(name, line, len(raw) - 1, raw[None]))
        return None
    values = {str(k): (v.strip() if isinstance(v, str) and v.strip() else None) for k, v in raw.items()}
    before = len(problems)
    for column, allowed in spec.choices.items():
        value = values.get(column)
        if value is not None and value not in set(allowed):
            choices = ", ".join(sorted(allowed))
            problems.append(
                Problem(
                    name,
                    line,
                    column,
                    f"{value!r} is not one of: {choices}",
                    code="not_a_choice",
                    params={"value": value, "choices": choices},
                )
            )
    for column, (table, target) in spec.refs.items():
        _check_ref(name, line, column, values.get(column), table, target, bundle, problems)
    for column, (table, target) in spec.list_refs.items():
        for item in (values.get(column) or "").split(";"):
            _check_ref(name, line, column, item.strip() or None, table, target, bundle, problems)
    citation = None
    if spec.cited:
        citation = _citation(name, line, values, problems)
    model_values = {k: v for k, v in values.items() if not (spec.cited and k in CITATION_COLUMNS)}
    try:
        row = spec.model.model_validate(model_values)
    except ValidationError as exc:
        for err in exc.errors():
            where = str(err["loc"][0]) if err["loc"] else None
            shown = values.get(where) if where else None
            problems.append(Problem(name, line, where, *_explain(err, shown)))
        return None
    for column, finding in domains.problems(spec.table, row.model_dump()):
        problems.append(Problem(name, line, column, *finding))
    if len(problems) > before:
        return None
    key = "|".join(str(values.get(k) or "") for k in spec.key)
    return CitedRow(row=row, key=key, citation=citation, file=name, line=line)


def cell_name(number: int) -> str:
    """The "column" of a cell outside the header's columns (no header name to give): `cell 14`."""
    return f"cell {number}"


def cell_number(column: str | None) -> int | None:
    """The number in a `cell_name`, or None for a column the header names."""
    found = re.fullmatch(r"cell (\d+)", column or "")
    return int(found.group(1)) if found else None


def extra_cells(name: str, line: int, columns: int, extra: object) -> Problem:
    """A row longer than its header: usually a comma inside an unquoted value, which cut it in two."""
    cells = list(extra) if isinstance(extra, list | tuple) else [extra]
    shown = ", ".join(repr(str(v)) for v in cells[:3]) + (", …" if len(cells) > 3 else "")
    return Problem(
        name,
        line,
        cell_name(columns + 1),
        f"{len(cells)} cell(s) more than the header's {columns} columns ({shown}); a value that contains a comma must be in double quotes",
        code="extra_cells",
        params={"count": len(cells), "columns": columns, "cells": shown},
    )


# Pydantic's error types a person meets in a cell -> our code; its limit (from the error's context) as the param `limit`.
PYDANTIC_CODES = {
    "missing": "required",
    "int_parsing": "not_a_number",
    "float_parsing": "not_a_number",
    "int_from_float": "not_whole_number",
    "date_parsing": "not_a_date",
    "date_from_datetime_parsing": "not_a_date",
    "string_too_long": "too_long",
    "string_too_short": "too_short",
    "greater_than": "greater_than",
    "greater_than_equal": "at_least",
    "less_than": "less_than",
    "less_than_equal": "at_most",
    "bool_parsing": "not_yes_no",
}
GENERIC_CODE = "invalid"  # anything else: the pydantic text, in English, as the last resort
_LIMITS = ("gt", "ge", "lt", "le", "max_length", "min_length")


def _explain(err: ErrorDetails, shown: str | None) -> domains.Finding:
    """The English message, code and params of one pydantic error on a cell showing `shown`."""
    kind = err["type"]
    code = PYDANTIC_CODES.get(kind, GENERIC_CODE)
    if kind == "int_parsing" and _is_number(shown):
        code = "not_whole_number"  # "2.5" in a whole-number column
    params: dict[str, Any] = {"value": shown or ""}
    limits = [v for k, v in (err.get("ctx") or {}).items() if k in _LIMITS]
    if limits:
        params["limit"] = limits[0]
    if code == GENERIC_CODE:
        params["detail"] = err["msg"]
    if kind == "missing":
        return domains.Finding("a value is required", code, {})
    if kind.startswith(("int_", "float_")):
        return domains.Finding(f"{shown!r} is not a number ({err['msg'].lower()})", code, params)
    return domains.Finding(f"{shown!r}: {err['msg']}", code, params)


def _is_number(text: str | None) -> bool:
    try:
        float(text or "")
    except ValueError:
        return False
    return True


def _check_ref(
    name: str, line: int, column: str, value: str | None, table: str, target: str, bundle: SeedBundle, problems: list[Problem]
) -> None:
    if value is None:
        return
    known = {getattr(r.row, target) for r in bundle.rows.get(table, [])}
    if value not in known:
        params = {"target": target, "value": value, "table": table}
        problems.append(
            Problem(name, line, column, f"unknown {target} {value!r} (not in table {table})", code="unknown_ref", params=params)
        )


def _citation(name: str, line: int, values: dict[str, str | None], problems: list[Problem]) -> tuple[str, str, str] | None:
    source, locator, quote = (values.get(c) for c in CITATION_COLUMNS)
    for column, value in zip(CITATION_COLUMNS, (source, locator, quote), strict=True):
        if not value:
            problems.append(Problem(name, line, column, "every fact needs a citation: a value is required", code="citation_required"))
    if not (source and locator and quote):
        return None
    quote = normalise(quote)
    if len(quote) > MAX_QUOTE:
        params = {"length": len(quote), "limit": MAX_QUOTE}
        problems.append(
            Problem(
                name, line, "quote", f"quote is {len(quote)} characters; keep it under {MAX_QUOTE}", code="quote_too_long", params=params
            )
        )
    return source, locator, quote
