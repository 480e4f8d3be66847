"""Event alerts: subscriptions by city and product, an alert when a matching event is
imported or changed, and a reminder the day before events a person chose."""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from datetime import datetime, timedelta

from sqlalchemy import delete, or_, select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from core import outbox
from core.models import Event, Notification, Subscription, User

EVENT_NEW, EVENT_CHANGED, EVENT_REMINDER = "event_new", "event_changed", "event_reminder"


def find(session: Session, user: User, city: str = "", product: str = "") -> Subscription | None:
    return session.scalar(
        select(Subscription).where(
            Subscription.user_id == user.id,
            Subscription.city == city,
            Subscription.product == product,
        )
    )


def subscribe(session: Session, user: User, city: str = "", product: str = "") -> bool:
    """False when the person already has this subscription."""
    if find(session, user, city, product) is not None:
        return False
    try:
        with session.begin_nested():
            session.add(Subscription(user_id=user.id, city=city, product=product))
    except IntegrityError:
        return False
    return True


def subscriptions(session: Session, user: User) -> list[Subscription]:
    return list(
        session.scalars(
            select(Subscription)
            .where(Subscription.user_id == user.id)
            .order_by(Subscription.city, Subscription.product)
        ).all()
    )


def unsubscribe(
    session: Session, user: User, *, city: str | None = None, sub_id: int | None = None
) -> int:
    """Removes one subscription (by id), those for a city, or (neither given) all."""
    statement = delete(Subscription).where(Subscription.user_id == user.id)
    if sub_id is not None:
        statement = statement.where(Subscription.id == sub_id)
    elif city is not None:
        statement = statement.where(Subscription.city == city)
    return int(getattr(session.execute(statement), "rowcount", 0) or 0)


def version(event: Event) -> str:
    """Changes whenever what a subscriber sees changes, so each change alerts once."""
    fields = (event.title_en, event.title_zh, event.city, event.venue, event.starts_at.isoformat(),
              event.ends_at.isoformat(), event.products, event.url)  # fmt: skip
    return hashlib.sha256(repr(fields).encode()).hexdigest()[:12]


def subscribers(session: Session, event: Event) -> list[int]:
    categories = [c for c in event.categories.split() if c]
    statement = (
        select(Subscription.user_id)
        .join(User, User.id == Subscription.user_id)
        .where(
            or_(Subscription.city == "", Subscription.city == event.city),
            or_(Subscription.product == "", Subscription.product.in_(categories)),
            User.blocked_at.is_(None),
        )
        .distinct()
    )
    return list(session.scalars(statement).all())


def queue_event_alerts(
    session: Session, event_ids: Sequence[str], created: set[str], now: datetime
) -> int:
    """One alert per matching subscriber for each new or changed upcoming event."""
    queued = 0
    for event_id in event_ids:
        event = session.get(Event, event_id)
        if event is None or event.ends_at < now:
            continue
        kind = EVENT_NEW if event_id in created else EVENT_CHANGED
        if kind == EVENT_CHANGED:
            move_event_reminders(session, event)
        stamp = version(event)
        for user_id in subscribers(session, event):
            key = f"alert:{event.id}:{stamp}:{user_id}"
            queued += outbox.enqueue(
                session, key=key, user_id=user_id, kind=kind, ref=event.id, due_at=now
            )
    return queued


def remind_before(session: Session, user: User, event: Event, now: datetime) -> str:
    """Asks for a reminder the day before: "queued", "exists" or "too_late"."""
    due = event.starts_at - timedelta(days=1)
    if due <= now:
        return "too_late"
    key = f"event_reminder:{event.id}:{user.id}"
    queued = outbox.enqueue(
        session, key=key, user_id=user.id, kind=EVENT_REMINDER, ref=event.id, due_at=due
    )
    return "queued" if queued else "exists"


def move_event_reminders(session: Session, event: Event) -> None:
    """A changed start time moves the reminders that are still to come."""
    session.execute(
        update(Notification)
        .where(
            Notification.kind == EVENT_REMINDER,
            Notification.ref == event.id,
            Notification.status == outbox.PENDING,
        )
        .values(due_at=event.starts_at - timedelta(days=1))
    )
