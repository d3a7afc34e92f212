"""the summit room live: the presenter's slide and question, the room's anonymous answers, rate-limit windows

Revision ID: 0006
Revises: 0005
"""

import sqlalchemy as sa
import sqlmodel
from alembic import op

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None

TEXT = sqlmodel.sql.sqltypes.AutoString
WHEN = sqlmodel.sql.sqltypes.UTCDateTime


def upgrade() -> None:
    op.create_table(
        "live_question",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("kind", TEXT(), nullable=False),
        sa.Column("options", TEXT(), nullable=False),
        sa.Column("status", TEXT(), nullable=False),
        sa.Column("opened_by", TEXT(), nullable=False),
        sa.Column("opened_at", WHEN(), nullable=False),
        sa.Column("closed_at", WHEN(), nullable=True),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_table(
        "live_state",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("seq", sa.Integer(), nullable=False),
        sa.Column("slide", sa.Integer(), nullable=False),
        sa.Column("playing", sa.Boolean(), nullable=False),
        sa.Column("active", sa.Boolean(), nullable=False),
        sa.Column("question_id", sa.Integer(), nullable=True),
        sa.Column("secret", TEXT(), nullable=False),
        sa.Column("updated_at", WHEN(), nullable=False),
        sa.ForeignKeyConstraint(["question_id"], ["live_question.id"]),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_table(
        "live_answer",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("question_id", sa.Integer(), nullable=False),
        sa.Column("device", TEXT(), nullable=False),
        sa.Column("answer", TEXT(), nullable=False),
        sa.Column("created_at", WHEN(), nullable=False),
        sa.Column("updated_at", WHEN(), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(["question_id"], ["live_question.id"]),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("question_id", "device", name="uq_live_answer_question_device"),
    )
    op.create_index("ix_live_answer_question_id", "live_answer", ["question_id"])
    op.create_table(
        "live_rate",
        sa.Column("bucket", TEXT(), nullable=False),
        sa.Column("minute", sa.Integer(), nullable=False),
        sa.Column("count", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("bucket", "minute"),
    )


def downgrade() -> None:
    op.drop_table("live_rate")
    op.drop_index("ix_live_answer_question_id", table_name="live_answer")
    op.drop_table("live_answer")
    op.drop_table("live_state")
    op.drop_table("live_question")
