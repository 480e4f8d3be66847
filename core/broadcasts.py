"""Organiser broadcasts: draft, texts per language, target, queue (now or later), cancel,
and a delivery report. Queuing writes one outbox row per recipient in a single statement;
the unique key keeps anyone from getting the same broadcast twice."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import String, cast, func, literal, select, update
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.orm import Session
from sqlalchemy.sql import Select

from core import outbox
from core.models import Broadcast, Notification, Subscription, User

KIND = "broadcast"
TARGETS = ("all", "city", "lang", "delegation")
DRAFT, QUEUED, CANCELLED = "draft", "queued", "cancelled"
CHANNELS = ("telegram", "web")


# Characters a broadcast text may hold: with the card's header it stays within one Telegram
# message (4,096 characters).
MAX_TEXT = 3500


def create(session: Session, admin_id: int, locale: str, text: str) -> Broadcast:
    broadcast = Broadcast(created_by=admin_id, texts={locale: text}, target_kind="all",
                          target_value="", status=DRAFT)  # fmt: skip
    session.add(broadcast)
    session.flush()
    return broadcast


def set_text(broadcast: Broadcast, locale: str, text: str) -> None:
    broadcast.texts = {**broadcast.texts, locale: text}  # a new dict, so the change is seen


def text_for(broadcast: Broadcast, locale: str) -> str:
    texts = broadcast.texts
    return texts.get(locale) or texts.get("en") or next(iter(texts.values()), "")


def recipients(broadcast: Broadcast) -> Select[int]:
    """People the broadcast targets on Telegram and the web chat, minus those who blocked
    the bot (console users are local test identities)."""
    statement = select(User.id).where(User.channel.in_(CHANNELS), User.blocked_at.is_(None))
    kind, value = broadcast.target_kind, broadcast.target_value
    if kind == "city":
        statement = statement.where(
            User.id.in_(select(Subscription.user_id).where(Subscription.city == value))
        )
    elif kind == "lang":
        language = func.coalesce(
            User.locale, User.message_locale, func.substr(User.client_language, 1, 2)
        )
        statement = statement.where(language == value)
    elif kind == "delegation":
        statement = statement.where(User.delegation_id == int(value or 0))
    return statement


def count_recipients(session: Session, broadcast: Broadcast) -> int:
    return int(
        session.scalar(select(func.count()).select_from(recipients(broadcast).subquery())) or 0
    )


def queue(session: Session, broadcast: Broadcast, send_at: datetime) -> int:
    """Queues one message per recipient (again after a cancel: only the ones not sent)."""
    broadcast.status, broadcast.send_at = QUEUED, send_at
    # Rows of an earlier, cancelled queuing come back; sent ones stay sent.
    session.execute(
        update(Notification)
        .where(Notification.kind == KIND, Notification.ref == str(broadcast.id),
               Notification.status == outbox.CANCELLED)
        .values(status=outbox.PENDING, due_at=send_at, claimed_by=None, lease_until=None)
    )  # fmt: skip
    people = recipients(broadcast).subquery()
    rows = select(
        literal(f"{KIND}:{broadcast.id}:") + cast(people.c.id, String),
        people.c.id,
        literal(KIND),
        literal(str(broadcast.id)),
        literal(send_at, type_=Notification.due_at.type),
        literal(outbox.PENDING),
        literal(0),
    ).where(people.c.id.is_not(None))  # SQLite needs a WHERE before ON CONFLICT
    columns = ["key", "user_id", "kind", "ref", "due_at", "status", "attempts"]
    dialect = postgresql if session.get_bind().dialect.name == "postgresql" else sqlite
    statement = dialect.insert(Notification).from_select(columns, rows).on_conflict_do_nothing()
    session.execute(statement)
    return count_recipients(session, broadcast)


def cancel(session: Session, broadcast: Broadcast) -> int:
    """Stops what has not gone out yet; returns how many messages were stopped."""
    broadcast.status = CANCELLED
    return outbox.cancel_pending(session, kind=KIND, ref=str(broadcast.id))


def resend_uncertain(session: Session, broadcast: Broadcast, now: datetime) -> int:
    """Queues again the messages whose delivery is unknown (the app stopped, or Telegram did
    not answer, after the request was made). The organiser decides: some people may get
    the message twice."""
    if broadcast.status != QUEUED:
        return 0
    return outbox.resend_uncertain(session, kind=KIND, ref=str(broadcast.id), due_at=now)


def report(session: Session, broadcast: Broadcast) -> dict[str, int]:
    rows = session.execute(
        select(Notification.status, func.count())
        .where(Notification.kind == KIND, Notification.ref == str(broadcast.id))
        .group_by(Notification.status)
    ).all()
    return {status: int(count) for status, count in rows}


def recent(session: Session, limit: int = 10) -> list[Broadcast]:
    return list(session.scalars(select(Broadcast).order_by(Broadcast.id.desc()).limit(limit)).all())
