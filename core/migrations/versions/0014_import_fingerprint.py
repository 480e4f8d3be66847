"""what the last exhibitor import read and left, to recognise the same file over an
untouched catalog; PostgreSQL loses the trigram index over exhibitors.categories

Search finds categories through their tokens in the word index (revision 0009), so the
trigram index of revision 0003 only cost every import its upkeep.

Revision ID: 0014
Revises: 0010
Create Date: 2026-12-05
"""

import sqlalchemy as sa
from alembic import op

revision = "0014"
down_revision = "0011"
branch_labels = None
depends_on = None


def upgrade() -> None:
    # Plain ADD COLUMN: no table rebuild.
    op.add_column("catalog_sources", sa.Column("file_sha256", sa.String(64), nullable=True))
    op.add_column("catalog_sources", sa.Column("state_sha256", sa.String(64), nullable=True))
    op.add_column("catalog_sources", sa.Column("listed", sa.Integer(), nullable=True))
    op.add_column("catalog_sources", sa.Column("missing", sa.Text(), nullable=True))
    if op.get_bind().dialect.name == "postgresql":
        op.execute("DROP INDEX IF EXISTS ix_exhibitors_categories_trgm")


def downgrade() -> None:
    if op.get_bind().dialect.name == "postgresql":
        op.execute(
            "CREATE INDEX IF NOT EXISTS ix_exhibitors_categories_trgm "
            "ON exhibitors USING gin (categories gin_trgm_ops)"
        )
    op.drop_column("catalog_sources", "missing")
    op.drop_column("catalog_sources", "listed")
    op.drop_column("catalog_sources", "state_sha256")
    op.drop_column("catalog_sources", "file_sha256")
