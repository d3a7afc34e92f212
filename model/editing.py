"""Editors change facts and reference data here: validated, audited, versioned, reversible.

Every write takes a signed-in `Editor` (see `model.auth`), validates with the same
rules as the seed files (`model.rules`), runs in one transaction, writes an
`AuditEntry` per row and bumps the data version so open dashboards redraw.
"""

from __future__ import annotations

import json
import uuid
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

import pandas as pd
from sqlalchemy import Engine, delete, func, select
from sqlmodel import Session, SQLModel

from model import queries
from model import tables as t
from model.audit import AuditEntry
from model.auth import require_editor
from model.db import get_engine
from model.rules import SOURCES_DIR as DEFAULT_SOURCES_DIR
from model.rules import CitedRow, Problem, SeedBundle, normalise, read_rows
from model.schema import CITATION_COLUMNS, SEED_TABLES, SeedTable

EDITABLE = {spec.table: spec for spec in SEED_TABLES if spec.table in ("fact", "population", "exchange_rate", "municipality_count")}


class EditError(ValueError):
    """An edit that was refused; `problems` say which row and column, nothing was written."""

    def __init__(self, message: str, problems: list[Problem] | None = None) -> None:
        self.problems = problems or []
        super().__init__(message + "".join(f"\n- {p}" for p in self.problems))


class ConflictError(EditError):
    """Someone else saved this row after you loaded it."""


@dataclass(frozen=True)
class Change:
    """One row an editor saves: its values, and the version they loaded (None for a new row)."""

    values: dict[str, Any]
    version: int | None


# --- Reading ---------------------------------------------------------------------------------


def row_key(spec: SeedTable, values: dict[str, Any]) -> str:
    return "|".join("" if values.get(k) is None else str(values[k]) for k in spec.key)


def editable_rows(table: str, engine: Engine | None = None) -> pd.DataFrame:
    """The table as editors see it: the seed-file columns, plus `key` and `version`."""
    spec = EDITABLE[table]
    engine = engine or get_engine()
    frame = queries.cited_frame(spec.model, engine) if spec.cited else queries.plain_frame(spec.model, engine)
    frame = frame[spec.columns()].copy()
    frame["key"] = [row_key(spec, r) for r in frame.to_dict("records")]
    versions = _versions(table, engine)
    frame["version"] = [versions.get(k, 0) for k in frame["key"]]
    return frame.reset_index(drop=True)


def _versions(table: str, engine: Engine) -> dict[str, int]:
    with Session(engine) as session:
        rows = session.exec(
            select(AuditEntry.row_key, func.count()).where(AuditEntry.table_name == table).group_by(AuditEntry.row_key)
        ).all()  # type: ignore[call-overload]
    return {key: count for key, count in rows}


def history(table: str, key: str | None = None, engine: Engine | None = None) -> pd.DataFrame:
    statement = select(AuditEntry).where(AuditEntry.table_name == table).order_by(AuditEntry.id.desc())  # type: ignore[union-attr]
    if key is not None:
        statement = statement.where(AuditEntry.row_key == key)
    with Session(engine or get_engine()) as session:
        rows = session.exec(statement).scalars().all()  # type: ignore[call-overload]
    return pd.DataFrame([r.model_dump() for r in rows], columns=list(AuditEntry.model_fields))


def deleted_rows(table: str, engine: Engine | None = None) -> pd.DataFrame:
    """Rows whose latest audit entry is a delete: the trash, from which rows can be restored."""
    frame = history(table, engine=engine)
    latest = frame.drop_duplicates("row_key")
    return latest[latest["action"].isin(["delete", "undo_import"]) & latest["old_value"].notna()]


# --- Validation ------------------------------------------------------------------------------


def validate(
    table: str, rows: list[dict[str, Any]], name: str, engine: Engine, new_keys_only: bool = False, header: list[str] | None = None
) -> tuple[list[CitedRow], list[Problem]]:
    """Check rows with the seed files' rules; row numbers count like a file's lines (header = 1)."""
    spec = EDITABLE[table]
    problems: list[Problem] = []
    bundle = SeedBundle()
    if new_keys_only:  # an import may not reuse a key that is already in the store
        existing = editable_rows(table, engine)["key"]
        bundle.rows[spec.table] = [CitedRow(row=None, key=k, citation=None) for k in existing]  # type: ignore[arg-type]
    records = [(n, {c: _as_text(r.get(c)) for c in spec.columns()}) for n, r in enumerate(rows, start=2)]
    header = header or (list(rows[0].keys()) if rows else spec.columns())
    checked = read_rows(name, [c for c in header if c not in ("key", "version")], records, spec, bundle, problems)
    if spec.cited:
        _check_citations(checked, problems, engine)
    return checked, problems


