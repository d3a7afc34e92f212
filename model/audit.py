"""The audit log (`user_audit`): every change editors make, with the row before and after.

A row's version is the number of audit entries it has; an edit made against an
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
