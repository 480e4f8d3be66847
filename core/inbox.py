"""The inbox: every update a channel delivers is written here before it is confirmed to the
channel, and answered from here, so a crash neither loses nor repeats an answer.

received -> replying -> sending -> done. The handling transaction (the router's) moves a
row from received to replying and keeps the reply in it, together with what the message
changed; so a restart answers a received row by handling it, and a replying row by sending
the kept reply, never handling a message twice. `sending` is set when the reply's request is
made: a crash after that may or may not have delivered it, so it is not sent again.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import delete, select, update
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.orm import Session

from core import db
from core.models import InboxUpdate

RECEIVED, REPLYING, SENDING, DONE = "received", "replying", "sending", "done"
UNFINISHED = (RECEIVED, REPLYING, SENDING)


def record(
    session: Session,
    channel: str,
    update_id: int,
    chat_id: int | None,
    payload: dict[str, Any],
    now: datetime,
) -> bool:
    """Keeps a received update; False when it is here already (the channel sent it again)."""
    insert = postgresql.insert if session.get_bind().dialect.name == "postgresql" else sqlite.insert
    result = session.execute(
        insert(InboxUpdate)
        .values(
            channel=channel,
            update_id=update_id,
            chat_id=chat_id,
            payload=payload,
            state=RECEIVED,
            received_at=now,
        )
        .on_conflict_do_nothing()
        .returning(InboxUpdate.id)
    )
    return result.first() is not None


def lock(session: Session, channel: str, update_id: int) -> InboxUpdate | None:
    """The update's row, locked until the transaction ends: whoever handles it first wins."""
    return session.scalars(
        select(InboxUpdate)
        .where(InboxUpdate.channel == channel, InboxUpdate.update_id == update_id)
        .with_for_update()
    ).one_or_none()


def replied(session: Session, row: InboxUpdate, reply: dict[str, Any]) -> None:
    """Handled: the reply waits in the row, committed with what the message changed. When the
    message changed only light state, this write does not make its commit wait for disk."""
    row.state, row.reply = REPLYING, reply
    session.flush()
    db.relax_commit_unless_written(session, {"dialogue_states", InboxUpdate.__tablename__})


def sending(session: Session, channel: str, update_id: int) -> None:
    """The reply's request is about to be made. This commit does not wait for the disk: it
    must be quick, and only a crash of the database server (not of the app) can undo it."""
    session.execute(
        update(InboxUpdate)
        .where(
            InboxUpdate.channel == channel,
            InboxUpdate.update_id == update_id,
            InboxUpdate.state.in_((RECEIVED, REPLYING)),
        )
        .values(state=SENDING)
    )
    db.relax_commit_unless_written(session, {InboxUpdate.__tablename__})


def finish(session: Session, channel: str, update_id: int, now: datetime) -> None:
    session.execute(
        update(InboxUpdate)
        .where(
            InboxUpdate.channel == channel,
            InboxUpdate.update_id == update_id,
            InboxUpdate.state != DONE,
        )
        .values(state=DONE, reply=None, finished_at=now)
    )
    db.relax_commit_unless_written(session, {InboxUpdate.__tablename__})


def unfinished(
    session: Session, channel: str, received_before: datetime | None = None
) -> list[InboxUpdate]:
    """Updates not yet answered, oldest first."""
    query = select(InboxUpdate).where(
        InboxUpdate.channel == channel, InboxUpdate.state.in_(UNFINISHED)
    )
    if received_before is not None:
        query = query.where(InboxUpdate.received_at < received_before)
    return list(session.scalars(query.order_by(InboxUpdate.update_id)))


def prune(session: Session, before: datetime) -> int:
    """Forgets answered updates; they are kept a while so a late duplicate is recognised."""
    result = session.execute(
        delete(InboxUpdate).where(InboxUpdate.state == DONE, InboxUpdate.finished_at < before)
    )
    return int(result.rowcount)  # type: ignore[attr-defined]
