"""The view manifest: which facts and statements each page section, the summit and the brief show.

`seed/views.csv` (and a country folder's own `views.csv`) has one row per shown item:
`page, section, slot, ref` — a page's url path (`model.pages`), a section id, the slot the
item fills (a label key's last part, or `<row>.<country>` in the overview's grid) and the
fact or statement id. A slot may take several refs, shown in file order. `python -m seed check`
validates every ref against the store's ids, so a renamed id fails the check with file, row and
column instead of a `KeyError` when a page draws.
"""

from __future__ import annotations

import csv
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from model import pages
from model.pages import SUMMIT
from model.rules import Problem

SEED_DIR = Path(__file__).resolve().parent.parent / "seed"
COLUMNS = ("page", "section", "slot", "ref")
OTHER_VIEWS = {"brief": ("sweden",)}  # views outside the page registry's sections: the brief's parts


@dataclass(frozen=True)
class Slot:
    page: str
    section: str
    slot: str
    ref: str
    file: str
    line: int


def manifest_files(seed_dir: Path) -> list[Path]:
    return sorted([*seed_dir.glob("views.csv"), *seed_dir.glob("*/views.csv")])


def read_manifest(seed_dir: Path | None = None, problems: list[Problem] | None = None) -> tuple[Slot, ...]:
    """Every row of every manifest file under `seed_dir` (`seed/`); a file with another header is a problem (and skipped)."""
    seed_dir = seed_dir or SEED_DIR
    slots: list[Slot] = []
    for path in manifest_files(seed_dir):
        name = str(path.relative_to(seed_dir.parent))
        with path.open(encoding="utf-8", newline="") as handle:
            reader = csv.DictReader(handle)
            if tuple(reader.fieldnames or ()) != COLUMNS:
                if problems is not None:
                    header = ",".join(COLUMNS)
                    problems.append(Problem(name, 1, None, f"header must be {header}", code="wrong_header", params={"header": header}))
                continue
            for line, row in enumerate(reader, start=2):
                page, section, slot, ref = (row.get(column) or "" for column in COLUMNS)
                slots.append(Slot(page, section, slot, ref, name, line))
    return tuple(slots)


@cache
def _manifest(seed_dir: Path) -> tuple[Slot, ...]:
    return read_manifest(seed_dir)


def refs(page: str, section: str) -> dict[str, list[str]]:
    """Slot -> the ids it shows, in file order, for one section of one page (read once per seed folder)."""
    chosen: dict[str, list[str]] = {}
    for slot in _manifest(SEED_DIR):
        if slot.page == page and slot.section == section:
            chosen.setdefault(slot.slot, []).append(slot.ref)
    return chosen


def ref(page: str, section: str, slot: str) -> str:
    """The one id a slot shows."""
    return refs(page, section)[slot][0]


def check(slots: Iterable[Slot], known_ids: set[str]) -> list[Problem]:
    """Every row names a known page and section and an id the store has."""
    sections = {p.url_path: set(p.sections) for p in [*pages.PAGES, SUMMIT]} | {k: set(v) for k, v in OTHER_VIEWS.items()}
    problems: list[Problem] = []
    for s in slots:
        if s.page not in sections:
            known = ", ".join(sorted(sections))
            message = f"unknown page {s.page!r} (pages: {known})"
            problems.append(Problem(s.file, s.line, "page", message, code="unknown_page", params={"page": s.page, "pages": known}))
        elif sections[s.page] and s.section not in sections[s.page]:
            message = f"page {s.page!r} has no section {s.section!r}"
            problems.append(
                Problem(s.file, s.line, "section", message, code="unknown_section", params={"page": s.page, "section": s.section})
            )
        if not s.slot:
            problems.append(Problem(s.file, s.line, "slot", "a value is required", code="required"))
        if s.ref not in known_ids:
            problems.append(
                Problem(s.file, s.line, "ref", f"no fact or statement has the id {s.ref!r}", code="unknown_id", params={"id": s.ref})
            )
    return problems
