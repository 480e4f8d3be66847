"""Users: the minimum we keep about a person, and how they delete it."""

from __future__ import annotations

from sqlalchemy import delete, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from core.models import User


def get_or_create(
    session: Session, channel: str, external_id: int, client_language: str | None = None
) -> User:
    user = session.scalar(
        select(User).where(User.channel == channel, User.external_id == external_id)
    )
    if user is None:
        user = User(channel=channel, external_id=external_id, client_language=client_language)
        try:
            with session.begin_nested():
                session.add(user)
        except IntegrityError:
            # Another update of the same person created it first.
            user = session.scalars(
                select(User).where(User.channel == channel, User.external_id == external_id)
            ).one()
    else:
        if client_language and user.client_language != client_language:
            user.client_language = client_language
        if user.blocked_at is not None:
            user.blocked_at = None  # they write to us again, so they unblocked the bot
    return user


def note_message_locale(user: User, detected: str | None) -> None:
    """Remembers the language of the conversation, so button presses follow it."""
    if detected and user.message_locale != detected:
        user.message_locale = detected


def set_locale(session: Session, user_id: int, locale: str) -> None:
    user = session.get(User, user_id)
    if user is not None:
        user.locale = locale


def delete_user(session: Session, channel: str, external_id: int) -> bool:
    """Deletes the person and, by cascade, their meetings and subscriptions."""
    result = session.execute(
        delete(User).where(User.channel == channel, User.external_id == external_id)
    )
    return bool(getattr(result, "rowcount", 0))
