"""Post-expo spillover events in Delta cities."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import or_, select
from sqlalchemy.orm import Session

from core.models import Event


def upcoming(
    session: Session,
    now: datetime,
    *,
    city: str | None = None,
    categories: tuple[str, ...] = (),
    until: datetime | None = None,
    limit: int = 10,
) -> list[Event]:
    statement = select(Event).where(Event.ends_at >= now)
    if city:
        statement = statement.where(Event.city == city)
    if categories:
        # autoescape: "_" and "%" in a category id are characters, not LIKE wildcards.
        statement = statement.where(
            or_(*(Event.categories.contains(f" {c} ", autoescape=True) for c in categories))
        )
    if until is not None:  # exclusive
        statement = statement.where(Event.starts_at < until)
    return list(session.scalars(statement.order_by(Event.starts_at, Event.id).limit(limit)).all())


def title(event: Event, locale: str) -> str:
    if locale == "zh" and event.title_zh:
        return event.title_zh
    return event.title_en


def cities_with_events(session: Session, now: datetime) -> list[str]:
    statement = select(Event.city).where(Event.ends_at >= now).group_by(Event.city)
    return sorted(session.scalars(statement).all())
