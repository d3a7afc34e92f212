"""Read every seed file and check it before anything touches a database.

`read_seed()` returns a `SeedBundle` of validated rows, or raises `SeedError`
listing every problem by file, row and column. The rules are the model's
(`model.schema`, `model.rules`); this module finds the files and reads them.
"""

from __future__ import annotations

import csv
import io
from pathlib import Path

from model import views
from model.rules import SOURCES_DIR, CitedRow, Problem, SeedBundle, normalise, quoted_in, read_rows
from model.schema import SEED_TABLES, SeedTable
from model.tables import Source
from seed import manifest

SEED_DIR = Path(__file__).resolve().parent
DEFAULT_SOURCES_DIR = SOURCES_DIR


class SeedError(Exception):
    def __init__(self, problems: list[Problem]) -> None:
        self.problems = problems
        super().__init__("\n".join(str(p) for p in problems))


def read_seed(seed_dir: Path = SEED_DIR, sources_dir: Path | None = DEFAULT_SOURCES_DIR, allow_removal: bool = False) -> SeedBundle:
    """Validate every seed file; raise SeedError naming each problem.

    Files missing, emptied or much shorter than `seed/manifest.csv` says are problems too,
    unless `allow_removal` (the operator's `--allow-removal`)."""
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
    if not allow_removal:
        problems += manifest.check(seed_dir, bundle.file_rows)
    if problems:
        raise SeedError(problems)
    return bundle


def check_views(bundle: SeedBundle, seed_dir: Path = SEED_DIR) -> list[Problem]:
    """The view manifest (seed/views.csv) against the bundle's fact and statement ids: what `seed check` adds."""
    problems: list[Problem] = []
    known = {r.key for table in ("fact", "statement") for r in bundle.rows.get(table, [])}
    return problems + views.check(views.read_manifest(seed_dir, problems), known)


def _read_file(path: Path, seed_dir: Path, spec: SeedTable, bundle: SeedBundle, problems: list[Problem]) -> list[CitedRow]:
    name = str(path.relative_to(seed_dir.parent))
    try:
        text = path.read_text(encoding="utf-8-sig")  # a byte-order mark (Excel's "CSV UTF-8") is not part of the header
    except UnicodeDecodeError as exc:
        problems.append(Problem(name, None, None, f"is not UTF-8 text ({exc.reason} at byte {exc.start})"))
        return []
    reader = csv.DictReader(io.StringIO(text, newline=""))  # keeps line breaks inside quoted cells
    records: list[tuple[int, dict]] = []
    try:
        records.extend(enumerate(reader, start=2))
    except csv.Error as exc:  # e.g. a cell over the csv module's 128 KiB field limit
        problems.append(Problem(name, len(records) + 2, None, f"cannot be read as CSV ({exc})"))
        return []
    bundle.file_rows[path.relative_to(seed_dir).as_posix()] = len(records)
    return read_rows(name, list(reader.fieldnames or []), records, spec, bundle, problems)


def _check_sources(bundle: SeedBundle, problems: list[Problem], sources_dir: Path | None) -> None:
    """Every cited file must be listed in sources.csv and, when the documents are at hand, contain the quote."""
    known = {r.row.file for r in bundle.rows.get("source", []) if isinstance(r.row, Source)}
    texts: dict[str, str] = {}
    if sources_dir is not None and sources_dir.is_dir():
        texts = {f: normalise((sources_dir / f).read_text(encoding="utf-8")) for f in known if (sources_dir / f).is_file()}
    else:
        where = f"{sources_dir} is not there" if sources_dir else "no folder of source documents was given"
        bundle.notes.append(f"quotes were not checked against the documents: {where}")
    for rows in bundle.rows.values():
        for r in rows:
            if r.citation is None:
                continue
            source, _, quote = r.citation
            if source not in known:
                problems.append(Problem(r.file, r.line, "source", f"{source!r} is not listed in seed/sources.csv"))
            elif source in texts and not quoted_in(quote, texts[source]):
                problems.append(Problem(r.file, r.line, "quote", f"not found verbatim in {source}: {quote[:80]!r}"))
