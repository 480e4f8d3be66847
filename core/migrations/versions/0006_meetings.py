"""matchmaking: schedules, attendees, delegations, staff, invitations, the outbox

Overlap rules live in the database: PostgreSQL exclusion constraints (btree_gist) and
SQLite triggers keep an exhibitor's booked meetings, and a person's active meetings,
from overlapping, whatever their lengths. Existing meetings get their booker as attendee.

Revision ID: 0006
Revises: 0005
Create Date: 2026-11-26
"""

import sqlalchemy as sa
from alembic import op

import core.models

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None

OVERLAP = "{a}.starts_at < {b}.ends_at AND {b}.starts_at < {a}.ends_at"
SQLITE_TRIGGERS = {
    # RAISE(ABORT) reports SQLITE_CONSTRAINT: the driver raises IntegrityError, as PostgreSQL does.
    "meetings_no_overlap_insert": (
        "BEFORE INSERT ON meetings WHEN new.status = 'booked' BEGIN "
        "SELECT RAISE(ABORT, 'exhibitor meeting overlap') FROM meetings m "
        "WHERE m.exhibitor_id = new.exhibitor_id AND m.status = 'booked' AND "
        + OVERLAP.format(a="m", b="new")
        + "; END"
    ),
    "meetings_no_overlap_update": (
        "BEFORE UPDATE OF status, starts_at, ends_at ON meetings WHEN new.status = 'booked' BEGIN "
        "SELECT RAISE(ABORT, 'exhibitor meeting overlap') FROM meetings m "
        "WHERE m.exhibitor_id = new.exhibitor_id AND m.status = 'booked' AND m.id != new.id AND "
        + OVERLAP.format(a="m", b="new")
        + "; END"
    ),
    "attendees_no_overlap_insert": (
        "BEFORE INSERT ON meeting_attendees WHEN new.active BEGIN "
        "SELECT RAISE(ABORT, 'attendee meeting overlap') FROM meeting_attendees a "
        "WHERE a.user_id = new.user_id AND a.active AND "
        + OVERLAP.format(a="a", b="new")
        + "; END"
    ),
    "attendees_no_overlap_update": (
        "BEFORE UPDATE OF active, starts_at, ends_at ON meeting_attendees WHEN new.active BEGIN "
        "SELECT RAISE(ABORT, 'attendee meeting overlap') FROM meeting_attendees a "
        "WHERE a.user_id = new.user_id AND a.active AND a.meeting_id != new.meeting_id AND "
        + OVERLAP.format(a="a", b="new")
        + "; END"
    ),
}


