"""Read every seed file and check it before anything touches a database.

`read_seed()` returns a `SeedBundle` of validated rows, or raises `SeedError`
listing every problem by file, row and column, so a reviewer can fix them all
in one pass.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from pydantic import ValidationError
from sqlmodel import SQLModel

from seed.files import CITATION_COLUMNS, SEED_TABLES, SeedTable

SEED_DIR = Path(__file__).resolve().parent
DEFAULT_SOURCES_DIR = SEED_DIR.parent.parent / "shared" / "seeds"
MAX_QUOTE = 300  # characters; the guideline is ~200, this is the hard stop


@dataclass(frozen=True)
class Problem:
    file: str
    row: int | None  # line number in the file (the header is line 1)
    column: str | None
    message: str

    def __str__(self) -> str:
        where = self.file
        if self.row is not None:
            where += f", row {self.row}"
        if self.column:
            where += f", column '{self.column}'"
        return f"{where}: {self.message}"


class SeedError(Exception):
    def __init__(self, problems: list[Problem]) -> None:
        self.problems = problems
        super().__init__("\n".join(str(p) for p in problems))


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

    def count(self) -> int:
        return sum(len(r) for r in self.rows.values())


def normalise(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


def read_seed(seed_dir: Path = SEED_DIR, sources_dir: Path | None = DEFAULT_SOURCES_DIR) -> SeedBundle:
    """Validate every seed file; raise SeedError naming each problem."""
    problems: list[Problem] = []
    bundle = SeedBundle()
    for spec in SEED_TABLES:
        paths = sorted(seed_dir.glob(spec.pattern))
        if not paths:
            problems.append(Problem(spec.pattern, None, None, "no such seed file"))
        rows = bundle.rows.setdefault(spec.table, [])
        for path in paths:
            rows.extend(_read_file(path, seed_dir, spec, bundle, problems))
    _check_sources(bundle, problems, sources_dir)
    if problems:
        raise SeedError(problems)
    return bundle


def _read_file(path: Path, seed_dir: Path, spec: SeedTable, bundle: SeedBundle, problems: list[Problem]) -> list[CitedRow]:
    name = str(path.relative_to(seed_dir.parent))
    try:
        text = path.read_text(encoding="utf-8")
    except UnicodeDecodeError as exc:
        problems.append(Problem(name, None, None, f"is not UTF-8 text ({exc.reason} at byte {exc.start})"))
        return []
    reader = csv.DictReader(io.StringIO(text, newline=""))  # keeps line breaks inside quoted cells
    return read_rows(name, reader.fieldnames or [], enumerate(reader, start=2), spec, bundle, problems)


def read_rows(
    name: str, header: list[str], records: Iterable[tuple[int, dict]], spec: SeedTable, bundle: SeedBundle, problems: list[Problem]
) -> list[CitedRow]:
    """Check a header and its rows against `spec`; keys already in `bundle` count as duplicates."""
    missing = [c for c in spec.columns() if c not in header]
    extra = [c for c in header if c not in spec.columns()]
    for column in missing:
        problems.append(Problem(name, 1, column, "missing column"))
    for column in extra:
        problems.append(Problem(name, 1, column, "unexpected column (expected: " + ", ".join(spec.columns()) + ")"))
    if missing or extra:
        return []
    seen_keys = {r.key for r in bundle.rows.get(spec.table, [])}
    out: list[CitedRow] = []
    for line, raw in records:
        row = _read_row(name, line, raw, spec, bundle, problems)
        if row is None:
            continue
        if row.key in seen_keys:
            problems.append(Problem(name, line, ",".join(spec.key), f"duplicate key {row.key!r}"))
            continue
        seen_keys.add(row.key)
        out.append(row)
    return out


def _read_row(name: str, line: int, raw: dict, spec: SeedTable, bundle: SeedBundle, problems: list[Problem]) -> CitedRow | None:
    if None in raw:  # more cells than header columns
        problems.append(Problem(name, line, None, "more cells than the header has columns"))
        return None
    values = {k: (v.strip() if v and v.strip() else None) for k, v in raw.items()}
    before = len(problems)
    for column, allowed in spec.choices.items():
        if values.get(column) is not None and values[column] not in allowed:
            problems.append(Problem(name, line, column, f"{values[column]!r} is not one of: {', '.join(sorted(allowed))}"))
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
            column = str(err["loc"][0]) if err["loc"] else None
            shown = values.get(column) if column else None
            problems.append(Problem(name, line, column, _explain(err, shown)))
        return None
    if len(problems) > before:
        return None
    key = "|".join(str(values.get(k) or "") for k in spec.key)
    return CitedRow(row=row, key=key, citation=citation, file=name, line=line)


def _explain(err: dict, shown: str | None) -> str:
    if err["type"] == "missing":
        return "a value is required"
    if err["type"].startswith(("int_", "float_")):
        return f"{shown!r} is not a number ({err['msg'].lower()})"
    return f"{shown!r}: {err['msg']}"


def _check_ref(
    name: str, line: int, column: str, value: str | None, table: str, target: str, bundle: SeedBundle, problems: list[Problem]
) -> None:
    if value is None:
        return
    known = {getattr(r.row, target) for r in bundle.rows.get(table, [])}
    if value not in known:
        problems.append(Problem(name, line, column, f"unknown {target} {value!r} (not in table {table})"))


def _citation(name: str, line: int, values: dict, problems: list[Problem]) -> tuple[str, str, str] | None:
    missing = [c for c in CITATION_COLUMNS if not values.get(c)]
    for column in missing:
        problems.append(Problem(name, line, column, "every fact needs a citation: a value is required"))
    if missing:
        return None
    quote = normalise(values["quote"])
    if len(quote) > MAX_QUOTE:
        problems.append(Problem(name, line, "quote", f"quote is {len(quote)} characters; keep it under {MAX_QUOTE}"))
    return values["source"], values["locator"], quote


def _check_sources(bundle: SeedBundle, problems: list[Problem], sources_dir: Path | None) -> None:
    """Every cited file must be listed in sources.csv and, when the documents are at hand, contain the quote."""
    known = {r.row.file for r in bundle.rows.get("source", [])}  # type: ignore[attr-defined]
    texts: dict[str, str] = {}
    if sources_dir is not None and sources_dir.is_dir():
        texts = {f: normalise((sources_dir / f).read_text(encoding="utf-8")) for f in known if (sources_dir / f).is_file()}
    for rows in bundle.rows.values():
        for r in rows:
            if r.citation is None:
                continue
            source, _, quote = r.citation
            if source not in known:
                problems.append(Problem(r.file, r.line, "source", f"{source!r} is not listed in seed/sources.csv"))
            elif source in texts and quote not in texts[source]:
                problems.append(Problem(r.file, r.line, "quote", f"not found verbatim in {source}: {quote[:80]!r}"))
