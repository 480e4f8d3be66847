"""the web chat: an inbox of messages sent on our own, and files replies carry

Revision ID: 0011
Revises: 0010
Create Date: 2026-12-05
"""

import sqlalchemy as sa
from alembic import op

import core.models

revision = "0011"
down_revision = "0010"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "web_inbox",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column(
            "user_id",
            sa.Integer(),
            sa.ForeignKey("users.id", ondelete="CASCADE"),
            nullable=False,
        ),
        sa.Column("payload", sa.JSON(), nullable=False),
        sa.Column("created_at", core.models.UTCDateTime(), nullable=False),
        sa.Column("seen_at", core.models.UTCDateTime(), nullable=True),
    )
    op.create_index("ix_web_inbox_user_seen", "web_inbox", ["user_id", "seen_at", "id"])
    op.create_table(
        "web_files",
        sa.Column("token", sa.String(32), primary_key=True),
        sa.Column(
            "user_id",
            sa.Integer(),
            sa.ForeignKey("users.id", ondelete="CASCADE"),
            nullable=False,
        ),
        sa.Column("filename", sa.String(120), nullable=False),
        sa.Column("mime_type", sa.String(64), nullable=False),
        sa.Column("content", sa.LargeBinary(), nullable=False),
        sa.Column("created_at", core.models.UTCDateTime(), nullable=False),
    )
    op.create_index("ix_web_files_user_id", "web_files", ["user_id"])
    op.create_index("ix_web_files_created_at", "web_files", ["created_at"])


def downgrade() -> None:
    op.drop_table("web_files")
    op.drop_table("web_inbox")