def upgrade() -> None:
    sqlite = op.get_bind().dialect.name == "sqlite"
    op.create_table(
        "delegations",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("name", sa.String(120), nullable=False, unique=True),
        sa.Column("created_at", core.models.UTCDateTime(), nullable=False),
    )
    op.add_column("users", sa.Column("reminder_minutes", sa.Integer(), nullable=True))
    op.add_column("users", sa.Column("display_name", sa.String(64), nullable=True))
    op.add_column("users", sa.Column("blocked_at", core.models.UTCDateTime(), nullable=True))
    if sqlite:
        # SQLite cannot add a constraint later, but takes REFERENCES on a NULL column.
        op.execute(
            "ALTER TABLE users ADD COLUMN delegation_id INTEGER "
            "REFERENCES delegations(id) ON DELETE SET NULL"
        )
    else:
        op.add_column("users", sa.Column("delegation_id", sa.Integer(), nullable=True))
        op.create_foreign_key(
            "fk_users_delegation", "users", "delegations", ["delegation_id"], ["id"],
            ondelete="SET NULL",
        )  # fmt: skip
    op.create_index("ix_users_delegation_id", "users", ["delegation_id"])
    op.create_table(
        "invitations",
        sa.Column("code", sa.String(16), primary_key=True),
        sa.Column("kind", sa.String(16), nullable=False),
        sa.Column("target", sa.String(64), nullable=False),
        sa.Column("created_by", sa.BigInteger(), nullable=False),
        sa.Column("created_at", core.models.UTCDateTime(), nullable=False),
    )
    op.create_table(
        "exhibitor_staff",
        sa.Column("user_id", sa.Integer(), sa.ForeignKey("users.id", ondelete="CASCADE"),
                  primary_key=True),
        sa.Column("exhibitor_id", sa.String(64),
                  sa.ForeignKey("exhibitors.id", ondelete="CASCADE"), primary_key=True),
    )  # fmt: skip
    op.create_index("ix_exhibitor_staff_exhibitor_id", "exhibitor_staff", ["exhibitor_id"])
    op.create_table(
        "exhibitor_schedules",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("exhibitor_id", sa.String(64),
                  sa.ForeignKey("exhibitors.id", ondelete="CASCADE"), nullable=False),
        sa.Column("day", sa.Date(), nullable=True),
        sa.Column("starts", sa.Time(), nullable=False),
        sa.Column("ends", sa.Time(), nullable=False),
        sa.Column("slot_minutes", sa.Integer(), nullable=False),
    )  # fmt: skip
    op.create_index("ix_exhibitor_schedules_exhibitor_id", "exhibitor_schedules", ["exhibitor_id"])
    op.add_column("meetings", sa.Column("updated_at", core.models.UTCDateTime(), nullable=True))
    op.execute("UPDATE meetings SET updated_at = created_at")
    op.drop_index("uq_meeting_user_slot", table_name="meetings")
    op.create_table(
        "meeting_attendees",
        sa.Column("meeting_id", sa.Integer(), sa.ForeignKey("meetings.id", ondelete="CASCADE"),
                  primary_key=True),
        sa.Column("user_id", sa.Integer(), sa.ForeignKey("users.id", ondelete="CASCADE"),
                  primary_key=True),
        sa.Column("starts_at", core.models.UTCDateTime(), nullable=False),
        sa.Column("ends_at", core.models.UTCDateTime(), nullable=False),
        sa.Column("active", sa.Boolean(), nullable=False),
    )  # fmt: skip
    op.create_index("ix_meeting_attendees_user_id", "meeting_attendees", ["user_id"])
    op.create_index(
        "uq_attendee_slot", "meeting_attendees", ["user_id", "starts_at"], unique=True,
        sqlite_where=sa.text("active"), postgresql_where=sa.text("active"),
    )  # fmt: skip
    op.execute(
        "INSERT INTO meeting_attendees (meeting_id, user_id, starts_at, ends_at, active) "
        "SELECT id, user_id, starts_at, ends_at, status = 'booked' FROM meetings"
    )
    op.create_table(
        "notifications",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("key", sa.String(160), nullable=False, unique=True),
        sa.Column("user_id", sa.Integer(), sa.ForeignKey("users.id", ondelete="CASCADE"),
                  nullable=False),
        sa.Column("kind", sa.String(16), nullable=False),
        sa.Column("ref", sa.String(64), nullable=False),
        sa.Column("due_at", core.models.UTCDateTime(), nullable=False),
        sa.Column("status", sa.String(12), nullable=False),
        sa.Column("attempts", sa.Integer(), nullable=False),
        sa.Column("sent_at", core.models.UTCDateTime(), nullable=True),
        sa.Column("error", sa.String(200), nullable=True),
    )  # fmt: skip
    op.create_index("ix_notifications_user_id", "notifications", ["user_id"])
    op.create_index("ix_notifications_due", "notifications", ["status", "due_at"])
    if sqlite:
        for name, body in SQLITE_TRIGGERS.items():
            op.execute(f"CREATE TRIGGER {name} {body}")
    else:
        op.execute("CREATE EXTENSION IF NOT EXISTS btree_gist WITH SCHEMA public")
        op.execute(
            "ALTER TABLE meetings ADD CONSTRAINT ex_meeting_exhibitor_overlap EXCLUDE USING gist "
            "(exhibitor_id WITH =, tsrange(starts_at, ends_at) WITH &&) WHERE (status = 'booked')"
        )
        op.execute(
            "ALTER TABLE meeting_attendees ADD CONSTRAINT ex_attendee_overlap EXCLUDE USING gist "
            "(user_id WITH =, tsrange(starts_at, ends_at) WITH &&) WHERE (active)"
        )


def downgrade() -> None:
    sqlite = op.get_bind().dialect.name == "sqlite"
    if sqlite:
        for name in SQLITE_TRIGGERS:
            op.execute(f"DROP TRIGGER IF EXISTS {name}")
    else:
        op.execute("ALTER TABLE meetings DROP CONSTRAINT IF EXISTS ex_meeting_exhibitor_overlap")
    op.drop_table("notifications")
    op.drop_table("meeting_attendees")
    op.create_index(
        "uq_meeting_user_slot", "meetings", ["user_id", "starts_at"], unique=True,
        sqlite_where=sa.text("status = 'booked'"), postgresql_where=sa.text("status = 'booked'"),
    )  # fmt: skip
    op.drop_column("meetings", "updated_at")
    op.drop_table("exhibitor_schedules")
    op.drop_table("exhibitor_staff")
    op.drop_table("invitations")
    op.drop_index("ix_users_delegation_id", table_name="users")
    if not sqlite:
        op.drop_constraint("fk_users_delegation", "users", type_="foreignkey")
    for column in ("delegation_id", "blocked_at", "display_name", "reminder_minutes"):
        op.drop_column("users", column)
    op.drop_table("delegations")
