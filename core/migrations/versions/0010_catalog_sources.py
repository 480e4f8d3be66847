"""what kind of catalog is loaded: the demo data or an organiser's real one

Revision ID: 0010
Revises: 0009
Create Date: 2026-12-05
"""

import sqlalchemy as sa
from alembic import op

import core.models

revision = "0010"
down_revision = "0009"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "catalog_sources",
        sa.Column("kind", sa.String(16), primary_key=True),
        sa.Column("demo", sa.Boolean(), nullable=False),
        sa.Column("imported_at", core.models.UTCDateTime(), nullable=False),
    )


def downgrade() -> None:
    op.drop_table("catalog_sources")
