"""The audit log (`user_audit`): every change editors make, with the row before and after.

A row's version lives in `edit_version` (below); an edit made against an
older version is refused. A deleted row lives on in its `delete` entry, from which
it can be restored, so nothing is ever lost.
"""

from __future__ import annotations

from datetime import datetime

from sqlmodel import Field, SQLModel


class AuditEntry(SQLModel, table=True):
    __tablename__ = "user_audit"
    id: int | None = Field(default=None, primary_key=True)
    at: datetime
    editor: str
    action: str  # insert, update, delete, restore, revert, import, undo_import
    table_name: str = Field(index=True)
    row_key: str = Field(index=True)
    old_value: str | None = None  # the whole row as JSON before the change (None for an insert)
    new_value: str | None = None  # … and after it (None for a delete)
    reason: str
    batch_id: str | None = Field(default=None, index=True)  # all rows of one import
    reverts_id: int | None = None  # the entry a revert or restore undid


class RowVersion(SQLModel, table=True):
    """How often an edited row has changed, and who changed it last: the version every save must name.

    A save runs `UPDATE edit_version SET version = :seen + 1 WHERE table_name = :t AND row_key = :k AND version = :seen`
    in its own transaction before it touches the row: of two saves from the same version exactly one
    updates a row, and the winner holds the row until it commits, so the old value it logs is the
    one it replaced. A row never edited has no entry (version 0). Entries outlive deletes, so a
    restored row does not reuse old versions.
    """

    __tablename__ = "edit_version"
    table_name: str = Field(primary_key=True)
    row_key: str = Field(primary_key=True)
    version: int
    editor: str
    at: datetime
