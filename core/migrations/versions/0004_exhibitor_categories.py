"""exhibitor_categories: an indexed exhibitor -> category table for fast category search

Revision ID: 0004
Revises: 0003
Create Date: 2026-11-24
"""

import sqlalchemy as sa
from alembic import op

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "exhibitor_categories",
        sa.Column("exhibitor_id", sa.String(length=64), nullable=False),
        sa.Column("category", sa.String(length=64), nullable=False),
        sa.ForeignKeyConstraint(["exhibitor_id"], ["exhibitors.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("exhibitor_id", "category"),
    )
    op.create_index("ix_exhibitor_categories_category", "exhibitor_categories", ["category"])
    # Backfill from the denormalised column written by earlier imports.
    connection = op.get_bind()
    rows = connection.execute(sa.text("SELECT id, categories FROM exhibitors")).all()
    pairs = [
        {"exhibitor_id": exhibitor_id, "category": category}
        for exhibitor_id, categories in rows
        for category in (categories or "").split()
    ]
    if pairs:
        connection.execute(
            sa.text(
                "INSERT INTO exhibitor_categories (exhibitor_id, category) "
                "VALUES (:exhibitor_id, :category)"
            ),
            pairs,
        )


def downgrade() -> None:
    op.drop_index("ix_exhibitor_categories_category", table_name="exhibitor_categories")
    op.drop_table("exhibitor_categories")
