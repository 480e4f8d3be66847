"""the inbox: updates received, kept until answered

Revision ID: 0012
Revises: 0014
Create Date: 2026-12-05
"""

import sqlalchemy as sa
from alembic import op

import core.models

revision = "0012"
down_revision = "0014"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "inbox",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("channel", sa.String(16), nullable=False),
        sa.Column("update_id", sa.BigInteger(), nullable=False),
        sa.Column("chat_id", sa.BigInteger(), nullable=True),
        sa.Column("payload", sa.JSON(), nullable=False),
        sa.Column("state", sa.String(12), nullable=False),
        sa.Column("reply", sa.JSON(), nullable=True),
        sa.Column("received_at", core.models.UTCDateTime(), nullable=False),
        sa.Column("finished_at", core.models.UTCDateTime(), nullable=True),
        sa.UniqueConstraint("channel", "update_id", name="uq_inbox_channel_update"),
    )
    op.create_index("ix_inbox_state", "inbox", ["state", "received_at"])


def downgrade() -> None:
    op.drop_index("ix_inbox_state", table_name="inbox")
    op.drop_table("inbox")
