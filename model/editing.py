"""Editors change facts and reference data here: validated, audited, versioned, reversible.

Every write takes a signed-in `Editor` (see `model.auth`), validates with the same
rules as the seed files (`model.rules`), runs in one transaction, writes an
`AuditEntry` per row and bumps the data version so open dashboards redraw.
"""

from __future__ import annotations

import json
import uuid
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

import pandas as pd
from sqlalchemy import Engine, delete, func, update
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlmodel import Session, SQLModel, col, select

from model import queries
from model import tables as t
from model.audit import AuditEntry, RowVersion
from model.auth import require_editor
from model.db import get_engine
from model.errors import Conflict, ConflictError, EditError
from model.rules import SOURCES_DIR as DEFAULT_SOURCES_DIR
from model.rules import CitedRow, Problem, RawRow, SeedBundle, normalise, quoted_in, read_rows
from model.schema import CITATION_COLUMNS, SEED_TABLES, SeedTable

EDIT = "edit"  # the "file" of a problem in an editor's grid rows (an import's is the file's name)
EDITABLE = {spec.table: spec for spec in SEED_TABLES if spec.table in ("fact", "population", "exchange_rate", "municipality_count")}


@dataclass(frozen=True)
class Change:
    """One row an editor saves: its values, and the version they loaded (None for a new row).

    `overwrites` is set when the editor chose to replace someone else's change deliberately
    (the version is then that change's); the audit log names whose change was overwritten.
    """

    values: dict[str, Any]
    version: int | None
    overwrites: Conflict | None = None


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
        rows = session.exec(select(col(RowVersion.row_key), col(RowVersion.version)).where(col(RowVersion.table_name) == table)).all()
    return {key: version for key, version in rows}


def history(table: str, key: str | None = None, engine: Engine | None = None) -> pd.DataFrame:
    statement = select(AuditEntry).where(col(AuditEntry.table_name) == table).order_by(col(AuditEntry.id).desc())
    if key is not None:
        statement = statement.where(col(AuditEntry.row_key) == key)
    with Session(engine or get_engine()) as session:
        rows = session.exec(statement).all()
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
        bundle.rows[spec.table] = [CitedRow(row=spec.model.model_construct(), key=k, citation=None) for k in existing]  # known by key only
    records: list[tuple[int, RawRow]] = [(n, {c: _as_text(r.get(c)) for c in spec.columns()}) for n, r in enumerate(rows, start=2)]
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
        if r.citation is None:  # not a cited table's row: `read_rows` gives each of those a citation
            continue
        source, _, quote = r.citation
        if source not in known:
            problems.append(
                Problem(
                    r.file, r.line, "source", f"{source!r} is not a known source document", code="unknown_source", params={"source": source}
                )
            )
            continue
        if source not in texts:
            path = DEFAULT_SOURCES_DIR / source
            texts[source] = normalise(path.read_text(encoding="utf-8")) if path.is_file() else None
        text = texts[source]
        if text is not None and not verbatim.setdefault((source, quote), quoted_in(quote, text)):
            problems.append(
                Problem(r.file, r.line, "quote", f"not found verbatim in {source}", code="quote_not_found", params={"source": source})
            )


# --- Writing ---------------------------------------------------------------------------------


def save_changes(
    editor: object,
    table: str,
    changes: list[Change],
    reason: str,
    engine: Engine | None = None,
    *,
    removed: Sequence[tuple[str, int]] = (),
) -> int:
    """Insert, update and remove rows in one transaction; returns how many rows changed.

    Each row is claimed at the version its editor loaded (`_claim`); if any row changed since,
    nothing is written and `ConflictError` lists every such row with who changed it and when.
    """
    editor = require_editor(editor)
    engine = engine or get_engine()
    _require_reason(reason)
    checked, problems = validate(table, [c.values for c in changes], EDIT, engine)
    if problems:
        raise EditError("Nothing was saved: fix these first.", problems, code="not_saved")
    spec = EDITABLE[table]
    rows = sorted(zip(changes, checked, strict=True), key=lambda pair: pair[1].key)  # one lock order: no deadlocks
    with Session(engine) as session, session.begin():
        conflicts = [c for change, row in rows if (c := _claim(session, table, row.key, change.version, editor.name))]
        conflicts += [c for key, version in sorted(removed) if (c := _claim(session, table, key, version, editor.name))]
        if conflicts:
            raise ConflictError(conflicts)
        count = sum(_apply(session, spec, change, row, editor.name, reason) for change, row in rows)
        for key, _version in removed:
            current = _find(session, spec, key)
            if current is None:
                raise EditError(f"No row with key {key!r}.", code="no_row", params={"key": key})
            _log(session, editor.name, "delete", table, key, _as_dict(session, spec, current), None, reason)
            _remove(session, current)
            count += 1
        if count:
            _bump_version(session, f"edit:{table}")
    return count


