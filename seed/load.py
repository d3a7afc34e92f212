"""Write a validated `SeedBundle` into the store in one transaction.

The seed tables are emptied and refilled inside that transaction, so a failure
anywhere leaves the database exactly as it was; user tables are not touched.
Loading the same files twice gives the same content: ids are assigned in file
order and a new `DataVersion` is recorded only when the content changed.
"""

from __future__ import annotations

import hashlib
import json
from datetime import UTC, datetime

from sqlalchemy import Engine, delete, select
from sqlmodel import Session

from model import tables as t
from model.db import checkpoint, sync_id_sequences
from model.migrate import upgrade
from model.rules import SeedBundle
from model.schema import SEED_TABLES


def content_hash(bundle: SeedBundle) -> str:
    digest = hashlib.sha256()
    for table, rows in bundle.rows.items():
        for r in rows:
            payload = [table, r.key, r.row.model_dump(mode="json", exclude={"id", "citation_id"}), r.citation]
            digest.update(json.dumps(payload, sort_keys=True, ensure_ascii=False).encode())
    return digest.hexdigest()


def load_bundle(bundle: SeedBundle, engine: Engine) -> bool:
    """Replace the seed tables with `bundle`. Returns True when the content changed."""
    upgrade(engine)
    new_hash = content_hash(bundle)
    with Session(engine) as session, session.begin():
        # Children before parents: cited rows, then their citations, then the sources they cite.
        for spec in reversed(SEED_TABLES):
            if spec.model is not t.Source:
                session.exec(delete(spec.model))  # type: ignore[call-overload]
        session.exec(delete(t.Citation))  # type: ignore[call-overload]
        session.exec(delete(t.Source))  # type: ignore[call-overload]
        session.flush()
        citation_id = 0
        for spec in SEED_TABLES:
            rows = []
            for number, r in enumerate(bundle.rows[spec.table], start=1):
                row = spec.model.model_validate(r.row.model_dump())
                if "id" in spec.model.model_fields:
                    row.id = number  # type: ignore[attr-defined]
                if r.citation is not None:
                    citation_id += 1
                    source, locator, quote = r.citation
                    session.add(
                        t.Citation(id=citation_id, entity=spec.table, entity_key=r.key, source_file=source, locator=locator, quote=quote)
                    )
                    row.citation_id = citation_id  # type: ignore[attr-defined]
                rows.append(row)
            session.flush()  # citations first: the rows refer to them
            session.add_all(rows)
            session.flush()
        latest = session.exec(select(t.DataVersion).order_by(t.DataVersion.id.desc()).limit(1)).scalars().first()  # type: ignore[union-attr]
        changed = latest is None or latest.content_hash != new_hash
        if changed:
            session.add(t.DataVersion(loaded_at=datetime.now(UTC), content_hash=new_hash, row_count=bundle.count()))
        sync_id_sequences(session.connection())  # rows editors add later get ids after these
    checkpoint(engine)
    return changed
