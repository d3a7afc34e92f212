"""Export the store as one CSV per table plus a Frictionless `datapackage.json`.

By default only the published data: the seed tables and their citations. The editors' tables (scenarios,
self-checks, the audit log with editor names and old rows) only with `include_user_data` (an editor's full
backup). Two exports of the same data are byte-identical: rows by key, keys and lists sorted, no export time.
"""

from __future__ import annotations

import csv
import json
import math
from datetime import datetime
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, Table, inspect, select
from sqlmodel import Session, SQLModel

import model.tables
import model.user_tables
from model.fields import describe
from model.schema import SEED_TABLE

PUBLISHED = {*SEED_TABLE, "citation"}
BOOKKEEPING = {"alembic_version", "live_rate"}  # live_rate: rate-limit counters of the summit room
FRICTIONLESS_TYPES = {"INTEGER": "integer", "FLOAT": "number", "VARCHAR": "string", "DATETIME": "datetime", "BOOLEAN": "boolean"}
# Licences: only what is known, nowhere one invented. The repository has chosen no licence for the compilation; the
# five documents state no licence or terms of use (checked: brief.md and the texts in /work/shared/seeds/ are silent);
# the reference rows name their publisher, whose terms were not recorded; Natural Earth states its own (public domain).
LICENSES = [
    {
        "name": "noassertion",
        "title": "No licence has been chosen for this compilation. Quotes are short verbatim citations of the documents "
        "listed under sources, which state no licence or terms of use; reference rows name their publisher in `source`.",
    }
]
DOCUMENT_TERMS = "The document states no licence or terms of use."
REFERENCE_TABLES = ("exchange_rate", "municipality_count", "organiser_seat", "population")
RESOURCE_LICENSES = {
    **{
        name: [
            {
                "name": "noassertion",
                "title": "Reference data: each row names its publisher in `source`; the publishers' terms of reuse were not recorded.",
            }
        ]
        for name in REFERENCE_TABLES
    },
    "region": [
        {
            "name": "other-pd",
            "title": "Column ne_name: Natural Earth, public domain (seed/geo/README.md); the other columns: no licence chosen.",
            "path": "https://www.naturalearthdata.com/about/terms-of-use/",
        }
    ],
}


def export(engine: Engine, out_dir: Path, include_user_data: bool = False) -> list[Path]:
    out_dir.mkdir(parents=True, exist_ok=True)
    existing = set(inspect(engine).get_table_names())
    wanted = [t for t in SQLModel.metadata.sorted_tables if t.name in existing and t.name not in BOOKKEEPING]
    if not include_user_data:
        wanted = [t for t in wanted if t.name in PUBLISHED]
    written: list[Path] = []
    resources = []
    with Session(engine) as session:
        for table in sorted(wanted, key=lambda t: t.name):
            path = out_dir / f"{table.name}.csv"
            order = list(table.primary_key.columns) or list(table.columns)
            rows = session.execute(select(table).order_by(*order)).all()
            with path.open("w", newline="", encoding="utf-8") as handle:
                writer = csv.writer(handle, lineterminator="\n")
                writer.writerow(table.columns.keys())
                writer.writerows([_cell(v) for v in row] for row in rows)
            written.append(path)
            resources.append(_resource(table, path, {t.name for t in wanted}))
        documents = session.execute(select(model.tables.Source).order_by(model.tables.Source.file)).scalars().all()
    package = {
        "profile": "tabular-data-package",
        "name": "nordic-procurement-compass",
        "title": "Nordic Procurement Compass: cited facts on innovation through public procurement",
        "description": "Every cited row points at a row of citation.csv: source document, locator and verbatim quote."
        + (" Full backup: includes the editors' tables (user_*)." if include_user_data else " Published data only."),
        "licenses": LICENSES,
        "sources": [{"title": d.title, "path": d.file, "terms": DOCUMENT_TERMS} for d in documents],
        "resources": resources,
    }
    (out_dir / "datapackage.json").write_text(json.dumps(package, indent=2, ensure_ascii=False, sort_keys=True) + "\n", encoding="utf-8")
    return written


def _cell(value: Any) -> Any:
    """Integral floats as integers (2016, not 2016.0); timestamps in ISO 8601 with 'T' (Frictionless `datetime`)."""
    if isinstance(value, float) and math.isfinite(value) and value.is_integer():
        return int(value)
    if isinstance(value, datetime):
        return value.replace(tzinfo=None).isoformat()
    return value


def _resource(table: Table, path: Path, exported: set[str]) -> dict:
    fields = [
        {
            "name": c.name,
            "type": FRICTIONLESS_TYPES.get(type(c.type).__name__.upper(), "string"),
            "description": describe(table.name, c.name),
        }
        for c in table.columns
    ]
    schema: dict = {"fields": fields, "primaryKey": [c.name for c in table.primary_key.columns]}
    fks = sorted(
        (
            {"fields": [fk.parent.name], "reference": {"resource": fk.column.table.name, "fields": [fk.column.name]}}
            for fk in table.foreign_keys
            if fk.column.table.name in exported
        ),
        key=lambda fk: (fk["fields"], fk["reference"]["resource"]),
    )
    if fks:
        schema["foreignKeys"] = fks
    licenses = {"licenses": RESOURCE_LICENSES[table.name]} if table.name in RESOURCE_LICENSES else {}
    return {
        **licenses,
        "name": table.name,
        "path": path.name,
        "profile": "tabular-data-resource",
        "format": "csv",
        "encoding": "utf-8",
        "schema": schema,
    }