def _as_text(value: Any) -> str:
    if value is None or (isinstance(value, float) and pd.isna(value)):
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def _check_citations(rows: list[CitedRow], problems: list[Problem], engine: Engine) -> None:
    known = set(queries.sources(engine)["file"])
    texts: dict[str, str | None] = {}  # each document read once per check, not once per row (an import has thousands)
    verbatim: dict[tuple[str, str], bool] = {}
    for r in rows:
        source, _, quote = r.citation  # type: ignore[misc]
        if source not in known:
            problems.append(Problem(r.file, r.line, "source", f"{source!r} is not a known source document"))
            continue
        if source not in texts:
            path = DEFAULT_SOURCES_DIR / source
            texts[source] = normalise(path.read_text(encoding="utf-8")) if path.is_file() else None
        text = texts[source]
        if text is not None and not verbatim.setdefault((source, quote), quote in text):
            problems.append(Problem(r.file, r.line, "quote", f"not found verbatim in {source}"))


# --- Writing ---------------------------------------------------------------------------------


def save_changes(editor: object, table: str, changes: list[Change], reason: str, engine: Engine | None = None) -> int:
    """Insert or update rows in one transaction; returns how many rows changed."""
    editor = require_editor(editor)
    engine = engine or get_engine()
    _require_reason(reason)
    checked, problems = validate(table, [c.values for c in changes], "edit", engine)
    if problems:
        raise EditError("Nothing was saved: fix these first.", problems)
    spec = EDITABLE[table]
    with Session(engine) as session, session.begin():
        versions = _versions(table, engine)
        count = 0
        for change, row in zip(changes, checked, strict=True):
            current = _find(session, spec, row.key)
            if change.version is None and current is not None:
                raise EditError(f"A row with key {row.key!r} already exists.")
            if change.version is not None and versions.get(row.key, 0) != change.version:
                raise ConflictError(
                    f"Row {row.key!r} was changed by someone else after you opened it. Reload to see their change, then edit again."
                )
            old = _as_dict(session, spec, current) if current is not None else None
            new = _values(row)
            if old == new:
                continue
            _write(session, spec, current, row)
            _log(session, editor.name, "update" if old else "insert", table, row.key, old, new, reason)
            count += 1
        if count:
            _bump_version(session, f"edit:{table}")
    return count


def delete_row(editor: object, table: str, key: str, version: int, reason: str, engine: Engine | None = None) -> None:
    """Remove a row from view; its audit entry keeps it for `restore`."""
    editor = require_editor(editor)
    engine = engine or get_engine()
    _require_reason(reason)
    spec = EDITABLE[table]
    with Session(engine) as session, session.begin():
        if _versions(table, engine).get(key, 0) != version:
            raise ConflictError(f"Row {key!r} was changed by someone else after you opened it. Reload first.")
        current = _find(session, spec, key)
        if current is None:
            raise EditError(f"No row with key {key!r}.")
        _log(session, editor.name, "delete", table, key, _as_dict(session, spec, current), None, reason)
        _remove(session, current)
        _bump_version(session, f"delete:{table}")


def restore(editor: object, audit_id: int, reason: str, engine: Engine | None = None) -> None:
    """Bring back a deleted row exactly as it was."""
    editor = require_editor(editor)
    engine = engine or get_engine()
    with Session(engine) as session, session.begin():
        entry = session.get(AuditEntry, audit_id)
        if entry is None or entry.old_value is None or entry.action not in ("delete", "undo_import"):
            raise EditError("Only deleted rows can be restored.")
        spec = EDITABLE[entry.table_name]
        if _find(session, spec, entry.row_key) is not None:
            raise ConflictError(f"Row {entry.row_key!r} exists again; nothing to restore.")
        values = json.loads(entry.old_value)
        _write(session, spec, None, _cited_row(spec, values))
        _log(session, editor.name, "restore", entry.table_name, entry.row_key, None, values, reason or "restore", reverts_id=audit_id)
        _bump_version(session, f"restore:{audit_id}")


