"""dialogue state per conversation; exhibitor aliases and retirement

Revision ID: 0008
Revises: 0007
Create Date: 2026-12-05
"""

import sqlalchemy as sa
from alembic import op

import core.models

revision = "0008"
down_revision = "0007"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "dialogue_states",
        sa.Column(
            "user_id",
            sa.Integer(),
            sa.ForeignKey("users.id", ondelete="CASCADE"),
            primary_key=True,
        ),
        sa.Column("chat_id", sa.BigInteger(), primary_key=True),
        sa.Column("data", sa.JSON(), nullable=False),
        sa.Column("updated_at", core.models.UTCDateTime(), nullable=False),
    )
    # Plain ADD COLUMN (no table rebuild): SQLite keeps the FTS triggers on exhibitors.
    op.add_column("exhibitors", sa.Column("aliases", sa.Text(), nullable=True))
    op.add_column("exhibitors", sa.Column("retired_at", core.models.UTCDateTime(), nullable=True))


def downgrade() -> None:
    op.drop_column("exhibitors", "retired_at")
    op.drop_column("exhibitors", "aliases")
    op.drop_table("dialogue_states")
