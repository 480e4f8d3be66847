"""The outbox: messages we send on our own (reminders, notices, alerts, broadcasts).

Each row has a unique key, so the same delivery is never queued twice. A sending process
first claims due rows (`claimed_by`, with a lease it renews while it lives; on PostgreSQL
with FOR UPDATE SKIP LOCKED, so several processes share the work). A row turns `sending`
only right before its request is made, and only if the claim is still this process's: a
crash before that leaves it pending (its lease lapses and it is sent later, once); a crash
after it leaves it `uncertain` (maybe delivered), which is never resent by itself but can
be by the organiser.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime

from sqlalchemy import ColumnElement, Connection, or_, select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from core.models import Notification, User

PENDING, SENDING, SENT, FAILED, BLOCKED, CANCELLED, UNCERTAIN = (
    "pending",
    "sending",
    "sent",
    "failed",
    "blocked",
    "cancelled",
    "uncertain",
)
INTERRUPTED = "the app stopped while sending it; maybe delivered"
# Messages to one person (reminders, meeting changes, alerts) go before broadcasts.
BROADCASTS_LAST = Notification.kind == "broadcast"


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
        existing.claimed_by = existing.lease_until = None
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


def claim_due(
    session: Session,
    *,
    worker: str,
    now: datetime,
    lease_now: datetime,
    lease_until: datetime,
    channel: str,
    limit: int,
) -> list[int]:
    """Claims up to `limit` due messages for people on this channel (Telegram ids mean
    nothing to the console): unclaimed ones, or ones whose claimer's lease lapsed. Rows
    another transaction is claiming right now are skipped, not waited for."""
    ids = list(
        session.scalars(
            select(Notification.id)
            .join(User, User.id == Notification.user_id)
            .where(
                Notification.status == PENDING,
                Notification.due_at <= now,
                User.channel == channel,
                or_(Notification.lease_until.is_(None), Notification.lease_until < lease_now),
            )
            .order_by(BROADCASTS_LAST, Notification.due_at, Notification.id)
            .limit(limit)
            .with_for_update(of=Notification, skip_locked=True)
        ).all()
    )
    if ids:
        session.execute(
            update(Notification)
            .where(Notification.id.in_(ids))
            .values(claimed_by=worker, lease_until=lease_until)
        )
    return ids


def mark_in_flight(session: Session | Connection, notification_id: int, worker: str) -> bool:
    """pending -> sending, right before the request; False when the claim is no longer this
    worker's (its lease lapsed and another took it, or the message was cancelled): then the
    request must not be made."""
    result = session.execute(
        update(Notification)
        .where(
            Notification.id == notification_id,
            Notification.status == PENDING,
            Notification.claimed_by == worker,
        )
        .values(status=SENDING, attempts=Notification.attempts + 1)
    )
    return bool(getattr(result, "rowcount", 0))


def finish(
    session: Session,
    notification_id: int,
    status: str,
    now: datetime,
    error: str | None = None,
    worker: str | None = None,
) -> None:
    """Records the outcome; with `worker`, only while that worker still holds the row."""
    statement = update(Notification).where(Notification.id == notification_id)
    if worker is not None:
        statement = statement.where(Notification.claimed_by == worker)
    session.execute(
        statement.values(
            status=status,
            sent_at=now if status == SENT else None,
            error=(error or None) and error[:200],
            claimed_by=None,
            lease_until=None,
        )
    )


def release(
    session: Session, ids: Iterable[int], worker: str, due_at: datetime | None = None
) -> None:
    """Gives claimed messages back, unsent: the app is stopping, or Telegram asked us to
    wait (the request was refused, so nothing went out), then to be sent at `due_at`."""
    values: dict[str, object] = {"status": PENDING, "claimed_by": None, "lease_until": None}
    if due_at is not None:
        values["due_at"] = due_at
    session.execute(
        update(Notification)
        .where(
            Notification.id.in_(list(ids)),
            Notification.claimed_by == worker,
            Notification.status.in_((PENDING, SENDING)),
        )
        .values(**values)
    )


def renew(session: Session, ids: Iterable[int], worker: str, lease_until: datetime) -> None:
    """The heartbeat of a living sender: its claims stay its own. Rows being written
    this instant (an outcome recorded by the same sender) are skipped, never waited for:
    two transactions locking the same rows in different orders would deadlock."""
    held = list(ids)
    if held:
        free = _unlocked(session, Notification.id.in_(held), Notification.claimed_by == worker)
        if free:
            session.execute(
                update(Notification)
                .where(Notification.id.in_(free))
                .values(lease_until=lease_until)
            )


def _unlocked(session: Session, *conditions: ColumnElement[bool]) -> list[int]:
    """The ids of the rows matching, locked in id order, without those another
    transaction holds."""
    return list(
        session.scalars(
            select(Notification.id)
            .where(*conditions)
            .order_by(Notification.id)
            .with_for_update(skip_locked=True)
        ).all()
    )


def expire_flights(session: Session, lease_now: datetime) -> int:
    """Messages in flight in a process that stopped renewing its lease (it died): they may
    have gone out, so they become uncertain, never resent by themselves. Its claims that
    never reached a request need nothing: they are claimable again."""
    lapsed = _unlocked(
        session, Notification.status == SENDING, Notification.lease_until < lease_now
    )
    if lapsed:
        session.execute(
            update(Notification)
            .where(Notification.id.in_(lapsed))
            .values(status=UNCERTAIN, error=INTERRUPTED)
        )
    return len(lapsed)


def recover_alone(session: Session) -> int:
    """At start-up when this process is the only sender (SQLite): whatever was in flight is
    uncertain, and claims a crash left behind are free at once."""
    result = session.execute(
        update(Notification)
        .where(Notification.status == SENDING)
        .values(status=UNCERTAIN, error=INTERRUPTED)
    )
    session.execute(
        update(Notification)
        .where(Notification.status == PENDING, Notification.claimed_by.is_not(None))
        .values(claimed_by=None, lease_until=None)
    )
    return int(getattr(result, "rowcount", 0) or 0)


def resend_uncertain(session: Session, *, kind: str, ref: str, due_at: datetime) -> int:
    """The organiser's choice: uncertain messages are queued again (some people may then get
    the message twice)."""
    result = session.execute(
        update(Notification)
        .where(Notification.kind == kind, Notification.ref == ref, Notification.status == UNCERTAIN)
        .values(status=PENDING, due_at=due_at, error=None, claimed_by=None, lease_until=None)
    )
    return int(getattr(result, "rowcount", 0) or 0)