def _apply(session: Session, spec: SeedTable, change: Change, row: CitedRow, editor: str, reason: str) -> bool:
    """Write one claimed row; False when it already held these values. Its old value is read under the claim."""
    current = _find(session, spec, row.key)
    if change.version is None and current is not None:
        raise EditError(f"A row with key {row.key!r} already exists.", code="row_exists", params={"key": row.key})
    old = _as_dict(session, spec, current) if current is not None else None
    new = _values(row)
    if old == new:
        return False
    _write(session, spec, current, row)
    action, why = ("update", reason) if old else ("insert", reason)
    if change.overwrites is not None:
        action, why = "overwrite", f"{reason} (overwrote {change.overwrites.who()})"
    _log(session, editor, action, spec.table, row.key, old, new, why)
    return True


def delete_row(editor: object, table: str, key: str, version: int, reason: str, engine: Engine | None = None) -> None:
    """Remove a row from view; its audit entry keeps it for `restore`."""
    save_changes(editor, table, [], reason, engine, removed=[(key, version)])


def restore(editor: object, audit_id: int, reason: str, engine: Engine | None = None) -> None:
    """Bring back a deleted row exactly as it was."""
    editor = require_editor(editor)
    engine = engine or get_engine()
    with Session(engine) as session, session.begin():
        entry = session.get(AuditEntry, audit_id)
        if entry is None or entry.old_value is None or entry.action not in ("delete", "undo_import"):
            raise EditError("Only deleted rows can be restored.", code="not_deleted")
        _claim_current(session, entry.table_name, entry.row_key, editor.name)
        spec = EDITABLE[entry.table_name]
        if _find(session, spec, entry.row_key) is not None:
            raise EditError(f"Row {entry.row_key!r} exists again; nothing to restore.", code="exists_again", params={"key": entry.row_key})
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
            raise EditError("No such change.", code="no_such_change")
        if entry.action in ("delete", "undo_import"):
            raise EditError("Use restore for deleted rows.", code="use_restore")
        _claim_current(session, entry.table_name, entry.row_key, editor.name)
        if _latest_entry(session, entry.table_name, entry.row_key) != audit_id:
            raise EditError("This row changed again later: revert the later change first.", code="changed_later")
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
        for row in sorted(rows, key=lambda r: r.key):
            _claim(session, table, row.key, None, editor.name)
            if _find(session, spec, row.key) is not None:
                raise EditError(
                    f"A row with key {row.key!r} already exists; nothing was imported.", code="exists_not_imported", params={"key": row.key}
                )
            _write(session, spec, None, row)
            _log(session, editor.name, "import", table, row.key, None, _values(row), f"import of {file_name}", batch_id=batch)
        _bump_version(session, f"import:{batch}")
    return batch


def undo_import(editor: object, batch_id: str, engine: Engine | None = None) -> int:
    """Remove every row an import added (each stays restorable); refuses if any was edited since."""
    editor = require_editor(editor)
    engine = engine or get_engine()
    with Session(engine) as session, session.begin():
        entries = session.exec(select(AuditEntry).where(col(AuditEntry.batch_id) == batch_id, col(AuditEntry.action) == "import")).all()
        if not entries:
            raise EditError("No such import.", code="no_such_import")
        for entry in sorted(entries, key=lambda e: e.row_key):
            _claim_current(session, entry.table_name, entry.row_key, editor.name)
            if _latest_entry(session, entry.table_name, entry.row_key) != entry.id:
                raise EditError(
                    f"Row {entry.row_key!r} was changed after the import; undo that change first.",
                    code="changed_after_import",
                    params={"key": entry.row_key},
                )
            spec = EDITABLE[entry.table_name]
            current = _find(session, spec, entry.row_key)
            if current is None:
                raise EditError(
                    f"Row {entry.row_key!r} is no longer in the store; nothing was undone.",
                    code="gone_not_undone",
                    params={"key": entry.row_key},
                )
            old = _as_dict(session, spec, current)
            why = f"undo import {batch_id}"
            _log(session, editor.name, "undo_import", entry.table_name, entry.row_key, old, None, why, batch_id=batch_id)
            _remove(session, current)
        _bump_version(session, f"undo:{batch_id}")
    return len(entries)


# --- Claiming a row: the versioned statement -------------------------------------------------


