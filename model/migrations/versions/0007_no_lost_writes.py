"""no lost writes: row versions for edits, owners and moderation for self-checks, a shared sign-in throttle

Revision ID: 0007
Revises: 0002, 0003, 0006

- `edit_version`: the version every editor's save names in its UPDATE (it was the count of audit
  entries, read outside the write's transaction). Filled from the audit log, so open rows keep their versions.
- `user_scenario.changed_by`, `user_self_check.owner/hidden/changed_by`: who saved last (named in a
  conflict), whose self-check it is, and whether an editor hid it.
- `signin_failure`: failed sign-ins, so the throttle holds across reloads and app servers.
Merges the three heads, so the chain is linear from here.
"""

import sqlalchemy as sa
import sqlmodel
from alembic import op

revision = "0007"
down_revision = ("0002", "0003", "0006")
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "edit_version",
        sa.Column("table_name", sqlmodel.sql.sqltypes.AutoString(), nullable=False),
        sa.Column("row_key", sqlmodel.sql.sqltypes.AutoString(), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("editor", sqlmodel.sql.sqltypes.AutoString(), nullable=False),
        sa.Column("at", sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
        sa.PrimaryKeyConstraint("table_name", "row_key"),
    )
    op.execute(
        """
        INSERT INTO edit_version (table_name, row_key, version, editor, at)
        SELECT a.table_name, a.row_key, counts.n, a.editor, a.at
        FROM user_audit a
        JOIN (SELECT table_name, row_key, COUNT(*) AS n, MAX(id) AS last FROM user_audit GROUP BY table_name, row_key) counts
          ON a.id = counts.last
        """
    )
    with op.batch_alter_table("user_scenario") as batch:
        batch.add_column(sa.Column("changed_by", sqlmodel.sql.sqltypes.AutoString(), nullable=False, server_default=""))
    with op.batch_alter_table("user_self_check") as batch:
        batch.add_column(sa.Column("owner", sqlmodel.sql.sqltypes.AutoString(), nullable=False, server_default=""))
        batch.add_column(sa.Column("hidden", sa.Boolean(), nullable=False, server_default=sa.false()))
        batch.add_column(sa.Column("changed_by", sqlmodel.sql.sqltypes.AutoString(), nullable=False, server_default=""))
    op.create_table(
        "signin_failure",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("at", sa.Float(), nullable=False),
        sa.Column("account", sqlmodel.sql.sqltypes.AutoString(), nullable=False),
        sa.Column("client", sqlmodel.sql.sqltypes.AutoString(), nullable=False),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_index("ix_signin_failure_at", "signin_failure", ["at"])
    op.create_index("ix_signin_failure_account", "signin_failure", ["account"])


def downgrade() -> None:
    op.drop_table("signin_failure")
    with op.batch_alter_table("user_self_check") as batch:
        for column in ("changed_by", "hidden", "owner"):
            batch.drop_column(column)
    with op.batch_alter_table("user_scenario") as batch:
        batch.drop_column("changed_by")
    op.drop_table("edit_version")
