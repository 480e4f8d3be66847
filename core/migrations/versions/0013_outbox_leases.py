"""outbox claims with leases, an `uncertain` status, and a shared sending budget

Revision ID: 0013
Revises: 0010
Create Date: 2026-12-05
"""

import sqlalchemy as sa
from alembic import op

import core.models

revision = "0013"
down_revision = "0012"
branch_labels = None
depends_on = None

MAYBE_DELIVERED = "interrupted by a restart; maybe delivered"


def upgrade() -> None:
    with op.batch_alter_table("notifications") as table:
        table.add_column(sa.Column("claimed_by", sa.String(64), nullable=True))
        table.add_column(sa.Column("lease_until", core.models.UTCDateTime(), nullable=True))
    # What the earlier app left in flight, or reported as "failed, maybe delivered", is
    # what is now called uncertain: the organiser can resend it.
    notifications = sa.table(
        "notifications", sa.column("status", sa.String), sa.column("error", sa.String)
    )
    op.execute(
        notifications.update()
        .where(
            (notifications.c.status == "sending")
            | ((notifications.c.status == "failed") & (notifications.c.error == MAYBE_DELIVERED))
        )
        .values(status="uncertain")
    )
    op.create_table(
        "send_budget",
        sa.Column("name", sa.String(32), primary_key=True),
        sa.Column("next_any", sa.Float(), nullable=False),
        sa.Column("next_bulk", sa.Float(), nullable=False),
    )


def downgrade() -> None:
    op.drop_table("send_budget")
    with op.batch_alter_table("notifications") as table:
        table.drop_column("lease_until")
        table.drop_column("claimed_by")
