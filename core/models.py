"""Database schema. Times are stored as naive UTC and handed out as aware UTC."""

from __future__ import annotations

from datetime import UTC, date, datetime, time
from typing import Any

from sqlalchemy import (
    JSON,
    BigInteger,
    Boolean,
    Date,
    DateTime,
    Dialect,
    Float,
    ForeignKey,
    Index,
    Integer,
    LargeBinary,
    String,
    Text,
    Time,
    UniqueConstraint,
    text,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column
from sqlalchemy.types import TypeDecorator


class UTCDateTime(TypeDecorator[datetime]):
    """Stores UTC without a zone (SQLite has none) and refuses naive input."""

    impl = DateTime
    cache_ok = True

    def process_bind_param(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError("naive datetime given; store aware datetimes only")
        return value.astimezone(UTC).replace(tzinfo=None)

    def process_result_value(self, value: Any, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        assert isinstance(value, datetime)
        return value.replace(tzinfo=UTC)


def utcnow() -> datetime:
    return datetime.now(UTC)


class Base(DeclarativeBase):
    pass


class User(Base):
    __tablename__ = "users"
    __table_args__ = (UniqueConstraint("channel", "external_id", name="uq_users_channel_external"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    channel: Mapped[str] = mapped_column(String(16))
    external_id: Mapped[int] = mapped_column(BigInteger)
    # The locale the user chose explicitly; None means "work it out per message".
    locale: Mapped[str | None] = mapped_column(String(8))
    client_language: Mapped[str | None] = mapped_column(String(16))
    # The language the user's last clearly recognisable message was in: button presses carry
    # no text, so they follow the conversation's language through this.
    message_locale: Mapped[str | None] = mapped_column(String(8))
    # Minutes before a meeting to remind; None means the configured default.
    reminder_minutes: Mapped[int | None] = mapped_column(Integer)
    delegation_id: Mapped[int | None] = mapped_column(
        ForeignKey("delegations.id", ondelete="SET NULL"), index=True
    )
    # Only set when the person gives it on joining a delegation, so colleagues can pick them.
    display_name: Mapped[str | None] = mapped_column(String(64))
    # Set when Telegram says the person blocked the bot; nothing more is sent to them.
    blocked_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)


class Delegation(Base):
    """A trade delegation (交易团) or sub-delegation whose members book meetings together."""

    __tablename__ = "delegations"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    name: Mapped[str] = mapped_column(String(120), unique=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)


class Invitation(Base):
    """A code an organiser hands out: joins a delegation or links exhibitor staff."""

    __tablename__ = "invitations"

    code: Mapped[str] = mapped_column(String(16), primary_key=True)
    kind: Mapped[str] = mapped_column(String(16))  # "delegation" or "exhibitor"
    target: Mapped[str] = mapped_column(String(64))
    created_by: Mapped[int] = mapped_column(BigInteger)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)


class ExhibitorStaff(Base):
    __tablename__ = "exhibitor_staff"

    user_id: Mapped[int] = mapped_column(
        ForeignKey("users.id", ondelete="CASCADE"), primary_key=True
    )
    exhibitor_id: Mapped[str] = mapped_column(
        ForeignKey("exhibitors.id", ondelete="CASCADE"), primary_key=True, index=True
    )


class Exhibitor(Base):
    __tablename__ = "exhibitors"

    id: Mapped[str] = mapped_column(String(64), primary_key=True)
    name_en: Mapped[str] = mapped_column(String(200))
    name_zh: Mapped[str | None] = mapped_column(String(200))
    country: Mapped[str] = mapped_column(String(2), index=True)
    area: Mapped[str] = mapped_column(String(16), index=True)
    hall: Mapped[str] = mapped_column(String(8), index=True)
    booth: Mapped[str] = mapped_column(String(32))
    products: Mapped[str] = mapped_column(Text)
    description_en: Mapped[str | None] = mapped_column(Text)
    description_zh: Mapped[str | None] = mapped_column(Text)
    languages: Mapped[str | None] = mapped_column(String(64))
    website: Mapped[str | None] = mapped_column(String(300))
    email: Mapped[str | None] = mapped_column(String(200))
    # Other names people use for the company, ";"-separated, any language (西门子医疗).
    aliases: Mapped[str | None] = mapped_column(Text)
    # Set when an updated catalog no longer lists the exhibitor and the organiser prunes it.
    retired_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    # Derived at import: product categories (" cat1 cat2 ") and a lower-cased search text.
    categories: Mapped[str] = mapped_column(Text, default="")
    search_text: Mapped[str] = mapped_column(Text, default="")
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow, onupdate=utcnow)


class ExhibitorCategory(Base):
    """Exhibitor -> product category, indexed both ways so category search needs no scan."""

    __tablename__ = "exhibitor_categories"

    exhibitor_id: Mapped[str] = mapped_column(
        ForeignKey("exhibitors.id", ondelete="CASCADE"), primary_key=True
    )
    category: Mapped[str] = mapped_column(String(64), primary_key=True, index=True)


class Event(Base):
    __tablename__ = "events"

    id: Mapped[str] = mapped_column(String(64), primary_key=True)
    title_en: Mapped[str] = mapped_column(String(300))
    title_zh: Mapped[str | None] = mapped_column(String(300))
    city: Mapped[str] = mapped_column(String(32), index=True)
    venue: Mapped[str] = mapped_column(String(300))
    starts_at: Mapped[datetime] = mapped_column(UTCDateTime, index=True)
    ends_at: Mapped[datetime] = mapped_column(UTCDateTime)
    products: Mapped[str | None] = mapped_column(Text)
    url: Mapped[str | None] = mapped_column(String(300))
    categories: Mapped[str] = mapped_column(Text, default="")
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow, onupdate=utcnow)


class Subscription(Base):
    __tablename__ = "subscriptions"
    __table_args__ = (UniqueConstraint("user_id", "city", "product", name="uq_subscription"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    city: Mapped[str] = mapped_column(String(32), default="")
    product: Mapped[str] = mapped_column(String(64), default="")
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)


class ExhibitorSchedule(Base):
    """Meeting hours an exhibitor offers; without rows the configured default applies."""

    __tablename__ = "exhibitor_schedules"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    exhibitor_id: Mapped[str] = mapped_column(
        ForeignKey("exhibitors.id", ondelete="CASCADE"), index=True
    )
    day: Mapped[date | None] = mapped_column(Date)  # None: every expo day
    starts: Mapped[time] = mapped_column(Time)  # Asia/Shanghai wall-clock time
    ends: Mapped[time] = mapped_column(Time)
    slot_minutes: Mapped[int] = mapped_column(Integer)


class Meeting(Base):
    """A matchmaking meeting with an exhibitor, booked by `user_id` for its attendees.

    The database keeps an exhibitor's booked meetings from overlapping: a unique index per
    slot, plus an exclusion constraint (PostgreSQL) or a trigger (SQLite) for any overlap."""

    __tablename__ = "meetings"
    __table_args__ = (
        Index(
            "uq_meeting_exhibitor_slot",
            "exhibitor_id",
            "starts_at",
            unique=True,
            sqlite_where=text("status = 'booked'"),
            postgresql_where=text("status = 'booked'"),
        ),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    exhibitor_id: Mapped[str] = mapped_column(ForeignKey("exhibitors.id", ondelete="CASCADE"))
    starts_at: Mapped[datetime] = mapped_column(UTCDateTime)
    ends_at: Mapped[datetime] = mapped_column(UTCDateTime)
    status: Mapped[str] = mapped_column(String(16), default="booked")  # booked/cancelled/declined
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    # Nullable only because SQLite cannot add a NOT NULL column to existing rows.
    updated_at: Mapped[datetime | None] = mapped_column(
        UTCDateTime, default=utcnow, onupdate=utcnow
    )


class MeetingAttendee(Base):
    """A person at a meeting. Times are copied from the meeting so the database can keep
    one person's active meetings from overlapping (exclusion constraint or trigger)."""

    __tablename__ = "meeting_attendees"
    __table_args__ = (
        Index(
            "uq_attendee_slot",
            "user_id",
            "starts_at",
            unique=True,
            sqlite_where=text("active"),
            postgresql_where=text("active"),
        ),
    )

    meeting_id: Mapped[int] = mapped_column(
        ForeignKey("meetings.id", ondelete="CASCADE"), primary_key=True
    )
    user_id: Mapped[int] = mapped_column(
        ForeignKey("users.id", ondelete="CASCADE"), primary_key=True, index=True
    )
    starts_at: Mapped[datetime] = mapped_column(UTCDateTime)
    ends_at: Mapped[datetime] = mapped_column(UTCDateTime)
    active: Mapped[bool] = mapped_column(Boolean, default=True)


class Notification(Base):
    """The outbox: every message sent on our own initiative (reminders, notices, alerts,
    broadcasts). The unique key makes each delivery happen at most once, across restarts."""

    __tablename__ = "notifications"
    __table_args__ = (
        Index("ix_notifications_due", "status", "due_at"),
        Index("ix_notifications_kind_ref", "kind", "ref", "status"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    key: Mapped[str] = mapped_column(String(160), unique=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    kind: Mapped[str] = mapped_column(String(16))
    ref: Mapped[str] = mapped_column(String(64), default="")
    due_at: Mapped[datetime] = mapped_column(UTCDateTime)
    # pending -> sending -> sent | failed | blocked | uncertain; or cancelled before it is due.
    # `sending` is written right before the request is made: a crash after it leaves the
    # message `uncertain` (maybe delivered); one before it leaves it pending, sent later.
    status: Mapped[str] = mapped_column(String(12), default="pending")
    attempts: Mapped[int] = mapped_column(Integer, default=0)
    sent_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    error: Mapped[str | None] = mapped_column(String(200))
    # The app process holding the message (claimed to be sent, or in flight) until
    # `lease_until`; it renews the lease while it lives, so a dead process's claims lapse.
    claimed_by: Mapped[str | None] = mapped_column(String(64))
    lease_until: Mapped[datetime | None] = mapped_column(UTCDateTime)


class Broadcast(Base):
    """An organiser's message to many people: texts per language, a target, a send time."""

    __tablename__ = "broadcasts"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    created_by: Mapped[int] = mapped_column(BigInteger)  # the admin's Telegram id
    # {"en": "...", "zh": "..."}: each person gets their language, else English.
    texts: Mapped[dict[str, str]] = mapped_column(JSON, default=dict)
    target_kind: Mapped[str] = mapped_column(String(16), default="all")  # all/city/lang/delegation
    target_value: Mapped[str] = mapped_column(String(64), default="")
    status: Mapped[str] = mapped_column(String(12), default="draft")  # draft/queued/cancelled
    send_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)


class DialogueState(Base):
    """What one conversation is about (last list, focus, open form), so a message can be read
    in context. One row per person and chat; removed with the person."""

    __tablename__ = "dialogue_states"

    user_id: Mapped[int] = mapped_column(
        ForeignKey("users.id", ondelete="CASCADE"), primary_key=True
    )
    chat_id: Mapped[int] = mapped_column(BigInteger, primary_key=True)
    data: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)


class CatalogSource(Base):
    """Whether the exhibitors (or events) loaded last came from the demo files, so replies
    say the companies are fictitious only when they are; and what the last exhibitor import
    read and left, so the same file imported again over an untouched catalog is recognised
    without reading it (see core.imports)."""

    __tablename__ = "catalog_sources"

    kind: Mapped[str] = mapped_column(String(16), primary_key=True)  # "exhibitors", "events"
    demo: Mapped[bool] = mapped_column(Boolean, default=False)
    imported_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    file_sha256: Mapped[str | None] = mapped_column(String(64))  # the file's bytes
    state_sha256: Mapped[str | None] = mapped_column(String(64))  # the rows as left
    listed: Mapped[int | None] = mapped_column(Integer)  # rows the file has
    missing: Mapped[str | None] = mapped_column(Text)  # ";"-separated ids it does not list


class WebInboxItem(Base):
    """A message sent on our own to a web chat visitor (a reminder, an alert, a broadcast):
    shown live on an open page and kept until the page has shown it."""

    __tablename__ = "web_inbox"
    __table_args__ = (Index("ix_web_inbox_user_seen", "user_id", "seen_at", "id"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"))
    # The reply as the page draws it (text runs, buttons, a file link).
    payload: Mapped[dict[str, Any]] = mapped_column(JSON)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    seen_at: Mapped[datetime | None] = mapped_column(UTCDateTime)


class WebFile(Base):
    """A file a reply carries (a calendar export), downloadable by its owner for a while."""

    __tablename__ = "web_files"

    token: Mapped[str] = mapped_column(String(32), primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    filename: Mapped[str] = mapped_column(String(120))
    mime_type: Mapped[str] = mapped_column(String(64))
    content: Mapped[bytes] = mapped_column(LargeBinary)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow, index=True)


class InboxUpdate(Base):
    """An update received from a channel, written before it is confirmed to the channel so
    that a crash loses none. received -> replying (handled, its reply kept here, in the
    handling transaction) -> sending (the reply's request was made) -> done."""

    __tablename__ = "inbox"
    __table_args__ = (
        UniqueConstraint("channel", "update_id", name="uq_inbox_channel_update"),
        Index("ix_inbox_state", "state", "received_at"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    channel: Mapped[str] = mapped_column(String(16))
    update_id: Mapped[int] = mapped_column(BigInteger)
    chat_id: Mapped[int | None] = mapped_column(BigInteger)
    payload: Mapped[dict[str, Any]] = mapped_column(JSON)
    state: Mapped[str] = mapped_column(String(12), default="received")
    reply: Mapped[dict[str, Any] | None] = mapped_column(JSON)
    received_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    finished_at: Mapped[datetime | None] = mapped_column(UTCDateTime)


class SendBudget(Base):
    """Telegram's sending rate shared by every app process on one PostgreSQL: the next free
    slot for any message and for bulk messages (GCRA "theoretical arrival times", seconds
    of the database clock), reserved with one UPDATE per message."""

    __tablename__ = "send_budget"

    name: Mapped[str] = mapped_column(String(32), primary_key=True)
    next_any: Mapped[float] = mapped_column(Float, default=0.0)
    next_bulk: Mapped[float] = mapped_column(Float, default=0.0)