def _claim(session: Session, table: str, key: str, seen: int | None, editor: str) -> Conflict | None:
    """Take the row for this transaction if it is still at version `seen` (None: a new row, any version).

    This statement is the first write of the transaction, so on SQLite it takes the write lock
    (waiting up to the busy timeout) and on PostgreSQL it locks the version row: everything read
    afterwards in this transaction is what this save replaces. Returns the conflict, or None.
    """
    now = datetime.now(UTC)
    if seen is None or seen == 0:
        insert = _dialect_insert(session).values(table_name=table, row_key=key, version=1, editor=editor, at=now)
        keys = ["table_name", "row_key"]
        statement = (
            insert.on_conflict_do_update(index_elements=keys, set_={"version": RowVersion.version + 1, "editor": editor, "at": now})
            if seen is None
            else insert.on_conflict_do_nothing(index_elements=keys)
        )
    else:
        statement = (
            update(RowVersion)
            .where(col(RowVersion.table_name) == table, col(RowVersion.row_key) == key, col(RowVersion.version) == seen)
            .values(version=seen + 1, editor=editor, at=now)
        )
    if session.connection().execute(statement.returning(RowVersion.version)).first() is not None:  # a row came back: claimed
        return None
    current = session.get(RowVersion, (table, key), populate_existing=True)
    if current is None:
        return Conflict(key, seen or 0, 0, None, None)
    return Conflict(key, seen or 0, current.version, current.editor, current.at)


def _claim_current(session: Session, table: str, key: str, editor: str) -> None:
    """Claim a row at whatever version it has now (revert, restore, undo): refused if it changes under us."""
    current = session.get(RowVersion, (table, key), populate_existing=True)
    conflict = _claim(session, table, key, current.version if current else 0, editor)
    if conflict is not None:
        raise ConflictError([conflict])


def _dialect_insert(session: Session) -> Any:
    name = session.get_bind().dialect.name
    return (pg_insert if name == "postgresql" else sqlite_insert)(RowVersion)


def _latest_entry(session: Session, table: str, key: str) -> int | None:
    latest = select(func.max(col(AuditEntry.id))).where(col(AuditEntry.table_name) == table, col(AuditEntry.row_key) == key)
    return session.exec(latest).one()


# --- Helpers ---------------------------------------------------------------------------------


def _require_reason(reason: str) -> None:
    if not reason or not reason.strip():
        problem = Problem(EDIT, None, "reason", "a reason is required", code="reason_required")
        raise EditError("Say why you make this change (the reason goes into the audit log).", [problem], code="reason_missing")


def _find(session: Session, spec: SeedTable, key: str) -> SQLModel | None:
    parts = key.split("|")
    statement = select(spec.model)
    for column, value in zip(spec.key, parts, strict=True):
        field = spec.model.model_fields[column]
        typed = int(value) if field.annotation in (int, int | None) and value.lstrip("-").isdigit() else value
        statement = statement.where(getattr(spec.model, column) == typed)
    return session.exec(statement.execution_options(populate_existing=True)).first()


def _as_dict(session: Session, spec: SeedTable, obj: SQLModel) -> dict[str, Any]:
    values = obj.model_dump(mode="json", exclude={"id", "citation_id"})
    if spec.cited:
        citation_id = getattr(obj, "citation_id", None)  # every cited table has one; SQLModel does not say so
        citation = session.get(t.Citation, citation_id) if citation_id else None
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
    return CitedRow(row=spec.model.model_validate(own), key=row_key(spec, values), citation=citation)


def _write(session: Session, spec: SeedTable, current: SQLModel | None, row: CitedRow) -> None:
    values = row.row.model_dump(exclude={"id", "citation_id"})
    target = current or spec.model()
    for column, value in values.items():
        setattr(target, column, value)
    if spec.cited and row.citation is not None:
        source, locator, quote = row.citation
        citation_id = getattr(target, "citation_id", None)  # every cited table has one; SQLModel does not say so
        citation = session.get(t.Citation, citation_id) if citation_id else None
        if citation is None:
            citation = t.Citation(entity=spec.table, entity_key=row.key, source_file=source, locator=locator, quote=quote)
            session.add(citation)
            session.flush()
            target.citation_id = citation.id
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
        session.exec(delete(t.Citation).where(col(t.Citation.id) == citation_id))


def _log(
    session: Session,
    editor: str,
    action: str,
    table: str,
    key: str,
    old: dict[str, Any] | None,
    new: dict[str, Any] | None,
    reason: str,
    **extra: Any,
) -> None:
    entry = AuditEntry(at=datetime.now(UTC), editor=editor, action=action, table_name=table, row_key=key, reason=reason, **extra)
    entry.old_value, entry.new_value = _json(old), _json(new)
    session.add(entry)
    session.flush()


def _json(values: dict[str, Any] | None) -> str | None:
    return None if values is None else json.dumps(values, ensure_ascii=False, sort_keys=True)


def _bump_version(session: Session, what: str) -> None:
    """A new data version: open dashboards redraw, and `seed load` knows the store was edited."""
    session.add(t.DataVersion(loaded_at=datetime.now(UTC), content_hash=what, row_count=0))


def edits_since_last_load(engine: Engine | None = None) -> int:
    """How many saves editors made since `seed load` last wrote the seed tables (which would replace them)."""
    with Session(engine or get_engine()) as session:
        versions = session.exec(select(col(t.DataVersion.content_hash)).order_by(col(t.DataVersion.id).desc())).all()
    count = 0
    for content_hash in versions:
        if ":" not in content_hash:  # a load records the seed files' sha256; edits record "edit:…"
            break
        count += 1
    return count
