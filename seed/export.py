"""Export the store as one CSV per table plus a Frictionless `datapackage.json`."""

from __future__ import annotations

import csv
import json
from pathlib import Path

from sqlalchemy import Engine, inspect, select
from sqlmodel import Session, SQLModel

import model.tables
import model.user_tables  # noqa: F401

SKIPPED = {"data_version", "alembic_version"}  # bookkeeping, differs between loads
FRICTIONLESS_TYPES = {"INTEGER": "integer", "FLOAT": "number", "VARCHAR": "string", "DATETIME": "datetime", "BOOLEAN": "boolean"}


def export(engine: Engine, out_dir: Path) -> list[Path]:
    out_dir.mkdir(parents=True, exist_ok=True)
    written: list[Path] = []
    resources = []
    existing = set(inspect(engine).get_table_names())
    with Session(engine) as session:
        for table in SQLModel.metadata.sorted_tables:
            if table.name in SKIPPED or table.name not in existing:
                continue
            path = out_dir / f"{table.name}.csv"
            order = list(table.primary_key.columns)
            rows = session.execute(select(table).order_by(*order)).all()
            with path.open("w", newline="", encoding="utf-8") as handle:
                writer = csv.writer(handle)
                writer.writerow(table.columns.keys())
                writer.writerows(rows)
            written.append(path)
            resources.append(_resource(table, path))
    package = {
        "profile": "tabular-data-package",
        "name": "nordic-procurement-compass",
        "title": "Nordic Procurement Compass: cited facts on innovation through public procurement",
        "description": "Every fact row points at a row of citation.csv: source document, locator and verbatim quote.",
        "resources": resources,
    }
    (out_dir / "datapackage.json").write_text(json.dumps(package, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    return written


def _resource(table, path: Path) -> dict:
    fields = [
        {"name": c.name, "type": FRICTIONLESS_TYPES.get(type(c.type).__name__.upper(), "string"), "description": c.doc or ""}
        for c in table.columns
    ]
    schema: dict = {"fields": fields, "primaryKey": [c.name for c in table.primary_key.columns]}
    fks = [
        {"fields": [fk.parent.name], "reference": {"resource": fk.column.table.name, "fields": [fk.column.name]}}
        for fk in table.foreign_keys
    ]
    if fks:
        schema["foreignKeys"] = fks
    return {
        "name": table.name,
        "path": path.name,
        "profile": "tabular-data-resource",
        "format": "csv",
        "encoding": "utf-8",
        "schema": schema,
    }
