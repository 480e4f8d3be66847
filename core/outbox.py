"""The outbox: messages we send on our own (reminders, notices, alerts, broadcasts).

Each row has a unique key, so the same delivery is never queued twice. A row is claimed
(pending -> sending) in its own committed transaction before it is sent, so a restart
never sends it again: a row left in `sending` by a crash is marked failed, not resent.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime

from sqlalchemy import select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from core.models import Notification, User

PENDING, SENDING, SENT, FAILED, BLOCKED, CANCELLED = (
    "pending",
    "sending",
    "sent",
    "failed",
    "blocked",
    "cancelled",
)


def enqueue(
    session: Session, *, key: str, user_id: int, kind: str, ref: str, due_at: datetime
) -> bool:
    """Queues one message; False when this key is queued or done already. A message that
    was cancelled before it went out (a reminder switched off) is queued again."""
    existing = session.scalar(select(Notification).where(Notification.key == key))
    if existing is not None:
        if existing.status != CANCELLED:
            return False
        existing.status, existing.due_at = PENDING, due_at
        return True
    try:
        with session.begin_nested():
            session.add(
                Notification(
                    key=key,
                    user_id=user_id,
                    kind=kind,
                    ref=ref,
                    due_at=due_at,
                    status=PENDING,
                    attempts=0,
                )
            )
    except IntegrityError:  # queued by a concurrent transaction
        return False
    return True


def cancel_pending(session: Session, *, kind: str, ref: str, user_ids: Iterable[int] = ()) -> int:
    statement = update(Notification).where(
        Notification.kind == kind, Notification.ref == ref, Notification.status == PENDING
    )
    users = list(user_ids)
    if users:
        statement = statement.where(Notification.user_id.in_(users))
    result = session.execute(statement.values(status=CANCELLED))
    return int(getattr(result, "rowcount", 0) or 0)


def reschedule_pending(
    session: Session, *, kind: str, ref: str, user_id: int, due_at: datetime
) -> None:
    session.execute(
        update(Notification)
        .where(
            Notification.kind == kind,
            Notification.ref == ref,
            Notification.user_id == user_id,
            Notification.status == PENDING,
        )
        .values(due_at=due_at)
    )


def due_ids(session: Session, now: datetime, limit: int, channel: str) -> list[int]:
    """Due messages for people on this channel (Telegram ids mean nothing to the console)."""
    statement = (
        select(Notification.id)
        .join(User, User.id == Notification.user_id)
        .where(Notification.status == PENDING, Notification.due_at <= now, User.channel == channel)
        .order_by(Notification.due_at, Notification.id)
        .limit(limit)
    )
    return list(session.scalars(statement).all())


def claim(session: Session, notification_id: int) -> bool:
    """pending -> sending; False when another worker claimed it first."""
    result = session.execute(
        update(Notification)
        .where(Notification.id == notification_id, Notification.status == PENDING)
        .values(status=SENDING, attempts=Notification.attempts + 1)
    )
    return bool(getattr(result, "rowcount", 0))


def finish(
    session: Session, notification_id: int, status: str, now: datetime, error: str | None = None
) -> None:
    session.execute(
        update(Notification)
        .where(Notification.id == notification_id)
        .values(
            status=status,
            sent_at=now if status == SENT else None,
            error=(error or None) and error[:200],
        )
    )


def release(session: Session, notification_id: int, due_at: datetime) -> None:
    """Puts a claimed row back (Telegram asked us to wait), to be sent at `due_at`."""
    session.execute(
        update(Notification)
        .where(Notification.id == notification_id, Notification.status == SENDING)
        .values(status=PENDING, due_at=due_at)
    )


def fail_interrupted(session: Session) -> int:
    """At start-up: rows a crash left in `sending` may have gone out; never send them twice."""
    result = session.execute(
        update(Notification)
        .where(Notification.status == SENDING)
        .values(status=FAILED, error="interrupted by a restart; maybe delivered")
    )
    return int(getattr(result, "rowcount", 0) or 0)