def revert(editor: object, audit_id: int, reason: str, engine: Engine | None = None) -> None:
    """Undo one change: put the row back as it was before it. Only the latest change of a row can be reverted."""
    editor = require_editor(editor)
    engine = engine or get_engine()
    with Session(engine) as session, session.begin():
        entry = session.get(AuditEntry, audit_id)
        if entry is None:
            raise EditError("No such change.")
        if entry.action in ("delete", "undo_import"):
            raise EditError("Use restore for deleted rows.")
        latest = session.exec(
            select(func.max(AuditEntry.id)).where(AuditEntry.table_name == entry.table_name, AuditEntry.row_key == entry.row_key)
        ).scalar_one()  # type: ignore[call-overload]
        if latest != audit_id:
            raise ConflictError("This row changed again later: revert the later change first.")
        spec = EDITABLE[entry.table_name]
        current = _find(session, spec, entry.row_key)
        before = json.loads(entry.old_value) if entry.old_value else None
        now = _as_dict(session, spec, current) if current is not None else None
        if before is None:  # reverting an insert removes the row (it stays restorable from this entry)
            _remove(session, current)
            _log(session, editor.name, "delete", entry.table_name, entry.row_key, now, None, reason or "revert", reverts_id=audit_id)
        else:
            _write(session, spec, current, _cited_row(spec, before))
            _log(session, editor.name, "revert", entry.table_name, entry.row_key, now, before, reason or "revert", reverts_id=audit_id)
        _bump_version(session, f"revert:{audit_id}")


def apply_import(editor: object, table: str, rows: list[CitedRow], file_name: str, engine: Engine | None = None) -> str:
    """Insert validated new rows in one transaction; returns the batch id that `undo_import` takes."""
    editor = require_editor(editor)
    engine = engine or get_engine()
    spec = EDITABLE[table]
    batch = uuid.uuid4().hex[:12]
    with Session(engine) as session, session.begin():
        for row in rows:
            if _find(session, spec, row.key) is not None:
                raise EditError(f"A row with key {row.key!r} already exists; nothing was imported.")
            _write(session, spec, None, row)
            _log(session, editor.name, "import", table, row.key, None, _values(row), f"import of {file_name}", batch_id=batch)
        _bump_version(session, f"import:{batch}")
    return batch


def undo_import(editor: object, batch_id: str, engine: Engine | None = None) -> int:
    """Remove every row an import added (each stays restorable); refuses if any was edited since."""
    editor = require_editor(editor)
    engine = engine or get_engine()
    with Session(engine) as session, session.begin():
        entries = session.exec(select(AuditEntry).where(AuditEntry.batch_id == batch_id, AuditEntry.action == "import")).scalars().all()  # type: ignore[call-overload]
        if not entries:
            raise EditError("No such import.")
        for entry in entries:
            latest = session.exec(
                select(func.max(AuditEntry.id)).where(AuditEntry.table_name == entry.table_name, AuditEntry.row_key == entry.row_key)
            ).scalar_one()  # type: ignore[call-overload]
            if latest != entry.id:
                raise ConflictError(f"Row {entry.row_key!r} was changed after the import; undo that change first.")
            spec = EDITABLE[entry.table_name]
            current = _find(session, spec, entry.row_key)
            _log(
                session,
                editor.name,
                "undo_import",
                entry.table_name,
                entry.row_key,
                _as_dict(session, spec, current),
                None,
                f"undo import {batch_id}",
                batch_id=batch_id,
            )
            _remove(session, current)
        _bump_version(session, f"undo:{batch_id}")
    return len(entries)


# --- Helpers ---------------------------------------------------------------------------------


def _require_reason(reason: str) -> None:
    if not reason or not reason.strip():
        raise EditError(
            "Say why you make this change (the reason goes into the audit log).", [Problem("edit", None, "reason", "a reason is required")]
        )


