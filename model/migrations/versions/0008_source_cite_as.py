"""source.cite_as: each document's short citation ("Upphandlingsmyndigheten, Rapport 2019:3")

Revision ID: 0008
Revises: 0007

Pages cite a document by this name and a locator in the reader's language ("s. 38"); the file
name stays for the Sources appendix and the export. Nullable: a document without one is cited
by its title. `seed load` fills it from seed/sources.csv.
"""

import sqlalchemy as sa
from alembic import op

revision = "0008"
down_revision = "0007"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.add_column("source", sa.Column("cite_as", sa.String(), nullable=True))


def downgrade() -> None:
    op.drop_column("source", "cite_as")
