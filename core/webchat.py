"""What the web chat keeps: each visitor's inbox of messages sent on our own, and the files
replies carry (calendar exports), readable only with the visitor's own session."""

from __future__ import annotations

import secrets
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import delete, func, select, update
from sqlalchemy.orm import Session

from core.models import User, WebFile, WebInboxItem

CHANNEL = "web"
# A calendar file stays downloadable this long after the reply that offered it.
FILE_LIFETIME = timedelta(days=2)
# Messages the page has shown are kept a little while, then dropped; unseen ones wait longer.
SEEN_LIFETIME = timedelta(days=7)
UNSEEN_LIFETIME = timedelta(days=60)


def new_visitor_id() -> int:
    """A random id that a browser's number type holds exactly (53 bits), never 0."""
    return secrets.randbits(53) or 1


def visitor(session: Session, external_id: int) -> User | None:
    return session.scalar(
        select(User).where(User.channel == CHANNEL, User.external_id == external_id)
    )


def add_to_inbox(session: Session, user: User, payload: dict[str, Any], now: datetime) -> int:
    item = WebInboxItem(user_id=user.id, payload=payload, created_at=now)
    session.add(item)
    session.flush()
    return item.id


def unseen(
    session: Session, external_id: int, after: int = 0, limit: int = 50
) -> list[WebInboxItem]:
    """The visitor's messages the page has not shown yet, oldest first."""
    statement = (
        select(WebInboxItem)
        .join(User, User.id == WebInboxItem.user_id)
        .where(
            User.channel == CHANNEL,
            User.external_id == external_id,
            WebInboxItem.seen_at.is_(None),
            WebInboxItem.id > after,
        )
        .order_by(WebInboxItem.id)
        .limit(limit)
    )
    return list(session.scalars(statement).all())


def mark_seen(session: Session, external_id: int, upto: int, now: datetime) -> int:
    """The page showed the visitor's messages up to this id."""
    owner = select(User.id).where(User.channel == CHANNEL, User.external_id == external_id)
    result = session.execute(
        update(WebInboxItem)
        .where(
            WebInboxItem.user_id.in_(owner.scalar_subquery()),
            WebInboxItem.id <= upto,
            WebInboxItem.seen_at.is_(None),
        )
        .values(seen_at=now)
    )
    return int(getattr(result, "rowcount", 0) or 0)


def newest_id(session: Session) -> int:
    return int(session.scalar(select(func.max(WebInboxItem.id))) or 0)


def arrived_since(session: Session, after: int) -> list[tuple[int, int]]:
    """(inbox id, visitor id) of messages added after `after`, for the pages open now."""
    rows = session.execute(
        select(WebInboxItem.id, User.external_id)
        .join(User, User.id == WebInboxItem.user_id)
        .where(WebInboxItem.id > after)
        .order_by(WebInboxItem.id)
    ).all()
    return [(int(item), int(visitor_id)) for item, visitor_id in rows]


def store_file(
    session: Session, user: User, filename: str, mime_type: str, content: bytes, now: datetime
) -> str:
    token = secrets.token_urlsafe(18)
    session.add(
        WebFile(
            token=token,
            user_id=user.id,
            filename=filename[:120],
            mime_type=mime_type[:64],
            content=content,
            created_at=now,
        )
    )
    return token


def file_for(session: Session, external_id: int, token: str, now: datetime) -> WebFile | None:
    """The file, when it belongs to this visitor and has not expired."""
    return session.scalar(
        select(WebFile)
        .join(User, User.id == WebFile.user_id)
        .where(
            WebFile.token == token,
            User.channel == CHANNEL,
            User.external_id == external_id,
            WebFile.created_at > now - FILE_LIFETIME,
        )
    )


def prune(session: Session, now: datetime) -> None:
    session.execute(delete(WebFile).where(WebFile.created_at <= now - FILE_LIFETIME))
    session.execute(
        delete(WebInboxItem).where(
            WebInboxItem.seen_at.is_not(None), WebInboxItem.seen_at <= now - SEEN_LIFETIME
        )
    )
    session.execute(delete(WebInboxItem).where(WebInboxItem.created_at <= now - UNSEEN_LIFETIME))
