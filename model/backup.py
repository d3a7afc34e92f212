"""Backups that restore: every table of the store in one JSON file, read from one consistent snapshot.

The rows people made (`user_*`: scenarios, self-checks, the audit log) cannot be rebuilt from
`seed/`, and neither can editors' changes to facts, so a backup holds every table, not only the
`user_*` ones; `restore` puts them all back in one transaction, with the same ids, so an export of
the restored store is identical to one of the original. Works the same on SQLite and PostgreSQL.
"""

from __future__ import annotations

import json
from datetime import date, datetime
from pathlib import Path
from typing import Any

from sqlalchemy import Connection, DateTime, Engine, Table, delete, func, insert, inspect, select
from sqlmodel import SQLModel

import model.tables
import model.user_tables  # noqa: F401  (every table on the metadata)
from model.db import checkpoint, sync_id_sequences
from model.migrate import current_revisions, head_revisions, upgrade

FORMAT = "nordic-procurement-compass backup"


class BackupError(ValueError):
    """A backup that cannot be restored here; nothing was changed."""


def _tables(connection: Connection) -> list[Table]:
    existing = set(inspect(connection).get_table_names())
    return [table for table in SQLModel.metadata.sorted_tables if table.name in existing]  # parents before children


def backup(engine: Engine, path: Path) -> dict[str, int]:
    """Write every table to `path` (JSON); returns rows per table."""
    with engine.connect() as connection:
        _snapshot(connection)
        tables: dict[str, dict[str, list[Any]]] = {
            table.name: {
                "columns": list(table.columns.keys()),
                "rows": [[_plain(v) for v in row] for row in connection.execute(select(table).order_by(*table.primary_key.columns))],
            }
            for table in _tables(connection)
        }
    document = {"format": FORMAT, "revisions": sorted(current_revisions(engine)), "tables": tables}
    path.parent.mkdir(parents=True, exist_ok=True)
    scratch = path.with_name(path.name + ".partial")
    scratch.write_text(json.dumps(document, ensure_ascii=False), encoding="utf-8")
    scratch.replace(path)  # a backup file is whole or absent
    return {name: len(content["rows"]) for name, content in tables.items()}


def _snapshot(connection: Connection) -> None:
    """All tables from one moment, also while people save."""
    if connection.dialect.name == "postgresql":
        connection.exec_driver_sql("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ READ ONLY")
    elif connection.dialect.name == "sqlite":
        connection.exec_driver_sql("BEGIN")  # one read transaction: the WAL snapshot of its first read


def _plain(value: Any) -> Any:
    return value.isoformat() if isinstance(value, datetime | date) else value


def restore(engine: Engine, path: Path, replace: bool = False) -> dict[str, int]:
    """Replace every table's rows with the backup's, in one transaction; refused (nothing changed) if the store holds user rows."""
    document = _read(path)
    upgrade(engine)  # a new database gets the schema first
    if set(document["revisions"]) != head_revisions():
        made, here = ", ".join(document["revisions"]), ", ".join(sorted(head_revisions()))
        raise BackupError(f"The backup was made at schema revision {made}, this code is at {here}.")
    with engine.begin() as connection:
        tables = _tables(connection)
        if not replace:
            _refuse_user_rows(connection, tables)
        for table in reversed(tables):
            connection.execute(delete(table))
        counts = {}
        for table in tables:
            content = document["tables"].get(table.name, {"columns": [], "rows": []})
            rows = [_typed(table, dict(zip(content["columns"], row, strict=True))) for row in content["rows"]]
            if rows:
                connection.execute(insert(table), rows)
            counts[table.name] = len(rows)
        sync_id_sequences(connection)
    checkpoint(engine)
    return counts


def _read(path: Path) -> dict[str, Any]:
    try:
        document = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise BackupError(f"{path} is not a readable backup ({exc}).") from exc
    if not isinstance(document, dict) or document.get("format") != FORMAT:
        raise BackupError(f"{path} is not a backup made by `python -m seed backup`.")
    return document


def _refuse_user_rows(connection: Connection, tables: list[Table]) -> None:
    held = {t.name: connection.execute(select(func.count()).select_from(t)).scalar_one() for t in tables if t.name.startswith("user_")}
    held = {name: n for name, n in held.items() if n}
    if held:
        listed = ", ".join(f"{name} ({n} rows)" for name, n in sorted(held.items()))
        raise BackupError(f"The database already holds rows people made: {listed}. Restore into an empty database, or pass --replace.")


def _is_datetime(column: Any) -> bool:
    return isinstance(getattr(column.type, "impl", column.type), DateTime)  # also sqlmodel's UTCDateTime decorator


def _typed(table: Table, row: dict[str, Any]) -> dict[str, Any]:
    for column in table.columns:
        value = row.get(column.name)
        if isinstance(value, str) and _is_datetime(column):
            row[column.name] = datetime.fromisoformat(value)
    return row
