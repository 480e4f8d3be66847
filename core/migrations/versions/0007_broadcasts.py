"""organiser broadcasts

Revision ID: 0007
Revises: 0006
Create Date: 2026-11-26
"""

import sqlalchemy as sa
from alembic import op

import core.models

revision = "0007"
down_revision = "0006"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "broadcasts",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("created_by", sa.BigInteger(), nullable=False),
        sa.Column("texts", sa.JSON(), nullable=False),
        sa.Column("target_kind", sa.String(16), nullable=False),
        sa.Column("target_value", sa.String(64), nullable=False),
        sa.Column("status", sa.String(12), nullable=False),
        sa.Column("send_at", core.models.UTCDateTime(), nullable=True),
        sa.Column("created_at", core.models.UTCDateTime(), nullable=False),
    )
    # Delivery reports count a broadcast's messages by status.
    op.create_index("ix_notifications_kind_ref", "notifications", ["kind", "ref", "status"])


def downgrade() -> None:
    op.drop_index("ix_notifications_kind_ref", table_name="notifications")
    op.drop_table("broadcasts")
