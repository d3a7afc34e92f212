"""indexes for the queries pages make at scale (measured with `make bench`)

Revision ID: 0005
Revises: 0004

citation (source_file, entity, id): `queries.citations(source_file=...)` filters on the first
column and orders by all three, so one document's citations are read in index order instead
of scanning and sorting every citation (SQLite, 1e6 synthetic facts: 125 ms → 1 ms; see
bench/README.md). A plain B-tree index: SQLite and PostgreSQL use the same one.
(An index on network_fact (attribute, network_id) was measured too and bought nothing.)
"""

from alembic import op

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_index("ix_citation_source_file_entity", "citation", ["source_file", "entity", "id"])


def downgrade() -> None:
    op.drop_index("ix_citation_source_file_entity", table_name="citation")
