"""Trigram indexes for substring search on PostgreSQL (pg_trgm)

SQLite scans the table; the catalog is small enough there (see benchmarks/search_bench.py).

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-24
"""

from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None


def upgrade() -> None:
    if op.get_bind().dialect.name != "postgresql":
        return
    # In public, shared by every schema: an extension made inside an app schema would go
    # when that schema is dropped, and be invisible to the others.
    op.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm WITH SCHEMA public")
    op.execute(
        "CREATE INDEX IF NOT EXISTS ix_exhibitors_search_trgm "
        "ON exhibitors USING gin (search_text gin_trgm_ops)"
    )
    op.execute(
        "CREATE INDEX IF NOT EXISTS ix_exhibitors_categories_trgm "
        "ON exhibitors USING gin (categories gin_trgm_ops)"
    )


def downgrade() -> None:
    if op.get_bind().dialect.name != "postgresql":
        return
    op.execute("DROP INDEX IF EXISTS ix_exhibitors_categories_trgm")
    op.execute("DROP INDEX IF EXISTS ix_exhibitors_search_trgm")
