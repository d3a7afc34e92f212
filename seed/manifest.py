"""Which seed files the loader expects, and how many rows each had: a deleted or emptied file is refused.

A load replaces the seed tables, so a file removed by accident (or cut to its header)
would silently delete its rows. `seed/manifest.csv` lists every file with its row count
as last reviewed; `check()` refuses a missing file, an empty one, or one that lost more
than `REMOVAL_THRESHOLD` of its rows, and `store_removals()` refuses a load that would
take that much out of a table in the store, unless the operator says `--allow-removal`.
After an intended change, `python -m seed manifest` rewrites the list.
"""

from __future__ import annotations

import csv
import io
from pathlib import Path

from sqlalchemy import Engine, func, inspect, select
from sqlmodel import Session

from model.rules import Problem, SeedBundle
from model.schema import SEED_TABLES

MANIFEST = "manifest.csv"
REMOVAL_THRESHOLD = 0.1  # a share of a file's (or a table's) rows; fixing a row or two stays below it
ALLOW = "run again with --allow-removal if that is intended (then `python -m seed manifest` records the new counts)"


def read(seed_dir: Path) -> dict[str, int]:
    """File (relative to seed/) -> rows it had; empty when there is no manifest yet."""
    path = seed_dir / MANIFEST
    if not path.is_file():
        return {}
    return {r["file"]: int(r["rows"]) for r in csv.DictReader(io.StringIO(path.read_text(encoding="utf-8-sig"), newline=""))}


def write(seed_dir: Path, counts: dict[str, int]) -> Path:
    path = seed_dir / MANIFEST
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle, lineterminator="\n")
        writer.writerow(["file", "rows"])
        writer.writerows(sorted(counts.items()))
    return path


def _too_many(before: int, after: int) -> bool:
    return after == 0 < before or before - after > REMOVAL_THRESHOLD * before


def check(seed_dir: Path, counts: dict[str, int]) -> list[Problem]:
    """Problems for every expected file that is missing, empty, or lost more than the threshold of its rows."""
    problems = []
    prefix = seed_dir.name
    for file, before in sorted(read(seed_dir).items()):
        after = counts.get(file)
        if not (seed_dir / file).is_file():
            message = f"is missing; the manifest lists it with {before} rows"
        elif after is None or not _too_many(before, after):  # None: unreadable, its own problem says why
            continue
        elif after == 0:
            message = f"has no rows (only a header?); the manifest lists {before}"
        else:
            message = f"has {after} rows, the manifest {before} ({before - after} fewer)"
        problems.append(Problem(f"{prefix}/{file}", None, None, f"{message}: a load would delete them; {ALLOW}"))
    return problems


def store_removals(bundle: SeedBundle, engine: Engine) -> list[Problem]:
    """Problems for every seed table the load would shrink by more than the threshold (the store may hold edits)."""
    existing = set(inspect(engine).get_table_names())
    problems = []
    with Session(engine) as session:
        for spec in SEED_TABLES:
            if spec.table not in existing:
                continue
            before = session.exec(select(func.count()).select_from(spec.model)).scalar_one()  # type: ignore[call-overload]
            after = len(bundle.rows.get(spec.table, []))
            if _too_many(before, after):
                message = f"the store has {before} rows in table {spec.table}, the seed files {after}"
                problems.append(Problem(f"seed/{spec.pattern}", None, None, f"{message}: a load would delete {before - after}; {ALLOW}"))
    return problems