def _find(session: Session, spec: SeedTable, key: str) -> SQLModel | None:
    parts = key.split("|")
    statement = select(spec.model)
    for column, value in zip(spec.key, parts, strict=True):
        field = spec.model.model_fields[column]
        typed = int(value) if field.annotation in (int, int | None) and value.lstrip("-").isdigit() else value
        statement = statement.where(getattr(spec.model, column) == typed)
    return session.exec(statement).scalars().first()  # type: ignore[call-overload]


def _as_dict(session: Session, spec: SeedTable, obj: SQLModel) -> dict[str, Any]:
    values = obj.model_dump(mode="json", exclude={"id", "citation_id"})
    if spec.cited:
        citation = session.get(t.Citation, obj.citation_id) if obj.citation_id else None  # type: ignore[attr-defined]
        values |= (
            {"source": citation.source_file, "locator": citation.locator, "quote": citation.quote}
            if citation
            else dict.fromkeys(CITATION_COLUMNS)
        )
    return values


def _values(row: CitedRow) -> dict[str, Any]:
    values = row.row.model_dump(mode="json", exclude={"id", "citation_id"})
    if row.citation is not None:
        values |= dict(zip(CITATION_COLUMNS, row.citation, strict=True))
    return values


def _cited_row(spec: SeedTable, values: dict[str, Any]) -> CitedRow:
    own = {k: v for k, v in values.items() if not (spec.cited and k in CITATION_COLUMNS)}
    citation = tuple(values[c] for c in CITATION_COLUMNS) if spec.cited else None
    return CitedRow(row=spec.model.model_validate(own), key=row_key(spec, values), citation=citation)  # type: ignore[arg-type]


def _write(session: Session, spec: SeedTable, current: SQLModel | None, row: CitedRow) -> None:
    values = row.row.model_dump(exclude={"id", "citation_id"})
    target = current or spec.model()
    for column, value in values.items():
        setattr(target, column, value)
    if current is None and "id" in spec.model.model_fields:
        target.id = (session.exec(select(func.max(spec.model.id))).scalar_one() or 0) + 1  # type: ignore[attr-defined,call-overload]
    if spec.cited and row.citation is not None:
        source, locator, quote = row.citation
        citation = session.get(t.Citation, target.citation_id) if getattr(target, "citation_id", None) else None
        if citation is None:
            next_id = (session.exec(select(func.max(t.Citation.id))).scalar_one() or 0) + 1  # type: ignore[call-overload]
            citation = t.Citation(id=next_id, entity=spec.table, entity_key=row.key, source_file=source, locator=locator, quote=quote)
            session.add(citation)
            session.flush()
            target.citation_id = citation.id  # type: ignore[attr-defined]
        citation.source_file, citation.locator, citation.quote = source, locator, quote
    session.add(target)
    session.flush()


def _remove(session: Session, obj: SQLModel | None) -> None:
    if obj is None:
        return
    citation_id = getattr(obj, "citation_id", None)
    session.delete(obj)
    session.flush()
    if citation_id:
        session.exec(delete(t.Citation).where(t.Citation.id == citation_id))  # type: ignore[call-overload]


def _log(
    session: Session, editor: str, action: str, table: str, key: str, old: dict | None, new: dict | None, reason: str, **extra: Any
) -> None:
    entry = AuditEntry(at=datetime.now(UTC), editor=editor, action=action, table_name=table, row_key=key, reason=reason, **extra)
    entry.old_value, entry.new_value = _json(old), _json(new)
    session.add(entry)
    session.flush()


def _json(values: dict | None) -> str | None:
    return None if values is None else json.dumps(values, ensure_ascii=False, sort_keys=True)


def _bump_version(session: Session, what: str) -> None:
    """A new data version: open dashboards redraw, and `seed load` knows the store was edited."""
    session.add(t.DataVersion(loaded_at=datetime.now(UTC), content_hash=what, row_count=0))


def edits_since_last_load(engine: Engine | None = None) -> int:
    """How many saves editors made since `seed load` last wrote the seed tables (which would replace them)."""
    with Session(engine or get_engine()) as session:
        versions = session.exec(select(t.DataVersion.content_hash).order_by(t.DataVersion.id.desc())).scalars().all()  # type: ignore[call-overload]
    count = 0
    for content_hash in versions:
        if ":" not in content_hash:  # a load records the seed files' sha256; edits record "edit:…"
            break
        count += 1
    return count
